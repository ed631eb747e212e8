"""Builds the demo data set from the specs in text.py, through the apps'
factories (portal/factories.py, portal/factories/tools.py, portal/factories/cases.py),
the same ones the tests use. Every builder is get-or-create by a stable key
(slug under its parent, title for media, username for users), so running it
again creates nothing and publishes no new revisions."""

import random
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cases.models import CasePage
from core.access import EDITORS_GROUP, MEMBERS_GROUP
from core.models import PartnerFormField, PartnerPage, PortalImage, Sector
from portal.factories import (
    AudienceFactory,
    CompetenceAreaFactory,
    CompetenceLevelFactory,
    DocumentFactory,
    ImageFactory,
    PartnerFormPageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    SectorFactory,
    SectorLandingPageFactory,
    StandardPageFactory,
    ThemeFactory,
    UserFactory,
)
from portal.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    measurement_rows,
)
from portal.factories.tools import ToolIndexPageFactory, ToolPageFactory
from portal.models import (
    HomePage,
    HomePageFeaturedItem,
    SectorLandingPage,
    StandardPage,
)
from portal.models.standard import SectorLandingPageFeaturedTool
from toolbox.models import ToolPage

from . import content, data, media, text
from .competence import build_learning_paths

SEED = 2026

SIZES = {
    "full": {
        "partners": {
            "production": 30,
            "company": 14,
            "education": 14,
            "organisation": 12,
        },
        "partner_tools": 144,
        "pact_tools": 6,
        "cases": 120,
        "heroes": 20,
        "partner_editors": 3,
    },
    "small": {
        "partners": {"production": 5, "company": 2, "education": 2, "organisation": 2},
        "partner_tools": 14,
        "pact_tools": 2,
        "cases": 12,
        "heroes": 4,
        "partner_editors": 2,
    },
}
TOOL_OWNER_WEIGHTS = {
    "production": 1.0,
    "company": 0.6,
    "education": 2.0,
    "organisation": 2.0,
}
CASE_OWNER_WEIGHTS = {
    "production": 3.0,
    "company": 1.5,
    "education": 0.4,
    "organisation": 0.3,
}


# How many cases (the first in the plan) report before/after measurements.
MEASURED_CASES = 10

PAGE_LABELS = {ToolPage: "værktøjer", CasePage: "cases", PartnerPage: "partnere"}


def stream(model, field_name, raw):
    """A StreamField value from raw JSON-like blocks, left lazy."""
    return model._meta.get_field(field_name).stream_block.to_python(raw)


def partner_fields(spec):
    """A partner spec's own fields (the demo's and --scale's partners)."""
    return {
        name: spec[name]
        for name in (
            "partner_type",
            "size_band",
            "website",
            "description",
            "contact_name",
            "contact_email",
        )
    }


def tool_fields(spec):
    """A tool spec's own fields, shared by the demo builder and --scale."""
    return {
        "summary": spec["summary"],
        "body": stream(ToolPage, "body", spec["body"]),
        **{
            name: spec[name]
            for name in (
                "tool_format",
                "effort",
                "language",
                "price",
                "access",
                "external_url",
                "contact_name",
                "contact_email",
                "last_reviewed",
                "minutes_needed",
                "used_where",
                "languages_available",
            )
        },
    }


CASE_STREAMS = ("challenge", "approach", "results")


def case_fields(spec):
    """A case spec's own fields, shared by the demo builder and --scale."""
    return {
        **{name: stream(CasePage, name, spec[name]) for name in CASE_STREAMS},
        **{
            name: spec[name]
            for name in (
                "summary",
                "company_size",
                "training_format",
                "employees_upskilled",
                "period",
                "contact_name",
                "contact_email",
                "quote",
                "quote_author",
            )
        },
    }


@dataclass
class Plan:
    partners: list
    pact_tools: list
    partner_tools: list
    cases: list
    heroes: int
    partner_editors: int


