"""The OpenAPI document says what the API does: every status an operation
answers to bad input is one its entry documents (what schemathesis reported
as undocumented 422s on all six operations)."""

import pytest

pytestmark = pytest.mark.django_db

BAD_REQUESTS = [
    ("/api/v1/tools", "?page=abc"),
    ("/api/v1/tools", "?page=0"),
    ("/api/v1/tools", "?sektor=findes-ikke"),
    ("/api/v1/tools", "?partner=-1"),
    ("/api/v1/tools/{tool_id}", "/api/v1/tools/99999999"),
    ("/api/v1/tools/{tool_id}", "/api/v1/tools/0"),
    ("/api/v1/cases", "?page_size=100000"),
    ("/api/v1/cases", "?tema=findes-ikke"),
    ("/api/v1/cases/{case_id}", "/api/v1/cases/99999999"),
    ("/api/v1/cases/{case_id}", "/api/v1/cases/0"),
    ("/api/v1/partners", "?page=abc"),
    ("/api/v1/partners/{partner_id}", "/api/v1/partners/99999999"),
    ("/api/v1/partners/{partner_id}", "/api/v1/partners/0"),
]


def test_every_answer_to_bad_input_is_documented(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    seen = set()
    for path, request in BAD_REQUESTS:
        url = request if request.startswith("/") else path + request
        response = client.get(url)
        assert response.status_code < 500, url
        documented = paths[path]["get"]["responses"]
        assert str(response.status_code) in documented, (url, response.status_code)
        if response.status_code != 200:
            assert "detail" in response.json(), url
        seen.add(response.status_code)
    # The list reaches every kind of refusal the API gives.
    assert seen >= {400, 404, 422}


def test_every_operation_documents_its_parameter_errors(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, item in paths.items():
        if path.endswith("openapi.json"):
            continue
        assert "422" in item["get"]["responses"], path
