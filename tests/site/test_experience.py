"""What a visitor meets (issue "The experience"): tool facts that cannot
contradict each other, signals that fire only when they should, a way on
from an empty result, and the links every page carries: the accessibility
statement, "Om pagten", "Bliv partner" and the open data."""

import datetime
import importlib
import re

from django.apps import apps
from django.utils import timezone

import pytest

from portal.factories import PartnerFormPageFactory
from tests.factories import (
    make_partner,
    make_standard_page,
    make_theme,
    make_tool,
)
from tests.site.content import build_site, paragraph
from toolbox.models import REVIEW_AFTER_DAYS, ToolPage

pytestmark = pytest.mark.django_db

NO_MATCH = "zqxjvw"
OPEN_DATA_LINKS = (
    "/feeds/vaerktoejer/",
    "/api/v1/docs",
    "/vaerktoejer/eksport.csv",
)


@pytest.fixture
def site():
    site = build_site()
    # Neither is ticked "show in menus": the footer finds them all the same.
    site.accessibility = make_standard_page(
        title="Tilgængelighedserklæring", slug="tilgaengelighed"
    )
    site.unlisted = make_standard_page(title="Intern kampagneside")
    site.partner_form = PartnerFormPageFactory()
    return site


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(html, start="<main", end="</main>"):
    """The visible text between start and end, whitespace collapsed."""
    part = html[html.index(start) : html.index(end)]
    return " ".join(re.sub(r"<[^>]+>", " ", part).split())


def public_urls(site):
    return {
        "home": "/",
        "tool listing": "/vaerktoejer/",
        "tool": site.tool.url,
        "case listing": "/cases/",
        "case": site.case.url,
        "partner list": "/partnere/",
        "partner": site.partner.url,
        "production": site.landing.url,
        "search": "/soeg/?q=tjekliste",
        "zero results": f"/soeg/?q={NO_MATCH}",
        "about": site.standard_page.url,
        "login": "/login/",
    }


# Links on every page


def test_every_page_links_the_statement_about_and_open_data(client, site):
    for name, url in public_urls(site).items():
        html = html_of(client.get(url))
        footer = html[html.index("<footer") : html.index("</footer>")]
        for link in (
            site.accessibility.url,
            site.standard_page.url,
            site.partner_form.url,
            *OPEN_DATA_LINKS,
        ):
            assert f'href="{link}"' in footer, (name, link)
        assert "Tilgængelighedserklæring" in footer and "Om pagten" in footer
        assert site.unlisted.url not in footer, name
        header = html[html.index("<header") : html.index("</header>")]
        assert f'href="{site.partner_form.url}">Bliv partner</a>' in header, name


def test_open_data_links_answer(client, site):
    for url in OPEN_DATA_LINKS:
        assert client.get(url).status_code == 200, url


def test_the_tool_listing_shows_its_open_data(client, site):
    text = text_of(html_of(client.get("/vaerktoejer/")))
    html = html_of(client.get("/vaerktoejer/"))
    main = html[html.index("<main") : html.index("</main>")]
    assert "Åbne data" in text
    for link in OPEN_DATA_LINKS:
        assert f'href="{link}"' in main, link


def test_the_production_landing_and_the_login_invite_to_join(client, site):
    landing = html_of(client.get(site.landing.url))
    assert f'<a class="button" href="{site.partner_form.url}">Bliv partner</a>' in (
        landing
    )
    assert "Del et værktøj" in text_of(landing)

    # A visitor who follows a link to a partners-only tool lands on the login.
    response = client.get(site.partners_tool.url, follow=True)
    html = html_of(response)
    assert response.redirect_chain[-1][0].startswith("/login/")
    assert "Er I ikke partner endnu?" in text_of(html)
    main = html[html.index("<main") : html.index("</main>")]
    assert f'href="{site.partner_form.url}"' in main


# The tool page


def test_tool_facts_cannot_contradict_each_other(client, site):
    summary = "En guide til de første fem minutter med AI ved linjen."
    tool = make_tool(
        site.partner,
        title="Fem minutter med AI",
        summary=summary,
        body=[paragraph(f"<h2>Om værktøjet</h2><p>{summary}</p><p>Mere.</p>")],
        effort="En hel dag",
        minutes_needed=5,
        languages_available=["da", "ar"],
    )
    tool.refresh_from_db()
    # "Findes også på" holds the other languages only.
    assert tool.languages_available == ["ar"]

    text = text_of(html_of(client.get(tool.url)))
    assert text.count(summary) == 1
    assert "Samlet tidsforbrug En hel dag" in text
    assert "Tid pr. gang 5 minutter" in text
    assert "Sprog Dansk" in text and "Findes også på Arabisk" in text
    assert "Dansk, Arabisk" not in text


def test_both_main_languages_are_left_out_of_the_others():
    tool = make_tool(language="da-en", languages_available=["en", "pl", "da"])
    tool.refresh_from_db()
    assert tool.languages_available == ["pl"]


def test_a_summary_the_body_does_not_repeat_is_the_lead(client, site):
    html = html_of(client.get(site.tool.url))
    assert f'<p class="lead">{site.tool.summary}</p>' in html
    assert text_of(html).count(site.tool.summary) == 1


