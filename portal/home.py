"""What the home page shows, as plain functions its template context calls."""

from wagtail.models import Page

from portal.access import can_view


def featured_for(home_page, user):
    """The curated items, live and visible to this user, in editor order."""
    items = list(home_page.featured_items.order_by("sort_order"))
    pages = {
        page.pk: page
        for page in Page.objects.live()
        .public()
        .filter(pk__in=[item.page_id for item in items])
        .specific()
    }
    featured = []
    for item in items:
        page = pages.get(item.page_id)
        if page is None or not can_view(user, page):
            continue
        featured.append(
            {
                "page": page,
                "title": item.override_title or page.title,
                "text": item.override_text or getattr(page, "summary", ""),
                "kind": page._meta.verbose_name,
            }
        )
    return featured


def latest_cases(limit=6):
    from cases.models import CasePage

    return (
        CasePage.objects.listable()
        .with_listing_data()
        .order_by("-first_published_at")[:limit]
    )


def production_spotlight(home_page):
    """The spotlighted production company and the focus sector's newest cases."""
    from cases.models import CasePage
    from portal.models import Sector

    focus = Sector.objects.filter(is_focus=True).order_by("sort_order").first()
    cases = []
    if focus is not None:
        cases = (
            CasePage.objects.listable()
            .filter(sectors=focus)
            .with_listing_data()
            .order_by("-first_published_at")[:3]
        )
    return {"sector": focus, "partner": home_page.spotlight_partner, "cases": cases}
