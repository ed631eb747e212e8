"""The read-only JSON API: tools, cases and partners as open data.

Mounted at /api/v1/ with the OpenAPI schema at /api/v1/openapi.json and its
documentation at /api/v1/docs. Built on django-ninja, which Wagtail 8 already
depends on. The API is anonymous whoever calls: it serves the public content
of portal.opendata and nothing else, and a partners-only tool is a 404.

Endpoints return pages (or querysets of them); the schemas below say how a
page is written, the pagination class how a list is paged, and the filter
schemas, made from the facet registry, which facets a list takes.
"""

import datetime
from enum import StrEnum
from typing import Annotated, ClassVar

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ninja import (
    Field,
    FilterSchema,
    ModelSchema,
    NinjaAPI,
    Path,
    Query,
    Schema,
)
from ninja.errors import ValidationError
from ninja.pagination import PaginationBase, paginate
from ninja.renderers import JSONRenderer
from pydantic import create_model

from cases.models import CasePage, CasePageEffect
from core.links import page_url
from core.models.taxonomy import Taxonomy
from portal.opendata import (
    ANONYMOUS,
    FilterError,
    narrow,
    parse_filters,
    public_cases,
    public_partners,
    public_tools,
)
from search.types import CASE, PARTNER, TOOL, facets_for
from toolbox.models import ToolStats

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE = 10_000
MAX_ID = 2**31 - 1


class DanishJSONRenderer(JSONRenderer):
    # UTF-8 as it is: "Sådan" rather than "S\u00e5dan". The charset is the
    # renderer's own `charset` (utf-8), which ninja appends to media_type.
    json_dumps_params = {"ensure_ascii": False}


class OpenDataAPI(NinjaAPI):
    def create_response(self, request, data, *args, **kwargs):
        response = super().create_response(request, data, *args, **kwargs)
        # Open data: any web page may read it (no cookies are involved).
        response["Access-Control-Allow-Origin"] = "*"
        return response


api = OpenDataAPI(
    title="Værktøjskassen API",
    version="1",
    description=(
        "Åbne data fra Værktøjskassen, AI-kompetencepagtens videndelingsportal: "
        "offentlige værktøjer, cases og partnere. Kun offentligt indhold; "
        "filtrene er de samme som på oversigterne (gentag en parameter for at "
        "vælge flere værdier)."
    ),
    urls_namespace="api-v1",
    renderer=DanishJSONRenderer(),
)


@api.exception_handler(FilterError)
def bad_filter(request, error):
    return api.create_response(request, {"detail": str(error)}, status=400)


@api.exception_handler(Http404)
def not_found(request, error):
    return api.create_response(request, {"detail": str(_("Ikke fundet."))}, status=404)


@api.exception_handler(ValidationError)
def invalid_parameters(request, error):
    return api.create_response(
        request,
        {"detail": str(_("Ugyldige parametre.")), "errors": error.errors},
        status=422,
    )


# Schemas: how a page is written. Field order is the JSON's key order.


def choice_of(name):
    """A resolver for a choice field: {"value", "label"}, None when empty."""

    def resolve(page):
        value = getattr(page, name)
        if not value:
            return None
        return {"value": value, "label": str(getattr(page, f"get_{name}_display")())}

    return staticmethod(resolve)


def choices_of(name):
    """A resolver for a ChoiceListField: one {"value", "label"} per value."""

    def resolve(page):
        values = getattr(page, name) or []
        labels = page._meta.get_field(name).labels(values)
        return [
            {"value": value, "label": str(label)}
            for value, label in zip(values, labels, strict=True)
        ]

    return staticmethod(resolve)


class PageSchema(Schema):
    """A schema of a page: its url is absolute for the request answered,
    and its tags (tools and cases have them) are sorted names."""

    @staticmethod
    def resolve_url(page, context):
        return page_url(page, context["request"])

    @staticmethod
    def resolve_tags(page):
        return sorted(tag.name for tag in page.tags.all())


