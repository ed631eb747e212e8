from django.db import models
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

from portal.blocks import FocusItemBlock, StatBlock

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

    class Meta:
        verbose_name = _("forside")

    def get_context(self, request, *args, **kwargs):
        from portal.figures import live_figures
        from portal.home import featured_for, latest_cases, production_spotlight

        context = super().get_context(request, *args, **kwargs)
        # Lazy, so that the template's cached fragment skips the counting.
        context["live_figures"] = SimpleLazyObject(live_figures)
        context["featured"] = featured_for(self, request.user)
        context["latest_cases"] = latest_cases().prefetch_related(
            "hero_image__renditions"
        )
        spotlight = production_spotlight(self)
        if spotlight["cases"]:
            spotlight["cases"] = spotlight["cases"].prefetch_related(
                "hero_image__renditions"
            )
        context["spotlight"] = spotlight
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
        verbose_name = _("udvalgt indhold")
