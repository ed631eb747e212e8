import pytest

from tests.factories import make_tool


def test_tool_list_shape_and_facets(client, catalogue):
    response = client.get("/api/v1/tools")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["count"] == 1
    tool = data["results"][0]
    assert tool["title"] == catalogue["public"].title
    assert tool["url"] == "http://testserver" + catalogue["public"].url
    assert tool["sectors"] == [
        {"slug": "produktion", "name": "Produktion og fremstilling"}
    ]
    assert tool["format"] == {"value": "guide", "label": "Guide"}
    assert tool["partner"]["title"] == catalogue["partner"].title
    assert tool["case_count"] == 1
    # Danish text is sent as UTF-8, not as \u escapes.
    assert "sidemandsoplæring" in response.content.decode()


def test_tool_detail_links_downloads_through_the_counter(client, catalogue):
    tool = catalogue["public"]
    data = client.get(f"/api/v1/tools/{tool.pk}").json()
    document = tool.documents.get().document
    assert data["documents"] == [
        {
            "title": document.title,
            "url": f"http://testserver/vaerktoejer/{tool.pk}/download/{document.pk}/",
        }
    ]
    assert [case["id"] for case in data["cases"]] == [catalogue["case"].pk]


def test_pagination_is_bounded_and_linked(client, catalogue):
    for number in range(3):
        make_tool(title=f"Ekstra værktøj {number}")
    first = client.get("/api/v1/tools", {"per_side": 2}).json()
    assert first["count"] == 4
    assert len(first["results"]) == 2
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert second["side"] == 2
    assert second["next"] is None
    assert {t["id"] for t in first["results"]}.isdisjoint(
        t["id"] for t in second["results"]
    )
    beyond = client.get("/api/v1/tools", {"side": 50}).json()
    assert beyond["results"] == []
    assert beyond["count"] == 4


@pytest.mark.parametrize(
    "params",
    [
        {"per_side": 101},
        {"per_side": 0},
        {"side": 0},
        {"side": -1},
        {"side": 10**9},
        {"side": "abc"},
    ],
)
def test_bad_paging_is_422_not_500(client, catalogue, params):
    response = client.get("/api/v1/tools", params)
    assert response.status_code == 422
    assert response.json()["detail"] == "Ugyldige parametre."


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/tools", {"sektor": "findes-ikke"}),
        ("/api/v1/tools", {"format": "x" * 3000}),
        ("/api/v1/cases", {"laeringsformat": "ukendt"}),
        ("/api/v1/partners", {"type": "ukendt"}),
    ],
)
def test_unknown_filter_values_are_400_with_a_danish_message(
    client, catalogue, url, params
):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Ukendt")


@pytest.mark.parametrize(
    "url", ["/api/v1/tools/0", "/api/v1/tools/99999999999999999999", "/api/v1/tools/x"]
)
def test_odd_ids_are_answered_not_crashed(client, catalogue, url):
    assert client.get(url).status_code in {404, 422}


def test_unpublished_tool_detail_is_404(client, catalogue):
    draft = make_tool(title="Kladde", publish=False)
    response = client.get(f"/api/v1/tools/{draft.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ikke fundet."}


def test_cases_and_partners_filter_by_sector(client, catalogue):
    cases = client.get("/api/v1/cases", {"sektor": "produktion"}).json()
    assert [case["id"] for case in cases["results"]] == [catalogue["case"].pk]
    partners = client.get("/api/v1/partners", {"sektor": "produktion"}).json()
    assert [p["id"] for p in partners["results"]] == [catalogue["partner"].pk]
    partners = client.get("/api/v1/partners", {"type": "uddannelse"}).json()
    assert partners["results"] == []


def test_openapi_schema_and_docs_are_served_without_a_cdn(client, db):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/v1/tools",
        "/api/v1/tools/{tool_id}",
        "/api/v1/cases",
        "/api/v1/partners/{partner_id}",
    ):
        assert path in paths
    parameters = {p["name"] for p in paths["/api/v1/tools"]["get"]["parameters"]}
    assert {"sektor", "tema", "maalgruppe", "format", "side", "per_side"} <= parameters
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower()
    assert "/static/ninja/" in html


