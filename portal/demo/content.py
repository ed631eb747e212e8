"""Fixed texts: the home page and the standard pages. The figures come from
the pact's own slides (AI-kompetencedagen 2026, AI Impact Barometeret 2025)."""

from privacy.retention import notice_rows

from .privacy import PRIVACY_INTRO, PRIVACY_SLUG, PRIVACY_TITLE, privacy_body
from .text import block_id, paragraph, quote_block

HERO_HEADING = "Del AI-værktøjer, der virker i praksis"
HERO_TEXT = (
    "Værktøjskassen samler AI-kompetencepagtens cases og værktøjer til "
    "opkvalificering. Find det, der passer til jeres arbejdsplads, og del jeres egne "
    "erfaringer med resten af Danmark."
)

KEY_FIGURES = [
    {
        "value": "314.000",
        "label": "AI-opkvalificeringer i 2025",
        "note": "Pagtens partnere har løftet 314.000 mennesker til at arbejde mere "
        "kvalificeret med AI.",
    },
    {
        "value": "70+",
        "label": "partnere i fællesskabet",
        "note": "Virksomheder, uddannelsesinstitutioner og organisationer.",
    },
    {
        "value": "2x",
        "label": "On-the-job-training fordobler effekten",
        "note": "Dobbelt så stor effekt på arbejdsglæde og faglig udvikling.",
    },
]

# (heading, text, key of the page to link to)
FOCUS_ITEMS = [
    (
        "Udvidelse af partnerskabet – gerne flere produktionsvirksomheder",
        "Vi skal favne hele det danske arbejdsmarked og alle former for "
        "arbejdspladser.",
        "production",
    ),
    (
        "Fokus på de interne opkvalificeringer",
        "On-the-job-training skaber størst effekt. Vi støtter partnerne i den interne "
        "indsats og deler systematisk erfaringer.",
        "cases",
    ),
    (
        "Endnu mere videndeling og flere værktøjer",
        "Vi skruer op for videndelingen og udviklingen af værktøjer, som vi deler "
        "internt i partnerkredsen og med resten af Danmark.",
        "tools",
    ),
]

FEATURED_OVERRIDE_TEXT = (
    "Redaktionens anbefaling: start her, hvis I vil i gang med AI ved linjen i "
    "denne uge."
)


def partner_teaser(spec):
    return (
        f"{spec['short']} arbejder med {spec['what']} og deler erfaringer med "
        "on-the-job-training og AI ved linjen."
    )


TOOL_INDEX_INTRO = (
    "Skabeloner, guides, tjeklister, workshopkits og kurser fra pagtens partnere. "
    "Filtrér efter sektor, tema, målgruppe og format."
)
CASE_INDEX_INTRO = (
    "Partnernes egne historier om AI-opkvalificering: udfordringen, tilgangen og "
    "resultaterne i tal."
)
PARTNER_INDEX_INTRO = (
    "<p>Over 70 virksomheder, uddannelsesinstitutioner og organisationer samarbejder "
    "i AI-kompetencepagten.</p>"
)
PRODUCTION_INTRO = (
    "Produktion og fremstilling er pagtens fokussektor i 2026. Her er værktøjerne og "
    "casene fra produktionsvirksomheder, der har fået AI ind på gulvet."
)


def production_body(rng):
    return [
        paragraph(
            rng,
            "Opkvalificering virker bedst, når den sker ved linjen, i korte bidder og "
            "med kolleger som makkere. Medarbejdere med praksisnær opkvalificering "
            "oplever dobbelt så stor effekt på arbejdsglæde og faglig udvikling.",
            "Værktøjerne her er valgt, fordi de kan bruges i et skifteholdsarbejde: "
            "de tager kort tid, kan printes og findes på flere sprog.",
            heading="AI på produktionsgulvet",
        )
    ]


