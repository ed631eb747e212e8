"""The service's vocabulary: what a search asks for and what it answers,
and the facets. Both backends take a SearchRequest and return SearchResults.

The facet registry below is the one description of every facet: the search
page, the listings, the feeds, the CSV export and the JSON API all read it."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import TrainingFormat
from core.choices import PartnerType
from core.models.taxonomy import (
    Audience,
    CompetenceArea,
    CompetenceLevel,
    Sector,
    Theme,
)
from toolbox.models import (
    LANGUAGES_AVAILABLE,
    USED_WHERE,
    Price,
    ToolFormat,
    ToolLanguage,
)

if TYPE_CHECKING:
    from django.db.models import Model

    from django_stubs_ext import StrOrPromise

TOOL = "tool"
CASE = "case"
KINDS = (TOOL, CASE)
KIND_LABELS = {TOOL: _("Værktøj"), CASE: _("Case")}
# Partners are not searched, but open data filters them by facets too.
PARTNER = "partner"

SORT_RELEVANCE = "relevans"
SORT_NEWEST = "nyeste"
SORT_MOST_USED = "mest-brugt"
SORT_MOST_USEFUL = "nyttigst"
SORTS = {
    SORT_RELEVANCE: _("Mest relevante"),
    SORT_NEWEST: _("Nyeste"),
    SORT_MOST_USED: _("Mest brugte"),
    SORT_MOST_USEFUL: _("Mest nyttige"),
}

DEFAULT_PAGE_SIZE = 20
MIN_PAGE_SIZE = 5
MAX_PAGE_SIZE = 50
# Deep pages are bounded well below Elasticsearch's max_result_window (10 000).
MAX_RESULT_WINDOW = 1000
TAXONOMY_CACHE_KEY = "search:facet-choices"
# Values read per facet: the search keeps the first ones, open data refuses
# more (a feed URL with more is a mistake, not a search).
MAX_VALUES_PER_FACET = 50


# Facets


class TaxonomyValues:
    """The values of a taxonomy facet: the terms' slugs, named and ordered
    as the taxonomy orders them."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model

    def choices(self) -> list[tuple[str, str]]:
        return list(self.model._default_manager.values_list("slug", "name"))

    def labels(self, values: Iterable[str]) -> list[str]:
        return list(
            self.model._default_manager.filter(slug__in=values).values_list(
                "name", flat=True
            )
        )


class FixedValues:
    """The values of a facet on a fixed list of (value, label) pairs."""

    def __init__(self, pairs: Sequence[tuple[str, StrOrPromise]]) -> None:
        self.pairs = pairs

    def choices(self) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in self.pairs]

    def labels(self, values: Iterable[str]) -> list[str]:
        """Labels in the order the values were given."""
        labels = dict(self.pairs)
        return [str(labels[value]) for value in values]


class DerivedValues:
    """The values of a facet that no single field holds: each value is a
    condition on the page's own fields (for the database and open data), and
    values(row) names the values of one page (for the index document, with
    row a dict of `fields`). The two must agree; tests/search/
    test_new_filters.py holds both backends to the same answers."""

    def __init__(
        self,
        fields: Iterable[str],
        conditions: dict[str, Q],
        values: Callable[[dict[str, Any]], list[str]],
    ) -> None:
        self.fields = tuple(fields)
        self.conditions = conditions
        self.values = values

    def condition(self, values: Iterable[str]) -> Q:
        condition = Q(pk__in=[])
        for value in values:
            condition |= self.conditions[value]
        return condition


