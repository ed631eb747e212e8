from portal.listing import paginate, selected
from portal.models import Sector, Theme


def case_listing(request):
    from cases.models import CasePage, TrainingFormat

    params = request.GET
    sectors = selected(
        params, "sektor", set(Sector.objects.values_list("slug", flat=True))
    )
    themes = selected(params, "tema", set(Theme.objects.values_list("slug", flat=True)))
    formats = selected(params, "laeringsformat", set(TrainingFormat.values))

    cases = CasePage.objects.live()
    if sectors:
        cases = cases.filter(sectors__slug__in=sectors)
    if themes:
        cases = cases.filter(themes__slug__in=themes)
    if formats:
        cases = cases.filter(training_format__in=formats)
    cases = cases.distinct().with_listing_data().order_by("-first_published_at", "pk")
    return {
        "items": paginate(cases, params),
        "filters": {"sektor": sectors, "tema": themes, "laeringsformat": formats},
    }
