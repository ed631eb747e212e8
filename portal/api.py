"""The read-only JSON API: tools, cases and partners as open data.

Mounted at /api/v1/ with the OpenAPI schema at /api/v1/openapi.json and its
documentation at /api/v1/docs. Built on django-ninja, which Wagtail 8 already
depends on. The API is anonymous whoever calls: it serves the public content
of portal.opendata and nothing else, and a partners-only tool is a 404.
"""

import datetime
from enum import StrEnum
from typing import Annotated

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from portal.opendata import (
    ANONYMOUS,
    CASE_FACETS,
    PARTNER_FACETS,
    TOOL_FACETS,
    FilterError,
    parse_filters,
    public_cases,
    public_partners,
    public_tools,
)

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


# Schemas


class Term(Schema):
    slug: str
    name: str


class Choice(Schema):
    value: str
    label: str


class PageRef(Schema):
    id: int
    title: str
    url: str


class Usage(Schema):
    views: int
    downloads: int
    helpful_yes: int
    helpful_no: int
    helpful_score: float = Field(
        description="Nedre grænse af Wilson-intervallet for andelen af ja-svar."
    )


class ToolOut(Schema):
    id: int
    title: str
    summary: str
    url: str
    format: Choice
    sectors: list[Term]
    themes: list[Term]
    audiences: list[Term]
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


class DocumentOut(Schema):
    title: str
    url: str


class ToolDetailOut(ToolOut):
    documents: list[DocumentOut]
    cases: list[PageRef]


class EffectOut(Schema):
    label: str
    value: str


class CaseOut(Schema):
    id: int
    title: str
    summary: str
    url: str
    partner: PageRef | None
    sectors: list[Term]
    themes: list[Term]
    tags: list[str]
    company_size: Choice | None
    training_format: Choice
    employees_upskilled: int | None
    period: str
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class CaseDetailOut(CaseOut):
    effects: list[EffectOut]
    tools: list[PageRef]
    quote: str
    quote_author: str


class PartnerOut(Schema):
    id: int
    title: str
    url: str
    partner_type: Choice
    size_band: Choice | None
    sectors: list[Term]
    website: str


class PartnerDetailOut(PartnerOut):
    tools: list[PageRef]
    cases: list[PageRef]


class ListMeta(Schema):
    count: int = Field(description="Antal resultater i alt.")
    side: int
    per_side: int
    next: str | None
    previous: str | None


class ToolList(ListMeta):
    results: list[ToolOut]


class CaseList(ListMeta):
    results: list[CaseOut]


class PartnerList(ListMeta):
    results: list[PartnerOut]


class Error(Schema):
    detail: str


Page = Annotated[int, Query(1, ge=1, le=MAX_PAGE, description="Sidenummer, fra 1.")]
PageSize = Annotated[
    int,
    Query(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Resultater pr. side (højst {MAX_PAGE_SIZE}).",
    ),
]
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


# The facet parameters are read by parse_filters from request.GET; these
# declarations document them in the OpenAPI schema.
SECTOR_PARAM = Query(None, description="Sektorens slug; gentag for flere.")
THEME_PARAM = Query(None, description="Temaets slug; gentag for flere.")
AUDIENCE_PARAM = Query(None, description="Målgruppens slug; gentag for flere.")
TOOL_FORMAT_PARAM = Query(None, description="Værktøjets format; gentag for flere.")
TRAINING_FORMAT_PARAM = Query(None, description="Læringsformatet; gentag for flere.")
PARTNER_TYPE_PARAM = Query(None, description="Partnertypen; gentag for flere.")
SORT_PARAM = Query(
    "nyeste",
    description="nyeste, titel, nyttigst (svar på 'nyttigt?') eller mest-set.",
)


# Serialisation


def _terms(items):
    return [{"slug": item.slug, "name": item.name} for item in items]


def _choice(value, choices):
    if not value:
        return None
    return {"value": value, "label": str(dict(choices).get(value, value))}


def _ref(request, page):
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(request)}


