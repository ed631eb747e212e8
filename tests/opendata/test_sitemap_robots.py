import pytest

from tests.factories import make_tool


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for path in ("/admin/", "/django-admin/", "/soeg/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def sitemap_urls(client):
    """Every URL in every page of the sitemap, through its index."""
    import re

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert "<sitemapindex" in index.content.decode()
    body = ""
    for section in re.findall(
        r"<loc>http://testserver(/[^<]+)</loc>", index.content.decode()
    ):
        response = client.get(section.replace("&amp;", "&"))
        assert response.status_code == 200
        body += response.content.decode()
    return body


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts_and_hides_tools_that_turn_partners_only(client):
    tool = make_tool(title="Snart lukket")
    draft = make_tool(title="Kladde", publish=False)
    body = sitemap_urls(client)
    assert tool.slug in body
    assert draft.slug not in body

    tool.access = "partners"
    tool.save_revision().publish()
    assert tool.slug not in sitemap_urls(client), "the cached sitemap is renewed"


@pytest.mark.django_db
def test_the_sitemap_is_an_index_of_bounded_pages(client, settings):
    from portal.sitemaps import PublicSitemap

    tools = [make_tool(title=f"Værktøj {number}") for number in range(3)]
    PublicSitemap.limit, limit = 2, PublicSitemap.limit
    try:
        index = client.get("/sitemap.xml").content.decode()
        body = sitemap_urls(client)
    finally:
        PublicSitemap.limit = limit
    # Home page plus three tools at two URLs a page: two pages or more.
    assert index.count("<sitemap>") >= 2
    for tool in tools:
        assert tool.slug in body
    assert client.get("/sitemap-sider.xml?p=999").status_code == 404
    assert client.get("/sitemap-sider.xml?p=x").status_code == 404
    assert client.get("/sitemap-andet.xml").status_code == 404


@pytest.mark.django_db
def test_the_index_dates_every_page_by_the_newest_publish(client):
    import datetime

    from django.utils import timezone

    from wagtail.models import Page

    newest = timezone.now() - datetime.timedelta(days=3)
    tool = make_tool(title="Senest udgivet")
    Page.objects.update(last_published_at=newest - datetime.timedelta(days=400))
    Page.objects.filter(pk=tool.pk).update(last_published_at=newest)
    response = client.get("/sitemap.xml")
    assert f"<lastmod>{newest.date().isoformat()}" in response.content.decode()


@pytest.mark.django_db
def test_an_https_request_does_not_give_plain_http_visitors_https_locations(
    client, settings
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    make_tool(title="Over to protokoller")
    secure = client.get(
        "/sitemap.xml", headers={"X-Forwarded-Proto": "https"}, SERVER_PORT="443"
    )
    assert "<loc>https://testserver" in secure.content.decode()

    plain = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/" in plain
    assert "https://" not in plain
