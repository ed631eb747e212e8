"""Cached page fragments that are never stale after a publish.

A fragment's key holds the content generation, a number every publish,
unpublish, move, deletion, privacy or taxonomy change replaces
(portal.signals), and the visitor's audience, since partners-only content
changes what a list holds. A change thus starts new keys and the old
entries age out. With REDIS_URL every worker shares the generation; with the
per-process default cache another worker may serve its own copy until
FRAGMENT_TIMEOUT, which the embedded default (one process) never sees."""

import time

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from portal.access import sees_partner_content

GENERATION_KEY = "fragments:generation"
FRAGMENT_TIMEOUT = 600


def content_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def content_changed(**kwargs):
    """A signal receiver: every cached fragment is out of date."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def fragment_version(user):
    audience = "partners" if sees_partner_content(user) else "public"
    return f"{content_generation()}-{audience}"


def fragments(request):
    """Context processor: `fragment_version` for `{% cache %}` keys, worked
    out only by a template that caches something."""
    return {
        "fragment_version": SimpleLazyObject(lambda: fragment_version(request.user)),
        "fragment_timeout": FRAGMENT_TIMEOUT,
    }
