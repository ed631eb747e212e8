"""Deterministic generators for the demo data: every function takes a
random.Random and returns plain dicts ("specs") that the builders persist.
The same seed always gives the same specs, which is what makes load_demo
idempotent: the builders look each spec up by its stable slug."""

import datetime
import random
import uuid
from html import escape

from django.utils.text import slugify

from core.choices import PartnerType, SizeBand

from . import data

TRANSLITERATION = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)
REVIEW_REFERENCE = datetime.date(2026, 11, 1)


def danish_slug(text, max_length=80):
    slug = slugify(text.translate(TRANSLITERATION))
    return slug[:max_length].rstrip("-")


def block_id(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def paragraph(rng, *texts, heading=None):
    html = f"<h2>{escape(heading)}</h2>" if heading else ""
    html += "\n".join(f"<p>{escape(text)}</p>" for text in texts)
    return {"type": "paragraph", "value": html, "id": block_id(rng)}


def steps_block(rng, heading, steps):
    return {
        "type": "steps",
        "value": {
            "heading": heading,
            "steps": [
                {
                    "type": "item",
                    "value": {
                        "heading": step_heading,
                        "text": f"<p>{escape(text)}</p>",
                        "minutes": minutes,
                    },
                    "id": block_id(rng),
                }
                for (step_heading, text), minutes in zip(
                    steps, rng.choices([5, 10, 15, 20, 30], k=len(steps)), strict=True
                )
            ],
        },
        "id": block_id(rng),
    }


def quote_block(rng, text, author, role):
    return {
        "type": "quote",
        "value": {"text": text, "author": author, "role": role},
        "id": block_id(rng),
    }


def person(rng):
    return f"{rng.choice(data.FIRST_NAMES)} {rng.choice(data.LAST_NAMES)}"


def email_for(name, domain):
    local = danish_slug(name.split()[0]).replace("-", "") or "kontakt"
    return f"{local}@{domain}"


def join_danish(items):
    """'a', 'a og b', 'a, b og c'."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


def initials(title):
    words = [w for w in title.replace("-", " ").split() if w[0].isalpha()]
    skip = {"for", "og", "i", "af", "A/S", "ApS", "K/S"}
    letters = [w[0] for w in words if w not in skip]
    return ("".join(letters[:2]) or title[:2]).upper()


def short_name(title):
    for suffix in (" A/S", " ApS", " K/S"):
        if title.endswith(suffix):
            return title[: -len(suffix)]
    return title


# Partners ---------------------------------------------------------------


def partner_specs(rng, counts):
    """Partner specs: production companies first, then other companies,
    educational institutions and organisations."""
    specs = []
    used = set()
    production_words = list(data.PRODUCTION_WORDS)
    while len([s for s in specs if s["kind"] == "production"]) < counts["production"]:
        place = rng.choice(data.PLACES)
        word, what = rng.choice(production_words)
        title = f"{place} {word} {rng.choice(data.LEGAL_FORMS)}"
        if short_name(title) in used:
            continue
        used.add(short_name(title))
        sectors = ["produktion"]
        if word in ("Mejeri", "Bageri"):
            sectors.append("landbrug")
        elif word in ("Komponenter", "Pumpeteknik"):
            sectors.append(rng.choice(["energi", "byggeri"]))
        elif word in ("Vinduer", "Beton", "Glas"):
            sectors.append("byggeri")
        specs.append(
            {
                "kind": "production",
                "title": title,
                "partner_type": PartnerType.COMPANY,
                "sectors": sectors,
                "what": what,
                "size_band": rng.choice(
                    [SizeBand.SMALL, SizeBand.MEDIUM, SizeBand.MEDIUM, SizeBand.LARGE]
                    + [SizeBand.XLARGE]
                ),
            }
        )
    for title, sector, what in data.OTHER_COMPANIES[: counts["company"]]:
        specs.append(
            {
                "kind": "company",
                "title": title,
                "partner_type": PartnerType.COMPANY,
                "sectors": [sector],
                "what": what,
                "size_band": rng.choice(list(SizeBand.values)),
            }
        )
    for title, what in data.EDUCATION[: counts["education"]]:
        specs.append(
            {
                "kind": "education",
                "title": title,
                "partner_type": PartnerType.EDUCATION,
                "sectors": ["uddannelse"],
                "what": what,
                "size_band": rng.choice([SizeBand.MEDIUM, SizeBand.LARGE]),
            }
        )
    for title, sector in data.ORGANISATIONS[: counts["organisation"]]:
        specs.append(
            {
                "kind": "organisation",
                "title": title,
                "partner_type": PartnerType.ORGANISATION,
                "sectors": [sector],
                "what": "netværk og videndeling",
                "size_band": rng.choice([SizeBand.MICRO, SizeBand.SMALL]),
            }
        )
    for spec in specs:
        finish_partner(rng, spec)
    return specs


def partner_description(rng, spec):
    short = short_name(spec["title"])
    if spec["kind"] == "production":
        first = (
            f"{short} er en produktionsvirksomhed med speciale i {spec['what']}. "
            f"Vi har arbejdet med AI-opkvalificering siden 2024."
        )
    elif spec["kind"] == "company":
        first = f"{short} arbejder med {spec['what']} og er partner i pagten."
    elif spec["kind"] == "education":
        first = (
            f"{short} udbyder efteruddannelse og virksomhedsforløb om AI for "
            "ledere og medarbejdere."
        )
    else:
        first = (
            f"{short} samler medlemmer om {spec['what']} og deler erfaringer med "
            "AI på tværs af arbejdspladser."
        )
    second = rng.choice(
        [
            "Vi deler gerne vores værktøjer og erfaringer med andre partnere.",
            "Vores fokus er on-the-job-training, hvor læringen sker tæt på opgaverne.",
            "Ledelsen har sat retning, og alle medarbejdere er en del af forløbet.",
            "Vi arbejder tæt sammen med tillidsrepræsentanterne om AI-omstillingen.",
        ]
    )
    return f"<p>{escape(first)}</p>\n<p>{escape(second)}</p>"


def finish_partner(rng, spec):
    spec["slug"] = danish_slug(short_name(spec["title"]))
    spec["short"] = short_name(spec["title"])
    domain = f"{spec['slug']}.example.dk"
    spec["website"] = f"https://www.{domain}/"
    spec["description"] = partner_description(rng, spec)
    spec["contact_name"] = person(rng)
    spec["contact_email"] = email_for(spec["contact_name"], domain)
    spec["domain"] = domain
    spec["initials"] = initials(spec["title"])
    spec["palette"] = rng.randrange(len(data.PALETTES))
    roles = {
        "education": data.EDUCATION_ROLES,
        "organisation": data.ORGANISATION_ROLES,
    }.get(spec["kind"], data.COMPANY_ROLES)
    spec["roles"] = roles


# Tools ------------------------------------------------------------------


PROMPT_THEMES = {"generativ-ai", "on-the-job-training", "ansvarlig-ai"}


def tool_title(rng, tool_format, topic):
    template = rng.choice(data.FORMAT_PREFIXES[tool_format])
    qualifier = rng.choice(data.QUALIFIERS)
    if " for " in topic or " i " in qualifier and " i " in topic:
        qualifier = ""
    title = template.format(topic=topic) + qualifier
    return title[0].upper() + title[1:]


def tool_spec(rng, owner, used_titles, *, number=None):
    """One tool. owner is a partner spec, or None for the pact itself."""
    theme = rng.choice(list(data.TOOL_TOPICS))
    topic, goal = rng.choice(data.TOOL_TOPICS[theme])
    tool_format = rng.choice(list(data.FORMAT_PREFIXES))
    if tool_format == "promptbibliotek" and theme not in PROMPT_THEMES:
        tool_format = rng.choice(["guide", "tjekliste", "skabelon", "video"])
    for _attempt in range(20):
        title = tool_title(rng, tool_format, topic)
        if title not in used_titles:
            break
    else:
        title = f"{title} ({number or len(used_titles) + 1})"
    used_titles.add(title)

    audiences = rng.sample([slug for _n, slug, _d in data.AUDIENCES], rng.randint(1, 3))
    if owner and owner["kind"] == "production" and rng.random() < 0.7:
        audiences = list(dict.fromkeys(["produktionsmedarbejdere", *audiences]))
    audience_text = join_danish([data.AUDIENCE_PHRASES[a] for a in audiences[:2]])
    summary = (
        f"{data.FORMAT_NOUNS[tool_format]}, der hjælper {audience_text} med at "
        f"{goal}. {rng.choice(data.TOOL_DETAILS)}"
    )
    sectors = list(owner["sectors"]) if owner else []
    if not owner or owner["kind"] in ("education", "organisation"):
        sectors = ["produktion"] if rng.random() < 0.6 else []
        sectors += rng.sample([s[1] for s in data.SECTORS], rng.randint(0, 2))
    elif rng.random() < 0.3:
        sectors.append(rng.choice([s[1] for s in data.SECTORS]))
    sectors = list(dict.fromkeys(sectors))
    themes = [theme]
    if rng.random() < 0.4:
        themes.append(rng.choice([t[1] for t in data.THEMES]))
    themes = list(dict.fromkeys(themes))

    shop_floor = "produktionsmedarbejdere" in audiences or "produktion" in sectors
    used_where = []
    languages = ["da"]
    minutes = None
    if shop_floor:
        minutes = rng.choice([5, 10, 15, 15, 20, 30, 45, 60])
        used_where = sorted(
            rng.sample(["linjen", "moedelokale", "pc", "print"], rng.randint(1, 3))
        )
        languages += rng.sample(["en", "de", "pl", "uk", "ro", "ar"], rng.randint(0, 3))
    elif rng.random() < 0.3:
        languages.append("en")

    # Levels and longer sessions from a generator of the tool's own, so the
    # shared one (and every spec drawn after this one) stays as it was.
    own = random.Random(f"tool-{title}")  # noqa: S311 - demo data, not security
    levels = data.FORMAT_LEVELS[tool_format]
    competence_levels = sorted(own.sample(levels, min(len(levels), own.randint(1, 2))))
    if minutes is None and tool_format in ("workshopkit", "kursus"):
        minutes = own.choice([90, 120, 180])

    contact_name = person(rng)
    domain = owner["domain"] if owner else "ai-kompetencepagten.example.dk"
    days_old = rng.choice([rng.randint(10, 300)] * 3 + [rng.randint(380, 720)])
    body = [
        paragraph(
            rng,
            summary,
            rng.choice(
                [
                    "92 % af virksomhederne mangler stadig en kompetencestrategi. "
                    "Dette værktøj er et konkret sted at begynde.",
                    "Medarbejdere med praksisnær opkvalificering oplever dobbelt så "
                    "stor effekt. Derfor er værktøjet bygget til at blive brugt i "
                    "hverdagen.",
                    "55 % peger på manglende strategisk retning som en barriere. "
                    "Værktøjet giver ledelsen et fælles udgangspunkt.",
                    "60 % ønsker opkvalificering, men har ikke fået det endnu. Her "
                    "er en enkel måde at komme i gang på.",
                ]
            ),
            heading="Om værktøjet",
        )
    ]
    if tool_format in ("guide", "workshopkit", "metode", "skabelon", "tjekliste"):
        body.append(
            steps_block(rng, "Sådan bruger I værktøjet", rng.choice(data.STEP_SETS))
        )
    if rng.random() < 0.3:
        body.append(
            quote_block(
                rng,
                rng.choice(data.QUOTES),
                person(rng),
                rng.choice(data.COMPANY_ROLES).capitalize(),
            )
        )
    body.append(
        paragraph(
            rng,
            rng.choice(data.LESSONS),
            "Skriv til kontaktpersonen, hvis I vil høre mere eller dele jeres egne "
            "erfaringer.",
            heading="Gode råd",
        )
    )
    return {
        "title": title,
        "slug": danish_slug(title),
        "summary": summary,
        "body": body,
        "competence_areas": competence_areas(themes, data.FORMAT_AREAS[tool_format]),
        "tool_format": tool_format,
        "audiences": audiences,
        "sectors": sectors,
        "themes": themes,
        "competence_levels": competence_levels,
        "tags": sorted(rng.sample(data.TAGS, rng.randint(1, 3))),
        "effort": rng.choice(data.EFFORTS),
        "language": rng.choices(["da", "da-en", "en"], weights=[8, 2, 1])[0],
        "price": rng.choices(["gratis", "betalt"], weights=[8, 2])[0],
        "access": "partners" if rng.random() < 0.1 else "public",
        "external_url": (
            f"https://www.{domain}/vaerktoejer/{danish_slug(title)}"
            if rng.random() < 0.35
            else ""
        ),
        "contact_name": contact_name,
        "contact_email": email_for(contact_name, domain),
        "last_reviewed": REVIEW_REFERENCE - datetime.timedelta(days=days_old),
        "minutes_needed": minutes,
        "used_where": used_where,
        "languages_available": list(dict.fromkeys(languages)),
        "document": rng.random() < 0.6,
        "owner": owner["slug"] if owner else None,
    }


# Cases ------------------------------------------------------------------

UPSKILLED_BY_SIZE = {
    SizeBand.MICRO: (3, 9),
    SizeBand.SMALL: (8, 45),
    SizeBand.MEDIUM: (30, 220),
    SizeBand.LARGE: (120, 800),
    SizeBand.XLARGE: (400, 4000),
}


def case_measurements(slug):
    """One to three before/after measurements for a case (CasePageMeasurement
    fields), from a generator of the case's own: adding them left every
    other spec as it was."""
    own = random.Random(f"measurements-{slug}")  # noqa: S311 - demo data
    period = own.choice(data.MEASUREMENT_PERIODS)
    rows = []
    for label, unit, before_range, ratio_range, lower in own.sample(
        data.MEASUREMENTS, own.randint(1, 3)
    ):
        places = 1 if unit == "timer" else 0
        before = round(own.uniform(*before_range), places)
        after = round(before * own.uniform(*ratio_range), places)
        if unit == "procent":
            after = min(after, 100)
        rows.append(
            {
                "label": label,
                "unit": unit,
                "before": str(before),
                "after": str(after),
                "period": period,
                "lower_is_better": lower,
            }
        )
    return rows


def storylines_for(owner):
    allowed = {"any", owner["kind"]}
    return [story for story in data.STORYLINES if story["owners"] in allowed]


def competence_areas(themes, *extra):
    """The competence areas (slugs) a page's themes speak to, and extra ones,
    in the areas' own order."""
    wanted = {area for theme in themes for area in data.THEME_AREAS.get(theme, [])}
    wanted.update(extra)
    return [slug for _name, slug, _d in data.COMPETENCE_AREAS if slug in wanted]


def case_spec(rng, owner, used_titles, schools, tool_pool):
    """One case story for owner (a partner spec), told along one storyline.
    tool_pool is a list of (owner slug or None, tool slug) to draw 1-3 used
    tools from, preferring the owner's own tools."""
    story = rng.choice(storylines_for(owner))
    low, high = UPSKILLED_BY_SIZE[owner["size_band"]]
    upskilled = rng.randint(low, high)
    short = owner["short"]
    for _attempt in range(20):
        title = rng.choice(story["titles"]).format(short=short, n=upskilled)
        if title not in used_titles:
            break
    else:
        title = f"{title} ({rng.choice(data.PERIODS)})"
    used_titles.add(title)
    values = {
        "short": short,
        "n": upskilled,
        "pct": rng.randint(40, 90),
        "school": rng.choice(schools) if schools else "en lokal erhvervsskole",
    }
    challenge = rng.choice(story["challenges"]).format(**values)
    approach = rng.choice(story["approaches"]).format(**values)
    result = rng.choice(story["results"]).format(**values)
    themes = list(story["themes"])
    if rng.random() < 0.3:
        themes = themes[:1]
    effect_values = dict(data.EFFECTS)
    labels = rng.sample(story["effects"], rng.randint(1, len(story["effects"])))
    effects = [(label, rng.choice(effect_values[label])) for label in labels]
    tools = []
    if tool_pool:
        own = [t for t in tool_pool if t[0] == owner["slug"]]
        candidates = own[:3] + rng.sample(tool_pool, min(len(tool_pool), 4))
        tools = list(dict.fromkeys(rng.sample(candidates, rng.randint(1, 3))))
    approach_blocks = [paragraph(rng, approach)]
    if rng.random() < 0.4:
        approach_blocks.append(
            steps_block(rng, "Forløbet trin for trin", rng.choice(data.STEP_SETS))
        )
    contact_name = person(rng)
    quote_author = person(rng)
    # Like a tool's levels: from a generator of the case's own.
    levels = [level[1] for level in data.COMPETENCE_LEVELS]
    case_level = random.Random(f"case-{title}").choice(levels)  # noqa: S311
    return {
        "title": title,
        "slug": danish_slug(title),
        "summary": story["summary"].format(**values),
        "competence_areas": competence_areas(themes),
        "competence_levels": [case_level],
        "sectors": list(owner["sectors"]),
        "themes": themes,
        "tags": sorted(rng.sample(data.TAGS, rng.randint(1, 3))),
        "company_size": owner["size_band"],
        "training_format": rng.choice(story["formats"]),
        "challenge": [
            paragraph(
                rng,
                challenge,
                data.BAROMETER_CONTEXT[story["themes"][0]],
            )
        ],
        "approach": approach_blocks,
        "results": [paragraph(rng, result, rng.choice(data.LESSONS))],
        "employees_upskilled": upskilled,
        "period": rng.choice(data.PERIODS),
        "effects": effects,
        "tools": tools,
        "contact_name": contact_name,
        "contact_email": email_for(contact_name, owner["domain"]),
        "quote": rng.choice(data.QUOTES),
        "quote_author": f"{quote_author}, {rng.choice(owner['roles'])}",
        "hero": rng.randrange(1000),
        "owner": owner["slug"],
    }