class Term(ModelSchema):
    """A sector, theme, audience, competence level or competence area."""

    class Meta:
        model = Taxonomy
        fields = ["slug", "name"]


class Choice(Schema):
    value: str
    label: str


class PageRef(PageSchema):
    id: int
    title: str
    url: str


# Written out rather than a ModelSchema of ToolStats: the model's defaults
# would document these always-present counters as optional.
class Usage(Schema):
    views: int
    downloads: int
    helpful_yes: int
    helpful_no: int
    helpful_score: float = Field(
        description="Nedre grænse af Wilson-intervallet for andelen af ja-svar."
    )


class ToolOut(PageSchema):
    id: int
    title: str
    summary: str
    url: str
    format: Choice
    sectors: list[Term]
    themes: list[Term]
    audiences: list[Term]
    competence_levels: list[Term]
    competence_areas: list[Term]
    tags: list[str]
    effort: str
    language: Choice
    price: Choice
    partner: PageRef | None = Field(description="Ejeren; tom betyder pagten selv.")
    external_url: str
    last_reviewed: datetime.date | None
    minutes_needed: int | None
    used_where: list[Choice]
    languages_available: list[Choice]
    case_count: int = Field(description="Antal publicerede cases, der bruger det.")
    usage: Usage = Field(description="Visninger, downloads og svar på 'nyttigt?'.")
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None

    resolve_format = choice_of("tool_format")
    resolve_language = choice_of("language")
    resolve_price = choice_of("price")
    resolve_used_where = choices_of("used_where")
    resolve_languages_available = choices_of("languages_available")

    @staticmethod
    def resolve_usage(tool):
        try:
            return tool.stats
        except ToolStats.DoesNotExist:
            return ToolStats()


class DocumentOut(Schema):
    title: str
    url: str

    @staticmethod
    def resolve_url(item, context):
        # Through the tool's download link, which counts the download.
        path = reverse("toolbox:download", args=[item.page_id, item.document_id])
        return context["request"].build_absolute_uri(path)


class ToolDetailOut(ToolOut):
    documents: list[DocumentOut]
    cases: list[PageRef]

    @staticmethod
    def resolve_documents(tool):
        return tool.documents.select_related("document")

    @staticmethod
    def resolve_cases(tool):
        return CasePage.objects.using_tool(tool)


class EffectOut(ModelSchema):
    class Meta:
        model = CasePageEffect
        fields = ["label", "value"]


class CaseOut(PageSchema):
    id: int
    title: str
    summary: str
    url: str
    partner: PageRef | None
    sectors: list[Term]
    themes: list[Term]
    competence_areas: list[Term]
    tags: list[str]
    company_size: Choice | None
    training_format: Choice
    employees_upskilled: int | None
    period: str
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None

    resolve_company_size = choice_of("company_size")
    resolve_training_format = choice_of("training_format")


class CaseDetailOut(CaseOut):
    effects: list[EffectOut]
    tools: list[PageRef]
    quote: str
    quote_author: str

    @staticmethod
    def resolve_tools(case):
        return case.tools_used(ANONYMOUS)


class PartnerOut(PageSchema):
    id: int
    title: str
    url: str
    partner_type: Choice
    size_band: Choice | None
    sectors: list[Term]
    website: str

    resolve_partner_type = choice_of("partner_type")
    resolve_size_band = choice_of("size_band")


# A partner may own thousands of tools: its detail lists the first page of
# them, and the paged lists filtered to the partner have them all.
PARTNER_ITEMS = DEFAULT_PAGE_SIZE


def first_refs(pages):
    """The first PARTNER_ITEMS of pages by title, with only what a PageRef
    shows: sorting a partner's thousands of full rows took 2.5 times as long."""
    return pages.only("title", "url_path").order_by("title", "pk")[:PARTNER_ITEMS]


