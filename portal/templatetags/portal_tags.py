"""Small display helpers for the public templates."""

from collections import Counter
from html import unescape

from django import template
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.html import strip_tags

from cases.models import CasePage
from core.fragments import FRAGMENT_TIMEOUT, content_generation
from core.models.forms import PartnerFormPage
from core.models.taxonomy import Sector, Theme
from portal.models.home import HomePage
from toolbox.models import ToolPage

register = template.Library()

# Linked from the footer of every page whether or not an editor put them in
# the menus: the accessibility statement must be (webtilgaengelighed.dk), and
# "Om pagten" says who is behind the portal.
FOOTER_SLUGS = ("om-pagten", "tilgaengelighed")
# Seconds the site-wide links may lag behind publishing, as the footer does.
SITE_LINKS_TIMEOUT = 600
PARTNER_FORM_CACHE_KEY = "portal:partner-form-url"


@register.simple_tag
def choice_labels(instance, field_name):
    """The display labels of a ChoiceListField value, e.g. a tool's used_where."""
    field = instance._meta.get_field(field_name)
    return field.labels(getattr(instance, field_name))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    if request is None or not url:
        return url
    return request.build_absolute_uri(url)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors below the site root, in one query."""
    ancestors = page.get_ancestors().filter(depth__gt=2)
    return {
        "request": context.get("request"),
        "ancestors": list(ancestors),
        "page": page,
    }


@register.simple_tag
def footer_pages():
    """Live pages under the home page for the footer's "Om portalen": "Om
    pagten" and the accessibility statement (FOOTER_SLUGS), and the pages
    editors put in the menus. The partner form has its own link."""
    home = HomePage.objects.first()
    if home is None:
        return []
    children = home.get_children().live().public()
    return list(
        children.filter(Q(show_in_menus=True) | Q(slug__in=FOOTER_SLUGS)).not_type(
            PartnerFormPage
        )
    )


@register.simple_tag
def partner_form_url():
    """The address of the live "Bliv partner" form, or "". Every page's
    header links it, so the answer is cached for as long as the footer."""
    url = cache.get(PARTNER_FORM_CACHE_KEY)
    if url is None:
        page = PartnerFormPage.objects.live().public().order_by("path").first()
        url = page.url if page else ""
        cache.set(PARTNER_FORM_CACHE_KEY, url, SITE_LINKS_TIMEOUT)
    return url


@register.simple_tag
def popular_topics(kind=None, limit=5):
    """{"themes": [...], "sectors": [...]}: the terms most public tools
    (kind "tool"), cases ("case") or both use, for a visitor whose search
    found nothing. Each term has its `page_count`. Public counts only, so
    one answer per content generation serves every visitor."""
    key = f"portal:popular-topics:{content_generation()}:{kind}:{limit}"
    topics = cache.get(key)
    if topics is None:
        topics = {
            name: _most_used(taxonomy, field, kind, limit)
            for name, taxonomy, field in (
                ("themes", Theme, "themes"),
                ("sectors", Sector, "sectors"),
            )
        }
        cache.set(key, topics, FRAGMENT_TIMEOUT)
    return topics


def _most_used(taxonomy, field, kind, limit):
    """The terms of taxonomy most used by visible pages of kind (or both
    kinds). One GROUP BY per kind: counting both relations in one statement
    joins every tool of a term with every case of it, which took minutes
    at 50 000 pages."""
    models = {"tool": ToolPage, "case": CasePage}
    counts = Counter()
    for model in [models[kind]] if kind in models else models.values():
        grouped = (
            model.objects.visible_to(None)
            .filter(**{f"{field}__isnull": False})
            .order_by()
            .values_list(field)
            .annotate(pages=Count("pk", distinct=True))
        )
        counts.update(dict(grouped))
    terms = taxonomy.objects.in_bulk(list(counts))
    ranked = sorted(terms.values(), key=lambda term: (-counts[term.pk], term.name))
    for term in ranked:
        term.page_count = counts[term.pk]
    return ranked[:limit]


@register.filter
def opens_with_heading(stream):
    """True when a StreamField section starts with the editor's own heading,
    so the template does not add a second one above it."""
    if not stream:
        return False
    first = stream[0]
    if first.block_type != "paragraph":
        return False
    return first.value.source.lstrip().lower().startswith("<h2")


@register.filter
def plain_text(html):
    """Rich text as one line of plain text, keeping words of adjacent
    paragraphs apart. Entities become characters: the template escapes the
    result again."""
    return " ".join(unescape(strip_tags(str(html or "").replace("<", " <"))).split())


@register.filter
def says(html, text):
    """True when the plain text of html contains text (spacing aside): a
    tool's body that opens by repeating its summary, say."""
    needle = " ".join(str(text or "").split())
    return bool(needle) and needle in plain_text(html)