def _tool(request, tool):
    from toolbox.models import LANGUAGES_AVAILABLE, USED_WHERE, Price, ToolFormat
    from toolbox.models import ToolLanguage as Language

    return {
        "id": tool.pk,
        "title": tool.title,
        "summary": tool.summary,
        "url": tool.get_full_url(request),
        "format": _choice(tool.tool_format, ToolFormat.choices),
        "sectors": _terms(tool.sectors.all()),
        "themes": _terms(tool.themes.all()),
        "audiences": _terms(tool.audiences.all()),
        "tags": sorted(tag.name for tag in tool.tags.all()),
        "effort": tool.effort,
        "language": _choice(tool.language, Language.choices),
        "price": _choice(tool.price, Price.choices),
        "partner": _ref(request, tool.partner),
        "external_url": tool.external_url,
        "last_reviewed": tool.last_reviewed,
        "minutes_needed": tool.minutes_needed,
        "used_where": [_choice(v, USED_WHERE) for v in tool.used_where or []],
        "languages_available": [
            _choice(v, LANGUAGES_AVAILABLE) for v in tool.languages_available or []
        ],
        "case_count": getattr(tool, "case_count", 0),
        "usage": _usage(tool),
        "first_published_at": tool.first_published_at,
        "last_published_at": tool.last_published_at,
    }


def _usage(tool):
    from toolbox.models import ToolStats

    try:
        stats = tool.stats
    except ToolStats.DoesNotExist:
        stats = ToolStats()
    return {
        "views": stats.views,
        "downloads": stats.downloads,
        "helpful_yes": stats.helpful_yes,
        "helpful_no": stats.helpful_no,
        "helpful_score": stats.helpful_score,
    }


def _case(request, case):
    from cases.models import TrainingFormat
    from portal.choices import SizeBand

    return {
        "id": case.pk,
        "title": case.title,
        "summary": case.summary,
        "url": case.get_full_url(request),
        "partner": _ref(request, case.partner),
        "sectors": _terms(case.sectors.all()),
        "themes": _terms(case.themes.all()),
        "tags": sorted(tag.name for tag in case.tags.all()),
        "company_size": _choice(case.company_size, SizeBand.choices),
        "training_format": _choice(case.training_format, TrainingFormat.choices),
        "employees_upskilled": case.employees_upskilled,
        "period": case.period,
        "first_published_at": case.first_published_at,
        "last_published_at": case.last_published_at,
    }


def _partner(request, partner):
    from portal.choices import PartnerType, SizeBand

    return {
        "id": partner.pk,
        "title": partner.title,
        "url": partner.get_full_url(request),
        "partner_type": _choice(partner.partner_type, PartnerType.choices),
        "size_band": _choice(partner.size_band, SizeBand.choices),
        "sectors": _terms(partner.sectors.all()),
        "website": partner.website,
    }


def _page_of(request, queryset, side, per_side, serialise):
    count = queryset.count()
    start = (side - 1) * per_side
    items = list(queryset[start : start + per_side]) if start < count else []

    def link(number):
        params = request.GET.copy()
        params["side"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": count,
        "side": side,
        "per_side": per_side,
        "next": link(side + 1) if start + per_side < count else None,
        "previous": link(side - 1) if side > 1 and start - per_side < count else None,
        "results": [serialise(request, item) for item in items],
    }


class ToolSort(StrEnum):
    NEWEST = "nyeste"
    TITLE = "titel"
    MOST_USEFUL = "nyttigst"
    MOST_VIEWED = "mest-set"


TOOL_ORDERINGS = {
    ToolSort.NEWEST: [F("first_published_at").desc(nulls_last=True), "-pk"],
    ToolSort.TITLE: ["title", "pk"],
    ToolSort.MOST_USEFUL: [
        F("stats__helpful_score").desc(nulls_last=True),
        F("stats__helpful_yes").desc(nulls_last=True),
        "-pk",
    ],
    ToolSort.MOST_VIEWED: [F("stats__views").desc(nulls_last=True), "-pk"],
}


