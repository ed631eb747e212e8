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


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts_and_hides_tools_that_turn_partners_only(client):
    tool = make_tool(title="Snart lukket")
    draft = make_tool(title="Kladde", publish=False)
    body = client.get("/sitemap.xml").content.decode()
    assert tool.slug in body
    assert draft.slug not in body

    tool.access = "partners"
    tool.save_revision().publish()
    assert tool.slug not in client.get("/sitemap.xml").content.decode()