@dataclass(frozen=True)
class FacetSpec:
    """A facet, described once.

    param: the query-string parameter. field: the keyword field in the
    search index, None for a facet of content that is not searched.
    label: the Danish heading. lookups: the ORM path of the value per kind,
    or DerivedValues for a value computed from several fields; a kind
    without one does not have the facet. source: where the allowed
    values come from (TaxonomyValues or FixedValues). help_text: how the
    JSON API documents the parameter. picks_kind: the facet chooses between
    the kinds themselves (its lookups name no field), so it is offered only
    where kinds are mixed and never narrows the pages of one kind."""

    param: str
    field: str | None
    label: StrOrPromise
    lookups: dict[str, str | DerivedValues]
    source: TaxonomyValues | FixedValues
    help_text: str = ""
    picks_kind: bool = False

    def applies_to(self, kind: str) -> bool:
        return self.lookups.get(kind) is not None

    def narrows(self, kind: str) -> bool:
        """Whether the facet narrows the pages of kind by one of their fields."""
        return self.applies_to(kind) and not self.picks_kind

    def lookup(self, kind: str) -> str | DerivedValues | None:
        return self.lookups.get(kind)

    def derived(self, kind: str) -> DerivedValues | None:
        """The kind's DerivedValues, None for a facet read from one field."""
        lookup = self.lookups.get(kind)
        return lookup if isinstance(lookup, DerivedValues) else None

    def condition(self, kind: str, values: Iterable[str]) -> Q:
        """A Q that keeps the pages of kind with at least one of values."""
        derived = self.derived(kind)
        if derived is not None:
            return derived.condition(values)
        return Q(**{f"{self.lookups[kind]}__in": list(values)})

    @property
    def noun(self) -> str:
        """The label inside a sentence: "Ukendt sektor: ..."."""
        return str(self.label).lower()

    def choices(self) -> list[tuple[str, str]]:
        """[(value, label), ...], the allowed values in display order."""
        return self.source.choices()

    def allowed(self) -> set[str]:
        return {value for value, _label in self.choices()}

    def labels(self, values: Iterable[str]) -> list[str]:
        """The readable names of some allowed values."""
        return self.source.labels(values)


KIND_FACET = FacetSpec(
    "type",
    "kind",
    _("Type"),
    {TOOL: "kind", CASE: "kind"},
    FixedValues(list(KIND_LABELS.items())),
    picks_kind=True,
)
SECTOR_FACET = FacetSpec(
    "sektor",
    "sectors",
    _("Sektor"),
    {TOOL: "sectors__slug", CASE: "sectors__slug", PARTNER: "sectors__slug"},
    TaxonomyValues(Sector),
    "Sektorens slug; gentag for flere.",
)
THEME_FACET = FacetSpec(
    "tema",
    "themes",
    _("Tema"),
    {TOOL: "themes__slug", CASE: "themes__slug"},
    TaxonomyValues(Theme),
    "Temaets slug; gentag for flere.",
)
AUDIENCE_FACET = FacetSpec(
    "maalgruppe",
    "audiences",
    _("Målgruppe"),
    {TOOL: "audiences__slug"},
    TaxonomyValues(Audience),
    "Målgruppens slug; gentag for flere.",
)
TOOL_FORMAT_FACET = FacetSpec(
    "format",
    "format",
    _("Format"),
    {TOOL: "tool_format"},
    FixedValues(ToolFormat.choices),
    "Værktøjets format; gentag for flere.",
)
TRAINING_FORMAT_FACET = FacetSpec(
    "laeringsformat",
    "training_format",
    _("Læringsformat"),
    {CASE: "training_format"},
    FixedValues(TrainingFormat.choices),
    "Læringsformatet; gentag for flere.",
)
PRICE_FACET = FacetSpec(
    "pris",
    "price",
    _("Pris"),
    {TOOL: "price"},
    FixedValues(Price.choices),
    "Prisen: gratis eller betalt.",
)


def tool_languages(language: str | None, available: Iterable[str] | None) -> list[str]:
    """Every language a tool is found in: its main language (both, for
    "Dansk og engelsk") and those of "Findes også på"."""
    found = {*(language or "").split("-"), *(available or [])}
    return [code for code, _label in LANGUAGES_AVAILABLE if code in found]


def _language_condition(code: str) -> Q:
    mains = [main for main in ToolLanguage.values if code in main.split("-")]
    condition = Q(languages_available__contains_any=[code])
    return condition | Q(language__in=mains) if mains else condition


