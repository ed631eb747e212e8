from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ListingIndexPage(Page):
    """The one index page of a content type (/vaerktoejer/, /cases/): an
    introduction above the listing. The listing is a search without a query,
    rendered by the search app's {% search_listing %} tag, so content pages
    never import search."""

    intro = models.TextField(_("introduktion"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal_site.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
