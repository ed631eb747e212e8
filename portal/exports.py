"""The public tool catalogue as CSV, for spreadsheets and reuse.

UTF-8 with a byte order mark, so Excel reads æ, ø and å right; Danish
column headers; streamed row by row from a chunked query, so the export
holds only one chunk in memory whatever the size of the catalogue. The
listing's filters apply (an unknown value is a 400), and only what an
anonymous visitor may see is exported.
"""

import csv

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.models.settings import OrganisationSettings
from portal.opendata import FilterError, parse_filters, public_tools
from search.types import TOOL
from toolbox.models import ToolPage

CHUNK_SIZE = 500
BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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


def tool_row(request, tool):
    used_where = ToolPage._meta.get_field("used_where")
    languages = ToolPage._meta.get_field("languages_available")

    def names(items):
        return "; ".join(item.name for item in items)

    return [
        tool.pk,
        tool.title,
        tool.summary,
        tool.get_tool_format_display(),
        names(tool.audiences.all()),
        names(tool.sectors.all()),
        names(tool.themes.all()),
        "; ".join(sorted(tag.name for tag in tool.tags.all())),
        tool.effort,
        tool.minutes_needed,
        tool.get_language_display(),
        "; ".join(str(label) for label in languages.labels(tool.languages_available)),
        "; ".join(str(label) for label in used_where.labels(tool.used_where)),
        tool.get_price_display(),
        tool.partner.title
        if tool.partner
        else OrganisationSettings.for_request_or_default(request).name,
        tool.get_full_url(request),
        tool.external_url,
        tool.case_count,
        tool.last_reviewed.isoformat() if tool.last_reviewed else "",
        tool.first_published_at.date().isoformat() if tool.first_published_at else "",
    ]


def rows(request, tools):
    writer = csv.writer(Echo())
    yield BOM + writer.writerow(columns())
    for tool in tools.iterator(chunk_size=CHUNK_SIZE):
        yield writer.writerow([safe_cell(cell) for cell in tool_row(request, tool)])


@require_GET
def tools_csv(request):
    try:
        selected = parse_filters(request.GET, TOOL)
    except FilterError as error:
        return HttpResponseBadRequest(
            str(error), content_type="text/plain; charset=utf-8"
        )
    tools = (
        public_tools(selected)
        .with_listing_data()
        .prefetch_related("tags")
        .order_by("title", "pk")
    )
    response = StreamingHttpResponse(
        rows(request, tools), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="vaerktoejer.csv"'
    return response
