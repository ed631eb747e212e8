"""A Danish relevance set: a fixed small corpus of tools and cases, the
synonym groups an editor would add, and judged queries (for each, the
documents a good search puts at the top).

Used by tests/search/test_relevance.py (floors per engine) and by
bench/relevance.py (the table in docs/search-quality.md). The queries cover
what Danish visitors type: inflections, definite forms, plurals, compounds,
typos, æ/ø/å written as ae/oe/aa, synonyms, sector and theme names, and two
words where the document with both must win.
"""

from dataclasses import dataclass

TOP = 10  # results read per query; a hit further down counts as a miss

SECTORS = {
    "produktion": "Produktion og fremstilling",
    "sundhed": "Sundhed og omsorg",
    "detail": "Detailhandel",
    "transport": "Transport og logistik",
    "byggeri": "Bygge og anlæg",
    "offentlig": "Offentlig administration",
}
THEMES = {
    "ojt": "Sidemandsoplæring",
    "ledelse": "Ledelse og strategi",
    "sikkerhed": "Arbejdsmiljø og sikkerhed",
    "etik": "Dataetik og ansvarlighed",
    "kompetencer": "Kompetenceudvikling",
}
PARTNERS = {
    "nord": ("Fabrik Nord A/S", "produktion"),
    "sundhedshuset": ("Sundhedshuset", "sundhed"),
    "frisk": ("Butikskæden Frisk", "detail"),
    "hansen": ("Vognmand Hansen", "transport"),
    "jensen": ("Tømrer Jensen ApS", "byggeri"),
    "nordby": ("Nordby Kommune", "offentlig"),
}
SYNONYMS = [
    "AI, kunstig intelligens",
    "chatbot, chatrobot, virtuel assistent",
    "opkvalificering, efteruddannelse, upskilling",
    "sprogmodel, llm",
]


@dataclass(frozen=True)
class Doc:
    key: str
    kind: str  # "tool" or "case"
    title: str
    summary: str
    body: str = ""
    partner: str = ""
    sectors: tuple = ()
    themes: tuple = ()
    tags: tuple = ()


