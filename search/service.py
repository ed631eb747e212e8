"""The search service: one interface in front of two backends.

Views, listings and template tags call `search`, `autocomplete` and
`related_tools`; none of them knows which backend answers. The backend comes
from settings.SEARCH_BACKEND. When Elasticsearch is down or slow, public
search goes on through the database backend with a short notice."""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from elastic_transport import ConnectionError as ElasticsearchConnectionError

from core.contact_details import scrub_contact_details
from core.fragments import fragment_version
from search.analysis import clean_query
from search.backends.base import SearchBackend, Suggestion, Synonyms
from search.backends.database import DatabaseBackend, content_models
from search.backends.elastic import ElasticsearchBackend
from search.models import ZeroResultQuery, synonym_groups
from search.types import (
    DEFAULT_PAGE_SIZE,
    SORT_RELEVANCE,
    Hit,
    SearchRequest,
    SearchResults,
    max_page,
)

if TYPE_CHECKING:
    from core.access import Viewer
    from toolbox.models import ToolPage

T = TypeVar("T")
ItemT = TypeVar("ItemT", Hit, Suggestion)
# "after_response": logged once the current request has finished.
LogWhen = bool | Literal["after_response"]

logger = logging.getLogger("search")

FALLBACK_NOTICE = _(
    "Søgningen kører lige nu i en enklere udgave, så resultaterne kan være "
    "mindre præcise end normalt."
)
# After an outage, Elasticsearch is left alone this long, so visitors do not
# each wait for the timeout while it is down.
_down_until: dict[str, float] = {}
# Faults since the last answer, per cluster: a cluster that is there but
# stumbles (a slow first query after a rebuild, a shard moving while a node
# leaves) costs only the requests it fails, until it fails several in a row.
_faults_in_a_row: defaultdict[str, int] = defaultdict(int)


def _cooldown() -> float:
    return settings.SEARCH_FAILURE_COOLDOWN


def _faults_before_cooldown() -> int:
    return settings.SEARCH_FAULTS_BEFORE_COOLDOWN


def get_backend(name: str | None = None) -> SearchBackend:
    name = name or settings.SEARCH_BACKEND
    if name == "elasticsearch":
        return ElasticsearchBackend()
    return DatabaseBackend()


def _elasticsearch_available() -> bool:
    return time.monotonic() >= _down_until.get(settings.ELASTICSEARCH_URL, 0.0)


def _record_fault(error: Exception) -> None:
    """Every node refused the connection: the cluster is gone, so the
    cool-down starts at once. Any other fault (a timeout, a 5xx such as no
    shard available) starts it only after a few in a row."""
    url = settings.ELASTICSEARCH_URL
    _faults_in_a_row[url] += 1
    unreachable = isinstance(error, ElasticsearchConnectionError)
    if unreachable or _faults_in_a_row[url] >= _faults_before_cooldown():
        _down_until[url] = time.monotonic() + _cooldown()
        _faults_in_a_row[url] = 0
        logger.warning(
            "Elasticsearch failed (%s: %s); searching the database instead",
            type(error).__name__,
            error,
        )
    else:
        logger.warning(
            "Elasticsearch failed one search (%s: %s); answering it from the database",
            type(error).__name__,
            error,
        )


def _record_answer() -> None:
    _faults_in_a_row.pop(settings.ELASTICSEARCH_URL, None)


def reset_fallback() -> None:
    """Forgets earlier Elasticsearch failures (tests, after an outage)."""
    _down_until.clear()
    _faults_in_a_row.clear()


def is_outage(error: Exception) -> bool:
    """A request the cluster refused as malformed (a 4xx other than 429) is
    this request's fault, not the cluster's: it must not send every visitor
    of this worker to the database for the cool-down."""
    status = getattr(error, "status_code", None)
    body = getattr(error, "body", None)
    if isinstance(body, dict) and isinstance(body.get("status"), int):
        status = body["status"]  # one failed part of a multi-search
    refused = isinstance(status, int) and 400 <= status < 500 and status != 429
    return not refused


