from django import template

from search.service import related_tools as find_related
from search.ui import search_context
from toolbox.models import ToolPage

register = template.Library()


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


@register.inclusion_tag("search/includes/search_form.html", takes_context=True)
def search_listing(context, kind, action, input_id, input_label):
    """The search form and results of a tool or case index page: a search
    without a query, of one kind. The filters keep their query-string names
    (sektor, tema, maalgruppe, format, laeringsformat, side, q, sort)."""
    request = context["request"]
    listing, _status = search_context(request, kind=kind)
    return {
        **listing,
        "request": request,
        "settings": context.get("settings"),
        "action": action,
        "input_id": input_id,
        "input_label": input_label,
    }


@register.inclusion_tag("search/includes/search_box.html", takes_context=True)
def search_box(context):
    """The header search box with autocomplete."""
    return {"request": context.get("request")}
