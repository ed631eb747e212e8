from django.db import models
from django.db.models import Sum
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey

from cases.models import CasePage
from core.access import can_view
from core.blocks import FocusItemBlock, StatBlock
from core.models.partners import PartnerPage
from core.models.taxonomy import Sector
from toolbox.models import ToolPage

FEATURED_PAGE_TYPES = ["toolbox.ToolPage", "cases.CasePage", "portal.PartnerPage"]


class HomePage(Page):
    hero_heading = models.CharField(_("hero-overskrift"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero-tekst"), blank=True)
    hero_image = models.ForeignKey(
        "portal.PortalImage",
        verbose_name=_("hero-billede"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    key_figures = StreamField(
        [("figure", StatBlock())], verbose_name=_("nøgletal"), blank=True
    )
    focus_heading = models.CharField(
        _("fokus-overskrift"), max_length=120, default="Fokus 2026"
    )
    focus_items = StreamField(
        [("item", FocusItemBlock())], verbose_name=_("fokuspunkter"), blank=True
    )
    spotlight_partner = models.ForeignKey(
        "portal.PartnerPage",
        verbose_name=_("produktionsvirksomhed i fokus"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("key_figures"),
        InlinePanel(
            "featured_items",
            label=_("Udvalgt indhold"),
            max_num=8,
            heading=_("Udvalgt indhold"),
        ),
        MultiFieldPanel(
            [FieldPanel("focus_heading"), FieldPanel("focus_items")],
            heading=_("Fokus 2026"),
        ),
        PageChooserPanel("spotlight_partner", "portal.PartnerPage"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    template = "portal/home_page.html"

    class Meta:
        db_table = "portal_homepage"
        verbose_name = _("forside")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template caches these sections (core.fragments), and a
        # cached fragment must not cost the queries it saves.
        context["live_figures"] = SimpleLazyObject(live_figures)
        context["featured"] = SimpleLazyObject(
            lambda: featured_for(self, request.user)
        )
        context["latest_cases"] = SimpleLazyObject(
            lambda: list(latest_cases().prefetch_related("hero_image__renditions"))
        )
        context["spotlight"] = SimpleLazyObject(lambda: production_spotlight(self))
        return context


class HomePageFeaturedItem(Orderable):
    home_page = ParentalKey(
        HomePage, related_name="featured_items", on_delete=models.CASCADE
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("side"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    override_title = models.CharField(_("anden titel"), max_length=200, blank=True)
    override_text = models.TextField(_("anden tekst"), blank=True)

    panels = [
        PageChooserPanel("page", FEATURED_PAGE_TYPES),
        FieldPanel("override_title"),
        FieldPanel("override_text"),
    ]

    class Meta(Orderable.Meta):
        db_table = "portal_homepagefeatureditem"
        verbose_name = _("udvalgt indhold")


# What the home page shows: plain functions its context calls.


def featured_page_ids():
    """The pages featured on any home page (SEARCH_FEATURED_PAGES)."""
    return HomePageFeaturedItem.objects.values_list("page_id", flat=True)


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
    return (
        CasePage.objects.listable()
        .with_listing_data()
        .order_by("-first_published_at")[:limit]
    )


def production_spotlight(home_page):
    """The spotlighted production company and the focus sector's newest cases."""
    focus = Sector.objects.filter(is_focus=True).order_by("sort_order").first()
    cases = []
    if focus is not None:
        cases = (
            CasePage.objects.listable()
            .filter(sectors=focus)
            .with_listing_data()
            .prefetch_related("hero_image__renditions")
            .order_by("-first_published_at")[:3]
        )
    return {"sector": focus, "partner": home_page.spotlight_partner, "cases": cases}


def live_figures():
    """Figures computed from the published content. Counts public and
    partners-only tools alike: a number reveals no content. Cases with
    measured figures count only when listable (live and outside Wagtail
    privacy), and only their published rows: a draft's numbers are not
    yet the partner's claim."""
    cases = CasePage.objects.live()
    return {
        "partners": PartnerPage.objects.live().count(),
        "tools": ToolPage.objects.live().count(),
        "cases": cases.count(),
        "cases_measured": CasePage.objects.listable()
        .filter(measurements__isnull=False)
        .distinct()
        .count(),
        "employees_upskilled": cases.aggregate(total=Sum("employees_upskilled"))[
            "total"
        ]
        or 0,
    }