def _run(operation: Callable[[SearchBackend], T]) -> tuple[T, bool]:
    """operation(backend) on the configured backend, or on the database
    backend when Elasticsearch fails. Returns (result, fell_back)."""
    if settings.SEARCH_BACKEND == "elasticsearch":
        if _elasticsearch_available():
            try:
                result = operation(get_backend("elasticsearch"))
            except Exception as error:  # noqa: BLE001 - any fault means fallback
                if is_outage(error):
                    _record_fault(error)
                else:
                    logger.warning(
                        "Elasticsearch refused a search (%s); answering it from "
                        "the database",
                        error,
                    )
            else:
                _record_answer()
                return result, False
        return operation(DatabaseBackend()), True
    return operation(DatabaseBackend()), False


def search(
    query: str | None = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = SORT_RELEVANCE,
    page: int = 1,
    user: Viewer = None,
    kind: str | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    *,
    log: LogWhen = True,
) -> SearchResults:
    """Searches tools and cases (or one kind) for what user may see.

    filters maps facet parameters (sektor, tema, maalgruppe, format,
    laeringsformat, type) to lists of values. Returns SearchResults with hits,
    total, facet counts and zero-result help."""
    request = SearchRequest(
        query=query or "",
        filters=dict(filters or {}),
        sort=sort,
        page=max(1, page),
        page_size=page_size,
        kind=kind,
    )
    return run_search(request, user, log=log)


def run_search(
    request: SearchRequest, user: Viewer, *, log: LogWhen = True
) -> SearchResults:
    """Runs a parsed SearchRequest. log=True records the query now;
    log="after_response" records it when the current request has finished."""
    synonyms = synonym_groups()

    def operation(backend: SearchBackend) -> SearchResults:
        wanted = request.page
        results = _search_within_pages(backend, request, user, synonyms)
        if results.total == 0 and request.query and not results.notice:
            results = _zero_result_help(
                backend, request, results, user, synonyms, wanted
            )
        return results

    key = _results_key(request, user, synonyms)
    cached: SearchResults | None = cache.get(key) if key else None
    if cached is not None:
        results = cached
        # A change no signal sees (a bulk update) is not in the key: what is
        # shown is checked against the database all the same.
        results.hits = visible_only(results.hits, user)
        results.relaxed_hits = visible_only(results.relaxed_hits, user)
    else:
        results, fell_back = _run(operation)
        if fell_back:
            results.notice = results.notice or FALLBACK_NOTICE
        elif results.backend == "elasticsearch":
            results.hits = visible_only(results.hits, user)
            results.relaxed_hits = visible_only(results.relaxed_hits, user)
        if key and not results.notice:
            cache.set(key, results, _results_seconds())
    if log and request.query and request.page == 1:
        query = results.original_query or request.query
        if log == "after_response":
            log_after_response(query, results)
        else:
            _log_query(query, results)
    return results


def _results_seconds() -> float:
    return settings.SEARCH_RESULTS_CACHE_SECONDS


def _results_key(
    request: SearchRequest, user: Viewer, synonyms: Synonyms
) -> str | None:
    """The shared cache's key for these results, or None when they are not
    cached. It holds the content generation, which every publish, index
    update, synonym and promotion replaces (core.fragments), and the
    audience, so a cached answer is never one the visitor may not see or
    one from before a change. Orders by use follow the counters within
    SEARCH_RESULTS_CACHE_SECONDS."""
    if _results_seconds() <= 0:
        return None
    asked = (
        request.query,
        sorted(
            (param, sorted(values))
            for param, values in request.active_filters().items()
        ),
        request.sort,
        request.page,
        request.page_size,
        request.kind,
        synonyms,
    )
    digest = hashlib.sha256(repr(asked).encode()).hexdigest()
    return f"search:results:{fragment_version(user)}:{digest}"


def _search_within_pages(
    backend: SearchBackend,
    request: SearchRequest,
    user: Viewer,
    synonyms: Synonyms,
) -> SearchResults:
    """A page past the last one is answered with the last one."""
    results = backend.search(request, user, synonyms)
    last = max_page(results.total, request.page_size)
    if request.page > last:
        request.page = last
        results = backend.search(request, user, synonyms)
    return results


