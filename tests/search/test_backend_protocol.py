"""Both backends declare the one interface the service talks to
(search.backends.base.SearchBackend); mypy checks the signatures in
scripts/test, this checks the declaration and the capability flag."""

import inspect
from pathlib import Path

import pytest

from search.backends.base import SearchBackend
from search.backends.database import DatabaseBackend
from search.backends.elastic import ElasticsearchBackend

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("search", "spelling", "autocomplete", "related_tools")


@pytest.mark.parametrize("backend", [ElasticsearchBackend, DatabaseBackend])
def test_each_backend_declares_and_implements_the_protocol(backend):
    assert SearchBackend in backend.__mro__
    for name in METHODS:
        method = getattr(backend, name)
        assert method is not getattr(SearchBackend, name), f"{backend} lacks {name}"
        assert list(inspect.signature(method).parameters) == list(
            inspect.signature(getattr(SearchBackend, name)).parameters
        )
    assert backend.name in {"elasticsearch", "database"}
    assert isinstance(backend.matches_compounds_on_request, bool)


def test_only_elasticsearch_tries_compounds():
    assert ElasticsearchBackend.matches_compounds_on_request is True
    assert DatabaseBackend.matches_compounds_on_request is False


def test_the_service_reads_capabilities_from_the_protocol_not_by_probing():
    service = (ROOT / "search" / "service.py").read_text()
    assert "getattr(backend" not in service
    assert "hasattr(backend" not in service