CORPUS = [
    Doc(
        "ojt-guide",
        "tool",
        "Sidemandsoplæring ved produktionslinjen",
        "En guide til at oplære nye kolleger ved linjen, trin for trin.",
        "Den erfarne kollega viser, den nye prøver, og sammen retter de fejl.",
        partner="nord",
        sectors=("produktion",),
        themes=("ojt",),
        tags=("oplæring",),
    ),
    Doc(
        "kompetencestrategi",
        "tool",
        "Tjekliste til kompetencestrategi",
        "Lav virksomhedens kompetencestrategi på en eftermiddag.",
        "Skriv ned hvad I kan i dag, og hvad I skal kunne om to år.",
        sectors=("detail",),
        themes=("ledelse",),
    ),
    Doc(
        "ki-ledere",
        "tool",
        "Kunstig intelligens for ledere",
        "Workshopkit om hvordan ledelsen tager AI i brug.",
        "Tre korte moduler med øvelser til ledergruppen.",
        themes=("ledelse",),
    ),
    Doc(
        "chatbot-kundeservice",
        "tool",
        "Chatbot i kundeservicen",
        "Sådan bruger kundeservice en chatbot til at svare på de hyppigste spørgsmål.",
        "Start med de ti spørgsmål, kunderne oftest stiller.",
        partner="frisk",
        sectors=("detail",),
    ),
    Doc(
        "chatbot-intern",
        "tool",
        "Byg en intern chatbot",
        "En chatbot der svarer medarbejderne på spørgsmål om personalehåndbogen.",
        partner="nordby",
        sectors=("offentlig",),
    ),
    Doc(
        "kundeservice-kursus",
        "tool",
        "Kursus i god kundeservice",
        "Et kursus for butiksansatte om kundeservice i travle perioder.",
        sectors=("detail",),
        themes=("kompetencer",),
    ),
    Doc(
        "robotsvejsning",
        "tool",
        "Promptbibliotek til robotsvejsning",
        "Prompts til programmering af svejserobotter og kvalitetskontrol.",
        partner="nord",
        sectors=("produktion",),
        tags=("robotsvejsning",),
    ),
    Doc(
        "billedgenkendelse",
        "tool",
        "Kvalitetskontrol med billedgenkendelse",
        "Kameraer og AI finder fejl på emner ved samlebåndet.",
        sectors=("produktion",),
    ),
    Doc(
        "dataetik",
        "tool",
        "Guide til dataetik",
        "Ansvarlig brug af data og algoritmer i hverdagen.",
        "Gennemgå hvert datasæt, før det bruges, og skriv ned hvem der må se det.",
        partner="sundhedshuset",
        themes=("etik",),
    ),
    Doc(
        "lager-sikkerhed",
        "tool",
        "Sikkerhed på lageret med AI-kameraer",
        "Undgå ulykker med truck og paller på lageret.",
        partner="hansen",
        sectors=("transport",),
        themes=("sikkerhed",),
    ),
    Doc(
        "ruteplanlaegning",
        "tool",
        "Ruteplanlægning for vognmænd",
        "Planlæg kørsel og leveringer med et AI-værktøj.",
        partner="hansen",
        sectors=("transport",),
    ),
    Doc(
        "e-laering",
        "tool",
        "E-læring om generativ AI",
        "Et online kursus i generativ AI for alle medarbejdere.",
        themes=("kompetencer",),
        tags=("e-læring",),
    ),
    Doc(
        "laeringskultur",
        "tool",
        "Opbyg en læringskultur",
        "Øvelser der får kolleger til at dele viden.",
        themes=("ledelse",),
    ),
    Doc(
        "oekonomi",
        "tool",
        "Økonomistyring med AI i små virksomheder",
        "Budgetter, bogføring og likviditet med hjælp fra sprogmodeller.",
        sectors=("detail",),
    ),
    Doc(
        "tilbud",
        "tool",
        "Skriv tilbud hurtigere i byggefirmaet",
        "Brug en sprogmodel til at skrive tilbud og arbejdsbeskrivelser.",
        partner="jensen",
        sectors=("byggeri",),
    ),
    Doc(
        "arbejdsmiljoe",
        "tool",
        "Arbejdsmiljø når robotterne kommer",
        "Trivsel og sikkerhed, når robotter overtager de tunge løft.",
        sectors=("produktion",),
        themes=("sikkerhed",),
    ),
    Doc(
        "journal",
        "tool",
        "Journalføring med talegenkendelse",
        "Sygeplejersker dikterer notater, som AI skriver ind i journalen.",
        partner="sundhedshuset",
        sectors=("sundhed",),
    ),
    Doc(
        "vagtplan",
        "tool",
        "Vagtplaner på plejehjemmet",
        "Et værktøj der lægger vagtplaner ud fra ønsker og behov.",
        sectors=("sundhed",),
    ),
    Doc(
        "opkvalificering",
        "tool",
        "Plan for opkvalificering af medarbejdere",
        "Kortlæg hvilke kompetencer medarbejderne mangler, og lav en plan.",
        "Interview hver medarbejder om de opgaver, der fylder mest i hverdagen.",
        themes=("kompetencer",),
    ),
    Doc(
        "prompt-guide",
        "tool",
        "Skriv bedre prompts",
        "Tolv råd til at skrive prompts til ChatGPT og andre sprogmodeller.",
    ),
    Doc(
        "case-nord",
        "case",
        "Sådan indførte Fabrik Nord sidemandsoplæring",
        "Erfarne kolleger lærte nye op ved svejsecellen.",
        "Hver ny medarbejder fik en fast makker de første tre uger.",
        partner="nord",
        sectors=("produktion",),
        themes=("ojt",),
    ),
    Doc(
        "case-sundhedshuset",
        "case",
        "Sundhedshuset lærer AI",
        "Et kursus for alle medarbejdere om kunstig intelligens i hverdagen.",
        partner="sundhedshuset",
        sectors=("sundhed",),
    ),
    Doc(
        "case-lager",
        "case",
        "Lageret der halverede ulykkerne",
        "Kameraer advarer truckførere, og ulykkerne faldt med det halve.",
        partner="hansen",
        sectors=("transport",),
        themes=("sikkerhed",),
    ),
    Doc(
        "case-butik",
        "case",
        "Butikskæden der trænede 300 ansatte i kundeservice",
        "Korte træningsforløb i butikkerne gav bedre kundeservice.",
        partner="frisk",
        sectors=("detail",),
    ),
    Doc(
        "case-kommune",
        "case",
        "Kommunen der lod sprogmodellen skrive udkast",
        "Sagsbehandlere sparer tid på breve med en sprogmodel.",
        partner="nordby",
        sectors=("offentlig",),
    ),
    Doc(
        "case-tilbud",
        "case",
        "Tømrerfirmaet der fik styr på tilbuddene",
        "Mesteren skriver tilbud på halv tid.",
        partner="jensen",
        sectors=("byggeri",),
    ),
    Doc(
        "case-robot",
        "case",
        "Robotten på svejseværkstedet",
        "Smedene lærte at programmere en svejserobot på tre uger.",
        partner="nord",
        sectors=("produktion",),
    ),
    Doc(
        "case-plejehjem",
        "case",
        "Plejehjemmet der droppede papirvagtplanen",
        "Medarbejderne fik mere indflydelse på deres vagter.",
        partner="sundhedshuset",
        sectors=("sundhed",),
    ),
]


