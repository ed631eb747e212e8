"""sitemap.xml: Wagtail's sitemap of live, public pages, less what an
anonymous visitor may not see (partners-only tools)."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.db.models.functions import Coalesce

from wagtail.contrib.sitemaps import Sitemap

from toolbox.models import ToolPage


class PublicSitemap(Sitemap):
    # Well below the protocol's 50 000: a page is built in well under a
    # second at the scale of the benchmark (50 000 documents).
    limit = 5000

    def items(self):
        hidden_tools = ToolPage.objects.exclude(
            pk__in=ToolPage.objects.visible_to(AnonymousUser()).values("pk")
        ).values("pk")
        # Specific classes (their get_sitemap_urls()) without a query per
        # page type and chunk to fill in fields a sitemap never reads.
        return super().items().specific(defer=True).exclude(pk__in=hidden_tools)

    def get_latest_lastmod(self):
        """The newest lastmod (last_published_at, else the latest revision's
        date, as Wagtail's lastmod()) of all items in one aggregate: Django's
        default calls lastmod() on every specific page, 8 s for the index at
        50 000 pages."""
        return self.items().aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )["latest"]
