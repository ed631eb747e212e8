"""Per-client rate limits for the public forms (tool feedback, Bliv partner).

A client is a keyed hash of its address and user agent: the raw address is
never stored, and without SECRET_KEY the hash cannot be reversed by trying
every IPv4 address. Behind a proxy REMOTE_ADDR is the proxy's, so the
proxy must set it from the client's address (gunicorn's forwarded-allow-ips).
"""

import hashlib

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def client_key(request):
    address = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    return salted_hmac(
        "portal.ratelimit.client", f"{address}|{agent}", algorithm="sha256"
    ).hexdigest()[:40]


def hit_rate_limit(scope, key, limit, window):
    """Counts one attempt in a fixed window of `window` seconds and tells
    whether the client has now made more than `limit` attempts in it."""
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{digest}"
    cache.add(cache_key, 0, timeout=window)
    try:
        attempts = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window)
        attempts = 1
    return attempts > limit