@dataclass(frozen=True)
class Judgement:
    query: str
    category: str
    relevant: tuple  # keys of CORPUS; any of them counts as a hit


# {category: [(query, the relevant documents' keys, space-separated)]}
JUDGED = {
    # Inflected verbs, adjectives and genitives.
    "inflection": [
        ("træne ansatte", "case-butik"),
        ("ansvarlige algoritmer", "dataetik"),
        ("kommunens breve", "case-kommune"),
        ("dikterede notater", "journal"),
        ("planlagte leveringer", "ruteplanlaegning"),
        ("oplære kolleger", "ojt-guide case-nord"),
        ("virksomhed", "kompetencestrategi oekonomi"),
    ],
    # Definite forms against indefinite text, and back.
    "definite": [
        ("kundeservicen", "chatbot-kundeservice kundeservice-kursus case-butik"),
        ("lager", "lager-sikkerhed case-lager"),
        ("plejehjem", "vagtplan case-plejehjem"),
        ("personalehåndbog", "chatbot-intern"),
        ("samlebånd", "billedgenkendelse"),
        ("strategien", "kompetencestrategi ki-ledere laeringskultur"),
        ("tilbuddet", "tilbud case-tilbud"),
        ("spørgsmålet", "chatbot-kundeservice chatbot-intern"),
        # Only in the body text, which has no fuzzy matching.
        ("modulerne", "ki-ledere"),
        ("makkeren", "case-nord"),
        ("datasættene", "dataetik"),
    ],
    # Plural against singular, and back.
    "plural": [
        ("leder", "ki-ledere"),
        ("tjeklister", "kompetencestrategi"),
        ("chatbotter", "chatbot-kundeservice chatbot-intern"),
        ("ulykke", "lager-sikkerhed case-lager"),
        ("kamera", "billedgenkendelse case-lager lager-sikkerhed"),
        ("vagtplan", "vagtplan case-plejehjem"),
        ("kompetence", "opkvalificering kompetencestrategi"),
        ("smed", "case-robot"),
        ("butik", "case-butik kundeservice-kursus"),
        ("opgave", "opkvalificering"),
    ],
    # A part of a compound, a compound of separate words, a split one.
    "compound": [
        ("svejsning", "robotsvejsning"),
        ("svejserobot", "case-robot robotsvejsning"),
        ("personale håndbog", "chatbot-intern"),
        ("kultur for læring", "laeringskultur"),
        ("kundeservicechatbot", "chatbot-kundeservice"),
        ("robot", "case-robot robotsvejsning arbejdsmiljoe"),
        ("journalføring", "journal"),
        ("talegenkendelse", "journal"),
    ],
    "typo": [
        ("sidemandsoplærning", "ojt-guide case-nord"),
        ("chatbott", "chatbot-kundeservice chatbot-intern"),
        ("kundeserivce", "chatbot-kundeservice kundeservice-kursus case-butik"),
        ("dataetk", "dataetik"),
        ("talegenkendlse", "journal"),
        ("ledlese", "ki-ledere kompetencestrategi laeringskultur"),
        ("kvalitetskontrl", "billedgenkendelse robotsvejsning"),
        ("ruteplanlæging", "ruteplanlaegning"),
    ],
    # æ, ø and å typed as ae, oe and aa.
    "ae-oe-aa": [
        ("vaerktoej", "ruteplanlaegning vagtplan"),
        ("sidemandsoplaering", "ojt-guide case-nord"),
        ("oekonomistyring", "oekonomi"),
        ("laeringskultur", "laeringskultur"),
        ("tunge loeft", "arbejdsmiljoe"),
        ("sikkerhed paa lageret", "lager-sikkerhed"),
        ("toemrerfirma", "case-tilbud"),
    ],
    # Through the synonym groups editors maintain (SYNONYMS).
    "synonym": [
        ("kunstig intelligens på lageret", "lager-sikkerhed"),
        ("virtuel assistent", "chatbot-kundeservice chatbot-intern"),
        ("efteruddannelse", "opkvalificering"),
        ("upskilling", "opkvalificering"),
        ("llm", "case-kommune tilbud oekonomi prompt-guide"),
        ("chatrobot kundeservice", "chatbot-kundeservice"),
    ],
    # Sector and theme names: any document filed under it.
    "taxonomy": [
        ("sundhed og omsorg", "journal vagtplan case-sundhedshuset case-plejehjem"),
        (
            "detailhandel",
            "kompetencestrategi chatbot-kundeservice kundeservice-kursus oekonomi "
            "case-butik",
        ),
        ("transport og logistik", "lager-sikkerhed ruteplanlaegning case-lager"),
        ("arbejdsmiljø", "lager-sikkerhed arbejdsmiljoe case-lager"),
        ("bygge og anlæg", "tilbud case-tilbud"),
        ("kompetenceudvikling", "kundeservice-kursus e-laering opkvalificering"),
        ("offentlig administration", "chatbot-intern case-kommune"),
    ],
    # Two words: the one document with both must come first.
    "two-words": [
        ("chatbot kundeservice", "chatbot-kundeservice"),
        ("robotter sikkerhed", "arbejdsmiljoe"),
        ("kursus kundeservice", "kundeservice-kursus"),
        ("sprogmodel tilbud", "tilbud"),
        ("prompts svejsning", "robotsvejsning"),
        ("generativ kursus", "e-laering"),
    ],
}
CATEGORIES = list(JUDGED)
QUERIES = [
    Judgement(query, category, tuple(relevant.split()))
    for category, rows in JUDGED.items()
    for query, relevant in rows
]


