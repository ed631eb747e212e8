"""The popular sectors and themes a zero-result search offers: counted over
what an anonymous visitor may see, tools and cases together, in a number of
queries that does not grow with the catalogue, and new after a publish."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.choices import Access
from portal.templatetags.portal_tags import popular_topics
from tests.factories import make_case, make_sector, make_theme, make_tool

pytestmark = pytest.mark.django_db


def names_and_counts(terms):
    return [(term.name, term.page_count) for term in terms]


def test_counts_tools_and_cases_a_visitor_may_see():
    welding = make_sector("Svejsning")
    bakery = make_sector("Bageri")
    make_sector("Tom sektor")
    culture = make_theme("Læringskultur")
    for number in range(2):
        make_tool(title=f"Svejseguide {number}", sectors=[welding], themes=[culture])
    make_case(title="Svejsecase", sectors=[welding])
    make_tool(title="Bageguide", sectors=[bakery])
    for number in range(3):
        make_tool(
            title=f"Intern bageguide {number}", sectors=[bakery], access=Access.PARTNERS
        )
    make_tool(title="Kladde", sectors=[bakery], publish=False)

    topics = popular_topics()
    assert names_and_counts(topics["sectors"]) == [("Svejsning", 3), ("Bageri", 1)]
    assert names_and_counts(topics["themes"]) == [("Læringskultur", 2)]
    assert names_and_counts(popular_topics("case")["sectors"]) == [("Svejsning", 1)]
    assert names_and_counts(popular_topics("tool")["sectors"]) == [
        ("Svejsning", 2),
        ("Bageri", 1),
    ]


def test_a_publish_changes_the_answer():
    welding = make_sector("Svejsning")
    bakery = make_sector("Bageri")
    make_tool(title="Svejseguide", sectors=[welding])
    assert names_and_counts(popular_topics()["sectors"]) == [("Svejsning", 1)]
    for number in range(2):
        make_tool(title=f"Bageguide {number}", sectors=[bakery])
    assert names_and_counts(popular_topics()["sectors"]) == [
        ("Bageri", 2),
        ("Svejsning", 1),
    ]


def test_queries_do_not_grow_with_the_catalogue():
    sectors = [make_sector(f"Sektor {number}") for number in range(3)]
    counted = []
    for added in (2, 18):
        for number in range(added):
            make_tool(title=f"Værktøj {added}-{number}", sectors=sectors)
            make_case(title=f"Case {added}-{number}", sectors=sectors)
        with CaptureQueriesContext(connection) as queries:
            topics = popular_topics()
        counted.append(len(queries))
    assert topics["sectors"][0].page_count == 40
    assert counted[0] == counted[1]
