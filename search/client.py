"""The Elasticsearch client and index names, from settings."""

from functools import lru_cache

from django.conf import settings

from elasticsearch import Elasticsearch


@lru_cache(maxsize=8)
def _client(url, timeout):
    return Elasticsearch(
        url,
        request_timeout=timeout,
        max_retries=0,
        retry_on_timeout=False,
        http_compress=False,
    )


def get_client(timeout=None):
    """A client with the short search timeout (or the given one)."""
    return _client(settings.ELASTICSEARCH_URL, timeout or settings.SEARCH_TIMEOUT)


def admin_client():
    """A client for index management, which may take longer than a search."""
    return _client(settings.ELASTICSEARCH_URL, max(60.0, settings.SEARCH_TIMEOUT))


def alias_name():
    return f"{settings.SEARCH_INDEX_PREFIX}-indhold"


def is_configured():
    return settings.SEARCH_BACKEND == "elasticsearch" and bool(
        settings.ELASTICSEARCH_URL
    )
