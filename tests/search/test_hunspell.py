"""The `hunspell` analysis profile: Danish lemmas from the hunspell
dictionary with only the server's core filters, synonyms expanded at query
time (no rebuild), æ/ø/å typed as ae/oe/aa, and one clear error from a node
that lacks the dictionary."""

import uuid

from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from search import documents
from search.client import admin_client
from search.models import SynonymGroup
from search.service import search
from tests.factories import make_tool

# The filters the integ-test server lacks (analysis-common): the profile
# must not need any of them.
ANALYSIS_COMMON = {
    "stemmer",
    "synonym",
    "synonym_graph",
    "scandinavian_normalization",
    "asciifolding",
    "keyword_repeat",
}


def test_hunspell_profile_mapping():
    body = documents.build_index(
        "x", "hunspell", [["ai", "kunstig intelligens"]], building=True
    ).to_dict()
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"] == {
        "portal_text": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "danish_stop", "danish_hunspell"],
        }
    }
    assert analysis["filter"] == {
        "danish_stop": {"type": "stop", "stopwords": "_danish_"},
        "danish_hunspell": {"type": "hunspell", "locale": "da_DK"},
    }
    title = body["mappings"]["properties"]["title"]
    assert title["analyzer"] == title["search_analyzer"] == "portal_text"


def test_every_profile_but_full_expands_synonyms_at_query_time():
    assert set(documents.PROFILE_MODULES) == {"full", "hunspell", "core"}
    assert set(documents.QUERY_TIME_SYNONYMS) == {"hunspell", "core"}
    help_text = str(SynonymGroup._meta.get_field("terms").help_text)
    assert "uden at indekset skal genopbygges" in help_text
    assert "analyseprofilen full" in help_text


def test_danish_letters_typed_without_a_danish_keyboard():
    assert documents.with_danish_letters("Vaerktoej") == "værktøj"
    assert documents.with_danish_letters("paa lageret") == "på lageret"
    assert documents.with_danish_letters("AI i produktion") == "ai i produktion"


@override_settings(SEARCH_ANALYSIS_PROFILE="snowball")
def test_an_unknown_profile_is_refused_by_name():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="'hunspell'"):
        documents.profile_name()


def analyse(client, text, filters):
    response = client.indices.analyze(tokenizer="standard", filter=filters, text=text)
    return [token["token"] for token in response["tokens"]]


@pytest.mark.elasticsearch
def test_the_core_server_has_every_filter_the_profile_uses(elasticsearch_url):
    """The test server is the bare integ-test distribution: the Danish stop
    words and hunspell come with the server itself."""
    client = admin_client()
    stop = {"type": "stop", "stopwords": "_danish_"}
    assert analyse(client, "Værktøjer til ledelsen og AI", ["lowercase", stop]) == [
        "værktøjer",
        "ledelsen",
        "ai",
    ]
    hunspell = {"type": "hunspell", "locale": "da_DK"}
    tokens = analyse(client, "Værktøjerne virksomhedens", ["lowercase", hunspell])
    assert tokens == ["værktøj", "virksomhed"]


@pytest.mark.elasticsearch
def test_inflections_and_typed_letters_find_the_tool(es_index):
    tool = make_tool(
        title="Værktøjer til virksomheder",
        summary="Sådan kommer ledelsen i gang med sidemandsoplæring.",
    )
    es_index.rebuild(progress=False)
    for query in ("værktøjet", "virksomhedens", "ledelse", "vaerktoejer"):
        results = search(query, log=False)
        assert results.backend == "elasticsearch"
        assert [hit.page_id for hit in results.hits] == [tool.pk], query


@pytest.mark.elasticsearch
def test_a_new_synonym_works_without_a_rebuild(es_index):
    tool = make_tool(title="Chatbot til kundeservice", summary="Svar på spørgsmål.")
    es_index.rebuild(progress=False)
    assert search("virtuel assistent", log=False).total == 0
    SynonymGroup.objects.create(terms="chatbot, virtuel assistent")
    results = search("virtuel assistent", log=False)
    assert results.backend == "elasticsearch"
    assert [hit.page_id for hit in results.hits] == [tool.pk]


@pytest.mark.elasticsearch
def test_a_node_without_the_dictionary_fails_clearly(
    elasticsearch_url, db, monkeypatch
):
    """Asked for a dictionary the node does not have, the rebuild stops
    before it creates an index, with one Danish error that says what to do."""
    monkeypatch.setitem(documents.PROFILE_DICTIONARIES, "hunspell", "xx_XX")
    prefix = f"test-vk-{uuid.uuid4().hex[:10]}"
    with override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=elasticsearch_url,
        SEARCH_INDEX_PREFIX=prefix,
        SEARCH_ANALYSIS_PROFILE="hunspell",
    ):
        from search import indexing

        with pytest.raises(indexing.SearchClusterError) as error:
            indexing.create_index()
        message = str(error.value)
        assert "kan ikke indlæse den danske ordbog xx_XX" in message
        assert "config/hunspell/xx_XX/" in message
        assert "hunspell-da" in message
        with pytest.raises(CommandError, match="SEARCH_ANALYSIS_PROFILE=core"):
            call_command("search_index", "rebuild", "--no-progress")
        client = admin_client()
        assert not client.indices.get(index=f"{prefix}-*", ignore_unavailable=True)