def make_plan(size="full", seed=SEED):
    """All specs, generated before anything touches the database, so the
    random sequence never depends on what already exists."""
    config = SIZES[size]
    rng = random.Random(seed)  # noqa: S311 - demo text, not security
    partners = text.partner_specs(rng, config["partners"])
    used_titles = set()
    pact_tools = [
        text.tool_spec(rng, None, used_titles) for _ in range(config["pact_tools"])
    ]
    owners = rng.choices(
        partners,
        weights=[TOOL_OWNER_WEIGHTS[p["kind"]] for p in partners],
        k=config["partner_tools"],
    )
    partner_tools = [text.tool_spec(rng, owner, used_titles) for owner in owners]
    tool_pool = [(t["owner"], t["slug"]) for t in pact_tools + partner_tools]
    schools = [p["short"] for p in partners if p["kind"] == "education"]
    case_owners = rng.choices(
        partners,
        weights=[CASE_OWNER_WEIGHTS[p["kind"]] for p in partners],
        k=config["cases"],
    )
    case_titles = set()
    cases = [
        text.case_spec(rng, owner, case_titles, schools, tool_pool)
        for owner in case_owners
    ]
    for specs in (pact_tools, partner_tools, cases):
        dedupe_slugs(specs)
    cover_every_area_and_level(pact_tools + partner_tools)
    for number, spec in enumerate(cases):
        measured = number < MEASURED_CASES
        spec["measurements"] = text.case_measurements(spec["slug"]) if measured else []
    return Plan(
        partners=partners,
        pact_tools=pact_tools,
        partner_tools=partner_tools,
        cases=cases,
        heroes=config["heroes"],
        partner_editors=config["partner_editors"],
    )


TOOL_TERMS = (
    "sectors",
    "themes",
    "audiences",
    "competence_levels",
    "competence_areas",
)
CASE_TERMS = ("sectors", "themes", "competence_areas", "competence_levels")


def cover_every_area_and_level(specs):
    """Tags tools so that every competence area has a tool at every level
    (the Kompetencetjek recommends per area and level): a missing pair goes
    to the public tool of that level with the fewest areas so far."""
    levels = [row[1] for row in data.COMPETENCE_LEVELS]
    candidates = [s for s in specs if s["access"] == "public"] or specs
    for _name, area, _description in data.COMPETENCE_AREAS:
        for level in levels:
            if any(
                area in s["competence_areas"] and level in s["competence_levels"]
                for s in candidates
            ):
                continue
            with_level = [s for s in candidates if level in s["competence_levels"]]
            chosen = min(
                with_level or candidates,
                key=lambda s: (len(s["competence_areas"]), s["slug"]),
            )
            chosen["competence_areas"].append(area)
            if level not in chosen["competence_levels"]:
                chosen["competence_levels"] = sorted(
                    [*chosen["competence_levels"], level]
                )


def dedupe_slugs(specs):
    seen = Counter()
    for spec in specs:
        key = (spec["owner"], spec["slug"])
        seen[key] += 1
        if seen[key] > 1:
            spec["slug"] = f"{spec['slug'][:74]}-{seen[key]}"