def about_body(rng):
    return [
        paragraph(
            rng,
            "AI-kompetencepagten er et fællesskab af virksomheder, "
            "uddannelsesinstitutioner og organisationer, der har forpligtet sig til "
            "at opkvalificere medarbejdere til at arbejde med kunstig intelligens.",
            "I 2025 løftede pagtens partnere 314.000 mennesker til at arbejde mere "
            "kvalificeret med AI. Over 70 partnere har samarbejdet og lært af "
            "hinanden om at omsætte ambition til konkret handling.",
            heading="Et fællesskab om AI-kompetencer",
        ),
        paragraph(
            rng,
            "Opkvalificering virker bedst, når ledelsen sætter retning og gør "
            "AI-læring til en integreret del af organisationens hverdag.",
            "On-the-job-training fordobler effekten: medarbejdere med praksisnær "
            "opkvalificering oplever dobbelt så stor effekt på arbejdsglæde og "
            "faglig udvikling.",
            heading="Det har vi lært i år 1",
        ),
        {
            "type": "paragraph",
            "value": (
                "<h2>Fokus i 2026</h2><ul>"
                "<li>Udvidelse af partnerskabet – gerne flere "
                "produktionsvirksomheder.</li>"
                "<li>Fokus på de interne opkvalificeringer, hvor "
                "on-the-job-training skaber størst effekt.</li>"
                "<li>Endnu mere videndeling og flere værktøjer, som vi deler "
                "internt i partnerkredsen og med resten af Danmark.</li></ul>"
            ),
            "id": block_id(rng),
        },
        quote_block(
            rng,
            "AI-kompetencer er aktiv CV-pleje. Det skaber tryghed og udvikling.",
            "Lilian Mogensen",
            "Forperson for AI-kompetencepagten",
        ),
    ]


BAROMETER_INTRO = (
    "AI Impact Barometeret 2025 viser, at opkvalificering virker, men at kløften "
    "stadig er stor. Her er de vigtigste tal."
)


def barometer_body(rng):
    return [
        paragraph(
            rng,
            "55 % peger på manglende strategisk retning som en barriere, og 26 % på "
            "manglende opbakning fra ledelsen.",
            heading="Ledelsesforankringen halter",
        ),
        paragraph(
            rng,
            "92 % mangler stadig en kompetencestrategi, selvom vi anerkender "
            "vigtigheden af den.",
            heading="Strategien mangler",
        ),
        paragraph(
            rng,
            "24 % oplever, at manglende læringskultur spænder ben for brugen af AI.",
            heading="Kulturen spænder ben",
        ),
        paragraph(
            rng,
            "60 % ønsker opkvalificering, men har ikke fået det. Medarbejderne vil "
            "gerne, men mulighederne er der ikke endnu.",
            heading="Medarbejderne vil gerne",
        ),
        paragraph(
            rng,
            "11 % af medarbejderne oplever, at AI mindsker jobsikkerheden, og 7 % at "
            "AI mindsker trygheden i arbejdet.",
            "Opkvalificerede medarbejdere er markant mere trygge, særligt dem, der har "
            "deltaget i on-the-job-training: 55 % af dem oplever øget tryghed i "
            "arbejdet, og dobbelt så mange oplever øget jobsikkerhed sammenlignet "
            "med ikke-opkvalificerede.",
            heading="AI-kompetencer er aktiv CV-pleje",
        ),
        paragraph(
            rng,
            "Kilde: AI Impact Barometeret 2025, præsenteret på "
            "AI-kompetencedagen 2026.",
        ),
    ]


ACCESSIBILITY_INTRO = (
    "AI-kompetencepagten ønsker, at alle kan bruge Værktøjskassen. Her kan du læse, "
    "hvordan sitet lever op til kravene om webtilgængelighed, og hvordan du giver os "
    "besked, hvis noget ikke virker."
)


