"""A page number past the end is the visitor's mistake, never an outage:
the answer is the real last page, from the configured backend."""

import pytest

from search import service
from search.service import search


@pytest.mark.parametrize("side", ["501", "10000", "51"])
def test_a_deep_page_answers_the_last_page(backend, data, client, side):
    response = client.get("/soeg/", {"q": "", "side": side})
    assert response.status_code == 200
    assert "enklere udgave" not in response.content.decode()
    assert service._down_until == {}
    results = search("", page=int(side), log=False)
    assert results.backend == backend
    assert results.page == results.num_pages == 1
    assert results.hits


def test_a_refused_request_is_not_an_outage(backend, data, elasticsearch_url):
    if backend != "elasticsearch":
        pytest.skip("only Elasticsearch can refuse a request")
    from elasticsearch import BadRequestError

    from search.client import get_client

    with pytest.raises(BadRequestError) as refused:
        get_client().search(index="_all", from_=20_000, size=10)
    assert not service.is_outage(refused.value)
    from elasticsearch import ApiError
    from elasticsearch.dsl import MultiSearch, Search

    deep = Search(index="_all").extra(from_=20_000, size=10)
    with pytest.raises(ApiError) as part_refused:
        MultiSearch(using=get_client()).add(deep).execute()
    assert not service.is_outage(part_refused.value)
    assert service.is_outage(ConnectionError("connection refused"))