LANGUAGE_FACET = FacetSpec(
    "sprog",
    "languages",
    _("Sprog"),
    {
        TOOL: DerivedValues(
            ("language", "languages_available"),
            {code: _language_condition(code) for code, _label in LANGUAGES_AVAILABLE},
            lambda row: tool_languages(row["language"], row["languages_available"]),
        )
    },
    FixedValues(LANGUAGES_AVAILABLE),
    "Et sprog, værktøjet findes på (hovedsprog eller oversættelse), "
    "fx da eller uk; gentag for flere.",
)
COMPETENCE_FACET = FacetSpec(
    "niveau",
    "competence_levels",
    _("Kompetenceniveau"),
    {TOOL: "competence_levels__slug"},
    TaxonomyValues(CompetenceLevel),
    "Kompetenceniveauets slug; gentag for flere.",
)
COMPETENCE_AREA_FACET = FacetSpec(
    "omraade",
    "competence_areas",
    _("Kompetenceområde"),
    {TOOL: "competence_areas__slug", CASE: "competence_areas__slug"},
    TaxonomyValues(CompetenceArea),
    "Kompetenceområdets slug, fx ledelsesforankring; gentag for flere.",
)

# Time on the floor: the buckets are limits ("fits in 15 minutes"), so a
# ten-minute tool is in both of the first two; without minutes, in none.
FLOOR_TIME_LIMITS = (
    ("15-min", _("Højst 15 min."), 15),
    ("1-time", _("Højst 1 time"), 60),
)
FLOOR_TIME_LONGER = ("laengere", _("Mere end 1 time"))


def floor_times(minutes: int | None) -> list[str]:
    """The time-on-the-floor values of a tool that takes `minutes` a time."""
    if minutes is None:
        return []
    within = [value for value, _label, limit in FLOOR_TIME_LIMITS if minutes <= limit]
    return within or [FLOOR_TIME_LONGER[0]]


FLOOR_TIME_FACET = FacetSpec(
    "tid",
    "floor_time",
    _("Tid på gulvet"),
    {
        TOOL: DerivedValues(
            ("minutes_needed",),
            {
                **{
                    value: Q(minutes_needed__lte=limit)
                    for value, _label, limit in FLOOR_TIME_LIMITS
                },
                FLOOR_TIME_LONGER[0]: Q(minutes_needed__gt=FLOOR_TIME_LIMITS[-1][2]),
            },
            lambda row: floor_times(row["minutes_needed"]),
        )
    },
    FixedValues(
        [(value, label) for value, label, _limit in FLOOR_TIME_LIMITS]
        + [FLOOR_TIME_LONGER]
    ),
    "Tid pr. gang på gulvet: 15-min (højst 15 minutter), 1-time (højst en "
    "time) eller laengere; gentag for flere.",
)
USED_WHERE_FACET = FacetSpec(
    "bruges",
    "used_where",
    _("Brugssted"),
    {
        TOOL: DerivedValues(
            ("used_where",),
            {code: Q(used_where__contains_any=[code]) for code, _label in USED_WHERE},
            lambda row: [
                code for code, _label in USED_WHERE if code in (row["used_where"] or [])
            ],
        )
    },
    FixedValues(USED_WHERE),
    "Hvor værktøjet bruges, fx linjen eller moedelokale; gentag for flere.",
)
# Partners reuse `type` for their own kind of organisation; partners are
# never searched, so the two never meet in one request.
PARTNER_TYPE_FACET = FacetSpec(
    "type",
    None,
    _("Partnertype"),
    {PARTNER: "partner_type"},
    FixedValues(PartnerType.choices),
    "Partnertypen; gentag for flere.",
)

ALL_FACETS = (
    KIND_FACET,
    SECTOR_FACET,
    THEME_FACET,
    AUDIENCE_FACET,
    TOOL_FORMAT_FACET,
    PRICE_FACET,
    LANGUAGE_FACET,
    COMPETENCE_FACET,
    COMPETENCE_AREA_FACET,
    FLOOR_TIME_FACET,
    USED_WHERE_FACET,
    TRAINING_FORMAT_FACET,
    PARTNER_TYPE_FACET,
)
# The facets of the search index: what the search page and listings offer.
FACETS = tuple(facet for facet in ALL_FACETS if facet.field)
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}


