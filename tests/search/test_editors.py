"""What editors get: synonyms they maintain, the dashboard panel with top
and zero-result queries, and the related-tools template tag."""

from django.template import Context, Template
from django.test import RequestFactory

from search.models import SynonymGroup, synonym_groups
from search.service import search
from tests.factories import make_editor


def test_synonym_groups_are_parsed_and_cached(db):
    group = SynonymGroup.objects.create(terms="Cobot, samarbejdsrobot,\n cobot ,")
    assert group.term_list() == ["cobot", "samarbejdsrobot"]
    assert ["cobot", "samarbejdsrobot"] in synonym_groups()
    group.delete()
    assert ["cobot", "samarbejdsrobot"] not in synonym_groups()


def test_a_new_synonym_applies_at_once(backend, data):
    assert search("dataansvar", log=False).total == 0
    SynonymGroup.objects.create(terms="dataetik, dataansvar")
    results = search("dataansvar", log=False)
    assert data.tools["etik"].title in [hit.title for hit in results.hits]


def test_dashboard_panel_shows_top_and_zero_result_queries(backend, data, client):
    for _ in range(3):
        search("sidemandsoplæring")
    search("tidsrejser på fabrikken")
    client.force_login(make_editor("redaktoer-dashboard"))
    html = client.get("/admin/").content.decode()
    assert "Mest søgte" in html
    assert "sidemandsoplæring" in html
    assert "Søgninger uden resultater" in html
    assert "tidsrejser på fabrikken" in html


def test_synonym_snippet_is_in_the_admin(db, client):
    SynonymGroup.objects.get_or_create(terms="AI, kunstig intelligens")
    client.force_login(make_editor("redaktoer-synonymer"))
    response = client.get("/admin/snippets/portal_search/synonymgroup/")
    assert response.status_code == 200
    assert "kunstig intelligens" in response.content.decode()


def render_related(tool, user):
    request = RequestFactory().get(tool.url)
    request.user = user
    template = Template(
        "{% load search_tags %}{% related_tools page as related %}"
        "{% for tool in related %}{{ tool.title }}|{% endfor %}"
    )
    return template.render(Context({"page": tool, "request": request}))


def test_related_tools_tag_respects_access(backend, data):
    from django.contrib.auth.models import AnonymousUser

    anonymous = render_related(data.tools["ojt"], AnonymousUser())
    member = render_related(data.tools["ojt"], data.member)
    assert data.tools["hemmelig"].title not in anonymous
    assert data.tools["hemmelig"].title in member
    assert data.tools["ojt"].title + "|" not in member


def test_search_page_logs_queries_after_the_response(db, client):
    from wagtail.contrib.search_promotions.models import Query

    from search.models import ZeroResultQuery

    response = client.get("/soeg/", {"q": "ingenting om tidsmaskiner"})
    assert response.status_code == 200
    assert Query.objects.filter(query_string="ingenting om tidsmaskiner").exists()
    assert ZeroResultQuery.objects.filter(
        query_string="ingenting om tidsmaskiner"
    ).exists()
