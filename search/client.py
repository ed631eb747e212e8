"""The Elasticsearch client and index names, from settings."""

from functools import lru_cache

from django.conf import settings

from elasticsearch import Elasticsearch


@lru_cache(maxsize=8)
def _client(url, timeout):
    # Several nodes are given comma-separated; the client spreads requests
    # over them, retries a refused connection on the next node and leaves a
    # dead node alone for a while. A slow answer is never retried: the
    # search falls back instead of making the visitor wait twice.
    nodes = [node.strip() for node in url.split(",") if node.strip()]
    return Elasticsearch(
        nodes,
        request_timeout=timeout,
        max_retries=len(nodes) - 1,
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
