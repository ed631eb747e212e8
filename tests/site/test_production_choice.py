"""The production landing's tools: the editors' choice first, in their order,
then the sector's newest tools, so there are always as many as there are
tools to show, never a hole where a tool someone may not see was chosen."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from core.access import MEMBERS_GROUP
from core.choices import Access
from portal.models.standard import LANDING_TOOL_COUNT, SectorLandingPageFeaturedTool
from tests.factories import (
    make_editor,
    make_partner,
    make_sector,
    make_tool,
    make_user,
    production_landing,
)

pytestmark = pytest.mark.django_db


def aged(tool, days):
    """The tool as if last published `days` ago, so "newest" is unambiguous."""
    type(tool).objects.filter(pk=tool.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=days)
    )
    tool.refresh_from_db()
    return tool


class Floor:
    """A sector with its landing, a partner and twelve public tools, newest
    first in `newest` (newest[0] is a day old, newest[11] twelve days)."""

    def __init__(self):
        self.sector = make_sector(
            "Produktion og fremstilling", slug="produktion", is_focus=True
        )
        self.landing = production_landing(self.sector)
        self.partner = make_partner("Vestjysk Plast A/S", sectors=[self.sector])
        self.newest = [
            aged(
                make_tool(
                    self.partner,
                    title=f"Gulvværktøj {number:02d}",
                    sectors=[self.sector],
                ),
                days=number,
            )
            for number in range(1, LANDING_TOOL_COUNT + 1)
        ]
        self.secret = aged(
            make_tool(
                self.partner,
                title="Fortrolig vedligeholdelsesplan",
                access=Access.PARTNERS,
                sectors=[self.sector],
            ),
            days=100,
        )

    def choose(self, *tools):
        self.landing.featured_tools = [
            SectorLandingPageFeaturedTool(tool=tool, sort_order=order)
            for order, tool in enumerate(tools)
        ]
        self.landing.save_revision().publish()


@pytest.fixture
def floor():
    return Floor()


def shown_tools(client, landing):
    """The URLs of the tool cards in the landing's tool section, in order."""
    response = client.get(landing.url)
    assert response.status_code == 200
    html = response.content.decode()
    section = html[html.index('id="sector-tools-heading"') :]
    section = section[: section.index("</section>")]
    return re.findall(r'class="card__title"><a href="([^"]+)"', section)


def urls(tools):
    return [tool.url for tool in tools]


def test_without_a_choice_the_newest_tools_are_shown(client, floor):
    assert shown_tools(client, floor.landing) == urls(floor.newest)


def test_chosen_tools_come_first_in_the_chosen_order(client, floor):
    other_sector = make_sector("Transport og logistik", slug="transport")
    elsewhere = make_tool(title="Lagerrobotter i praksis", sectors=[other_sector])
    chosen = [floor.newest[9], elsewhere, floor.newest[4]]
    floor.choose(*chosen)

    shown = shown_tools(client, floor.landing)

    rest = [tool for tool in floor.newest if tool not in chosen]
    # The fill skips what was chosen, so a tool appears once however new it is.
    assert shown == urls(chosen + rest[: LANDING_TOOL_COUNT - len(chosen)])
    assert len(set(shown)) == len(shown) == LANDING_TOOL_COUNT


def test_a_partners_only_choice_is_shown_only_to_who_may_see_it(client, floor):
    floor.choose(floor.secret, floor.newest[7])
    fill_for_outsiders = [tool for tool in floor.newest if tool != floor.newest[7]]

    # Anonymous and a signed-in user outside the partner circle: no trace of
    # the tool, and its slot goes to the next newest tool.
    for user in (None, make_user("udenforstaaende")):
        if user is not None:
            client.force_login(user)
        response = client.get(floor.landing.url)
        html = response.content.decode()
        assert floor.secret.title not in html
        assert floor.secret.url not in html
        assert "Kun for partnere" not in html
        assert shown_tools(client, floor.landing) == urls(
            [floor.newest[7], *fill_for_outsiders]
        )

    client.force_login(make_user("partnermedlem", groups=[MEMBERS_GROUP]))
    assert shown_tools(client, floor.landing) == urls(
        [floor.secret, floor.newest[7], *fill_for_outsiders[:-1]]
    )


def test_an_unpublished_choice_leaves_no_hole(client, floor):
    floor.choose(floor.newest[3], floor.newest[11])
    floor.newest[3].unpublish()

    shown = shown_tools(client, floor.landing)

    assert floor.newest[3].url not in shown
    assert shown[0] == floor.newest[11].url
    assert len(shown) == LANDING_TOOL_COUNT - 1  # only eleven live public tools


def test_the_number_of_queries_does_not_grow_with_the_choice(client, floor):
    client.force_login(make_user("maaler", groups=[MEMBERS_GROUP]))

    def count_queries():
        # Measured warm, as visitors see it: the first request fills caches.
        assert client.get(floor.landing.url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(floor.landing.url).status_code == 200
        return len(queries)

    none = count_queries()
    floor.choose(floor.newest[0])
    one = count_queries()
    floor.choose(floor.secret, *reversed(floor.newest[1:]))
    all_of_them = count_queries()

    # Reading the choice costs one query; its size costs nothing.
    assert one <= none + 1
    assert all_of_them == one


def test_editors_choose_tools_in_the_page_editor(client, floor):
    client.force_login(make_editor("redaktoer-produktion"))
    response = client.get(f"/admin/pages/{floor.landing.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Udvalgte værktøjer" in html
    assert 'name="featured_tools-MAX_NUM_FORMS" value="12"' in html
