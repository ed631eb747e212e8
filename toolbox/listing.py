"""The tool index lists tools through the search service."""


def tool_listing(request):
    from search.listing import listing_context
    from search.types import TOOL

    return listing_context(request, TOOL)
