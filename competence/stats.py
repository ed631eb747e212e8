"""Anonymous totals for the pact's editors: how many checks, by sector and
size, the average score per area, and how many came back to measure again.
Only counts and averages; never one result's answers."""

import csv
import io

from django.db.models import Count
from django.utils.translation import gettext as _

from competence.models import CompetenceResult
from core.choices import SizeBand
from core.models.taxonomy import CompetenceArea


def totals():
    results = CompetenceResult.objects.all()
    by_sector = list(
        results.values("sector__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "sector__name")
    )
    sizes = dict(SizeBand.choices)
    by_size = [
        {
            "label": str(sizes.get(row["size_band"], row["size_band"])),
            "count": row["count"],
        }
        for row in results.values("size_band")
        .annotate(count=Count("pk"))
        .order_by("size_band")
    ]
    sums, counts = {}, {}
    for scores in results.values_list("scores", flat=True).iterator(chunk_size=2000):
        for slug, score in (scores or {}).items():
            sums[slug] = sums.get(slug, 0) + score
            counts[slug] = counts.get(slug, 0) + 1
    averages = [
        {
            "area": area.name,
            "average": round(sums[area.slug] / counts[area.slug]),
            "count": counts[area.slug],
        }
        for area in CompetenceArea.objects.all()
        if counts.get(area.slug)
    ]
    return {
        "total": results.count(),
        "retakes": results.filter(previous__isnull=False).count(),
        "with_plan": results.filter(plan_items__isnull=False).distinct().count(),
        "by_sector": [
            {"label": row["sector__name"] or _("Ikke oplyst"), "count": row["count"]}
            for row in by_sector
        ],
        "by_size": by_size,
        "averages": averages,
    }


def totals_csv(data):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Opgørelse"), _("Værdi"), _("Antal")])
    writer.writerow([_("Tjek i alt"), "", data["total"]])
    writer.writerow([_("Nye målinger"), "", data["retakes"]])
    writer.writerow([_("Med kompetenceplan"), "", data["with_plan"]])
    for row in data["by_sector"]:
        writer.writerow([_("Sektor"), row["label"], row["count"]])
    for row in data["by_size"]:
        writer.writerow([_("Størrelse"), row["label"], row["count"]])
    for row in data["averages"]:
        writer.writerow(
            [
                _("Gennemsnit: %(area)s") % {"area": row["area"]},
                row["average"],
                row["count"],
            ]
        )
    return out.getvalue()
