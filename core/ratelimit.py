"""Per-client rate limits for the public forms (tool feedback, Bliv partner)
and for failed logins (core.login).

A client is a keyed hash of its address alone: the user agent is the
client's to choose, so a key that included it could be renewed with every
request. The raw address is never stored, and without SECRET_KEY the hash
cannot be reversed by trying every IPv4 address. Behind a proxy REMOTE_ADDR
is the proxy's, so the proxy must set it from the client's address
(gunicorn's forwarded-allow-ips).
"""

import contextlib
import hashlib

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def client_key(request):
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac(
        "core.ratelimit.client", address, algorithm="sha256"
    ).hexdigest()[:40]


def _cache_key(scope, key):
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{digest}"


def hit_rate_limit(scope, key, limit, window):
    """Counts one attempt in a fixed window of `window` seconds and tells
    whether the client has now made more than `limit` attempts in it."""
    cache_key = _cache_key(scope, key)
    cache.add(cache_key, 0, timeout=window)
    try:
        attempts = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window)
        attempts = 1
    return attempts > limit


def undo_hit(scope, key):
    """Takes back one attempt counted by hit_rate_limit, for an attempt that
    turned out not to count (a login that succeeded)."""
    # ValueError: the window has expired meanwhile, nothing to take back.
    with contextlib.suppress(ValueError):
        cache.decr(_cache_key(scope, key))


def reset_rate_limit(scope, key):
    cache.delete(_cache_key(scope, key))
