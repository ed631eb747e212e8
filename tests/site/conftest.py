from django.core.cache import caches

import pytest


@pytest.fixture(autouse=True)
def clear_caches():
    """Cached fragments (live figures, footer) must not leak between tests."""
    for cache in caches.all():
        cache.clear()
    yield
