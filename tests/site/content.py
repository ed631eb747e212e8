"""A small, realistic site for the page and browser tests: the focus sector,
partners with logos, public and partners-only tools, cases with figures, and
a curated home page. Built only from tests/factories.py."""

import datetime
from dataclasses import dataclass, field

from core.choices import Access, PartnerType, SizeBand
from tests.factories import (
    case_index,
    home_page,
    make_audience,
    make_case,
    make_document,
    make_image,
    make_partner,
    make_partner_editor,
    make_sector,
    make_standard_page,
    make_theme,
    make_tool,
    partner_index,
    production_landing,
    tool_index,
)

PRODUCTION = "Produktion og fremstilling"


@dataclass
class SiteContent:
    sector: object
    partner: object
    other_partner: object
    tool: object
    partners_tool: object
    case: object
    landing: object
    standard_page: object
    partner_editor: object
    tools: list = field(default_factory=list)
    cases: list = field(default_factory=list)


def paragraph(html):
    return {"type": "paragraph", "value": html}


def figure(value, label):
    return {"type": "figure", "value": {"value": value, "label": label, "note": ""}}


def focus_item(heading, text):
    return {"type": "item", "value": {"heading": heading, "text": text, "link": None}}


def build_site(*, extra_tools=0, extra_cases=0):
    sector = make_sector(PRODUCTION, slug="produktion", is_focus=True)
    theme = make_theme("Læring på jobbet", slug="laering-paa-jobbet")
    leaders = make_audience("Ledere", slug="ledere")
    floor = make_audience("Medarbejdere på gulvet", slug="gulvet")
    partner_index()
    tool_index()
    case_index()
    partner = make_partner(
        "Nordjysk Stål A/S",
        sectors=[sector],
        size_band=SizeBand.MEDIUM,
        logo=make_image("Logo Nordjysk Stål", description="Nordjysk Ståls logo"),
        description="<p>Stålvirksomhed med 180 medarbejdere i Aalborg.</p>",
        contact_name="Mette Holm",
        contact_email="mette@nordjysk-staal.example.dk",
    )
    other_partner = make_partner(
        "Erhvervsakademi Syd",
        partner_type=PartnerType.EDUCATION,
        size_band=SizeBand.LARGE,
    )
    tool = make_tool(
        partner,
        title="Tjekliste til sidemandsoplæring med AI",
        summary="En tjekliste, der hjælper erfarne kolleger med at lære nye "
        "medarbejdere at bruge AI-assistenten ved linjen.",
        sectors=[sector],
        themes=[theme],
        audiences=[leaders, floor],
        documents=[make_document("Tjekliste (PDF)", filename="tjekliste.pdf")],
        tags=["sidemandsoplæring"],
        effort="2 x 30 min",
        minutes_needed=30,
        used_where=["linjen", "print"],
        languages_available=["da", "en", "pl"],
        external_url="https://eksempel.example.dk/tjekliste",
        contact_name="Mette Holm",
        body=[
            paragraph("<p>Brug tjeklisten ved første vagt. Den tager 30 min.</p>"),
            {
                "type": "steps",
                "value": {
                    "heading": "Sådan gør I",
                    "steps": [
                        {
                            "heading": "Vis",
                            "text": "<p>Vis opgaven.</p>",
                            "minutes": 10,
                        },
                        {"heading": "Prøv", "text": "<p>Prøv selv.</p>", "minutes": 20},
                    ],
                },
            },
        ],
    )
    partners_tool = make_tool(
        partner,
        title="Intern promptbog for vedligehold",
        summary="Promptbog, som partnerne deler internt i pagten.",
        access=Access.PARTNERS,
        sectors=[sector],
        last_reviewed=datetime.date(2024, 1, 15),
    )
    case = make_case(
        partner,
        title="Sidemandsoplæring løftede 120 operatører",
        summary="Nordjysk Stål oplærte operatører i AI ved linjen med hjælp "
        "fra erfarne kolleger.",
        tools=[tool, partners_tool],
        sectors=[sector],
        themes=[theme],
        hero_image=make_image(
            "Operatør ved linjen",
            description="En operatør viser en kollega en tablet ved linjen",
            size=(1600, 900),
        ),
        effects=[("Føler sig tryggere i jobbet", "55 %"), ("Færre fejl", "-18 %")],
        employees_upskilled=120,
        period="2025",
        company_size=SizeBand.MEDIUM,
        quote="Det var kollegerne ved linjen, der gjorde forskellen.",
        quote_author="Mette Holm, produktionschef",
        challenge=[paragraph("<p>Få operatører havde prøvet AI.</p>")],
        approach=[paragraph("<p>Vi parrede nye og erfarne kolleger.</p>")],
        results=[paragraph("<p>120 operatører bruger nu AI dagligt.</p>")],
    )
    tools = [tool] + [
        make_tool(other_partner, sectors=[sector], audiences=[leaders], themes=[theme])
        for _ in range(extra_tools)
    ]
    cases = [case] + [
        make_case(
            other_partner,
            sectors=[sector],
            themes=[theme],
            tools=[tool],
            hero_image=make_image(size=(800, 450)),
            employees_upskilled=10,
        )
        for _ in range(extra_cases)
    ]
    landing = production_landing(sector)
    standard_page = make_standard_page(
        title="Om pagten",
        intro="AI-kompetencepagten samler virksomheder og uddannelsesinstitutioner.",
        show_in_menus=True,
        body=[paragraph("<p>Pagten blev lanceret i 2024.</p>")],
    )
    curate_home(partner, [tool, case, other_partner])
    return SiteContent(
        sector=sector,
        partner=partner,
        other_partner=other_partner,
        tool=tool,
        partners_tool=partners_tool,
        case=case,
        landing=landing,
        standard_page=standard_page,
        partner_editor=make_partner_editor(partner, "partnerredaktoer"),
        tools=tools,
        cases=cases,
    )


def curate_home(spotlight_partner, featured_pages):
    from portal.models import HomePageFeaturedItem

    home = home_page()
    home.key_figures = [
        figure("314.000", "AI-opkvalificeringer i 2025"),
        figure("70+", "partnere i pagten"),
    ]
    home.focus_items = [
        focus_item("Flere produktionsvirksomheder", "Vi går ud på gulvet."),
        focus_item("Intern opkvalificering", "Kolleger lærer af kolleger."),
        focus_item("Flere delte værktøjer", "Vi deler med hele Danmark."),
    ]
    home.spotlight_partner = spotlight_partner
    home.featured_items.set(
        [
            HomePageFeaturedItem(page=page, sort_order=index)
            for index, page in enumerate(featured_pages)
        ]
    )
    home.save_revision().publish()
    return home
