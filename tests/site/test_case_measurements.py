"""Before/after measurements on a case: the server-rendered bar chart, its
Danish text alternative, the editor's form and the home page's count of
measured cases (which only listable cases may reach)."""

import re
from decimal import Decimal
from io import StringIO

from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from cases.charts import before_after_bars
from cases.models import CasePage, CasePageMeasurement
from core.access import MEMBERS_GROUP
from portal.models.home import live_figures
from tests.factories import make_case, make_partner, make_partner_member, make_user

pytestmark = pytest.mark.django_db

HOURS = {
    "label": "Timer pr. opgave",
    "unit": "timer",
    "before": Decimal("4.5"),
    "after": Decimal("2.8"),
    "period": "efter 6 måneder",
    "lower_is_better": True,
}


def measurement(**fields):
    return CasePageMeasurement(**{**HOURS, **fields})


def figures_of(html):
    """Each <figure> in the before/after section: its caption text (tags
    stripped), its svg's opening tag and its bar widths."""
    section = html[html.index('class="before-after"') :]
    section = section[: section.index("</section>")]
    result = []
    for figure in re.findall(r"<figure.*?</figure>", section, re.S):
        caption = re.search(r'<figcaption id="([^"]+)"[^>]*>(.*?)</figcaption>', figure)
        svg = re.search(r"<svg[^>]*>", figure).group(0)
        widths = [
            float(width) for width in re.findall(r'<rect[^>]*\swidth="([^"]+)"', figure)
        ]
        # Collapse the template's layout, but keep the no-break spaces.
        text = re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", "", caption.group(2)))
        result.append(
            {"id": caption.group(1), "text": text, "svg": svg, "widths": widths}
        )
    return result


# The chart's geometry and wording


def test_bars_are_scaled_to_the_larger_value():
    chart = before_after_bars(measurement(before=10, after=4))
    before, after = chart.bars
    assert (before.share, after.share) == (100.0, 40.0)
    assert float(after.width) == pytest.approx(float(before.width) * 0.4)
    # A value label starts just right of its own bar.
    assert float(after.value_x) < float(before.value_x)

    rising = before_after_bars(measurement(before=4, after=10, lower_is_better=False))
    assert [bar.share for bar in rising.bars] == [40.0, 100.0]


def test_zero_everywhere_draws_empty_bars_and_no_percentage():
    chart = before_after_bars(measurement(before=0, after=0))
    assert [bar.width for bar in chart.bars] == ["0.0", "0.0"]
    assert chart.change_text == ""
    assert (
        chart.text
        == "Timer pr. opgave, efter 6 måneder: fra 0 til 0\u00a0timer. Uændret."
    )


def test_from_zero_there_is_no_relative_change():
    chart = before_after_bars(
        measurement(before=0, after=5, unit="antal", lower_is_better=False, period="")
    )
    assert chart.text == "Timer pr. opgave: fra 0 til 5. En forbedring."


def test_text_alternative_in_danish_number_format():
    with translation.override("da"):
        chart = before_after_bars(measurement())
        kroner = before_after_bars(
            measurement(
                label="Omkostning pr. reklamation",
                unit="kr",
                before=Decimal("1250"),
                after=Decimal("937.50"),
                period="",
            )
        )
    assert chart.text == (
        "Timer pr. opgave, efter 6 måneder: "
        "fra 4,5 til 2,8\u00a0timer, \u221238\u00a0%. "
        "En forbedring, da lavere er bedre."
    )
    assert [bar.value_text for bar in chart.bars] == [
        "4,5\u00a0timer",
        "2,8\u00a0timer",
    ]
    assert kroner.text == (
        "Omkostning pr. reklamation: fra 1.250 til 937,5\u00a0kr., \u221225\u00a0%. "
        "En forbedring, da lavere er bedre."
    )


