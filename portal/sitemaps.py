"""sitemap.xml: Wagtail's sitemap of live, public pages, less what an
anonymous visitor may not see (partners-only tools)."""

from django.contrib.auth.models import AnonymousUser

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
        return super().items().exclude(pk__in=hidden_tools)