def _tools_queryset(selected=None, sort=ToolSort.NEWEST):
    return (
        public_tools(selected)
        .with_listing_data()
        .select_related("stats")
        .prefetch_related("tags")
        .order_by(*TOOL_ORDERINGS[sort])
    )


def _cases_queryset(selected=None):
    return (
        public_cases(selected)
        .with_listing_data()
        .prefetch_related("tags")
        .order_by("-first_published_at", "-pk")
    )


def _partners_queryset(selected=None):
    return public_partners(selected).prefetch_related("sectors").order_by("title")


# Endpoints


@api.get(
    "/tools",
    response={200: ToolList, 400: Error},
    tags=["værktøjer"],
    summary="Offentlige værktøjer",
)
def list_tools(
    request,
    side: Page,
    per_side: PageSize,
    sektor: list[str] | None = SECTOR_PARAM,
    tema: list[str] | None = THEME_PARAM,
    maalgruppe: list[str] | None = AUDIENCE_PARAM,
    format: list[str] | None = TOOL_FORMAT_PARAM,
    sortering: ToolSort = SORT_PARAM,
):
    selected = parse_filters(request.GET, TOOL_FACETS)
    tools = _tools_queryset(selected, sortering)
    return _page_of(request, tools, side, per_side, _tool)


@api.get(
    "/tools/{tool_id}",
    response={200: ToolDetailOut, 404: Error},
    tags=["værktøjer"],
    summary="Et offentligt værktøj",
)
def get_tool(request, tool_id: Id):
    tool = get_object_or_404(_tools_queryset(), pk=tool_id)
    data = _tool(request, tool)
    data["documents"] = [
        {
            "title": item.title,
            "url": request.build_absolute_uri(
                reverse("toolbox:download", args=[tool.pk, item.document_id])
            ),
        }
        for item in tool.documents.select_related("document")
    ]
    data["cases"] = [_ref(request, case) for case in tool.cases_using()]
    return data


@api.get(
    "/cases",
    response={200: CaseList, 400: Error},
    tags=["cases"],
    summary="Cases",
)
def list_cases(
    request,
    side: Page,
    per_side: PageSize,
    sektor: list[str] | None = SECTOR_PARAM,
    tema: list[str] | None = THEME_PARAM,
    laeringsformat: list[str] | None = TRAINING_FORMAT_PARAM,
):
    selected = parse_filters(request.GET, CASE_FACETS)
    return _page_of(request, _cases_queryset(selected), side, per_side, _case)


@api.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, 404: Error},
    tags=["cases"],
    summary="En case",
)
def get_case(request, case_id: Id):
    case = get_object_or_404(_cases_queryset(), pk=case_id)
    data = _case(request, case)
    data["effects"] = [
        {"label": effect.label, "value": effect.value} for effect in case.effects.all()
    ]
    data["tools"] = [_ref(request, tool) for tool in case.tools_used(ANONYMOUS)]
    data["quote"] = case.quote
    data["quote_author"] = case.quote_author
    return data


@api.get(
    "/partners",
    response={200: PartnerList, 400: Error},
    tags=["partnere"],
    summary="Partnere",
)
def list_partners(
    request,
    side: Page,
    per_side: PageSize,
    sektor: list[str] | None = SECTOR_PARAM,
    type: list[str] | None = PARTNER_TYPE_PARAM,
):
    selected = parse_filters(request.GET, PARTNER_FACETS)
    return _page_of(request, _partners_queryset(selected), side, per_side, _partner)


@api.get(
    "/partners/{partner_id}",
    response={200: PartnerDetailOut, 404: Error},
    tags=["partnere"],
    summary="En partner",
)
def get_partner(request, partner_id: Id):
    partner = get_object_or_404(_partners_queryset(), pk=partner_id)
    data = _partner(request, partner)
    data["tools"] = [
        _ref(request, tool)
        for tool in public_tools().filter(partner=partner).order_by("title")
    ]
    data["cases"] = [
        _ref(request, case)
        for case in public_cases().filter(partner=partner).order_by("title")
    ]
    return data
