from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def related_tools(context, page, limit=4):
    """Tools like this one that the current user may see, as live ToolPages
    with listing data, most similar first:

        {% load search_tags %}
        {% related_tools page as related %}
    """
    from search.service import related_tools as find_related
    from toolbox.models import ToolPage

    request = context.get("request")
    user = getattr(request, "user", None)
    hits = find_related(page, user, limit=limit)
    order = {hit.page_id: position for position, hit in enumerate(hits)}
    tools = ToolPage.objects.visible_to(user).filter(pk__in=order).with_listing_data()
    return sorted(tools, key=lambda tool: order[tool.pk])


@register.inclusion_tag("search/includes/search_box.html", takes_context=True)
def search_box(context):
    """The header search box with autocomplete."""
    return {"request": context.get("request")}
