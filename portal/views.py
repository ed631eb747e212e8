"""Small site-wide views: robots.txt and the sitemap."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps import views as wagtail_sitemaps

from core.fragments import FRAGMENT_TIMEOUT, content_generation
from portal.sitemaps import PublicSitemap

SITEMAPS = {"sider": PublicSitemap}

ROBOTS_DISALLOW = ["/admin/", "/django-admin/", "/soeg/"]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _cached_xml(key, build):
    """A sitemap answer, built once per content generation: at 50 000
    pages a section takes seconds to build and changes only on publish."""
    key = f"sitemap:{key}:{content_generation()}"
    body = cache.get(key)
    if body is None:
        response = build()
        response.render()
        body = response.content
        cache.set(key, body, FRAGMENT_TIMEOUT)
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@require_safe
def sitemap(request):
    """The sitemap index: one entry per page of PublicSitemap.limit URLs."""
    return _cached(
        request,
        "index",
        lambda: wagtail_sitemaps.index(
            request, sitemaps=SITEMAPS, sitemap_url_name="sitemap_section"
        ),
    )


@require_safe
def sitemap_section(request, section):
    if section not in SITEMAPS:
        raise Http404
    page = request.GET.get("p", "1")
    if not page.isdigit():
        raise Http404
    return _cached(
        request,
        f"{section}:{page}",
        lambda: wagtail_sitemaps.sitemap(request, sitemaps=SITEMAPS, section=section),
    )


def _cached(request, key, build):
    # The URLs in a sitemap are absolute: one cache entry per scheme and host.
    return _cached_xml(f"{request.scheme}://{request.get_host()}:{key}", build)
