"""Danish compounds on Elasticsearch: a word found inside a compound the
dictionary does not know, two words written together, a long word split in
two. Tried only when the words as typed found nothing, so ordinary searches
pay nothing for it."""

import pytest

from core.choices import Access
from search.backends.elastic import compound_splits
from search.service import search
from tests.factories import make_partner_member, make_tool, make_user

pytestmark = pytest.mark.django_db


def test_a_long_word_is_tried_as_two():
    splits = compound_splits("kundeservicechatbot")
    assert ("kundeservice", "chatbot") in splits
    assert ("produktion", "plan") in compound_splits("produktionsplan")
    assert all(min(len(head), len(tail)) >= 4 for head, tail in splits)
    assert compound_splits("robot") == []


@pytest.mark.elasticsearch
def test_parts_of_compounds_find_the_tool(es_index):
    welding = make_tool(
        title="Promptbibliotek til robotsvejsning",
        summary="Prompts til programmering af svejserobotter.",
    )
    chatbot = make_tool(
        title="Chatbot til kundeservice",
        summary="En chatbot der svarer på spørgsmål om personalehåndbogen.",
    )
    make_tool(title="Tjekliste til lageret", summary="Orden på hylderne.")
    es_index.rebuild(progress=False)
    for query, tool in (
        ("svejsning", welding),
        ("kundeservicechatbot", chatbot),
        ("personale håndbog", chatbot),
        ("chatbotter", chatbot),
    ):
        results = search(query, log=False)
        assert results.backend == "elasticsearch", query
        assert [hit.page_id for hit in results.hits][:1] == [tool.pk], query


@pytest.mark.elasticsearch
def test_compounds_are_the_second_try(es_index):
    plain = make_tool(title="Svejsning for begyndere")
    make_tool(title="Promptbibliotek til robotsvejsning")
    es_index.rebuild(progress=False)
    # The word as typed matched, so no compound matching was asked for.
    assert [hit.page_id for hit in search("svejsning", log=False).hits] == [plain.pk]


@pytest.mark.elasticsearch
def test_pages_of_compound_matches(es_index):
    for number in range(23):
        make_tool(title=f"Robotsvejsning, del {number}")
    es_index.rebuild(progress=False)
    first = search("svejsning", log=False)
    second = search("svejsning", page=2, log=False)
    assert first.total == second.total == 23
    assert len(first.hits) == 20 and len(second.hits) == 3
    assert not {hit.page_id for hit in first.hits} & {
        hit.page_id for hit in second.hits
    }


@pytest.mark.elasticsearch
def test_partners_only_compounds_stay_in_the_circle(es_index):
    secret = make_tool(
        title="Intern robotsvejsning", access=Access.PARTNERS, summary="Kun partnere."
    )
    es_index.rebuild(progress=False)
    for user in (None, make_user("udenfor")):
        results = search("svejsning", user=user, log=False)
        assert results.total == 0 and not results.hits
        assert all(
            value.count == 0 for facet in results.facets for value in facet.values
        )
    member = make_partner_member("medlem")
    assert [
        hit.page_id for hit in search("svejsning", user=member, log=False).hits
    ] == [secret.pk]
