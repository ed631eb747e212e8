"""Per-client rate limits for the public forms (tool feedback, Bliv partner,
alerts, suggestions) and for failed logins and privacy passwords
(core.login).

A client is a keyed hash of its address alone: the user agent is the
client's to choose, so a key that included it could be renewed with every
request. The raw address is never stored, and without SECRET_KEY the hash
cannot be reversed by trying every IPv4 address. Behind a proxy REMOTE_ADDR
is the proxy's, so the proxy must set it from the client's address
(gunicorn's forwarded-allow-ips).

Where the counts live must be seen by every process, or each gunicorn worker
grants the limit again (RATE_LIMIT_STORE):
- "cache": the shared cache (Redis, when REDIS_URL is set). When it cannot
  be reached, the count goes to the database instead: a limit is never lifted
  silently. Counts made before and during an outage are apart, so an attacker
  who times the outage gets at most the limit once more.
- "database": RateLimitCounter rows, one per scope and key, incremented in a
  transaction. The default without a shared cache; the login and the forms
  make a few such writes per submission, nothing on a page view.
"""

import contextlib
import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.cache import FAULTS, CacheUnavailable
from core.models.ratelimit import RateLimitCounter

CACHE_FAULTS = (CacheUnavailable, *FAULTS)


def client_key(request):
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac(
        "core.ratelimit.client", address, algorithm="sha256"
    ).hexdigest()[:40]


def _uses_cache():
    return getattr(settings, "RATE_LIMIT_STORE", "database") == "cache"


def _cache_key(scope, key):
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{digest}"


def _key_hash(scope, key):
    return salted_hmac(
        "core.ratelimit.counter", f"{scope}:{key}", algorithm="sha256"
    ).hexdigest()


def hit_rate_limit(scope, key, limit, window):
    """Counts one attempt in a fixed window of `window` seconds, from the
    first attempt, and tells whether the client has now made more than
    `limit` attempts in it."""
    if _uses_cache():
        try:
            return _cache_hit(scope, key, window) > limit
        except CACHE_FAULTS:
            pass
    return _database_hit(scope, key, window) > limit


def undo_hit(scope, key):
    """Takes back one attempt counted by hit_rate_limit, for an attempt that
    turned out not to count (a login that succeeded)."""
    if _uses_cache():
        try:
            # ValueError: the window has expired meanwhile, nothing to undo.
            with contextlib.suppress(ValueError):
                cache.decr(_cache_key(scope, key))
            return
        except CACHE_FAULTS:
            pass
    RateLimitCounter.objects.filter(
        scope=scope,
        key_hash=_key_hash(scope, key),
        expires_at__gt=timezone.now(),
        count__gt=0,
    ).update(count=F("count") - 1)


def reset_rate_limit(scope, key):
    if _uses_cache():
        cache.delete(_cache_key(scope, key))
    # Also with the cache: counts made in the database during an outage.
    RateLimitCounter.objects.filter(
        scope=scope, key_hash=_key_hash(scope, key)
    ).delete()


def _cache_hit(scope, key, window):
    cache_key = _cache_key(scope, key)
    cache.add(cache_key, 0, timeout=window)
    try:
        return cache.incr(cache_key)
    except CacheUnavailable:
        raise
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window)
        return 1


def _database_hit(scope, key, window):
    now = timezone.now()
    identity = {"scope": scope, "key_hash": _key_hash(scope, key)}
    counters = RateLimitCounter.objects.filter(**identity)
    with transaction.atomic():
        # The common case is one UPDATE; its row lock holds until the
        # transaction ends, so the count read back is this attempt's.
        if counters.filter(expires_at__gt=now).update(count=F("count") + 1):
            return counters.values_list("count", flat=True).get()
        counter, created = RateLimitCounter.objects.select_for_update().get_or_create(
            **identity,
            defaults={
                "window_start": now,
                "expires_at": now + timedelta(seconds=window),
                "count": 1,
            },
        )
        if created:
            # Each new window clears the windows that ended: the table holds
            # only the clients of the last window.
            RateLimitCounter.objects.filter(expires_at__lte=now).delete()
            return 1
        if counter.expires_at <= now:
            counter.window_start = now
            counter.expires_at = now + timedelta(seconds=window)
            counter.count = 1
        else:  # another process started the window meanwhile
            counter.count += 1
        counter.save(update_fields=["window_start", "expires_at", "count"])
        return counter.count