def partner_list_url(name, partner, context):
    path = reverse(f"api-v1:{name}")
    return context["request"].build_absolute_uri(f"{path}?partner={partner.pk}")


class PartnerDetailOut(PartnerOut):
    tools: list[PageRef] = Field(
        description=f"De første {PARTNER_ITEMS} efter titel; alle under tools_url."
    )
    cases: list[PageRef] = Field(
        description=f"De første {PARTNER_ITEMS} efter titel; alle under cases_url."
    )
    tools_url: str = Field(description="Partnerens værktøjer som side-opdelt liste.")
    cases_url: str = Field(description="Partnerens cases som side-opdelt liste.")

    @staticmethod
    def resolve_tools(partner):
        return first_refs(public_tools().filter(partner=partner))

    @staticmethod
    def resolve_cases(partner):
        return first_refs(public_cases().filter(partner=partner))

    @staticmethod
    def resolve_tools_url(partner, context):
        return partner_list_url("list_tools", partner, context)

    @staticmethod
    def resolve_cases_url(partner, context):
        return partner_list_url("list_cases", partner, context)


class Error(Schema):
    detail: str


class InvalidParameters(Schema):
    """A parameter of the wrong type or out of range (422): a filter value
    that names nothing is a 400 instead."""

    detail: str
    errors: list[dict]


# Paging and filters


class PageParams(Schema):
    side: int = Field(1, ge=1, le=MAX_PAGE, description="Sidenummer, fra 1.")
    per_side: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Resultater pr. side (højst {MAX_PAGE_SIZE}).",
    )


class SidePagination(PaginationBase):
    """The API's pages: count, side, per_side, links to the next and the
    previous page (the request's own query with another side) and results.
    A side past the end is an empty page, not an error."""

    Input = PageParams

    class Output(Schema):
        count: int = Field(description="Antal resultater i alt.")
        side: int
        per_side: int
        next: str | None
        previous: str | None

    items_attribute = "results"

    def paginate_queryset(self, queryset, pagination, request, **params):
        side, per_side = pagination.side, pagination.per_side
        count = queryset.count()
        start = (side - 1) * per_side
        items = window(queryset, start, per_side) if start < count else []

        def link(number):
            query = request.GET.copy()
            query["side"] = number
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return {
            "count": count,
            "side": side,
            "per_side": per_side,
            "next": link(side + 1) if start + per_side < count else None,
            "previous": (
                link(side - 1) if side > 1 and start - per_side < count else None
            ),
            "results": items,
        }


def window(queryset, start, size):
    """list(queryset[start:start + size]) in two queries: the first sorts and
    cuts the primary keys alone, the second reads the full rows, with their
    per-row annotations and prefetches, of the page only. In one query the
    database sorted every full row and computed each skipped row's
    annotations: 2 s for the last page of 22 000 tools. (Counting in the
    first query too, with COUNT(*) OVER (), saved the count's query but kept
    PostgreSQL from stopping early on an index: 150 ms for /api/v1/cases.)"""
    ids = list(queryset.values_list("pk", flat=True)[start : start + size])
    rows = queryset.order_by().in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


class FacetFilter(FilterSchema):
    """The facets of one kind as query parameters. Filtering goes through
    portal.opendata, so a value that names nothing is a FilterError (400),
    as in the feeds and the CSV export."""

    kind: ClassVar[str]

    def filter(self, queryset):
        selected = parse_filters(self.model_dump(), self.kind)
        return narrow(queryset, self.kind, selected)


def facet_filter(name, kind):
    """A FilterSchema with one repeatable parameter per facet of kind."""
    schema = create_model(
        name,
        __base__=FacetFilter,
        **{
            facet.param: (list[str] | None, Field(None, description=facet.help_text))
            for facet in facets_for(kind)
        },
    )
    schema.kind = kind
    return schema


ToolFilter = facet_filter("ToolFilter", TOOL)
CaseFilter = facet_filter("CaseFilter", CASE)
PartnerFilter = facet_filter("PartnerFilter", PARTNER)

