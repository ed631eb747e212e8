"""Inputs both backends use to rank: featured items and search promotions."""

from django.core.cache import cache

FEATURED_CACHE_KEY = "search:featured-ids"


def featured_page_ids():
    """Pages editors feature on the home page; they rank a little higher."""
    ids = cache.get(FEATURED_CACHE_KEY)
    if ids is None:
        from portal.models import HomePageFeaturedItem

        ids = sorted(
            set(HomePageFeaturedItem.objects.values_list("page_id", flat=True))
        )
        cache.set(FEATURED_CACHE_KEY, ids, 60)
    return ids


PROMOTIONS_CACHE_KEY = "search:promotions"


def promoted_page_ids(query):
    """Editor's picks (Wagtail search promotions) for this exact query. All
    promotions are read at once and cached briefly: there are few of them,
    and most queries have none."""
    if not query:
        return []
    from wagtail.search.utils import normalise_query_string

    promotions = cache.get(PROMOTIONS_CACHE_KEY)
    if promotions is None:
        from wagtail.contrib.search_promotions.models import SearchPromotion

        promotions = {}
        for query_string, page_id in SearchPromotion.objects.filter(
            page__isnull=False
        ).values_list("query__query_string", "page_id"):
            promotions.setdefault(query_string, []).append(page_id)
        cache.set(PROMOTIONS_CACHE_KEY, promotions, 60)
    return promotions.get(normalise_query_string(query), [])


def facet_values(spec, choices, counts, selected):
    """FacetValues in the facet's display order; values with no hits are
    kept only while selected, so a visitor can always untick them."""
    from search.types import FacetValue

    values = []
    for value, label in choices.get(spec.param, []):
        count = counts.get(value, 0)
        if count or value in selected:
            values.append(FacetValue(value, label, count, value in selected))
    return values
