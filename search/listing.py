"""The tool and case index pages list through the search service."""

from search.ui import search_context


def listing_context(request, kind):
    """Context for an index page of one kind. The filters keep their
    query-string names (sektor, tema, maalgruppe, format, laeringsformat,
    side, q, sort). Input that cannot be searched shows a message."""
    context, _status = search_context(request, kind=kind)
    context["items"] = context["results"].hits
    context["filters"] = context["search_request"].active_filters()
    return context