Id = Annotated[int, Path(ge=1, le=MAX_ID)]


class ToolSort(StrEnum):
    NEWEST = "nyeste"
    TITLE = "titel"
    MOST_USEFUL = "nyttigst"
    MOST_VIEWED = "mest-set"


SORT_PARAM = Query(
    "nyeste",
    description="nyeste, titel, nyttigst (svar på 'nyttigt?') eller mest-set.",
)
PARTNER_PARAM = Query(None, ge=1, le=MAX_ID, description="Kun denne partners (id).")
TOOL_ORDERINGS = {
    # Publishing sets first_published_at, so a live tool always has one; as
    # for cases and the feeds, no NULLS LAST, which kept PostgreSQL from
    # reading the newest off the index: 33 ms -> 2 ms at 22 000 tools.
    ToolSort.NEWEST: ["-first_published_at", "-pk"],
    ToolSort.TITLE: ["title", "pk"],
    ToolSort.MOST_USEFUL: [
        F("stats__helpful_score").desc(nulls_last=True),
        F("stats__helpful_yes").desc(nulls_last=True),
        "-pk",
    ],
    ToolSort.MOST_VIEWED: [F("stats__views").desc(nulls_last=True), "-pk"],
}


def of_partner(pages, partner_id):
    return pages if partner_id is None else pages.filter(partner_id=partner_id)


def _tools(tools):
    return (
        tools.with_listing_data()
        .select_related("stats")
        .prefetch_related("tags", "competence_levels", "competence_areas")
    )


def _cases(cases):
    return cases.with_listing_data().prefetch_related("tags", "competence_areas")


def _partners(partners):
    return partners.prefetch_related("sectors")


# Endpoints


@api.get(
    "/tools",
    response={200: list[ToolOut], 400: Error, 422: InvalidParameters},
    tags=["værktøjer"],
    summary="Offentlige værktøjer",
)
@paginate(SidePagination)
def list_tools(
    request,
    filters: Query[ToolFilter],
    sortering: ToolSort = SORT_PARAM,
    partner: int | None = PARTNER_PARAM,
):
    tools = _tools(of_partner(filters.filter(public_tools()), partner))
    return tools.order_by(*TOOL_ORDERINGS[sortering])


@api.get(
    "/tools/{tool_id}",
    response={200: ToolDetailOut, 404: Error, 422: InvalidParameters},
    tags=["værktøjer"],
    summary="Et offentligt værktøj",
)
def get_tool(request, tool_id: Id):
    return get_object_or_404(_tools(public_tools()), pk=tool_id)


@api.get(
    "/cases",
    response={200: list[CaseOut], 400: Error, 422: InvalidParameters},
    tags=["cases"],
    summary="Cases",
)
@paginate(SidePagination)
def list_cases(
    request, filters: Query[CaseFilter], partner: int | None = PARTNER_PARAM
):
    cases = _cases(of_partner(filters.filter(public_cases()), partner))
    return cases.order_by("-first_published_at", "-pk")


@api.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, 404: Error, 422: InvalidParameters},
    tags=["cases"],
    summary="En case",
)
def get_case(request, case_id: Id):
    return get_object_or_404(_cases(public_cases()), pk=case_id)


@api.get(
    "/partners",
    response={200: list[PartnerOut], 400: Error, 422: InvalidParameters},
    tags=["partnere"],
    summary="Partnere",
)
@paginate(SidePagination)
def list_partners(request, filters: Query[PartnerFilter]):
    return _partners(filters.filter(public_partners())).order_by("title")


@api.get(
    "/partners/{partner_id}",
    response={200: PartnerDetailOut, 404: Error, 422: InvalidParameters},
    tags=["partnere"],
    summary="En partner",
)
def get_partner(request, partner_id: Id):
    return get_object_or_404(_partners(public_partners()), pk=partner_id)
