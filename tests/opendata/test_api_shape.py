"""The API's JSON keeps its shape, key order included: clients and the
documentation in docs/opendata.md rely on it."""

from tests.factories import make_case, make_partner, make_tool
from toolbox.engagement import record_feedback

PAGE_KEYS = ["count", "side", "per_side", "next", "previous", "results"]
TOOL_KEYS = [
    "id",
    "title",
    "summary",
    "url",
    "format",
    "sectors",
    "themes",
    "audiences",
    "competence_levels",
    "competence_areas",
    "tags",
    "effort",
    "language",
    "price",
    "partner",
    "external_url",
    "last_reviewed",
    "minutes_needed",
    "used_where",
    "languages_available",
    "case_count",
    "usage",
    "first_published_at",
    "last_published_at",
]
CASE_KEYS = [
    "id",
    "title",
    "summary",
    "url",
    "partner",
    "sectors",
    "themes",
    "competence_areas",
    "tags",
    "company_size",
    "training_format",
    "employees_upskilled",
    "period",
    "first_published_at",
    "last_published_at",
]
PARTNER_KEYS = ["id", "title", "url", "partner_type", "size_band", "sectors", "website"]


def test_list_pages_and_items_keep_their_keys(client, catalogue):
    for url, keys in (
        ("/api/v1/tools", TOOL_KEYS),
        ("/api/v1/cases", CASE_KEYS),
        ("/api/v1/partners", PARTNER_KEYS),
    ):
        data = client.get(url).json()
        assert list(data) == PAGE_KEYS
        assert list(data["results"][0]) == keys


def test_tool_detail_writes_choices_usage_documents_and_cases(client, catalogue):
    tool = make_tool(
        make_partner("Skolen", partner_type="uddannelse", size_band=""),
        title="Promptbibliotek",
        tool_format="promptbibliotek",
        used_where=["pc", "linjen"],
        languages_available=["en", "pl"],
        tags=["b", "a"],
    )
    record_feedback(tool, True, "", "k")
    data = client.get(f"/api/v1/tools/{tool.pk}").json()

    assert list(data) == [*TOOL_KEYS, "documents", "cases"]
    assert data["format"] == {
        "value": "promptbibliotek",
        "label": "Promptbibliotek eller software",
    }
    assert data["used_where"] == [
        {"value": "pc", "label": "Ved en pc"},
        {"value": "linjen", "label": "Ved linjen"},
    ]
    assert [item["value"] for item in data["languages_available"]] == ["en", "pl"]
    assert data["tags"] == ["a", "b"]
    assert list(data["usage"]) == [
        "views",
        "downloads",
        "helpful_yes",
        "helpful_no",
        "helpful_score",
    ]
    assert (data["usage"]["helpful_yes"], data["usage"]["helpful_no"]) == (1, 0)
    assert data["documents"] == [] and data["cases"] == []


def test_a_tool_without_statistics_reports_zero_usage(client, catalogue):
    data = client.get(f"/api/v1/tools/{catalogue['public'].pk}").json()
    assert data["usage"] == {
        "views": 0,
        "downloads": 0,
        "helpful_yes": 0,
        "helpful_no": 0,
        "helpful_score": 0.0,
    }


def test_case_and_partner_details_keep_their_keys(client, catalogue):
    case = make_case(
        catalogue["partner"],
        title="Case med effekter",
        effects=[("Øget tryghed", "55 %")],
        company_size="10-49",
    )
    data = client.get(f"/api/v1/cases/{case.pk}").json()
    assert list(data) == [*CASE_KEYS, "effects", "tools", "quote", "quote_author"]
    assert data["effects"] == [{"label": "Øget tryghed", "value": "55 %"}]
    assert data["company_size"] == {"value": "10-49", "label": "10–49 ansatte"}

    partner = client.get(f"/api/v1/partners/{catalogue['partner'].pk}").json()
    assert list(partner) == [*PARTNER_KEYS, "tools", "cases", "tools_url", "cases_url"]
    assert partner["size_band"] == {"value": "50-249", "label": "50–249 ansatte"}


def test_page_links_keep_the_query_and_change_the_side(client, catalogue):
    make_tool(title="Endnu et værktøj")
    first = client.get("/api/v1/tools", {"per_side": 1, "sortering": "titel"}).json()
    assert first["next"] == (
        "http://testserver/api/v1/tools?per_side=1&sortering=titel&side=2"
    )
    second = client.get(first["next"]).json()
    assert second["previous"] == (
        "http://testserver/api/v1/tools?per_side=1&sortering=titel&side=1"
    )
