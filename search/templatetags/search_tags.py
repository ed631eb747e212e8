from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.fragments import cached_fragment
from search.page_context import querystring, search_context
from search.service import related_tools as find_related
from search.types import SORT_MOST_USED, SORT_MOST_USEFUL
from toolbox.models import ToolPage

register = template.Library()


@register.simple_tag(takes_context=True)
def related_tools_box(context, page):
    """The tool page's "Relaterede værktøjer" box, cached per content
    generation and audience (core.fragments). Elasticsearch's answers may
    be cached too: an index update starts a generation of its own once the
    change is searchable (search.indexing.update_documents)."""
    request = context.get("request")

    def build():
        return render_to_string(
            "toolbox/includes/related_tools.html",
            {"page": page, "request": request, "settings": context.get("settings")},
        )

    html = cached_fragment(request, "related_tools", [page.pk], build)
    return mark_safe(html)  # noqa: S308 - the template escaped it


@register.simple_tag(takes_context=True)
def related_tools(context, page, limit=4):
    """Tools like this one that the current user may see, as live ToolPages
    with listing data, most similar first:

        {% load search_tags %}
        {% related_tools page as related %}
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    hits = find_related(page, user, limit=limit)
    order = {hit.page_id: position for position, hit in enumerate(hits)}
    tools = ToolPage.objects.visible_to(user).filter(pk__in=order).with_listing_data()
    return sorted(tools, key=lambda tool: order[tool.pk])


# Orders that follow the usage counters, which change without a publish.
SORTS_BY_USE = (SORT_MOST_USED, SORT_MOST_USEFUL)


@register.simple_tag(takes_context=True)
def search_listing(context, kind, action, input_id, input_label):
    """The search form and results of a tool or case index page: a search
    without a query, of one kind. The filters keep their query-string names
    (sektor, tema, maalgruppe, format, laeringsformat, side, q, sort).

    Without a query the HTML is the same for everyone of an audience until
    the next publish, and is cached (core.fragments) for the addresses the
    site's own links give; a query is logged for the editors, so it is
    always searched."""
    request = context["request"]
    stored = []

    def build():
        listing, _status = search_context(request, kind=kind)
        if is_own_link(request, listing):
            stored.append(True)
        return render_to_string(
            "search/includes/search_form.html",
            {
                **listing,
                "request": request,
                "settings": context.get("settings"),
                "action": action,
                "input_id": input_id,
                "input_label": input_label,
            },
        )

    if request.GET.get("q"):
        return mark_safe(build())  # noqa: S308 - the template escaped it
    vary = [kind, action, input_id, input_label, request.GET.urlencode()]
    html = cached_fragment(
        request, "search_listing", vary, build, keep=lambda: bool(stored)
    )
    return mark_safe(html)  # noqa: S308 - the template escaped it


def is_own_link(request, listing):
    """True for a listing worth caching: no query, no error or fallback
    notice, no order by use, and a query string exactly as the site's own
    links write it (a sector link, a chip, a page number). Any other
    spelling of the same listing, or a page past the last, is answered
    uncached, so made-up addresses cannot fill the cache."""
    search_request, results = listing["search_request"], listing["results"]
    if listing["search_error"] or results.notice or search_request.query:
        return False
    if search_request.sort in SORTS_BY_USE:
        return False
    # The pager links page 1 with side=1, everything else links it without.
    pages = [results.page] if results.page > 1 else [1, None]
    own = {querystring(search_request, side=page)[1:] for page in pages}
    return request.GET.urlencode() in own


@register.inclusion_tag("search/includes/search_box.html", takes_context=True)
def search_box(context):
    """The header search box with autocomplete."""
    return {"request": context.get("request")}
