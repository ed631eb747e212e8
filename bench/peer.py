"""The benchmark's peer: faceted search through Wagtail's own search API on
the modelsearch Elasticsearch 8 backend (settings: bench.settings_modelsearch).
Also this module's urlpatterns: /peer/?q=&sektor= next to the portal's URLs."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

ANALYZER = {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}


class StrippedElasticsearch8(Elasticsearch8SearchBackend):
    """The backend with only the analysis a bare server has."""

    settings = {
        "settings": {
            "analysis": {
                "analyzer": {
                    "ngram_analyzer": ANALYZER,
                    "edgengram_analyzer": ANALYZER,
                }
            }
        }
    }


SearchBackend = StrippedElasticsearch8

PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% block content %}<div class="wrap">
<h1>Peer: {{ query }}</h1><p>{{ total }} resultater</p>
<ul>{% for value, count in facets %}<li>{{ value }} ({{ count }})</li>{% endfor %}</ul>
<ol>{% for page in hits %}<li><a href="{{ page.url }}">{{ page.title }}</a>
<p>{{ page.summary }}</p></li>{% endfor %}</ol></div>{% endblock %}"""
)


def peer_search(request):
    from toolbox.models import ToolPage

    query = request.GET.get("q", "")[:200]
    tools = ToolPage.objects.live().filter(access="public")
    fmt = request.GET.get("format")
    if fmt:
        tools = tools.filter(tool_format=fmt)
    results = tools.search(query, operator="or")
    facets = (
        ToolPage.objects.live()
        .filter(access="public")
        .search(query, operator="or")
        .facet("tool_format")
    )
    hits = list(results[:20])
    context = {
        "query": query,
        "total": results.count(),
        "facets": sorted(facets.items(), key=lambda item: -item[1]),
        "hits": hits,
    }
    return HttpResponse(PAGE.render(context, request))


urlpatterns = [
    path("peer/", peer_search),
    path("", include("portal.urls")),
]
