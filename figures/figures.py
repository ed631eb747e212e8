"""The pact's figures, per year, from published reports and pledges only.

A fixed number of aggregate queries whatever the number of reports, and
cached under the content generation, which every publish or unpublish of a
report or pledge replaces (figures.signals)."""

from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Sum

from core.choices import PartnerType
from core.fragments import FRAGMENT_TIMEOUT, content_generation
from figures.models import (
    FORM_FIELDS,
    ROLE_FIELDS,
    UpskillingPledge,
    UpskillingReport,
    UpskillingReportArea,
)

FORM_LABELS = {
    "on_the_job": "On-the-job / sidemandsoplæring",
    "courses": "Kurser",
    "elearning": "E-læring",
    "other": "Andet",
}
ROLE_LABELS = {
    "operators": "Operatører og produktion",
    "office": "Kontor og administration",
    "leaders": "Ledere",
    "specialists": "Specialister",
}


def _empty_year(year):
    return {
        "year": year,
        "total": 0,
        "pledged": 0,
        "progress": None,
        "on_the_job_share": None,
        "partners_reported": 0,
        "by_form": {},
        "by_role": {},
        "by_area": {},
        "by_sector": {},
        "by_partner_type": {},
        "named_partners": [],
    }


def compute_figures():
    """{year: figures}, newest year first. Sector shares count a partner's
    people in each of its sectors, so they may add up to more than the
    total."""
    reports = UpskillingReport.objects.counted()
    years = {}

    def year_of(year):
        if year not in years:
            years[year] = _empty_year(year)
        return years[year]

    sums = {name: Sum(name) for name in ("people", *FORM_FIELDS, *ROLE_FIELDS)}
    for row in reports.values("year").annotate(
        partners=Count("partner", distinct=True), **sums
    ):
        data = year_of(row["year"])
        data["total"] = row["people"] or 0
        data["partners_reported"] = row["partners"]
        data["by_form"] = {name: row[name] or 0 for name in FORM_FIELDS}
        data["by_role"] = {name: row[name] or 0 for name in ROLE_FIELDS}

    for row in (
        UpskillingPledge.objects.filter(live=True)
        .values("year")
        .annotate(pledged=Sum("people"))
    ):
        year_of(row["year"])["pledged"] = row["pledged"] or 0

    for row in (
        UpskillingReportArea.objects.filter(report__in=reports)
        .values("report__year", "area__name")
        .annotate(people=Sum("people"))
        .order_by("area__sort_order", "area__name")
    ):
        year_of(row["report__year"])["by_area"][row["area__name"]] = row["people"]

    for row in (
        reports.filter(partner__sectors__isnull=False)
        .values("year", "partner__sectors__name")
        .annotate(people=Sum("people"))
        .order_by("partner__sectors__name")
    ):
        year_of(row["year"])["by_sector"][row["partner__sectors__name"]] = row["people"]

    type_labels = dict(PartnerType.choices)
    for row in (
        reports.values("year", "partner__partner_type")
        .annotate(people=Sum("people"))
        .order_by("partner__partner_type")
    ):
        label = str(type_labels.get(row["partner__partner_type"], "Andet"))
        year_of(row["year"])["by_partner_type"][label] = row["people"]

    named = defaultdict(int)
    for row in (
        reports.filter(show_partner_name=True)
        .values("year", "partner__title")
        .annotate(people=Sum("people"))
    ):
        named[(row["year"], row["partner__title"])] += row["people"]
    for (year, title), people in sorted(named.items()):
        year_of(year)["named_partners"].append({"partner": title, "people": people})

    for data in years.values():
        if data["pledged"]:
            data["progress"] = round(data["total"] / data["pledged"] * 100, 1)
        if data["total"]:
            share = data["by_form"].get("on_the_job", 0) / data["total"] * 100
            data["on_the_job_share"] = round(share, 1)
    return dict(sorted(years.items(), reverse=True))


def pact_figures():
    """compute_figures(), cached until a report or pledge is published or
    unpublished."""
    key = f"figures:{content_generation()}"
    figures = cache.get(key)
    if figures is None:
        figures = compute_figures()
        cache.set(key, figures, FRAGMENT_TIMEOUT)
    return figures
