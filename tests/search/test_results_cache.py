"""Search answers are kept in the shared cache per content generation and
audience: a repeated search costs no search, a publish is found at once,
and a partner member's answer never reaches anyone else."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.choices import Access
from search.service import search
from tests.factories import make_partner_member, make_tool, make_user

pytestmark = pytest.mark.django_db


def searched(query, user=None):
    with CaptureQueriesContext(connection) as queries:
        results = search(query, user=user, log=False)
    return results, len(queries)


def test_a_repeated_search_is_answered_from_the_cache(settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 60
    tool = make_tool(title="Tavlemøde på svejseværkstedet")
    searched("svejsning")  # the other caches a search reads
    first, cold = searched("tavlemøde")
    again, warm = searched("tavlemøde")
    assert (
        [hit.page_id for hit in again.hits]
        == [tool.pk]
        == [hit.page_id for hit in first.hits]
    )
    assert warm < cold


def test_a_publish_is_found_at_once(settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 60
    make_tool(title="Tavlemøde for begyndere")
    assert search("tavlemøde", log=False).total == 1
    make_tool(title="Tavlemøde for øvede")
    assert search("tavlemøde", log=False).total == 2


def test_a_members_answer_stays_with_members(settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 60
    make_tool(title="Tavlemøde, åbent for alle")
    make_tool(title="Tavlemøde, kun for partnere", access=Access.PARTNERS)
    member = make_partner_member("medlem")
    assert search("tavlemøde", user=member, log=False).total == 2
    for user in (None, make_user("udenfor")):
        results = search("tavlemøde", user=user, log=False)
        assert results.total == 1
        assert [hit.title for hit in results.hits] == ["Tavlemøde, åbent for alle"]
        assert "partnere" not in str([facet.values for facet in results.facets])


def test_the_cache_can_be_turned_off(settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    make_tool(title="Tavlemøde uden cache")
    searched("tavlemøde")  # the other caches a search reads
    _, second = searched("tavlemøde")
    _, third = searched("tavlemøde")
    assert third == second > 0
