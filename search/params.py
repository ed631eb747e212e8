"""The query-string parser shared by the search page and the listings.
Unknown facet values and odd page numbers are tolerated; only input that
cannot mean anything sensible (a query too long to be a search, a page size
out of range) is refused with a clear Danish message."""

from django.utils.translation import gettext_lazy as _

from search.analysis import MAX_QUERY_LENGTH, clean_query
from search.types import (
    DEFAULT_PAGE_SIZE,
    FACETS,
    MAX_PAGE_SIZE,
    MAX_VALUES_PER_FACET,
    MIN_PAGE_SIZE,
    SORT_RELEVANCE,
    SORTS,
    SearchRequest,
    facet_choices,
)


class SearchInputError(ValueError):
    """Input that gets a 400 answer; str(error) is the Danish message."""


def check_query_length(text):
    """Refuses a text too long to be a search (SearchInputError)."""
    if len(text) > MAX_QUERY_LENGTH:
        raise SearchInputError(
            _("Søgningen er for lang. Skriv højst %(limit)d tegn.")
            % {"limit": MAX_QUERY_LENGTH}
        )


def parse_query(text):
    """The cleaned search of ?q= (text may be None); SearchInputError when
    it is too long."""
    text = text or ""
    check_query_length(text)
    return clean_query(text)


def _int(value, default):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def parse_search_params(params, kind=None):
    """A SearchRequest from a QueryDict (request.GET)."""
    query = parse_query(params.get("q", ""))

    choices = facet_choices()
    filters = {}
    for facet in FACETS:
        allowed = {value for value, _label in choices.get(facet.param, [])}
        values = []
        for value in params.getlist(facet.param)[: MAX_VALUES_PER_FACET * 4]:
            if value in allowed and value not in values:
                values.append(value)
        if values:
            filters[facet.param] = values[:MAX_VALUES_PER_FACET]

    sort = params.get("sort", SORT_RELEVANCE)
    if sort not in SORTS:
        sort = SORT_RELEVANCE

    page = _int(params.get("side", 1), 1)
    page = min(max(page, 1), 10_000)

    page_size = DEFAULT_PAGE_SIZE
    if params.get("antal") not in (None, ""):
        page_size = _int(params.get("antal"), None)
        if page_size is None or not MIN_PAGE_SIZE <= page_size <= MAX_PAGE_SIZE:
            raise SearchInputError(
                _(
                    "Antal resultater pr. side skal være et tal mellem %(low)d og "
                    "%(high)d."
                )
                % {"low": MIN_PAGE_SIZE, "high": MAX_PAGE_SIZE}
            )
    return SearchRequest(
        query=query,
        filters=filters,
        sort=sort,
        page=page,
        page_size=page_size,
        kind=kind,
    )
