"""Sammenlign værktøjer: 2 to 4 tools side by side.

A tool the visitor may not see is answered exactly like an id that names
no tool at all, so the page never tells which ids are partners-only tools."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox.models import MIN_ANSWERS_FOR_SHARE, ToolPage

MIN_COMPARED = 2
MAX_COMPARED = 4
# Junk query strings are refused before any query is made.
MAX_ID_LENGTH = 12
NOTHING = "–"
# ASCII digits only: str.isdigit() also takes "²" and "①", which int() refuses.
ID_PATTERN = re.compile(rf"[0-9]{{1,{MAX_ID_LENGTH}}}")


class CompareInputError(ValueError):
    """Input that gets a 400 answer; str(error) is the Danish message."""


def parse_ids(values):
    """The distinct tool ids of ?id=...&id=..., in the order given;
    CompareInputError for anything but 2 to 4 whole numbers."""
    ids = []
    for value in values[: MAX_COMPARED * 4]:
        value = value.strip()
        if not ID_PATTERN.fullmatch(value):
            raise CompareInputError(
                _("Værktøjerne angives med deres nummer, fx ?id=12&id=34.")
            )
        if int(value) not in ids:
            ids.append(int(value))
    if not MIN_COMPARED <= len(ids) <= MAX_COMPARED or len(values) > MAX_COMPARED * 4:
        raise CompareInputError(
            _("Vælg mellem %(low)d og %(high)d værktøjer at sammenligne.")
            % {"low": MIN_COMPARED, "high": MAX_COMPARED}
        )
    return ids


def tools_to_compare(ids, user):
    """The tools of ids, in the order given, with listing data and usage
    figures. CompareInputError when an id names no tool that user may see:
    a partners-only tool gets the same answer as a missing one."""
    tools = list(
        ToolPage.objects.visible_to(user).filter(pk__in=ids).with_listing_data()
    )
    if {tool.pk for tool in tools} != set(ids):
        raise CompareInputError(
            _("Et eller flere af de valgte værktøjer findes ikke (længere).")
        )
    position = {pk: n for n, pk in enumerate(ids)}
    return sorted(tools, key=lambda tool: position[tool.pk])


def _names(items):
    return ", ".join(str(item) for item in items) or NOTHING


def _minutes(tool):
    if not tool.minutes_needed:
        return NOTHING
    return ngettext("%(n)d minut", "%(n)d minutter", tool.minutes_needed) % {
        "n": tool.minutes_needed
    }


def _languages(tool):
    field = ToolPage._meta.get_field("languages_available")
    others = field.labels(tool.languages_available)
    main = tool.get_language_display()
    if not others:
        return str(main)
    return _("%(main)s, også %(others)s") % {"main": main, "others": _names(others)}


def _cases(tool):
    if not tool.case_count:
        return _("Ingen cases endnu")
    return ngettext("Bruges i %(n)d case", "Bruges i %(n)d cases", tool.case_count) % {
        "n": tool.case_count
    }


def _usefulness(tool):
    yes, no = tool.helpful_yes_count, tool.helpful_no_count
    total = yes + no
    if not total:
        return _("Ingen svar endnu")
    if total < MIN_ANSWERS_FOR_SHARE:
        return _("For få svar til en andel (%(n)d)") % {"n": total}
    return _("%(percent)d %% (%(yes)d af %(total)d svar)") % {
        "percent": int(yes * 100 / total + 0.5),
        "yes": yes,
        "total": total,
    }


def comparison_rows(tools):
    """[(row heading, [one text per tool]), ...] for the comparison table,
    from tools loaded by tools_to_compare."""
    used_where = ToolPage._meta.get_field("used_where")
    rows = [
        (_("Format"), lambda tool: tool.get_tool_format_display()),
        (_("Tid pr. gang"), _minutes),
        (_("Samlet tidsforbrug"), lambda tool: tool.effort or NOTHING),
        (_("Bruges"), lambda tool: _names(used_where.labels(tool.used_where))),
        (_("Sprog"), _languages),
        (_("Pris"), lambda tool: tool.get_price_display()),
        (_("Målgrupper"), lambda tool: _names(tool.audiences.all())),
        (_("Sektorer"), lambda tool: _names(tool.sectors.all())),
        (_("Cases"), _cases),
        (_("Fandt den nyttig"), _usefulness),
    ]
    return [(heading, [str(cell(tool)) for tool in tools]) for heading, cell in rows]
