"""sitemap.xml: Wagtail's sitemap of live, public pages, less what an
anonymous visitor may not see (partners-only tools)."""

from django.contrib.auth.models import AnonymousUser

from wagtail.contrib.sitemaps import Sitemap

from portal.access import visible_to


class PublicSitemap(Sitemap):
    def items(self):
        from toolbox.models import ToolPage

        hidden_tools = ToolPage.objects.exclude(
            pk__in=visible_to(ToolPage.objects.all(), AnonymousUser()).values("pk")
        ).values("pk")
        return super().items().exclude(pk__in=hidden_tools)
