"""The privacy notice (/privatlivspolitik/): a draft the pact must review.

What it says about retention comes from privacy.retention.RULES, so the
notice and the purge can only disagree by someone editing the page."""

from .text import block_id

PRIVACY_SLUG = "privatlivspolitik"
PRIVACY_TITLE = "Privatlivspolitik"
DRAFT_MARK = "Udkast – skal gennemgås af pagten"
PRIVACY_INTRO = (
    "Sådan behandler Værktøjskassen de oplysninger, du giver os, og de cookies, "
    "sitet sætter. " + DRAFT_MARK + "."
)
CONTACT = "persondata@ai-kompetencepagten.example.dk"

# (cookie, who gets it, why, how long)
COOKIES = [
    (
        "csrftoken",
        "alle, der åbner en side med en formular",
        "Sikkerhed: beskytter formularerne (gem et værktøj, nyttig/ikke nyttig, "
        "beskeder, forslag, Bliv partner) mod falske indsendelser fra andre sites. "
        "Strengt nødvendig; indeholder ingen oplysninger om dig.",
        "1 år",
    ),
    (
        "sessionid",
        "kun den, der logger ind eller gemmer et værktøj i Min værktøjskasse",
        "Husker dit login eller din liste over gemte værktøjer. Sættes først, når "
        "du selv beder om det. Strengt nødvendig for den funktion.",
        "2 uger",
    ),
    (
        "messages",
        "kun den, der lige har sendt en formular",
        "Viser beskeden »Tak for din tilbagemelding« på næste side og slettes, "
        "når den er vist. Strengt nødvendig for den funktion.",
        "til beskeden er vist",
    ),
]


def _html(rows):
    return "".join(rows)


def privacy_body(rng, retention_rows):
    """The notice's StreamField blocks. retention_rows is
    [(kind, what is stored, why, how long)], from the retention rules."""
    kinds = _html(
        f"<li><b>{kind}</b>: {what} <i>Formål:</i> {why} <i>Opbevares:</i> {period}"
        "</li>"
        for kind, what, why, period in retention_rows
    )
    cookies = _html(
        f"<li><b>{name}</b> ({who}): {why} <i>Varighed:</i> {period}</li>"
        for name, who, why, period in COOKIES
    )
    return [
        {
            "type": "paragraph",
            "value": (
                f"<h2>{DRAFT_MARK}</h2>"
                "<p>Denne tekst er et udkast, som redaktionen har skrevet ud fra, "
                "hvad Værktøjskassen faktisk gemmer. AI-kompetencepagten skal "
                "gennemgå den, før den gælder.</p>"
                "<h2>Hvem er ansvarlig?</h2>"
                "<p>AI-kompetencepagten er dataansvarlig for de oplysninger, der "
                "behandles i Værktøjskassen. Skriv til "
                f'<a href="mailto:{CONTACT}">{CONTACT}</a>, hvis du vil have '
                "indsigt i, rettet eller slettet dine oplysninger, eller hvis du "
                "vil gøre indsigelse. Vi svarer inden for en måned. Du kan klage "
                'til <a href="https://www.datatilsynet.dk/">Datatilsynet</a>.</p>'
            ),
            "id": block_id(rng),
        },
        {
            "type": "paragraph",
            "value": (
                "<h2>Hvad gemmer vi, hvorfor og hvor længe?</h2>"
                "<p>Vi gemmer kun det, du selv skriver i en formular, og det, der "
                "skal til for at sitet virker. Vi sælger eller deler ikke "
                "oplysningerne, og vi bruger ingen værktøjer til statistik eller "
                "annoncer fra andre.</p>"
                f"<ul>{kinds}</ul>"
                "<p>Behandlingen sker på grundlag af dit samtykke (beskeder om nye "
                "værktøjer), for at kunne svare på din henvendelse (forslag, Bliv "
                "partner, konto) og pagtens legitime interesse i at forbedre "
                "Værktøjskassen (anonyme søgninger og tilbagemeldinger), jf. "
                "databeskyttelsesforordningens artikel 6, stk. 1, litra a, b og "
                "f. Oplysningerne slettes automatisk, når fristen er gået.</p>"
            ),
            "id": block_id(rng),
        },
        {
            "type": "paragraph",
            "value": (
                "<h2>Cookies</h2>"
                "<p>Læser du bare på sitet, får du ingen cookies ud over den, "
                "der beskytter formularerne. Vi sætter ingen cookies til "
                "statistik eller markedsføring, og derfor beder vi ikke om "
                "samtykke til cookies.</p>"
                f"<ul>{cookies}</ul>"
            ),
            "id": block_id(rng),
        },
        {
            "type": "paragraph",
            "value": (
                "<h2>Dine rettigheder</h2>"
                "<p>Du har ret til at få at vide, hvad vi har gemt om dig, og få "
                "det udleveret, rettet eller slettet. Redaktionen kan finde alt, "
                "der hører til en e-mailadresse eller en konto, og sende dig det "
                "eller slette det. Beskeder om nye værktøjer kan du altid afmelde "
                "med ét klik fra e-mailen; så sletter vi adressen med det samme.</p>"
            ),
            "id": block_id(rng),
        },
    ]
