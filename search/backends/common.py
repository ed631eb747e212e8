"""Inputs both backends use to rank: featured items and search promotions."""

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from search.types import FacetValue

FEATURED_CACHE_KEY = "search:featured-ids"


def featured_page_ids():
    """Pages editors feature; they rank a little higher. Where they are
    curated is the site's business: settings.SEARCH_FEATURED_PAGES names the
    function that lists their ids, so search never imports the site."""
    ids = cache.get(FEATURED_CACHE_KEY)
    if ids is None:
        source = getattr(settings, "SEARCH_FEATURED_PAGES", "")
        ids = sorted(set(import_string(source)())) if source else []
        cache.set(FEATURED_CACHE_KEY, ids, 60)
    return ids


def forget_featured_pages():
    cache.delete(FEATURED_CACHE_KEY)


PROMOTIONS_CACHE_KEY = "search:promotions"


def promoted_page_ids(query):
    """Editor's picks (Wagtail search promotions) for this exact query. All
    promotions are read at once and cached briefly: there are few of them,
    and most queries have none."""
    if not query:
        return []
    promotions = cache.get(PROMOTIONS_CACHE_KEY)
    if promotions is None:
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
    values = []
    for value, label in choices.get(spec.param, []):
        count = counts.get(value, 0)
        if count or value in selected:
            values.append(FacetValue(value, label, count, value in selected))
    return values
