"""The shared cache (Redis, with REDIS_URL) as a cache the site can do
without: when the server is unreachable, every read is a miss and every
write is dropped, so pages are built uncached instead of failing with a 500.

A fault starts a short cool-down (CACHE_FAILURE_COOLDOWN seconds, for this
process and every cache on the same server) in which the server is not
asked at all, so a request does not wait for a connect timeout on each of
its cache calls. incr and decr have no "miss" to answer with: they raise
CacheUnavailable, a ValueError like a missing key, so a counter that may
lose a count (the view counters) carries on, and the rate limits
(core.ratelimit) catch it and count in the database instead.

Sessions never live in this cache (SESSION_ENGINE stays the database), so
an outage logs nobody out.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

import redis

logger = logging.getLogger(__name__)

FAULTS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
DEFAULT_COOLDOWN = 10.0

# Server location -> time.monotonic() until which it is not asked again.
_down_until = {}


class CacheUnavailable(ValueError):
    """The cache server could not be reached for an operation that has no
    harmless answer (incr, decr)."""


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)

    def _cooldown(self):
        return float(getattr(settings, "CACHE_FAILURE_COOLDOWN", DEFAULT_COOLDOWN))

    def is_cooling_down(self):
        return time.monotonic() < _down_until.get(self._location, 0)

    def _fault(self, error):
        if not self.is_cooling_down():
            logger.warning(
                "cache server unreachable (%s); serving uncached for %g s",
                error.__class__.__name__,
                self._cooldown(),
            )
        _down_until[self._location] = time.monotonic() + self._cooldown()

    def _guarded(self, operation, on_fault, *args, **kwargs):
        if self.is_cooling_down():
            return on_fault()
        try:
            return operation(*args, **kwargs)
        except FAULTS as error:
            self._fault(error)
            return on_fault()

    def ping(self):
        """Whether the server answers now (False during a cool-down)."""

        def ask():
            return bool(self._cache.get_client(write=True).ping())

        return self._guarded(ask, lambda: False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().add, lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guarded(super().get, lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().set, lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(super().touch, lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(super().delete, lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._guarded(super().get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(super().has_key, lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def unavailable():
            raise CacheUnavailable(f"cache server {self._location} unreachable")

        return self._guarded(super().incr, unavailable, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(
            super().set_many, lambda: list(data), data, timeout, version
        )

    def delete_many(self, keys, version=None):
        return self._guarded(super().delete_many, lambda: None, keys, version)

    def clear(self):
        return self._guarded(super().clear, lambda: False)


def cache_status(alias="default"):
    """For /sundhed/: None when the cache is each process's own (nothing to
    reach), else "ok" or "unreachable"."""
    cache = caches[alias]
    if not isinstance(cache, RedisCache):
        return None
    if isinstance(cache, ResilientRedisCache):
        return "ok" if cache.ping() else "unreachable"
    try:
        cache._cache.get_client(write=True).ping()
    except FAULTS:
        return "unreachable"
    return "ok"
