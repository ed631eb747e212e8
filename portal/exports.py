"""The public tool catalogue as CSV, for spreadsheets and reuse.

UTF-8 with a byte order mark, so Excel reads æ, ø and å right; Danish
column headers; streamed row by row from one query read in chunks, so the
export holds only one chunk in memory and runs the same number of queries
whatever the size of the catalogue. The listing's filters apply (an unknown
value is a 400), and only what an anonymous visitor may see is exported.
"""

import csv

from django.db import models, transaction
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.links import page_url
from core.models.settings import OrganisationSettings
from portal.opendata import FilterError, parse_filters, public_tools
from search.types import TOOL
from toolbox.models import ToolPage, ToolPageTag

CHUNK_SIZE = 500
BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# The vocabularies a row names, each read once per export.
TERMS = ("audiences", "sectors", "themes")
# The columns a row shows (url_path for its link, partner to tell the pact's
# own tools): at 20 000 rows, reading and converting every column of a page
# and its partner's page was a third of the export's time.
ROW_FIELDS = (
    "title",
    "summary",
    "tool_format",
    "effort",
    "minutes_needed",
    "language",
    "languages_available",
    "used_where",
    "price",
    "partner",
    "external_url",
    "last_reviewed",
    "first_published_at",
    "url_path",
)


class JSONList(models.Aggregate):
    """The values of a group as a JSON array, in no particular order."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # jsonb, which Django's PostgreSQL backend hands over as text for
        # JSONField to parse (json would arrive already parsed).
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def _listed(through, owner, value):
    """A correlated subquery: the `value`s of the tool's rows in `through`."""
    return models.Subquery(
        through.objects.filter(**{owner: models.OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(values=JSONList(value))
        .values("values")
    )


def with_export_data(tools):
    """tools with what a row shows and nothing else: each row's term ids,
    tag names and partner title as annotations, so the export reads one
    query however many rows it has (not one prefetch per relation and
    chunk), and no page column a row does not show."""
    lists = {}
    for name in TERMS:
        field = ToolPage._meta.get_field(name)
        lists[f"{name}_ids"] = _listed(
            field.remote_field.through,
            field.m2m_field_name(),
            f"{field.m2m_reverse_field_name()}_id",
        )
    return (
        tools.with_listing_data()
        .select_related(None)
        .prefetch_related(None)
        .only(*ROW_FIELDS)
        .annotate(
            partner_title=models.F("partner__title"),
            tag_names=_listed(ToolPageTag, "content_object", "tag__name"),
            **lists,
        )
    )


class Lookups:
    """What rows look up, read once per export: each vocabulary's names in
    its own order (the order a row lists them in) and the labels of the
    choice fields."""

    CHOICES = ("tool_format", "language", "price", "languages_available", "used_where")

    def __init__(self, request):
        self.request = request
        self.terms = {
            name: {
                term.pk: (position, term.name)
                for position, term in enumerate(
                    ToolPage._meta.get_field(name).related_model.objects.all()
                )
            }
            for name in TERMS
        }
        # get_FOO_display() translates every label of its field on each
        # call: at 20 000 rows that was a third of the export's time.
        self.labels = {}
        for name in self.CHOICES:
            field = ToolPage._meta.get_field(name)
            # A ChoiceListField keeps its choices apart from Django's.
            choices = getattr(field, "choices_list", None) or field.flatchoices
            self.labels[name] = {value: str(label) for value, label in choices}

    def names(self, relation, ids):
        known = self.terms[relation]
        # A term added while the export runs is not in `known`: left out.
        ids = [pk for pk in ids or [] if pk in known]
        return "; ".join(known[pk][1] for pk in sorted(ids, key=known.__getitem__))

    def label(self, name, value):
        """As get_FOO_display(): an unknown value is shown as it is."""
        return self.labels[name].get(value, value)

    def label_list(self, name, values):
        return "; ".join(self.label(name, value) for value in values or [])

    def owner(self, tool):
        if tool.partner_id:
            return tool.partner_title
        return OrganisationSettings.for_request_or_default(self.request).name


class Echo:
    """A file-like object whose write returns the line csv.writer made."""

    def write(self, value):
        return value


def safe_cell(value):
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def columns():
    return [
        _("ID"),
        _("Titel"),
        _("Resumé"),
        _("Format"),
        _("Målgrupper"),
        _("Sektorer"),
        _("Temaer"),
        _("Nøgleord"),
        _("Tidsforbrug"),
        _("Tid i minutter"),
        _("Sprog"),
        _("Findes på sprog"),
        _("Bruges"),
        _("Pris"),
        _("Partner"),
        _("Link"),
        _("Eksternt link"),
        _("Brugt i cases"),
        _("Senest gennemgået"),
        _("Udgivet"),
    ]


def tool_row(tool, lookups):
    return [
        tool.pk,
        tool.title,
        tool.summary,
        lookups.label("tool_format", tool.tool_format),
        lookups.names("audiences", tool.audiences_ids),
        lookups.names("sectors", tool.sectors_ids),
        lookups.names("themes", tool.themes_ids),
        "; ".join(sorted(tool.tag_names or [])),
        tool.effort,
        tool.minutes_needed,
        lookups.label("language", tool.language),
        lookups.label_list("languages_available", tool.languages_available),
        lookups.label_list("used_where", tool.used_where),
        lookups.label("price", tool.price),
        lookups.owner(tool),
        page_url(tool, lookups.request),
        tool.external_url,
        tool.case_count,
        tool.last_reviewed.isoformat() if tool.last_reviewed else "",
        tool.first_published_at.date().isoformat() if tool.first_published_at else "",
    ]


def rows(request, tools):
    writer = csv.writer(Echo())
    yield BOM + writer.writerow(columns())
    lookups = Lookups(request)
    # Inside a transaction PostgreSQL's cursor is not WITH HOLD, which would
    # compute the whole result before the first row; without hold it sends
    # rows as it sorts and reads them.
    with transaction.atomic():
        for tool in tools.iterator(chunk_size=CHUNK_SIZE):
            row = tool_row(tool, lookups)
            yield writer.writerow([safe_cell(cell) for cell in row])


@require_safe
def tools_csv(request):
    try:
        selected = parse_filters(request.GET, TOOL)
    except FilterError as error:
        return HttpResponseBadRequest(
            str(error), content_type="text/plain; charset=utf-8"
        )
    tools = with_export_data(public_tools(selected)).order_by("title", "pk")
    response = StreamingHttpResponse(
        rows(request, tools), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="vaerktoejer.csv"'
    return response
