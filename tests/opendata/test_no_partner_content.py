"""No partners-only item ever appears in the sitemap, a feed, the API or the
CSV export, whoever asks: each test also proves the public twin is there."""

import pytest

from tests.factories import make_partner_member

FEEDS = [
    "/feeds/vaerktoejer/",
    "/feeds/vaerktoejer/atom/",
    "/feeds/vaerktoejer/?sektor=produktion&tema=on-the-job-training",
    "/feeds/vaerktoejer/atom/?sektor=produktion&maalgruppe=ledere&format=guide",
]


def assert_public_only(body, catalogue, *, titles=True):
    public, secret = catalogue["public"], catalogue["secret"]
    assert public.slug in body
    assert secret.slug not in body
    if titles:
        assert public.title in body
        assert secret.title not in body


@pytest.fixture(params=["anonymous", "partner"])
def any_client(request, client, catalogue):
    """Open data is the same for everyone, a logged-in partner included."""
    if request.param == "partner":
        client.force_login(make_partner_member())
    return client


def test_sitemap_lists_public_pages_only(any_client, catalogue):
    from tests.opendata.test_sitemap_robots import sitemap_urls

    body = sitemap_urls(any_client)
    assert_public_only(body, catalogue, titles=False)
    assert catalogue["case"].slug in body
    assert catalogue["partner"].slug in body


@pytest.mark.parametrize("url", FEEDS)
def test_tool_feeds_list_public_tools_only(any_client, catalogue, url):
    response = any_client.get(url)
    assert response.status_code == 200
    assert_public_only(response.content.decode(), catalogue)


@pytest.mark.parametrize("url", ["/feeds/cases/", "/feeds/cases/atom/"])
def test_case_feeds_never_mention_partner_tools(any_client, catalogue, url):
    body = any_client.get(url).content.decode()
    assert catalogue["case"].title in body
    assert catalogue["secret"].title not in body


def test_api_tool_list_is_public_only(any_client, catalogue):
    response = any_client.get("/api/v1/tools", {"per_side": 100})
    assert response.status_code == 200
    ids = [tool["id"] for tool in response.json()["results"]]
    assert catalogue["public"].pk in ids
    assert catalogue["secret"].pk not in ids
    assert response.json()["count"] == 1


def test_api_tool_list_filtered_is_public_only(any_client, catalogue):
    response = any_client.get(
        "/api/v1/tools", {"sektor": "produktion", "tema": "on-the-job-training"}
    )
    assert [tool["id"] for tool in response.json()["results"]] == [
        catalogue["public"].pk
    ]


def test_api_partners_only_tool_detail_is_404(any_client, catalogue):
    assert any_client.get(f"/api/v1/tools/{catalogue['public'].pk}").status_code == 200
    response = any_client.get(f"/api/v1/tools/{catalogue['secret'].pk}")
    assert response.status_code == 404
    assert catalogue["secret"].title not in response.content.decode()


def test_api_case_detail_lists_public_tools_only(any_client, catalogue):
    response = any_client.get(f"/api/v1/cases/{catalogue['case'].pk}")
    assert response.status_code == 200
    assert_public_only(response.content.decode(), catalogue)
    listing = any_client.get("/api/v1/cases").content.decode()
    assert catalogue["secret"].title not in listing


def test_api_partner_detail_lists_public_tools_only(any_client, catalogue):
    response = any_client.get(f"/api/v1/partners/{catalogue['partner'].pk}")
    assert response.status_code == 200
    assert_public_only(response.content.decode(), catalogue)
    listing = any_client.get("/api/v1/partners").content.decode()
    assert catalogue["secret"].title not in listing


def test_csv_export_is_public_only(any_client, catalogue):
    response = any_client.get("/vaerktoejer/eksport.csv")
    assert response.status_code == 200
    assert_public_only(b"".join(response.streaming_content).decode(), catalogue)