def test_lower_is_better_decides_the_verdict():
    fewer_hours = before_after_bars(measurement(before=8, after=6))
    more_hours = before_after_bars(measurement(before=6, after=8))
    more_use = before_after_bars(
        measurement(
            label="Bruger AI ugentligt",
            unit="procent",
            before=12,
            after=64,
            lower_is_better=False,
        )
    )
    less_use = before_after_bars(
        measurement(unit="procent", before=64, after=12, lower_is_better=False)
    )
    assert fewer_hours.verdict == "en forbedring, da lavere er bedre"
    assert more_hours.verdict == "en forværring, da lavere er bedre"
    assert "+33\u00a0%" in more_hours.text
    # Shares change in percentage points, not in percent of themselves.
    assert more_use.text == (
        "Bruger AI ugentligt, efter 6 måneder: fra 12\u00a0% til 64\u00a0%, "
        "+52\u00a0procentpoint. En forbedring."
    )
    assert less_use.verdict == "en forværring"
    assert "\u221252\u00a0procentpoint" in less_use.text


def test_singular_units_and_a_free_unit():
    assert before_after_bars(measurement(before=2, after=1)).text.startswith(
        "Timer pr. opgave, efter 6 måneder: fra 2 til 1\u00a0time,"
    )
    pages = before_after_bars(
        measurement(unit="andet", unit_other="sider", before=40, after=12)
    )
    assert [bar.value_text for bar in pages.bars] == ["40\u00a0sider", "12\u00a0sider"]


# The case page


def test_case_page_shows_an_accessible_svg_per_measurement(client):
    case = make_case(
        measurements=[
            HOURS,
            {
                "label": "Fejlrate",
                "unit": "procent",
                "before": 10,
                "after": 4,
                "lower_is_better": True,
            },
        ]
    )
    response = client.get(case.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Før og efter" in html

    hours, errors = figures_of(html)
    for figure in (hours, errors):
        # The svg is named by the visible caption next to it.
        assert 'role="img"' in figure["svg"]
        assert f'aria-labelledby="{figure["id"]}"' in figure["svg"]
        assert html.count(f'id="{figure["id"]}"') == 1
        # Geometry stays in SVG numbers, never localized to "68,0".
        assert re.search(r'viewBox="[\d ]+"', figure["svg"])

    before_width, after_width = errors["widths"]
    assert after_width == pytest.approx(before_width * 0.4)
    assert errors["text"] == (
        "Fejlrate: fra 10\u00a0% til 4\u00a0%, \u22126\u00a0procentpoint. "
        "En forbedring, da lavere er bedre."
    )
    assert hours["text"] == (
        "Timer pr. opgave, efter 6 måneder: "
        "fra 4,5 til 2,8\u00a0timer, \u221238\u00a0%. "
        "En forbedring, da lavere er bedre."
    )
    # Readable without the style sheet: the bars carry their own colours.
    assert 'fill="#0b4f6c"' in html
    assert ">4,5\u00a0timer</text>" in html and ">2,8\u00a0timer</text>" in html


def test_case_without_measurements_has_no_chart(client):
    html = client.get(make_case().url).content.decode()
    assert "before-after" not in html
    assert "<svg" not in html.split("<main", 1)[1].split("</main>")[0]


# The editor's form


def measurement_form(data):
    form_class = CasePage.get_edit_handler().get_form_class()
    child_form_class = form_class.formsets["measurements"].form
    return child_form_class(data={"unit": "timer", "label": "Timer", **data})


def test_form_takes_the_danish_decimal_comma():
    with translation.override("da"):
        form = measurement_form({"before": "4,5", "after": "2,75"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["before"] == Decimal("4.5")
    assert form.cleaned_data["after"] == Decimal("2.75")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"before": "-1", "after": "2"}, "before", "Tallet kan ikke være negativt."),
        ({"before": "3", "after": "-0,5"}, "after", "Tallet kan ikke være negativt."),
        ({"before": "3", "after": ""}, "after", "Dette felt er påkrævet."),
        ({"before": "", "after": "3"}, "before", "Dette felt er påkrævet."),
        ({"before": "tre", "after": "3"}, "before", "Indtast et tal."),
        (
            {"before": "40", "after": "120", "unit": "procent"},
            "after",
            "En procentdel kan højst være 100.",
        ),
        (
            {"before": "40", "after": "12", "unit": "andet"},
            "unit_other",
            "Skriv enheden, når du vælger ”anden enhed”.",
        ),
    ],
)
def test_form_refuses_bad_numbers_in_danish(data, field, message):
    with translation.override("da"):
        form = measurement_form(data)
        assert not form.is_valid()
        assert message in form.errors[field]


