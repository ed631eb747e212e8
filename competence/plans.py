"""The Kompetenceplan: which tools, in what order, for whom and when.

A plan belongs to its result's token. It is read and edited through the
viewer's eyes: only tools the viewer may see are listed, offered or saved,
and saving never touches the items of tools the viewer cannot see (a
member's partners-only step stays in the plan, unseen by an outsider)."""

import csv
import datetime
import io

from django.db import transaction
from django.utils.translation import gettext as _

from competence.choices import RoleGroup
from competence.forms import PlanForm, PlanRowForm
from competence.models import PlanItem
from toolbox.models import ToolPage

MAX_PLAN_ITEMS = 20


def visible_items(result, user):
    """The plan's items whose tool the viewer may see, in order."""
    visible = ToolPage.objects.visible_to(user)
    return list(
        result.plan_items.filter(tool__in=visible).select_related(
            "tool", "tool__partner"
        )
    )


def first_of_next_month(today=None, months=1):
    today = today or datetime.date.today()
    month = today.month - 1 + months
    return datetime.date(today.year + month // 12, month % 12 + 1, 1)


def default_role(result, tool):
    roles = result.role_groups or [RoleGroup.LEADERS]
    return roles[0]


def plan_rows(result, user, recommendations, data=None):
    """(tool, PlanRowForm) for the plan's visible items, then the other
    recommended tools, each prefilled; bound to `data` on a POST."""
    items = {item.tool_id: item for item in visible_items(result, user)}
    tools = [item.tool for item in items.values()]
    tools += [tool for tool in recommendations.tools() if tool.pk not in items]
    rows = []
    for number, tool in enumerate(tools[:MAX_PLAN_ITEMS], start=1):
        item = items.get(tool.pk)
        initial = {
            "include": item is not None,
            "order": item.sort_order if item else number,
            "role_group": item.role_group if item else default_role(result, tool),
            "month": (
                item.month if item else first_of_next_month(months=number)
            ).strftime("%Y-%m"),
            "duration": item.duration if item else tool.effort,
            "on_the_job": item.on_the_job
            if item
            else bool(tool.minutes_needed and tool.minutes_needed <= 60),
        }
        rows.append((tool, PlanRowForm(data, prefix=f"t{tool.pk}", initial=initial)))
    return rows


def plan_form(result, data=None):
    return PlanForm(
        data,
        initial={
            "plan_owner": result.plan_owner,
            "plan_remeasure_on": result.plan_remeasure_on,
        },
    )


@transaction.atomic
def save_plan(result, form, rows):
    """Stores a valid plan: the owner and date, and the included rows in
    their order. Only the offered rows' tools change (they are what the
    viewer may see); a row left out need not be filled in correctly."""
    result.plan_owner = form.cleaned_data["plan_owner"]
    result.plan_remeasure_on = form.cleaned_data["plan_remeasure_on"]
    result.save(update_fields=["plan_owner", "plan_remeasure_on"])
    offered = [tool.pk for tool, _row in rows]
    result.plan_items.filter(tool_id__in=offered).delete()
    included = [
        (row.cleaned_data.get("order") or 99, tool.title, tool, row)
        for tool, row in rows
        if row.is_valid() and row.cleaned_data.get("include")
    ]
    included.sort(key=lambda entry: (entry[0], entry[1]))
    PlanItem.objects.bulk_create(
        PlanItem(
            result=result,
            tool=tool,
            sort_order=position,
            role_group=row.cleaned_data["role_group"],
            month=row.cleaned_data["month"],
            duration=row.cleaned_data["duration"],
            on_the_job=row.cleaned_data["on_the_job"],
        )
        for position, (_order, _title, tool, row) in enumerate(included, start=1)
    )


CSV_HEADERS = [
    "Nr.",
    "Værktøj",
    "Link",
    "Hvem",
    "Måned",
    "Varighed",
    "På jobbet",
]


def plan_csv(result, items, absolute_url):
    """The plan as CSV for a Danish spreadsheet: UTF-8 with BOM, semicolons,
    Danish headers and ja/nej."""
    roles = dict(RoleGroup.choices)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Kompetenceplan"), result.created_at.strftime("%d-%m-%Y")])
    writer.writerow([_("Ansvarlig"), result.plan_owner])
    writer.writerow(
        [
            _("Mål igen den"),
            result.plan_remeasure_on.strftime("%d-%m-%Y")
            if result.plan_remeasure_on
            else "",
        ]
    )
    writer.writerow([])
    writer.writerow(CSV_HEADERS)
    for number, item in enumerate(items, start=1):
        writer.writerow(
            [
                number,
                _spreadsheet_safe(item.tool.title),
                absolute_url(item.tool.url),
                str(roles.get(item.role_group, item.role_group)),
                item.month.strftime("%m-%Y"),
                _spreadsheet_safe(item.duration),
                _("ja") if item.on_the_job else _("nej"),
            ]
        )
    return out.getvalue()


def _spreadsheet_safe(value):
    """A cell a spreadsheet will not run as a formula."""
    value = str(value or "")
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