def build_corpus():
    """Creates the corpus through the test factories; returns
    {(kind, page_id): key} to read search hits with."""
    from django.core.cache import cache

    from search.models import SynonymGroup
    from tests.factories import (
        make_case,
        make_partner,
        make_sector,
        make_theme,
        make_tool,
    )
    from toolbox.models import ToolPage

    for terms in SYNONYMS:
        SynonymGroup.objects.get_or_create(terms=terms)
    sectors = {
        slug: make_sector(name, slug=f"rel-{slug}") for slug, name in SECTORS.items()
    }
    themes = {
        slug: make_theme(name, slug=f"rel-{slug}") for slug, name in THEMES.items()
    }
    partners = {
        key: make_partner(name, sectors=[sectors[sector]])
        for key, (name, sector) in PARTNERS.items()
    }
    body_block = ToolPage._meta.get_field("body").stream_block
    keys = {}
    for doc in CORPUS:
        fields = {
            "title": doc.title,
            "summary": doc.summary,
            "sectors": [sectors[slug] for slug in doc.sectors],
            "themes": [themes[slug] for slug in doc.themes],
            "tags": list(doc.tags),
        }
        body = body_block.to_python(
            [{"type": "paragraph", "value": f"<p>{doc.body}</p>"}] if doc.body else []
        )
        if doc.kind == "tool":
            page = make_tool(partners.get(doc.partner), body=body, **fields)
        else:
            page = make_case(partners.get(doc.partner), approach=body, **fields)
        keys[(doc.kind, page.pk)] = doc.key
    cache.clear()
    return keys


@dataclass
class Outcome:
    judgement: Judgement
    ranked: list  # keys of the hits, best first
    rank: int  # 1-based rank of the first relevant hit; 0 when none in TOP

    @property
    def reciprocal_rank(self):
        return 1 / self.rank if self.rank else 0.0


def evaluate(search, keys):
    """Runs every judged query through search(query) -> hits (objects with
    kind and page_id) and returns one Outcome per query."""
    outcomes = []
    for judgement in QUERIES:
        ranked = [
            keys.get((hit.kind, hit.page_id), "?") for hit in search(judgement.query)
        ][:TOP]
        rank = next(
            (
                number
                for number, key in enumerate(ranked, start=1)
                if key in judgement.relevant
            ),
            0,
        )
        outcomes.append(Outcome(judgement, ranked, rank))
    return outcomes


def evaluate_service(keys):
    """evaluate() through the search service as configured now: (outcomes,
    the set of backends that answered)."""
    from search.service import search

    backends = set()

    def query(text):
        results = search(text, page_size=TOP, log=False)
        backends.add(results.backend)
        return results.hits

    return evaluate(query, keys), backends


@dataclass
class Scores:
    queries: int
    hits_at_1: float
    hits_at_3: float
    mrr: float


def score(outcomes):
    count = len(outcomes)
    if not count:
        return Scores(0, 0.0, 0.0, 0.0)
    return Scores(
        count,
        sum(1 <= o.rank <= 1 for o in outcomes) / count,
        sum(1 <= o.rank <= 3 for o in outcomes) / count,
        sum(o.reciprocal_rank for o in outcomes) / count,
    )


def score_by_category(outcomes):
    return {
        category: score([o for o in outcomes if o.judgement.category == category])
        for category in CATEGORIES
    }