def test_a_tool_without_cases_says_so(client, site):
    tool = make_tool(site.partner)
    text = text_of(html_of(client.get(tool.url)))
    assert "Ingen cases endnu" in text and "Bruges i 0" not in text

    partner = make_partner("Ny partner uden indhold")
    text = text_of(html_of(client.get(partner.url)))
    assert "Ingen værktøjer endnu" in text and "Ingen cases endnu" in text
    assert not re.search(r"\b0 (værktøjer|cases)\b", text)


def test_the_migration_drops_the_main_language_from_the_others():
    migration = importlib.import_module(
        "toolbox.migrations.0003_tool_time_and_language_meanings"
    )
    tool = make_tool(language="en", languages_available=["pl"])
    # Data saved before the rule, bypassing clean().
    ToolPage.objects.filter(pk=tool.pk).update(languages_available=["en", "pl", "da"])
    migration.drop_main_language(apps, None)
    tool.refresh_from_db()
    assert tool.languages_available == ["pl", "da"]


# Review


def days_ago(days):
    return None if days is None else timezone.localdate() - datetime.timedelta(days)


@pytest.mark.parametrize(
    ("reviewed", "published", "due"),
    [
        (None, 0, False),  # new: fresh although never reviewed
        (None, REVIEW_AFTER_DAYS - 1, False),
        (None, REVIEW_AFTER_DAYS + 30, True),
        (30, REVIEW_AFTER_DAYS + 30, False),
        # Reviewed long ago elsewhere: publishing here does not make it fresh.
        (REVIEW_AFTER_DAYS + 30, 0, True),
    ],
)
def test_the_page_and_the_list_agree_on_what_needs_review(reviewed, published, due):
    tool = make_tool(last_reviewed=days_ago(reviewed))
    ToolPage.objects.filter(pk=tool.pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=published)
    )
    tool.refresh_from_db()
    assert tool.needs_review is due
    assert ToolPage.objects.needing_review().filter(pk=tool.pk).exists() is due


def test_a_draft_is_not_due():
    tool = make_tool(last_reviewed=None, publish=False)
    assert not tool.needs_review
    assert not ToolPage.objects.needing_review().filter(pk=tool.pk).exists()


def test_a_tool_published_today_shows_no_review_warning(client, site):
    tool = make_tool(site.partner, last_reviewed=None)
    text = text_of(html_of(client.get(tool.url)))
    assert "ikke gennemgået" not in text


# Listings and search


def test_one_result_is_singular(client, site):
    theme = make_theme("Ensomme ulve", slug="ensomme-ulve")
    make_tool(site.partner, themes=[theme])
    html = html_of(client.get("/vaerktoejer/", {"tema": theme.slug}))
    text = text_of(html)
    assert "1 resultat " in f"{text} " and "1 resultater" not in text
    # The facet counts read out by screen readers too.
    assert re.search(r"Ensomme ulve \(1 resultat \)", text)
    assert "1 resultater" not in text


def test_relevance_is_offered_only_for_a_query(client, site):
    for url in ("/vaerktoejer/", "/cases/", "/soeg/"):
        html = html_of(client.get(url))
        assert "Mest relevante" not in html, url
        assert '<option value="" selected>Nyeste</option>' in html, url
    # The listing's form sends that default as sort=""; with a query typed
    # in, the default is relevance again.
    for params in ({"q": "tjekliste"}, {"q": "tjekliste", "sort": ""}):
        html = html_of(client.get("/vaerktoejer/", params))
        assert '<option value="relevans" selected>Mest relevante</option>' in html
    # Nyeste chosen on purpose stays chosen.
    html = html_of(client.get("/vaerktoejer/", {"sort": "nyeste"}))
    assert '<option value="nyeste" selected>Nyeste</option>' in html


def test_case_hits_say_who_was_upskilled(client, site):
    text = text_of(html_of(client.get("/soeg/", {"q": "sidemandsoplæring"})))
    assert "120 medarbejdere opkvalificeret" in text


def test_an_empty_result_offers_a_way_on(client, site):
    html = html_of(client.get("/soeg/", {"q": NO_MATCH}))
    text = text_of(html)
    assert "0 resultater" in text
    # No empty filter column, no lone button, no sort of nothing.
    assert 'class="facets"' not in html and "Vis resultater" not in text
    assert 'name="sort"' not in html
    main = html[html.index("<main") : html.index("</main>")]
    assert 'href="/vaerktoejer/">Se alle værktøjer</a>' in main
    theme = site.tool.themes.get()
    assert f'href="/soeg/?tema={theme.slug}">{theme.name}</a>' in main
    assert f'href="/soeg/?sektor={site.sector.slug}">{site.sector.name}</a>' in main


def test_an_empty_filtered_result_offers_the_search_without_filters(client, site):
    html = html_of(
        client.get("/vaerktoejer/", {"q": NO_MATCH, "sektor": site.sector.slug})
    )
    main = html[html.index("<main") : html.index("</main>")]
    assert f'href="?q={NO_MATCH}">Søg efter »{NO_MATCH}« uden filtre</a>' in main
    assert f'href="/soeg/?q={NO_MATCH}">' in main
    assert f'href="/vaerktoejer/?tema={site.tool.themes.get().slug}"' in main


def test_an_empty_case_listing_suggests_themes_with_cases(client, site):
    html = html_of(client.get("/cases/", {"q": NO_MATCH}))
    main = html[html.index("<main") : html.index("</main>")]
    theme = site.case.themes.get()
    assert f'href="/cases/?tema={theme.slug}">{theme.name}</a>' in main
    assert 'href="/cases/">Se alle cases</a>' in main
