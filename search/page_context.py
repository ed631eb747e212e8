"""What the search templates need beyond the results: links that keep the
query string, active-filter chips, and the context shared by the search
page and the tool and case listings."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from search.params import SearchInputError, parse_search_params
from search.service import empty_results, run_search
from search.types import (
    FACETS_BY_PARAM,
    SORT_NEWEST,
    SORT_RELEVANCE,
    SORTS,
    SearchRequest,
    facet_choices,
)

KEPT_PARAMS = ("q", "sort", "antal", *FACETS_BY_PARAM)


def querystring(search_request, **changes):
    """?q=...&sektor=... for this request, with changes (None removes)."""
    params = QueryDict(mutable=True)
    if search_request.query:
        params["q"] = search_request.query
    for param, values in search_request.active_filters().items():
        params.setlist(param, values)
    if search_request.sort and search_request.sort != "relevans":
        params["sort"] = search_request.sort
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        elif isinstance(value, list):
            params.setlist(key, value)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def sort_options(search_request):
    """The sorts to offer, each {"value", "label", "selected"}. Without a
    query nothing is more relevant than anything else (both backends list
    the newest first), so relevance is not offered and Nyeste is chosen. That
    default Nyeste is sent as "", the default order, so a query typed next
    is still ordered by relevance."""
    query = search_request.query
    default = not query and search_request.sort == SORT_RELEVANCE
    options = []
    for value, label in SORTS.items():
        if value == SORT_RELEVANCE and not query:
            continue
        if default and value == SORT_NEWEST:
            options.append({"value": "", "label": label, "selected": True})
        else:
            selected = value == search_request.sort
            options.append({"value": value, "label": label, "selected": selected})
    return options


def active_chips(search_request):
    """One removable chip per active filter value."""
    choices = facet_choices()
    chips = []
    for param, values in search_request.active_filters().items():
        labels = dict(choices.get(param, []))
        for value in values:
            remaining = [v for v in values if v != value]
            chips.append(
                {
                    "facet": FACETS_BY_PARAM[param].label,
                    "label": labels.get(value, value),
                    "url": querystring(
                        search_request, **{param: remaining, "side": None}
                    ),
                }
            )
    return chips


def search_context(request, kind=None, *, log="after_response"):
    """The context of a search or listing page, and the HTTP status (400 for
    input that cannot be searched)."""
    try:
        search_request = parse_search_params(request.GET, kind=kind)
    except SearchInputError as error:
        search_request = SearchRequest(kind=kind)
        return {
            "search_request": search_request,
            "results": empty_results(search_request),
            "search_error": str(error),
            "chips": [],
            "sorts": sort_options(search_request),
            "query": "",
        }, 400
    results = run_search(search_request, request.user, log=log)
    pages = [
        {"number": number, "url": querystring(search_request, side=number)}
        if number
        else None
        for number in results.page_range()
    ]
    return {
        "search_request": search_request,
        "results": results,
        "search_error": "",
        "chips": active_chips(search_request),
        "clear_url": querystring(search_request, **dict.fromkeys(FACETS_BY_PARAM)),
        "sorts": sort_options(search_request),
        "query": search_request.query,
        "pages": pages,
        "previous_url": querystring(search_request, side=results.page - 1),
        "next_url": querystring(search_request, side=results.page + 1),
        "relaxed_url": querystring(search_request, **dict.fromkeys(FACETS_BY_PARAM)),
        "page_title": _("Søg"),
    }, 200
