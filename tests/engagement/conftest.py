from django.core.cache import caches

import pytest


@pytest.fixture(autouse=True)
def clear_caches():
    """Counters, rate limits and cached fragments start empty in each test."""
    for cache in caches.all():
        cache.clear()
    yield
