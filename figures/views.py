import csv

from django.http import HttpResponse
from django.shortcuts import render

from figures.charts import bar_chart
from figures.figures import FORM_LABELS, ROLE_LABELS, pact_figures


def year_charts(data):
    total = data["total"]
    return [
        bar_chart(
            "Fordelt på form",
            {FORM_LABELS[k]: v for k, v in data["by_form"].items()},
            total,
        ),
        bar_chart("Fordelt på kompetenceområde", data["by_area"], total),
        bar_chart(
            "Fordelt på rollegruppe",
            {ROLE_LABELS[k]: v for k, v in data["by_role"].items()},
            total,
        ),
        bar_chart("Fordelt på sektor", data["by_sector"], total),
        bar_chart("Fordelt på partnertype", data["by_partner_type"], total),
    ]


def figures_page(request):
    years = [
        {**data, "charts": [c for c in year_charts(data) if c.bars]}
        for data in pact_figures().values()
    ]
    return render(request, "figures/figures_page.html", {"years": years})


def csv_rows():
    """One row per year and measure: the totals, every split, and the
    partners who agreed to be named."""
    for year, data in pact_figures().items():
        yield [year, "i alt", "", data["total"]]
        yield [year, "løfter", "", data["pledged"]]
        yield [year, "partnere der har rapporteret", "", data["partners_reported"]]
        for split, labels in (("form", FORM_LABELS), ("rollegruppe", ROLE_LABELS)):
            key = "by_form" if split == "form" else "by_role"
            for name, value in data[key].items():
                yield [year, split, labels[name], value]
        for split, key in (
            ("kompetenceområde", "by_area"),
            ("sektor", "by_sector"),
            ("partnertype", "by_partner_type"),
        ):
            for name, value in data[key].items():
                yield [year, split, name, value]
        for row in data["named_partners"]:
            yield [year, "partner", row["partner"], row["people"]]


def figures_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pagten-i-tal.csv"'
    writer = csv.writer(response)
    writer.writerow(["år", "mål", "kategori", "personer"])
    writer.writerows(csv_rows())
    return response
