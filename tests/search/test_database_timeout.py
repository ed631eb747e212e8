"""The database backend stops a search statement after
SEARCH_DATABASE_TIMEOUT: a fallback search nobody waits for must not go on
loading the database (issue 10, seen in the 50 000-document bench)."""

from django.db import connection

import pytest

from search.backends.database import SearchTookTooLong, time_limit
from search.service import search
from tests.factories import make_tool

pytestmark = pytest.mark.django_db

SLOW = {
    # Both run for many seconds unless stopped.
    "postgresql": "SELECT pg_sleep(5)",
    "sqlite": (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
        "WHERE i < 200000000) SELECT count(*) FROM n"
    ),
}


def test_a_slow_statement_is_stopped_on_this_engine():
    with (
        pytest.raises(SearchTookTooLong),
        time_limit(0.2),
        connection.cursor() as cursor,
    ):
        cursor.execute(SLOW[connection.vendor])
    # The connection is usable afterwards, and the limit is gone.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_a_fast_statement_is_left_alone():
    with time_limit(5), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_a_search_past_its_limit_says_so_instead_of_failing(settings, client):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's smallest limit (1 ms) may outlast a tiny search")
    settings.SEARCH_BACKEND = "database"
    make_tool(title="Tjekliste til sidemandsoplæring")
    settings.SEARCH_DATABASE_TIMEOUT = 0
    results = search("sidemandsoplæring", log=False)
    assert results.total == 0
    assert "tog for lang tid" in str(results.notice)
    response = client.get("/soeg/?q=sidemandsoplæring")
    assert response.status_code == 200
    assert "tog for lang tid" in response.content.decode()

    settings.SEARCH_DATABASE_TIMEOUT = 5
    assert search("sidemandsoplæring", log=False).total == 1