def test_the_api_is_read_only(client, catalogue):
    assert client.post("/api/v1/tools", {}).status_code == 405
    assert client.delete(f"/api/v1/tools/{catalogue['public'].pk}").status_code == 405


def test_any_web_page_may_read_the_open_data(client, catalogue):
    for url in ("/api/v1/tools", f"/api/v1/tools/{catalogue['secret'].pk}"):
        assert client.get(url)["Access-Control-Allow-Origin"] == "*"


def test_tools_sort_by_usefulness_and_report_usage(client, catalogue):
    from toolbox.engagement import record_feedback

    liked = make_tool(title="Værktøj mange kan lide")
    for _ in range(4):
        record_feedback(liked, True, "", "k")
    record_feedback(catalogue["public"], False, "", "k")
    unanswered = make_tool(title="Uden svar")

    data = client.get("/api/v1/tools", {"sortering": "nyttigst"}).json()
    ids = [tool["id"] for tool in data["results"]]
    assert ids.index(liked.pk) < ids.index(catalogue["public"].pk)
    assert ids.index(liked.pk) < ids.index(unanswered.pk)
    usage = data["results"][0]["usage"]
    assert (usage["helpful_yes"], usage["helpful_no"]) == (4, 0)
    assert usage["helpful_score"] > 0

    assert client.get("/api/v1/tools", {"sortering": "titel"}).status_code == 200
    assert client.get("/api/v1/tools", {"sortering": "tilfældig"}).status_code == 422


def test_pages_keep_their_order_however_deep(client, catalogue):
    """Each page is cut from the sorted ids, then read: the pages of every
    sort, put together, are the whole sorted list once."""
    for number in range(6):
        make_tool(title=f"Værktøj {5 - number}", sectors=[catalogue["sector"]])
    for sort in ("titel", "nyeste", "nyttigst", "mest-set"):
        whole = client.get("/api/v1/tools", {"sortering": sort, "per_side": 100})
        pages = [
            client.get(
                "/api/v1/tools", {"sortering": sort, "per_side": 2, "side": side}
            ).json()["results"]
            for side in (1, 2, 3, 4)
        ]
        ids = [tool["id"] for page in pages for tool in page]
        assert ids == [tool["id"] for tool in whole.json()["results"]]
        assert len(ids) == 7
    by_title = client.get("/api/v1/tools", {"sortering": "titel", "per_side": 3})
    titles = [tool["title"] for tool in by_title.json()["results"]]
    assert titles == ["Værktøj 0", "Værktøj 1", "Værktøj 2"]


def test_a_partner_detail_lists_its_first_items_and_links_all(
    client, catalogue, monkeypatch
):
    """A partner may own thousands of tools: the detail lists the first
    (by title) and links the paged lists of all of them."""
    monkeypatch.setattr("portal.api.PARTNER_ITEMS", 2)
    partner = catalogue["partner"]
    for title in ("B-værktøj", "A-værktøj"):
        make_tool(partner, title=title)
    make_tool(title="En andens værktøj")
    data = client.get(f"/api/v1/partners/{partner.pk}").json()
    assert [tool["title"] for tool in data["tools"]] == ["A-værktøj", "B-værktøj"]
    assert [case["id"] for case in data["cases"]] == [catalogue["case"].pk]
    assert data["tools_url"] == f"http://testserver/api/v1/tools?partner={partner.pk}"
    every = client.get(f"{data['tools_url']}&sortering=titel").json()
    assert every["count"] == 3  # the partners-only tool is left out
    assert [tool["title"] for tool in every["results"]] == [
        "A-værktøj",
        "B-værktøj",
        catalogue["public"].title,
    ]
    cases = client.get(data["cases_url"]).json()
    assert [case["id"] for case in cases["results"]] == [catalogue["case"].pk]
    assert client.get("/api/v1/cases", {"partner": 10**6}).json()["count"] == 0