@dataclass
class DemoBuilder:
    size: str = "full"
    password: str = "demo-adgang-2026"  # noqa: S105 - printed demo default
    created: Counter = field(default_factory=Counter)

    def __post_init__(self):
        self.plan = make_plan(self.size)
        # Stream block ids of the fixed pages.
        self.rng = random.Random(SEED + 1)  # noqa: S311

    # Pages ------------------------------------------------------------

    def page(self, factory_class, parent, slug, **fields):
        """Get-or-create a page of the factory's type under parent by slug; a
        new one comes from the factory (added as a draft and published
        through a revision, like an editor would)."""
        model = factory_class._meta.model
        existing = self.existing_children(parent, model).get(slug)
        if existing is None and model.max_count == 1:
            # A singleton an editor made under another slug is still the one.
            existing = next(iter(self.existing_children(parent, model).values()), None)
        if existing is not None:
            return existing
        page = factory_class(parent=parent, slug=slug, **fields)
        self.created[PAGE_LABELS.get(model, "øvrige sider")] += 1
        self.changed_pages.append(page.pk)
        self._children_cache[(parent.pk, model)][slug] = page
        return page

    def existing_children(self, parent, model):
        if not hasattr(self, "_children_cache"):
            self._children_cache = {}
        key = (parent.pk, model)
        if key not in self._children_cache:
            self._children_cache[key] = {
                page.slug: page for page in model.objects.child_of(parent)
            }
        return self._children_cache[key]

    # Taxonomies -------------------------------------------------------

    def taxonomies(self):
        def ensure(factory_class, rows):
            model = factory_class._meta.model
            before = model.objects.count()
            result = {}
            for order, row in enumerate(rows):
                name, slug, description = row[:3]
                fields = {"is_focus": row[3]} if model is Sector else {}
                result[slug] = factory_class(
                    slug=slug,
                    name=name,
                    description=description,
                    sort_order=order,
                    **fields,
                )
            self.created[model._meta.verbose_name_plural] += (
                model.objects.count() - before
            )
            return result

        self.sectors = ensure(SectorFactory, data.SECTORS)
        self.themes = ensure(ThemeFactory, data.THEMES)
        self.audiences = ensure(AudienceFactory, data.AUDIENCES)
        self.competence_levels = ensure(CompetenceLevelFactory, data.COMPETENCE_LEVELS)
        self.competence_areas = ensure(CompetenceAreaFactory, data.COMPETENCE_AREAS)

    def terms(self, spec, *names):
        """A spec's taxonomy slugs ("sectors", "themes", "audiences") as the
        taxonomy objects, keyed like the factories' arguments."""
        vocabularies = {
            "sectors": self.sectors,
            "themes": self.themes,
            "audiences": self.audiences,
            "competence_levels": self.competence_levels,
            "competence_areas": self.competence_areas,
        }
        return {
            name: [vocabularies[name][slug] for slug in spec[name]] for name in names
        }

    # Media ------------------------------------------------------------

    def image(self, title, description, draw):
        image = PortalImage.objects.filter(title=title).first()
        if image is None:
            filename = f"demo-{text.danish_slug(title)}.png"
            image = ImageFactory(
                title=title,
                description=description,
                file=media.image_file(draw(), filename),
            )
            self.created["billeder"] += 1
        return image

    def hero_images(self):
        self.heroes = [
            self.image(
                f"Demo-illustration {number + 1:02d}",
                data.HERO_DESCRIPTIONS[number % len(data.HERO_DESCRIPTIONS)],
                lambda number=number: media.draw_hero(number),
            )
            for number in range(self.plan.heroes)
        ]

    def document(self, spec):
        extension, payload = media.document_content(spec)
        title = f"{spec['title']} ({extension.upper()})"
        document = get_document_model().objects.filter(title=title).first()
        if document is None:
            document = DocumentFactory(
                title=title,
                file__data=payload,
                file__filename=f"{spec['slug'][:60]}.{extension}",
            )
            self.created["dokumenter"] += 1
        return document

    # Site tree ---------------------------------------------------------

    def site_tree(self):
        self.home = HomePage.objects.get()
        home = self.home
        self.tool_index = self.page(
            ToolIndexPageFactory, home, "vaerktoejer", intro=content.TOOL_INDEX_INTRO
        )
        self.case_index = self.page(
            CaseIndexPageFactory, home, "cases", intro=content.CASE_INDEX_INTRO
        )
        self.partner_index = self.page(
            PartnerIndexPageFactory,
            home,
            "partnere",
            intro=content.PARTNER_INDEX_INTRO,
        )
        self.production = self.page(
            SectorLandingPageFactory,
            home,
            "produktion",
            title="Produktion",
            sector=self.sectors["produktion"],
            intro=content.PRODUCTION_INTRO,
            body=stream(SectorLandingPage, "body", content.production_body(self.rng)),
        )
        self.partner_form = self.page(
            PartnerFormPageFactory,
            home,
            "bliv-partner",
            show_in_menus=True,
            intro=content.PARTNER_FORM_INTRO,
            thank_you_text=content.PARTNER_FORM_THANKS,
            subject="Ny henvendelse: Bliv partner",
            form_fields=[
                PartnerFormField(sort_order=order, **spec)
                for order, spec in enumerate(content.PARTNER_FORM_FIELDS)
            ],
        )
        self.standard_pages = {}
        for slug, title, intro, body in content.STANDARD_PAGES:
            self.standard_pages[slug] = self.page(
                StandardPageFactory,
                home,
                slug,
                title=title,
                intro=intro,
                body=stream(StandardPage, "body", body(self.rng)),
            )

    def partner(self, spec, slug, title, logo=None):
        """A PartnerPage from a partner spec: the demo's partners and the
        synthetic ones that --scale fills (scale.py)."""
        return self.page(
            PartnerPageFactory,
            self.partner_index,
            slug,
            title=title,
            logo=logo,
            **partner_fields(spec),
            **self.terms(spec, "sectors"),
        )

    def partners(self):
        self.partner_pages = {}
        for spec in self.plan.partners:
            logo = self.image(
                f"Logo: {spec['title']}",
                f"Logo for {spec['title']}",
                lambda spec=spec: media.draw_logo(spec["initials"], spec["palette"]),
            )
            self.partner_pages[spec["slug"]] = self.partner(
                spec, spec["slug"], spec["title"], logo=logo
            )

    def tools(self):
        self.tool_pages = {}
        for spec in self.plan.pact_tools + self.plan.partner_tools:
            parent = (
                self.partner_pages[spec["owner"]] if spec["owner"] else self.tool_index
            )
            self.tool_pages[(spec["owner"], spec["slug"])] = self.page(
                ToolPageFactory,
                parent,
                spec["slug"],
                title=spec["title"],
                **tool_fields(spec),
                **self.terms(spec, *TOOL_TERMS),
                tags=spec["tags"],
                documents=[self.document(spec)] if spec["document"] else (),
            )

    def cases(self):
        self.case_pages = [
            self.page(
                CasePageFactory,
                self.partner_pages[spec["owner"]],
                spec["slug"],
                title=spec["title"],
                hero_image=self.heroes[spec["hero"] % len(self.heroes)],
                **case_fields(spec),
                **self.terms(spec, *CASE_TERMS),
                tags=spec["tags"],
                tools=[self.tool_pages[key] for key in spec["tools"]],
                effects=spec["effects"],
                measurements=spec["measurements"],
            )
            for spec in self.plan.cases
        ]
        self.case_measurements()

    def case_measurements(self):
        """Measurements for demo cases built before cases had them."""
        for spec, page in zip(self.plan.cases, self.case_pages, strict=True):
            if not spec["measurements"] or page.measurements.exists():
                continue
            page = CasePage.objects.get(pk=page.pk)
            page.measurements = measurement_rows(spec["measurements"])
            page.save_revision().publish()
            self.created["cases med målinger"] += 1
            self.changed_pages.append(page.pk)

    # Home page ----------------------------------------------------------

    def featured_pages(self):
        """A curated, ordered mix: tools, cases and partners."""
        production = [
            self.partner_pages[p["slug"]]
            for p in self.plan.partners
            if p["kind"] == "production"
        ]
        public_tools = [
            self.tool_pages[(s["owner"], s["slug"])]
            for s in self.plan.pact_tools + self.plan.partner_tools
            if s["access"] == "public"
        ]
        shop_floor = [
            self.tool_pages[(s["owner"], s["slug"])]
            for s in self.plan.partner_tools
            if s["access"] == "public" and "linjen" in s["used_where"]
        ]
        cases = self.case_pages
        picks = [
            shop_floor[0] if shop_floor else public_tools[0],
            cases[0],
            production[1 % len(production)],
            public_tools[0],
            cases[len(cases) // 2],
            public_tools[len(public_tools) // 2],
        ]
        return list(dict.fromkeys(picks))

    def featured_text(self, order, page):
        """The first item gets an editor's own text; partners have no
        summary, so theirs comes from the plan."""
        if order == 0:
            return content.FEATURED_OVERRIDE_TEXT
        if isinstance(page, PartnerPage):
            spec = next(p for p in self.plan.partners if p["slug"] == page.slug)
            return content.partner_teaser(spec)
        return ""

    def home_page(self):
        home = HomePage.objects.get(pk=self.home.pk)
        if home.key_figures:  # already curated, by this command or an editor
            return
        home.hero_heading = content.HERO_HEADING
        home.hero_text = content.HERO_TEXT
        home.hero_image = self.heroes[0]
        home.key_figures = stream(
            HomePage,
            "key_figures",
            [
                {"type": "figure", "value": figure, "id": text.block_id(self.rng)}
                for figure in content.KEY_FIGURES
            ],
        )
        links = {
            "production": self.production,
            "cases": self.case_index,
            "tools": self.tool_index,
        }
        home.focus_heading = "Fokus 2026"
        home.focus_items = stream(
            HomePage,
            "focus_items",
            [
                {
                    "type": "item",
                    "value": {"heading": heading, "text": body, "link": links[key].pk},
                    "id": text.block_id(self.rng),
                }
                for heading, body, key in content.FOCUS_ITEMS
            ],
        )
        home.spotlight_partner = next(
            self.partner_pages[p["slug"]]
            for p in self.plan.partners
            if p["kind"] == "production"
        )
        home.featured_items = [
            HomePageFeaturedItem(
                page_id=page.pk,
                sort_order=order,
                override_text=self.featured_text(order, page),
            )
            for order, page in enumerate(self.featured_pages())
        ]
        home.save_revision().publish()
        self.created["forside opdateret"] += 1
        self.changed_pages.append(home.pk)

    def production_tools(self):
        """A few public shop-floor tools chosen for the production landing;
        the rest of its list fills up with the sector's newest."""
        landing = SectorLandingPage.objects.get(pk=self.production.pk)
        if landing.featured_tools.exists():  # already chosen, here or by an editor
            return
        picks = [
            self.tool_pages[(s["owner"], s["slug"])]
            for s in self.plan.partner_tools
            if s["access"] == "public"
            and "produktion" in s["sectors"]
            and "linjen" in s["used_where"]
        ][:4]
        if not picks:
            return
        landing.featured_tools = [
            SectorLandingPageFeaturedTool(tool=tool, sort_order=order)
            for order, tool in enumerate(picks)
        ]
        landing.save_revision().publish()
        self.created["produktionsside opdateret"] += 1
        self.changed_pages.append(landing.pk)

    # Users --------------------------------------------------------------

    def user(self, username, **fields):
        """Get-or-create by username; only a new user gets the password."""
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = UserFactory(username=username, password=self.password, **fields)
            self.created["brugere"] += 1
        return user

    def users(self):
        self.logins = []
        admin = self.user("admin", is_staff=True, is_superuser=True, first_name="Admin")
        self.logins.append(("admin", "superbruger"))
        self.user(
            "redaktoer",
            groups=[EDITORS_GROUP],
            is_staff=True,
            first_name="Rikke",
            last_name="Redaktør",
        )
        self.logins.append(("redaktoer", "redaktør"))
        candidates = [p for p in self.plan.partners if p["kind"] == "production"]
        candidates += [p for p in self.plan.partners if p["kind"] == "education"]
        chosen = candidates[: self.plan.partner_editors - 1] + [candidates[-1]]
        for spec in chosen:
            first, last = spec["contact_name"].split(" ", 1)
            username = f"partner-{spec['slug']}"
            self.user(
                username,
                groups=[self.partner_pages[spec["slug"]]],
                first_name=first,
                last_name=last,
                email=spec["contact_email"],
            )
            self.logins.append((username, f"partnerredaktør for {spec['title']}"))
        self.user(
            "partnermedlem",
            groups=[MEMBERS_GROUP],
            first_name="Mads",
            last_name="Medlem",
        )
        self.logins.append(("partnermedlem", "partnermedlem"))
        return admin

    def build(self):
        self.changed_pages = []
        # Wagtail updates a page's reference index on each of its three saves
        # (add, revision, publish); once per page at the end is enough.
        with disable_reference_index_auto_update():
            self.taxonomies()
            self.hero_images()
            self.site_tree()
            self.partners()
            self.tools()
            self.cases()
            self.home_page()
            self.production_tools()
            self.created["læringsstier"] += build_learning_paths()
            self.users()
        self.update_reference_index(self.changed_pages)
        return self.created

    @staticmethod
    def update_reference_index(page_ids):
        """Documents on partners-only tools are restricted through the
        reference index (core.access.document_is_restricted)."""
        for page in Page.objects.filter(pk__in=page_ids).specific().iterator():
            ReferenceIndex.create_or_update_for_object(page)