def accessibility_body(rng):
    email = "tilgaengelighed@ai-kompetencepagten.example.dk"
    return [
        paragraph(
            rng,
            "AI-kompetencepagten er forpligtet til at gøre Værktøjskassen "
            "(vaerktoejskassen.example.dk) tilgængelig i overensstemmelse med lov om "
            "tilgængelighed af offentlige organers websteder og mobilapplikationer.",
            "Denne tilgængelighedserklæring gælder for Værktøjskassen og er "
            "udarbejdet efter Digitaliseringsstyrelsens vejledning på "
            "webtilgaengelighed.dk.",
            heading="Tilgængelighedserklæring for Værktøjskassen",
        ),
        paragraph(
            rng,
            "Værktøjskassen overholder delvist standarden WCAG 2.1 på niveau AA "
            "(EN 301 549) på grund af de uoverensstemmelser, der er nævnt nedenfor.",
            heading="Overholdelsesstatus",
        ),
        {
            "type": "paragraph",
            "value": (
                "<h2>Indhold, der ikke er tilgængeligt</h2>"
                "<p>Indholdet nedenfor er ikke tilgængeligt af følgende grunde:</p>"
                "<h3>Manglende overholdelse af lovgivningen</h3><ul>"
                "<li>Nogle PDF-filer, som partnerne deler som download, er ikke "
                "opmærket med overskrifter og læserækkefølge (WCAG 2.1, "
                "succeskriterium 1.3.1). Vi beder partnerne om tilgængelige "
                "versioner og retter filerne løbende.</li>"
                "<li>Enkelte indlejrede videoer fra partnere mangler undertekster "
                "på dansk (succeskriterium 1.2.2).</li></ul>"
                "<h3>Uforholdsmæssig stor byrde</h3>"
                "<p>Vi påberåber os ikke uforholdsmæssig stor byrde.</p>"
                "<h3>Indhold, der ikke er omfattet af lovgivningen</h3><ul>"
                "<li>Filer udgivet før 23. september 2018.</li>"
                "<li>Indhold fra tredjepart, som vi ikke selv har udviklet eller "
                "har kontrol over.</li></ul>"
            ),
            "id": block_id(rng),
        },
        {
            "type": "paragraph",
            "value": (
                "<h2>Sådan har vi udarbejdet erklæringen</h2>"
                "<p>Erklæringen er udarbejdet den 1. november 2026 på grundlag af "
                "en selvevaluering med automatiske test (axe) og manuel test med "
                "tastatur og skærmlæser (NVDA og VoiceOver). Erklæringen blev "
                "senest gennemgået den 1. november 2026.</p>"
                "<h2>Feedback og kontaktoplysninger</h2>"
                "<p>Hvis du oplever problemer med tilgængeligheden, eller hvis du "
                "har brug for indholdet i et andet format, kan du skrive til "
                f'<a href="mailto:{email}">{email}</a>. Vi svarer inden for 14 '
                "dage.</p>"
                "<h2>Håndhævelsesprocedure</h2>"
                "<p>Du kan klage til Digitaliseringsstyrelsen, hvis du er utilfreds "
                "med den måde, vi har besvaret din henvendelse på, eller hvis du "
                "mener, at vi ikke lever op til kravene om tilgængelighed. Læs mere "
                'på <a href="https://www.was.digst.dk/">was.digst.dk</a>.</p>'
            ),
            "id": block_id(rng),
        },
    ]


STANDARD_PAGES = [
    # (slug, title, intro, body builder)
    (
        "om-pagten",
        "Om pagten",
        "AI-kompetencepagten samler virksomheder, uddannelsesinstitutioner og "
        "organisationer om at løfte danskernes AI-kompetencer.",
        about_body,
    ),
    ("ai-impact-barometeret", "AI Impact Barometeret", BAROMETER_INTRO, barometer_body),
    (
        "tilgaengelighed",
        "Tilgængelighedserklæring",
        ACCESSIBILITY_INTRO,
        accessibility_body,
    ),
]


PARTNER_FORM_INTRO = (
    "<p>Vil jeres virksomhed, uddannelsesinstitution eller organisation være med i "
    "AI-kompetencepagten? Partnerne forpligter sig til at opkvalificere "
    "medarbejdere til at arbejde med AI og til at dele erfaringer og værktøjer. "
    "Vi vil især gerne have flere produktionsvirksomheder med i 2026.</p>"
)
PARTNER_FORM_THANKS = (
    "<p>Tak for jeres interesse. Sekretariatet vender tilbage inden for fem "
    "arbejdsdage.</p>"
)
PARTNER_FORM_FIELDS = [
    {"label": "Organisation", "field_type": "singleline", "required": True},
    {"label": "Kontaktperson", "field_type": "singleline", "required": True},
    {"label": "E-mail", "field_type": "email", "required": True},
    {
        "label": "Type",
        "field_type": "dropdown",
        "required": True,
        "choices": "Virksomhed\nUddannelsesinstitution\nOrganisation",
    },
    {
        "label": "Antal medarbejdere",
        "field_type": "dropdown",
        "required": False,
        "choices": "1–9\n10–49\n50–249\n250–999\n1.000+",
    },
    {
        "label": "Hvad vil I gerne opnå med AI-kompetencer?",
        "field_type": "multiline",
        "required": False,
    },
]


def privacy_page_body(rng):
    return privacy_body(rng, notice_rows())


STANDARD_PAGES.append((PRIVACY_SLUG, PRIVACY_TITLE, PRIVACY_INTRO, privacy_page_body))
