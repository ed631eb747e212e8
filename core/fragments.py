"""Cached page fragments that are never stale after a publish.

A fragment's key holds the content generation, a number every publish,
unpublish, move, deletion, privacy or taxonomy change replaces
(core.signals), and the visitor's audience, since partners-only content
changes what a list holds. A change thus starts new keys and the old
entries age out. Templates cache with `{% wagtailcache %}` and
`fragment_version`; template tags with cached_fragment().

The generation is one database row (ContentGeneration), not a cache entry:
a change made by another process (cron's publish_scheduled, db_worker,
another worker or node) must retire this process's fragments at once, and
the embedded default and small sites have no shared cache. Reading it costs
one primary-key lookup per request (request_fragment_version)."""

import time

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils.functional import SimpleLazyObject

from core.access import sees_partner_content
from core.models.generation import ContentGeneration

GENERATION_ROW = 1
FRAGMENT_TIMEOUT = 600


def content_generation():
    generation = (
        ContentGeneration.objects.filter(pk=GENERATION_ROW)
        .values_list("value", flat=True)
        .first()
    )
    if generation is None:
        row, _created = ContentGeneration.objects.get_or_create(
            pk=GENERATION_ROW, defaults={"value": time.time_ns()}
        )
        generation = row.value
    return generation


def content_changed(**kwargs):
    """A signal receiver: every cached fragment is out of date. Publishing
    signals fire inside the publishing transaction, and the new generation
    is written in it: other processes see it exactly when they see the
    content it belongs to, at the commit."""
    updated = ContentGeneration.objects.filter(pk=GENERATION_ROW).update(
        value=time.time_ns()
    )
    if not updated:
        ContentGeneration.objects.update_or_create(
            pk=GENERATION_ROW, defaults={"value": time.time_ns()}
        )


def fragment_version(user):
    audience = "partners" if sees_partner_content(user) else "public"
    return f"{content_generation()}-{audience}"


def request_fragment_version(request):
    """fragment_version of the request's user, asked of the cache once per
    request however many fragments and tags want it."""
    version = getattr(request, "_fragment_version", None)
    if version is None:
        version = fragment_version(getattr(request, "user", None))
        request._fragment_version = version
    return version


def cached_fragment(request, name, vary, build, keep=None):
    """The HTML that build() returns, cached like a `{% wagtailcache %}`
    fragment under name, the request's fragment version and vary (which
    must name everything else the HTML depends on). A preview, or a call
    without a request, always builds: a draft is never stored, nor served
    from the live page's entry. keep() False, asked after build(), leaves
    the answer out of the cache (an error or a fallback notice that should
    not outlive its cause)."""
    if request is None or getattr(request, "is_preview", False):
        return build()
    key = make_template_fragment_key(name, [request_fragment_version(request), *vary])
    html = cache.get(key)
    if html is None:
        html = build()
        if keep is None or keep():
            cache.set(key, html, FRAGMENT_TIMEOUT)
    return html


def fragments(request):
    """Context processor: `fragment_version` for `{% cache %}` keys, worked
    out only by a template that caches something."""
    return {
        "fragment_version": SimpleLazyObject(lambda: request_fragment_version(request)),
        "fragment_timeout": FRAGMENT_TIMEOUT,
    }
