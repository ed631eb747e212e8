"""The service's vocabulary: what a search asks for and what it answers.
Both backends take a SearchRequest and return SearchResults."""

import math
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

TOOL = "tool"
CASE = "case"
KINDS = (TOOL, CASE)
KIND_LABELS = {TOOL: _("Værktøj"), CASE: _("Case")}

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


@dataclass(frozen=True)
class FacetSpec:
    """A facet: its query-string parameter, its keyword field in the index,
    the ORM lookup per kind (None: the kind has no such attribute)."""

    param: str
    field: str
    label: str
    lookups: dict

    def applies_to(self, kind):
        return self.lookups.get(kind) is not None


FACETS = (
    FacetSpec("type", "kind", _("Type"), {TOOL: "kind", CASE: "kind"}),
    FacetSpec(
        "sektor", "sectors", _("Sektor"), {TOOL: "sectors__slug", CASE: "sectors__slug"}
    ),
    FacetSpec(
        "tema", "themes", _("Tema"), {TOOL: "themes__slug", CASE: "themes__slug"}
    ),
    FacetSpec("maalgruppe", "audiences", _("Målgruppe"), {TOOL: "audiences__slug"}),
    FacetSpec("format", "format", _("Format"), {TOOL: "tool_format"}),
    FacetSpec(
        "laeringsformat",
        "training_format",
        _("Læringsformat"),
        {CASE: "training_format"},
    ),
)
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}


def facet_choices():
    """{param: [(value, label), ...]} for every facet, in display order.
    Cached briefly; taxonomy edits clear it (see signals)."""
    choices = cache.get(TAXONOMY_CACHE_KEY)
    if choices is None:
        from cases.models import TrainingFormat
        from portal.models import Audience, Sector, Theme
        from toolbox.models import ToolFormat

        choices = {
            "type": [(kind, str(label)) for kind, label in KIND_LABELS.items()],
            "sektor": list(Sector.objects.values_list("slug", "name")),
            "tema": list(Theme.objects.values_list("slug", "name")),
            "maalgruppe": list(Audience.objects.values_list("slug", "name")),
            "format": [(v, str(label)) for v, label in ToolFormat.choices],
            "laeringsformat": [(v, str(label)) for v, label in TrainingFormat.choices],
        }
        cache.set(TAXONOMY_CACHE_KEY, choices, 300)
    return choices


def clear_facet_choices():
    cache.delete(TAXONOMY_CACHE_KEY)


@dataclass
class SearchRequest:
    query: str = ""
    filters: dict = field(default_factory=dict)  # param -> list of values
    sort: str = SORT_RELEVANCE
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    kind: str | None = None  # restrict to one kind (the tool and case listings)

    def __post_init__(self):
        # No page past the result window is ever asked of a backend: the
        # service then moves on to the real last page.
        self.page = min(max(1, self.page), max_page(MAX_RESULT_WINDOW, self.page_size))

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def active_filters(self):
        return {param: values for param, values in self.filters.items() if values}

    def without_filters(self):
        return SearchRequest(self.query, {}, self.sort, 1, self.page_size, self.kind)

    def with_query(self, query):
        return SearchRequest(
            query, self.filters, self.sort, self.page, self.page_size, self.kind
        )

    def facet_specs(self):
        """The facets that make sense for this request's kind."""
        return [
            facet
            for facet in FACETS
            if (self.kind is None or facet.applies_to(self.kind))
            and not (self.kind and facet.param == "type")
        ]

    def kinds(self):
        return [self.kind] if self.kind else list(KINDS)


def max_page(total, page_size):
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
    sector_names: list = field(default_factory=list)
    format_label: str = ""
    published: object = None
    case_count: int = 0
    employees_upskilled: int | None = None
    score: float = 0.0

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, "")

    @property
    def partners_only(self):
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
    values: list

    @property
    def has_selection(self):
        return any(value.selected for value in self.values)


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list = field(default_factory=list)
    total: int = 0
    facets: list = field(default_factory=list)
    # Zero-result help: a corrected query whose results these are, or
    # results found without the filters (shown apart, clearly labelled).
    corrected_query: str = ""
    original_query: str = ""
    relaxed_hits: list = field(default_factory=list)
    relaxed_total: int = 0
    notice: str = ""
    backend: str = ""

    @property
    def page(self):
        return self.request.page

    @property
    def num_pages(self):
        return max_page(self.total, self.request.page_size)

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def start_index(self):
        return self.request.offset + 1 if self.hits else 0

    @property
    def end_index(self):
        return self.request.offset + len(self.hits)

    def page_range(self):
        """Page numbers to link to, with None for a gap."""
        last = self.num_pages
        shown = sorted(
            {1, last, *range(max(1, self.page - 2), min(last, self.page + 2) + 1)}
        )
        pages, previous = [], 0
        for number in shown:
            if number - previous > 1:
                pages.append(None)
            pages.append(number)
            previous = number
        return pages
