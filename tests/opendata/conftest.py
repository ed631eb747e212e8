from django.core.cache import caches

import pytest

from core.choices import Access
from tests.factories import (
    case_index,
    make_audience,
    make_case,
    make_document,
    make_partner,
    make_sector,
    make_theme,
    make_tool,
)


@pytest.fixture(autouse=True)
def clear_caches():
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def catalogue(db):
    """A public and a partners-only tool that match the same filters, and a
    case that uses both."""
    production = make_sector("Produktion og fremstilling", slug="produktion")
    ojt = make_theme("On-the-job-training", slug="on-the-job-training")
    leaders = make_audience("Ledere", slug="ledere")
    partner = make_partner("Smedjen A/S", sectors=[production])
    public = make_tool(
        partner,
        title="Åben tjekliste til sidemandsoplæring",
        sectors=[production],
        themes=[ojt],
        audiences=[leaders],
        documents=[make_document("Offentlig skabelon")],
    )
    secret = make_tool(
        partner,
        title="Fortroligt partnerværktøj",
        access=Access.PARTNERS,
        sectors=[production],
        themes=[ojt],
        audiences=[leaders],
        documents=[make_document("Fortrolig skabelon")],
    )
    case_index()
    case = make_case(
        partner, title="Case fra Smedjen", tools=[public, secret], sectors=[production]
    )
    return {
        "partner": partner,
        "public": public,
        "secret": secret,
        "case": case,
        "sector": production,
        "theme": ojt,
        "audience": leaders,
    }
