from django.db import models
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey

from core.blocks import BodyBlock
from toolbox.models import ToolPage

# How many tools the landing shows: the editors' choice, filled up with the
# sector's newest.
LANDING_TOOL_COUNT = 12


class StandardPage(Page):
    """Pages such as "Om pagten", the accessibility statement or the barometer."""

    intro = models.TextField(_("introduktion"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("indhold"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["portal_site.HomePage", "portal_site.StandardPage"]
    subpage_types = ["portal_site.StandardPage"]

    template = "portal/standard_page.html"

    class Meta:
        db_table = "portal_standardpage"
        verbose_name = _("standardside")


class SectorLandingPage(Page):
    """A landing for one sector (the production landing is one of these)."""

    sector = models.ForeignKey(
        "portal.Sector",
        verbose_name=_("sektor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = models.TextField(_("introduktion"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("indhold"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("sector"),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel(
            "featured_tools",
            heading=_("Udvalgte værktøjer"),
            label=_("Udvalgt værktøj"),
            max_num=LANDING_TOOL_COUNT,
            help_text=_(
                "Værktøjerne øverst på siden, i den rækkefølge du vælger. Er der "
                "valgt færre end 12, fylder sektorens nyeste værktøjer resten "
                "ud. Værktøjer kun for partnere vises kun for dem, der må se dem."
            ),
        ),
    ]

    parent_page_types = ["portal_site.HomePage"]
    subpage_types = []

    template = "portal/sector_landing_page.html"

    class Meta:
        db_table = "portal_sectorlandingpage"
        verbose_name = _("sektorside")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Sector.tools and Sector.cases: the content apps' managers, reached
        # through the taxonomy's reverse relations.
        # Lazy: the template caches the page's lists (core.fragments).
        context["tools"] = SimpleLazyObject(
            lambda: landing_tools(self, request.user)
        )
        context["cases"] = SimpleLazyObject(
            lambda: list(
                self.sector.cases.visible_to(request.user)
                .with_listing_data()
                .prefetch_related("hero_image__renditions")
                .order_by("-first_published_at")[:9]
            )
        )
        return context


class SectorLandingPageFeaturedTool(Orderable):
    landing_page = ParentalKey(
        SectorLandingPage, related_name="featured_tools", on_delete=models.CASCADE
    )
    tool = models.ForeignKey(
        "toolbox.ToolPage",
        verbose_name=_("værktøj"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("tool")]

    class Meta(Orderable.Meta):
        db_table = "portal_sectorlandingpagefeaturedtool"
        verbose_name = _("udvalgt værktøj")
        verbose_name_plural = _("udvalgte værktøjer")


def landing_tools(landing, user, limit=LANDING_TOOL_COUNT):
    """The editors' chosen tools that this user may see, in their order, then
    the sector's newest visible tools until there are `limit`: a chosen tool
    the user may not see leaves no hole and no trace."""
    chosen = [item.tool_id for item in landing.featured_tools.order_by("sort_order")]
    chosen = list(dict.fromkeys(chosen))
    # Enough of the newest to fill every slot whichever choices are visible;
    # a subquery, so choices, fill and card data come in one query.
    newest = (
        landing.sector.tools.visible_to(user)
        .exclude(pk__in=chosen)
        .order_by("-last_published_at")
        .values("pk")[:limit]
    )
    tools = (
        ToolPage.objects.visible_to(user)
        .filter(Q(pk__in=chosen) | Q(pk__in=newest))
        .with_listing_data()
        .in_bulk()
    )
    first = [tools.pop(pk) for pk in chosen if pk in tools]
    rest = sorted(tools.values(), key=lambda tool: tool.last_published_at, reverse=True)
    return (first + rest)[:limit]
