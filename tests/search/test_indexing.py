"""Index management against the real server: rebuild with an alias swap
while searches go on, status and drift repair, and the clear error for an
analysis profile the cluster cannot serve."""

import threading
import uuid

from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from search.client import admin_client, alias_name
from search.service import search
from tests.factories import make_case, make_tool

pytestmark = pytest.mark.elasticsearch


# Committed data (site_tree is transactional): the searching thread's own
# connection re-checks every hit against the database (service.visible_only).
def test_rebuild_swaps_the_alias_while_searches_are_answered(site_tree, es_index):
    for number in range(12):
        make_tool(title=f"Værktøj nummer {number}")
    make_case(title="En case")
    es_index.rebuild(progress=False)
    first_index = es_index.alias_targets()
    expected = search("", log=False).total
    assert expected == 13

    answers, errors = [], []
    stop = threading.Event()

    def searcher():
        while not stop.is_set():
            try:
                results = search("", log=False)
                answers.append((results.total, results.backend, results.notice))
            except Exception as error:  # noqa: BLE001 - recorded for the assert
                errors.append(error)

    thread = threading.Thread(target=searcher)
    thread.start()
    try:
        for _ in range(3):
            stats = es_index.rebuild(progress=False)
            assert stats.documents == 13
    finally:
        stop.set()
        thread.join(timeout=30)

    assert not errors
    assert len(answers) > 3
    assert set(answers) == {(13, "elasticsearch", "")}
    targets = es_index.alias_targets()
    assert len(targets) == 1 and targets != first_index
    client = admin_client()
    assert not client.indices.exists(index=first_index[0])


def test_a_rebuilt_index_is_merged_and_searched_before_visitors_reach_it(
    es_index,
):
    from wagtail.contrib.search_promotions.models import Query

    for number in range(6):
        make_tool(title=f"Svejseguide {number}")
    Query.get("svejseguide").add_hit()
    stats = es_index.rebuild(progress=False)
    client = admin_client()
    searched = client.indices.stats(index=stats.index, metric="search")
    queries = searched["indices"][stats.index]["primaries"]["search"]["query_total"]
    # Building it queries it three times already; the warm-up adds
    # the empty listing and the logged query, each a hits and a facets request.
    assert queries >= 7, queries
    segments = client.indices.segments(index=stats.index)["indices"][stats.index]
    assert all(
        copy["num_search_segments"] <= 1
        for shard in segments["shards"].values()
        for copy in shard
    )


def test_status_and_sync_repair_drift(es_index, capsys):
    tool = make_tool(title="Værktøj der mangler i indekset")
    make_tool(title="Værktøj der findes")
    es_index.rebuild(progress=False)
    client = admin_client()
    client.delete(index=alias_name(), id=f"tool-{tool.pk}", refresh=True)
    client.index(
        index=alias_name(),
        id="tool-999999",
        document={"kind": "tool", "page_id": 999999, "title": "Spøgelse"},
        refresh=True,
    )
    status = es_index.status()
    assert set(status["drift"]) == {f"tool-{tool.pk}", "tool-999999"}
    call_command("search_index", "status")
    assert "afviger" in capsys.readouterr().out

    call_command("search_index", "sync")
    es_index.refresh()
    assert es_index.status()["drift"] == []
    assert status["kinds"]["tool"]["database"] == 2


def test_ensure_creates_the_index_once(elasticsearch_url, db, capsys):
    make_tool(title="Værktøj til ensure")
    prefix = f"test-vk-{uuid.uuid4().hex[:10]}"
    with override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=elasticsearch_url,
        SEARCH_INDEX_PREFIX=prefix,
        SEARCH_ANALYSIS_PROFILE="core",
    ):
        from search import indexing

        try:
            call_command("search_index", "ensure")
            assert "oprettet" in capsys.readouterr().out
            call_command("search_index", "ensure")
            assert "findes allerede" in capsys.readouterr().out
            assert len(indexing.alias_targets()) == 1
            assert indexing.status()["kinds"]["tool"] == {"index": 1, "database": 1}
        finally:
            indexing.delete_all()


def test_full_profile_on_a_bare_cluster_fails_clearly(elasticsearch_url, db):
    """The test server has no analysis-common module: the `full` profile must
    refuse with one clear error and leave no index behind."""
    prefix = f"test-vk-{uuid.uuid4().hex[:10]}"
    with override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=elasticsearch_url,
        SEARCH_INDEX_PREFIX=prefix,
        SEARCH_ANALYSIS_PROFILE="full",
    ):
        from search import indexing

        with pytest.raises(indexing.SearchClusterError, match="analysis-common"):
            indexing.create_index()
        with pytest.raises(CommandError, match="SEARCH_ANALYSIS_PROFILE=core"):
            call_command("search_index", "rebuild", "--no-progress")
        client = admin_client()
        assert not client.indices.get(index=f"{prefix}-*", ignore_unavailable=True)


def test_full_profile_mapping_uses_danish_analysis():
    """What the `full` profile asks of a normal cluster (this one can't run it)."""
    from search.documents import build_index

    body = build_index(
        "x", "full", [["ai", "kunstig intelligens"]], building=True
    ).to_dict()
    analysis = body["settings"]["analysis"]
    text_filters = analysis["analyzer"]["portal_text"]["filter"]
    search_filters = analysis["analyzer"]["portal_search"]["filter"]
    assert "scandinavian_normalization" in text_filters
    assert "asciifolding" not in text_filters + search_filters
    assert analysis["filter"]["danish_stemmer"]["language"] == "danish"
    assert analysis["filter"]["portal_synonyms"]["type"] == "synonym_graph"
    assert analysis["filter"]["portal_synonyms"]["synonyms"] == [
        "ai, kunstig intelligens"
    ]
    assert "portal_synonyms" in search_filters
    assert "portal_synonyms" not in text_filters
    title = body["mappings"]["properties"]["title"]
    assert title["search_analyzer"] == "portal_search"
