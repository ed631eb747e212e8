"""Small site-wide views: robots.txt and sitemap.xml."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from portal.sitemaps import PublicSitemap

ROBOTS_DISALLOW = ["/admin/", "/django-admin/", "/soeg/"]


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"sider": PublicSitemap})
