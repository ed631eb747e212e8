"""The case index lists cases through the search service."""


def case_listing(request):
    from search.listing import listing_context
    from search.types import CASE

    return listing_context(request, CASE)