def test_model_clean_refuses_a_negative_number():
    from django.core.exceptions import ValidationError

    case = make_case()
    row = measurement(page=case, before=Decimal("-2"))
    with translation.override("da"), pytest.raises(ValidationError) as error:
        row.full_clean()
    assert error.value.message_dict["before"] == ["Tallet kan ikke være negativt."]


def test_admin_edit_view_offers_the_panel(client):
    case = make_case(measurements=[HOURS])
    client.force_login(make_user(is_superuser=True, is_staff=True))
    response = client.get(f"/admin/pages/{case.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Før og efter" in html
    assert "Lavere er bedre" in html
    assert 'value="4,50"' in html  # the stored figure, shown the Danish way


# The home page's figure


def measured_cases_on_home(client):
    response = client.get("/")
    assert response.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    match = re.search(r"(\d+) cases med målt før og efter", text)
    assert match, "the figure is missing"
    return int(match.group(1))


def test_home_figure_counts_only_listable_cases_with_measurements(client):
    partner = make_partner()
    make_case(partner, measurements=[HOURS, {**HOURS, "label": "Fejl"}])
    make_case(partner, measurements=[HOURS])
    make_case(partner)  # no measurements
    make_case(partner, measurements=[HOURS], publish=False)
    private = make_case(partner, measurements=[HOURS])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    # Measurements saved only in a draft are not published figures yet.
    drafted = make_case(partner)
    drafted = CasePage.objects.get(pk=drafted.pk)
    drafted.measurements = [measurement()]
    drafted.save_revision()

    assert live_figures()["cases_measured"] == 2

    # The same count whoever asks: the anonymous visitor, a signed-in
    # outsider and a partner member (whose fragment is cached apart).
    assert measured_cases_on_home(client) == 2
    client.force_login(make_user())
    assert measured_cases_on_home(client) == 2
    client.force_login(make_partner_member())
    assert measured_cases_on_home(client) == 2


def test_restricted_case_keeps_its_chart_from_outsiders(client):
    from django.contrib.auth.models import Group

    case = make_case(measurements=[{**HOURS, "label": "Hemmeligt tal"}])
    restriction = PageViewRestriction.objects.create(
        page=case, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get_or_create(name=MEMBERS_GROUP)[0]])
    for user in (None, make_user()):
        if user is not None:
            client.force_login(user)
        response = client.get(case.url)
        assert response.status_code != 200
        assert "Hemmeligt tal" not in response.content.decode()
    client.force_login(make_partner_member())
    assert "Hemmeligt tal" in client.get(case.url).content.decode()


# Demo data


def test_about_ten_demo_cases_report_valid_measurements():
    from portal.demo.builders import MEASURED_CASES, make_plan

    for size in ("small", "full"):
        specs = [spec for spec in make_plan(size).cases if spec["measurements"]]
        assert len(specs) == MEASURED_CASES == 10
        for spec in specs:
            assert 1 <= len(spec["measurements"]) <= 3
            for fields in spec["measurements"]:
                row = CasePageMeasurement(**fields)
                row.full_clean(exclude=["page"])
                assert before_after_bars(row).change_text


def test_load_demo_gives_measurements_also_to_cases_built_before(settings, tmp_path):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path / "media"

    def load_demo():
        call_command("load_demo", "--size", "small", "--no-index", stdout=StringIO())

    load_demo()
    assert live_figures()["cases_measured"] == 10
    # A demo site from before measurements existed gets them on the next run.
    CasePageMeasurement.objects.all().delete()
    load_demo()
    measured = CasePage.objects.live().filter(measurements__isnull=False).distinct()
    assert measured.count() == 10
    revisions = {case.pk: case.revisions.count() for case in measured}
    load_demo()  # and a third run changes nothing
    assert {case.pk: case.revisions.count() for case in measured} == revisions
