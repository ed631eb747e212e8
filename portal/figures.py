from django.db.models import Sum


def live_figures():
    """Figures computed from the published content. Counts public and
    partners-only tools alike: a number reveals no content."""
    from cases.models import CasePage
    from portal.models import PartnerPage
    from toolbox.models import ToolPage

    cases = CasePage.objects.live()
    return {
        "partners": PartnerPage.objects.live().count(),
        "tools": ToolPage.objects.live().count(),
        "cases": cases.count(),
        "employees_upskilled": cases.aggregate(total=Sum("employees_upskilled"))[
            "total"
        ]
        or 0,
    }
