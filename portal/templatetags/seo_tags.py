"""Meta description, OpenGraph and schema.org JSON-LD for every page type.

The builders read a page's own fields and relations (a few queries, none
per item). The tags' output is cached per page until the next publish
(core.fragments), so a warm page reads nothing for them.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import json_script, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.choices import Access
from core.fragments import cached_fragment
from core.models import OrganisationSettings
from toolbox.models import Price

register = template.Library()

SITE_NAME = "Værktøjskassen"
DESCRIPTION_LENGTH = 160
OG_IMAGE_SPEC = "fill-1200x630"
LOGO_IMAGE_SPEC = "max-600x600"


def _text(value):
    return " ".join(strip_tags(str(value or "")).split())


def default_description(request):
    organisation = OrganisationSettings.for_request_or_default(request)
    return (
        f"Værktøjskassen er {organisation.genitive} videndelingsportal: værktøjer "
        "og cases om AI-opkvalificering, delt af pagtens partnere."
    )


def meta_description(page, request=None):
    """The editor's search description, else the page's own summary text."""
    if page is None:
        return default_description(request)
    for name in ("search_description", "summary", "intro", "hero_text", "description"):
        text = _text(getattr(page, name, ""))
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return default_description(request)


def share_image(page):
    """The image (and rendition spec) that represents the page when shared."""
    for name, spec in (
        ("hero_image", OG_IMAGE_SPEC),
        ("logo", LOGO_IMAGE_SPEC),
    ):
        if getattr(page, f"{name}_id", None):
            return getattr(page, name), spec
    return None, None


def _absolute(request, url):
    if not url:
        return ""
    if request is None or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)


def _page_url(page, request):
    return _absolute(request, page.get_url(request=request))


def _organisation(partner, request):
    if partner is None:
        return _pact(request)
    data = {
        "@type": "Organization",
        "name": partner.title,
        "url": _page_url(partner, request),
    }
    if partner.website:
        data["sameAs"] = [partner.website]
    return data


def _pact(request):
    organisation = OrganisationSettings.for_request_or_default(request)
    data = {
        "@type": "Organization",
        "name": organisation.name,
        "url": _absolute(request, "/"),
    }
    if organisation.logo_id:
        logo = organisation.logo.get_rendition(LOGO_IMAGE_SPEC)
        data["logo"] = _absolute(request, logo.url)
    return data


def _date(value):
    return value.isoformat() if value else None


def _names(manager):
    return [item.name for item in manager.all()]


def _image_url(page, request):
    image, spec = share_image(page)
    if image is None:
        return ""
    return _absolute(request, image.get_rendition(spec).url)


def _tool_data(page, request):
    data = {
        "@type": "LearningResource",
        "name": page.title,
        "description": meta_description(page, request),
        "learningResourceType": str(page.get_tool_format_display()),
        "inLanguage": page.language.split("-"),
        "isAccessibleForFree": page.price == Price.FREE,
        "provider": _organisation(page.partner, request),
        "audience": [
            {"@type": "Audience", "audienceType": name}
            for name in _names(page.audiences)
        ],
        "about": _names(page.sectors),
        "keywords": _names(page.themes),
        "dateModified": _date(page.last_reviewed or page.last_published_at),
        "datePublished": _date(page.first_published_at),
    }
    if page.minutes_needed:
        data["timeRequired"] = f"PT{page.minutes_needed}M"
    if page.access != Access.PUBLIC:
        organisation = OrganisationSettings.for_request_or_default(request)
        data["conditionsOfAccess"] = f"Kun for partnere i {organisation.name}"
    return data


def _case_data(page, request):
    data = {
        "@type": "Article",
        "headline": page.title,
        "description": meta_description(page, request),
        "inLanguage": "da",
        "author": _organisation(page.partner, request),
        "publisher": _pact(request),
        "about": _names(page.sectors),
        "keywords": _names(page.themes),
        "datePublished": _date(page.first_published_at),
        "dateModified": _date(page.last_published_at),
    }
    image = _image_url(page, request)
    if image:
        data["image"] = image
    return data


def _partner_data(page, request):
    data = {
        "@type": "Organization",
        "name": page.title,
        "url": _page_url(page, request),
        "description": meta_description(page, request),
        "memberOf": _pact(request),
    }
    if page.website:
        data["sameAs"] = [page.website]
    logo = _image_url(page, request)
    if logo:
        data["logo"] = logo
    if page.contact_email:
        data["email"] = page.contact_email
    return data


def _home_data(page, request):
    return {
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": _absolute(request, "/"),
        "inLanguage": "da",
        "publisher": _pact(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": _absolute(request, "/soeg/") + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def _web_page_data(page, request):
    listing = type(page).__name__.endswith("IndexPage") or (
        type(page).__name__ == "SectorLandingPage"
    )
    return {
        "@type": "CollectionPage" if listing else "WebPage",
        "name": page.title,
        "description": meta_description(page, request),
        "url": _page_url(page, request),
        "inLanguage": "da",
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME},
    }


BUILDERS = {
    "ToolPage": _tool_data,
    "CasePage": _case_data,
    "PartnerPage": _partner_data,
    "HomePage": _home_data,
}


def json_ld_data(page, request):
    """The schema.org description of a page, as a dict."""
    builder = BUILDERS.get(type(page).__name__, _web_page_data)
    data = {"@context": "https://schema.org", **builder(page, request)}
    if type(page).__name__ in {"ToolPage", "CasePage", "PartnerPage"}:
        data.setdefault("url", _page_url(page, request))
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _cached_for_page(request, name, page, build):
    """A page's head tags, cached until the next publish: they cost an image
    rendition lookup (a cache write on every call, too) and the page's
    relations. Absolute URLs carry the scheme and host, so the key does."""
    if request is None:
        return build()
    vary = [page.pk, request.scheme, request.get_host()]
    return mark_safe(cached_fragment(request, name, vary, build))  # noqa: S308 - built here


@register.simple_tag(takes_context=True)
def json_ld(context, page=None):
    page = page or context.get("page")
    if page is None or not hasattr(page, "get_url"):
        return ""
    request = context.get("request")

    def build():
        script = json_script(json_ld_data(page, request))
        # json_script escapes <, > and & inside the JSON; only the type changes.
        return mark_safe(  # noqa: S308 - json_script's own, already escaped output
            script.replace('type="application/json"', 'type="application/ld+json"', 1)
        )

    return _cached_for_page(request, "json_ld", page, build)


@register.simple_tag(takes_context=True)
def page_meta(context, page=None, title=None, description=None):
    """Description, canonical URL, OpenGraph and Twitter card tags."""
    request = context.get("request")
    page = page or context.get("page")
    is_page = page is not None and hasattr(page, "get_url")

    def build():
        return render_to_string(
            "includes/meta.html", meta_context(page, request, title, description)
        )

    if is_page and title is None and description is None:
        return _cached_for_page(request, "page_meta", page, build)
    return mark_safe(build())  # noqa: S308 - the template escaped it


def meta_context(page, request, title=None, description=None):
    is_page = page is not None and hasattr(page, "get_url")
    url = (
        _page_url(page, request)
        if is_page
        else _absolute(request, request.path if request else "")
    )
    og_type = "website"
    if is_page and type(page).__name__ in {"CasePage", "ToolPage"}:
        og_type = "article"
    return {
        "title": title
        or ((getattr(page, "seo_title", "") or page.title) if is_page else SITE_NAME),
        "description": description
        or meta_description(page if is_page else None, request),
        "url": url,
        "og_type": og_type,
        "image": _image_url(page, request) if is_page else "",
        "site_name": SITE_NAME,
        "noindex": getattr(page, "access", Access.PUBLIC) != Access.PUBLIC,
        "published": _date(getattr(page, "first_published_at", None))
        if og_type == "article"
        else None,
    }
