from portal.access import visible_to
from portal.listing import paginate, selected
from portal.models import Audience, Sector, Theme


def tool_listing(request):
    from toolbox.models import ToolFormat, ToolPage

    params = request.GET
    sectors = selected(
        params, "sektor", set(Sector.objects.values_list("slug", flat=True))
    )
    themes = selected(params, "tema", set(Theme.objects.values_list("slug", flat=True)))
    audiences = selected(
        params, "maalgruppe", set(Audience.objects.values_list("slug", flat=True))
    )
    formats = selected(params, "format", set(ToolFormat.values))

    tools = visible_to(ToolPage.objects.live(), request.user)
    if sectors:
        tools = tools.filter(sectors__slug__in=sectors)
    if themes:
        tools = tools.filter(themes__slug__in=themes)
    if audiences:
        tools = tools.filter(audiences__slug__in=audiences)
    if formats:
        tools = tools.filter(tool_format__in=formats)
    tools = tools.distinct().with_listing_data().order_by("-first_published_at", "pk")
    return {
        "items": paginate(tools, params),
        "filters": {
            "sektor": sectors,
            "tema": themes,
            "maalgruppe": audiences,
            "format": formats,
        },
    }
