from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyBlock


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

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
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
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("sektorside")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Sector.tools and Sector.cases: the content apps' managers, reached
        # through the taxonomy's reverse relations.
        context["tools"] = (
            self.sector.tools.visible_to(request.user)
            .with_listing_data()
            .order_by("-last_published_at")[:12]
        )
        context["cases"] = (
            self.sector.cases.visible_to(request.user)
            .with_listing_data()
            .prefetch_related("hero_image__renditions")
            .order_by("-first_published_at")[:9]
        )
        return context