def _zero_result_help(
    backend: SearchBackend,
    request: SearchRequest,
    results: SearchResults,
    user: Viewer,
    synonyms: Synonyms,
    wanted_page: int,
) -> SearchResults:
    if backend.matches_compounds_on_request:
        inside = _search_within_pages(
            backend, replace(request, compounds=True, page=wanted_page), user, synonyms
        )
        if inside.total:
            return inside
    suggestion = backend.spelling(request.query, user)
    if suggestion and suggestion != request.query.lower():
        corrected = backend.search(request.with_query(suggestion), user, synonyms)
        if corrected.total:
            corrected.corrected_query = suggestion
            corrected.original_query = request.query
            return corrected
    if request.active_filters():
        relaxed = backend.search(request.without_filters(), user, synonyms)
        results.relaxed_hits = relaxed.hits[:5]
        results.relaxed_total = relaxed.total
    return results


_pending = threading.local()


def log_after_response(query: str, results: SearchResults) -> None:
    """Logs the query once the response has been sent (request_finished),
    so visitors never wait for the write."""
    if not hasattr(_pending, "items"):
        _pending.items = []
    _pending.items.append((query, results.total, bool(results.corrected_query)))


def flush_pending_logs(**kwargs: Any) -> None:
    """request_finished receiver: writes the queries this thread deferred."""
    items = getattr(_pending, "items", None)
    if not items:
        return
    _pending.items = []
    for query, total, corrected in items:
        _write_query_log(query, total, corrected)


def _log_query(query: str, results: SearchResults) -> None:
    _write_query_log(query, results.total, bool(results.corrected_query))


def worth_logging(query: str) -> bool:
    """Editors act on logged queries: markup and runs of punctuation are
    noise (or probes), never a visitor's need."""
    letters = sum(character.isalnum() for character in query)
    return letters >= 2 and not any(character in query for character in "<>{}")


def _write_query_log(query: str, total: int, corrected: bool) -> None:
    """Counts the query for editors (Wagtail's search promotions Query), and
    remembers it when nothing was found. Never breaks a search. E-mail
    addresses and phone numbers are removed before anything is stored: a
    visitor who searches for a person's address must not leave it in the
    log."""
    try:
        from wagtail.contrib.search_promotions.models import Query
        from wagtail.search.utils import normalise_query_string

        normalised = normalise_query_string(scrub_contact_details(query))
        if not worth_logging(normalised):
            return
        Query.get(normalised).add_hit()
        if total == 0 and not corrected:
            ZeroResultQuery.record(normalised[:255])
    except Exception:  # noqa: BLE001 - logging must never fail a search
        logger.exception("could not log search query")


def autocomplete(prefix: str, user: Viewer, limit: int = 8) -> list[Suggestion]:
    """Title suggestions for a prefix, only among items user may see:
    [{"title", "url", "kind"}]."""
    prefix = clean_query(prefix)[:100]
    if len(prefix) < 2:
        return []
    suggestions, fell_back = _run(
        lambda backend: backend.autocomplete(prefix, user, limit)
    )
    if _answered_by_index(fell_back):
        suggestions = visible_only(suggestions, user)
    return suggestions


def related_tools(tool: ToolPage, user: Viewer, limit: int = 4) -> list[Hit]:
    """Tools like this one (more_like_this, or shared sectors, themes and
    tags on the database), only those user may see: a list of Hits."""
    hits, fell_back = _run(lambda backend: backend.related_tools(tool, user, limit))
    if _answered_by_index(fell_back):
        hits = visible_only(hits, user)
    return hits


def _answered_by_index(fell_back: bool) -> bool:
    return settings.SEARCH_BACKEND == "elasticsearch" and not fell_back


def _identity(item: Hit | Suggestion) -> tuple[str, int]:
    if isinstance(item, dict):
        return item["kind"], item["page_id"]
    return item.kind, item.page_id


def visible_only(items: Sequence[ItemT], user: Viewer) -> list[ItemT]:
    """Defence in depth for answers from the index: keeps only the items the
    database says this user may see now (one query per kind present), so a
    stale document (an update still queued during an outage) never shows
    what has since been hidden, unpublished or deleted."""
    wanted: defaultdict[str, set[int]] = defaultdict(set)
    for item in items:
        kind, page_id = _identity(item)
        wanted[kind].add(page_id)
    allowed: set[tuple[str, int]] = set()
    for kind, ids in wanted.items():
        model = content_models().get(kind)
        if model is None:
            continue
        visible = model.objects.visible_to(user).filter(pk__in=ids)
        allowed.update((kind, pk) for pk in visible.values_list("pk", flat=True))
    return [item for item in items if _identity(item) in allowed]


def empty_results(request: SearchRequest) -> SearchResults:
    return SearchResults(request=request)