def facets_for(kind: str) -> tuple[FacetSpec, ...]:
    """The facets that narrow one kind's pages, in display order."""
    return tuple(facet for facet in ALL_FACETS if facet.narrows(kind))


def facet_choices() -> dict[str, list[tuple[str, str]]]:
    """{param: [(value, label), ...]} for every facet of the search, in
    display order. Cached briefly; taxonomy edits clear it (see signals)."""
    choices = cache.get(TAXONOMY_CACHE_KEY)
    if choices is None:
        choices = {facet.param: facet.choices() for facet in FACETS}
        cache.set(TAXONOMY_CACHE_KEY, choices, 300)
    return choices


def clear_facet_choices() -> None:
    cache.delete(TAXONOMY_CACHE_KEY)


@dataclass
class SearchRequest:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # param -> values
    sort: str = SORT_RELEVANCE
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    kind: str | None = None  # restrict to one kind (the tool and case listings)
    # Also find the words inside compounds (a second try when nothing matched).
    compounds: bool = False

    def __post_init__(self) -> None:
        # No page past the result window is ever asked of a backend: the
        # service then moves on to the real last page.
        self.page = min(max(1, self.page), max_page(MAX_RESULT_WINDOW, self.page_size))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def active_filters(self) -> dict[str, list[str]]:
        return {param: values for param, values in self.filters.items() if values}

    def without_filters(self) -> SearchRequest:
        return SearchRequest(self.query, {}, self.sort, 1, self.page_size, self.kind)

    def with_query(self, query: str) -> SearchRequest:
        return SearchRequest(
            query, self.filters, self.sort, self.page, self.page_size, self.kind
        )

    def facet_specs(self) -> list[FacetSpec]:
        """The facets that make sense for this request's kind."""
        if self.kind is None:
            return list(FACETS)
        return [facet for facet in FACETS if facet.narrows(self.kind)]

    def kinds(self) -> list[str]:
        return [self.kind] if self.kind else list(KINDS)


def max_page(total: int, page_size: int) -> int:
    reachable = min(total, MAX_RESULT_WINDOW)
    return max(1, math.ceil(reachable / page_size))


@dataclass
class Hit:
    kind: str
    page_id: int
    title: str
    url: str
    summary: str = ""
    title_html: str = ""
    snippet_html: str = ""
    access: str = "public"
    partner_name: str = ""
    sector_names: list[str] = field(default_factory=list)
    format_label: str = ""
    published: object = None
    case_count: int = 0
    employees_upskilled: int | None = None
    score: float = 0.0

    @property
    def kind_label(self) -> StrOrPromise:
        return KIND_LABELS.get(self.kind, "")

    @property
    def partners_only(self) -> bool:
        return self.access == "partners"


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    param: str
    label: str
    values: list[FacetValue]

    @property
    def has_selection(self) -> bool:
        return any(value.selected for value in self.values)


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: list[Facet] = field(default_factory=list)
    # Zero-result help: a corrected query whose results these are, or
    # results found without the filters (shown apart, clearly labelled).
    corrected_query: str = ""
    original_query: str = ""
    relaxed_hits: list[Hit] = field(default_factory=list)
    relaxed_total: int = 0
    notice: StrOrPromise = ""
    backend: str = ""

    @property
    def page(self) -> int:
        return self.request.page

    @property
    def num_pages(self) -> int:
        return max_page(self.total, self.request.page_size)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        return self.request.offset + 1 if self.hits else 0

    @property
    def end_index(self) -> int:
        return self.request.offset + len(self.hits)

    def page_range(self) -> list[int | None]:
        """Page numbers to link to, with None for a gap."""
        last = self.num_pages
        shown = sorted(
            {1, last, *range(max(1, self.page - 2), min(last, self.page + 2) + 1)}
        )
        pages: list[int | None] = []
        previous = 0
        for number in shown:
            if number - previous > 1:
                pages.append(None)
            pages.append(number)
            previous = number
        return pages
