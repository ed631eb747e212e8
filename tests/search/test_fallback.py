"""Elasticsearch down or slow: public search goes on through the database
backend with a short notice, and the fault is logged. Never a 500."""

import logging
import socket

from django.test import override_settings

import pytest

from search.service import autocomplete, related_tools, reset_fallback, search
from tests.factories import make_tool


@pytest.fixture
def tools(db):
    reset_fallback()
    first = make_tool(title="Fald-tilbage-guide til svejsning", tags=["svejsning"])
    second = make_tool(title="Svejsning for begyndere", tags=["svejsning"])
    yield first, second
    reset_fallback()


@pytest.fixture
def silent_server():
    """A port that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()


def es_down(url="http://127.0.0.1:9", timeout=2.0):
    return override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=url,
        SEARCH_INDEX_PREFIX="test-vk-down",
        SEARCH_TIMEOUT=timeout,
    )


def test_closed_port_falls_back_to_the_database(tools, client, caplog, monkeypatch):
    monkeypatch.setattr(logging.getLogger("search"), "propagate", True)
    with es_down(), caplog.at_level(logging.WARNING, logger="search"):
        results = search("svejsning", log=False)
        assert results.backend == "database"
        assert results.notice
        assert {hit.title for hit in results.hits} == {tool.title for tool in tools}
        response = client.get("/soeg/", {"q": "svejsning"})
        assert response.status_code == 200
        assert "enklere udgave" in response.content.decode()
        assert autocomplete("svejs", None)
        assert [hit.page_id for hit in related_tools(tools[0], None)] == [tools[1].pk]
        listing = client.get(tools[0].get_parent().url)
        assert listing.status_code == 200
    assert "Elasticsearch failed" in caplog.text


def test_slow_server_times_out_and_falls_back(tools, silent_server):
    with es_down(silent_server, timeout=0.5):
        results = search("svejsning", log=False)
    assert results.backend == "database"
    assert results.notice
    assert len(results.hits) == 2


def test_unreachable_cluster_starts_the_cooldown_at_once(tools):
    from search import service

    with es_down():
        search("svejsning", log=False)
        assert not service._elasticsearch_available()


def test_one_slow_answer_costs_only_that_search(tools, silent_server):
    """A cluster that is there but stumbles (a cold first query after a
    rebuild, a shard moving when a node leaves) must not send every visitor
    of this worker to the database for the whole cool-down."""
    from search import service

    with es_down(silent_server, timeout=0.2):
        for attempt in range(1, 3):
            assert search("svejsning", log=False).backend == "database"
            assert service._elasticsearch_available(), attempt
        search("svejsning", log=False)
        assert not service._elasticsearch_available()

