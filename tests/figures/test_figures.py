"""The pact's figures: validation, moderation, partner scope, the cost of
/tal/ and the demo's headline."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.admin.panels import ObjectList

import pytest

from core.choices import PartnerType, SizeBand
from core.models.taxonomy import CompetenceArea
from figures.demo import DEMO_TOTAL, load_demo_figures
from figures.figures import compute_figures
from figures.forms import UpskillingReportForm
from figures.models import UpskillingReport
from tests.factories import make_editor, make_partner, make_partner_editor, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def report(partner, people=100, publish=True, year=2025, **fields):
    item = UpskillingReport.objects.create(
        partner=partner,
        year=year,
        people=people,
        live=False,
        plausibility_confirmed=True,
        **fields,
    )
    if publish:
        item.save_revision().publish()
    return item


def test_negative_number_is_refused():
    partner = make_partner("Alfa")
    item = UpskillingReport(partner=partner, year=2025, people=-1)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "people" in error.value.message_dict


def test_split_larger_than_total_is_refused_in_danish():
    partner = make_partner("Alfa", size_band=SizeBand.XLARGE)
    item = UpskillingReport(partner=partner, year=2025, people=10, on_the_job=11)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["on_the_job"] == [
        "Fordelingen på form er større end det samlede antal"
    ]


def test_implausible_total_asks_for_confirmation():
    partner = make_partner(
        "Lille", size_band=SizeBand.SMALL, partner_type=PartnerType.COMPANY
    )
    item = UpskillingReport(partner=partner, year=2025, people=500)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "plausibility_confirmed" in error.value.message_dict
    item.plausibility_confirmed = True
    item.full_clean()


def test_area_split_larger_than_total_is_a_form_error():
    partner = make_partner("Alfa", size_band=SizeBand.XLARGE)
    area = CompetenceArea.objects.first() or CompetenceArea.objects.create(
        name="Forståelse", slug="forstaaelse-test"
    )
    data = {
        "partner": partner.pk,
        "year": 2025,
        "period": "year",
        "people": 10,
        **dict.fromkeys(("on_the_job", "courses", "elearning", "other"), 0),
        **dict.fromkeys(("operators", "office", "leaders", "specialists"), 0),
        "area_rows-TOTAL_FORMS": 1,
        "area_rows-INITIAL_FORMS": 0,
        "area_rows-MIN_NUM_FORMS": 0,
        "area_rows-MAX_NUM_FORMS": 1000,
        "area_rows-0-area": area.pk,
        "area_rows-0-people": 11,
        "area_rows-0-ORDER": 1,
    }
    form_class = (
        ObjectList(UpskillingReport.panels, base_form_class=UpskillingReportForm)
        .bind_to_model(UpskillingReport)
        .get_form_class()
    )
    form = form_class(data, instance=UpskillingReport(), for_user=make_editor())
    assert not form.is_valid()
    assert "kompetenceområder" in str(form.errors["people"])


def test_only_published_reports_count():
    alfa, beta = make_partner("Alfa"), make_partner("Beta")
    report(alfa, 100)
    report(beta, 50, publish=False)
    assert compute_figures()[2025]["total"] == 100
    assert compute_figures()[2025]["partners_reported"] == 1


def test_a_correction_counts_once_published():
    alfa = make_partner("Alfa")
    item = report(alfa, 100)
    item.people = 120
    revision = item.save_revision()  # a draft: the row keeps 100
    item.refresh_from_db()
    assert compute_figures()[2025]["total"] == 100
    revision.publish()
    assert compute_figures()[2025]["total"] == 120
    assert item.revisions.count() == 2


def test_yearly_report_replaces_half_years():
    alfa = make_partner("Alfa")
    report(alfa, 40, period="h1")
    report(alfa, 50, period="h2")
    assert compute_figures()[2025]["total"] == 90
    report(alfa, 100, period="year")
    assert compute_figures()[2025]["total"] == 100


def test_publish_retires_the_cached_page(client):
    alfa = make_partner("Alfa")
    report(alfa, 123)
    assert "123" in client.get("/tal/").content.decode()
    report(make_partner("Beta"), 1000)
    assert "1.123" in client.get("/tal/").content.decode()


def test_names_only_partners_who_agreed(client):
    report(make_partner("Navngivet"), 10, show_partner_name=True)
    report(make_partner("Hemmelig"), 20)
    html = client.get("/tal/").content.decode()
    assert "Navngivet" in html
    assert "Hemmelig" not in html
    assert "Hemmelig" not in client.get("/tal/tal.csv").content.decode()


@pytest.fixture
def two_partners():
    alfa, beta = make_partner("Alfa"), make_partner("Beta")
    own = report(alfa, 11, publish=False)
    other = report(beta, 777, publish=False, show_partner_name=True)
    return alfa, beta, own, other


def test_partner_editor_lists_and_edits_only_own_reports(client, two_partners):
    alfa, beta, own, other = two_partners
    client.force_login(make_partner_editor(alfa))
    listing = client.get("/admin/snippets/figures/upskillingreport/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Alfa" in html
    assert "Beta" not in html
    edit = "/admin/snippets/figures/upskillingreport/edit/{}/"
    assert client.get(edit.format(own.pk)).status_code == 200
    assert client.get(edit.format(other.pk)).status_code in (302, 403, 404)
    add = client.get("/admin/snippets/figures/upskillingreport/add/")
    assert add.status_code == 200
    assert "Beta" not in add.content.decode()


def test_partner_editor_cannot_publish(client, two_partners):
    from wagtail.permissions import policy_registry

    alfa, _beta, own, _other = two_partners
    user = make_partner_editor(alfa)
    policy = policy_registry.get_by_type(UpskillingReport)
    assert policy.user_has_permission_for_instance(user, "change", own)
    assert not policy.user_has_permission(user, "publish")
    assert policy.user_has_permission(make_editor(), "publish")


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_unpublished_numbers_never_leak(client, two_partners, who):
    if who == "outsider":
        client.force_login(make_user("outsider"))
    for url in ("/tal/", "/tal/tal.csv"):
        body = client.get(url).content.decode()
        assert "777" not in body
        assert "Beta" not in body
    listing = client.get("/admin/snippets/figures/upskillingreport/")
    assert "777" not in listing.content.decode()


def queries_for_figures_page(client, count):
    for index in range(count):
        report(make_partner(f"Partner {index}"), 10, show_partner_name=True)
    client.get("/tal/")  # per-process lookups (site, settings) out of the count
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/tal/").status_code == 200
    return len(captured)


def test_figures_page_costs_the_same_for_3_and_30_reports(client):
    few = queries_for_figures_page(client, 3)
    UpskillingReport.objects.all().delete()
    many = queries_for_figures_page(client, 30)
    assert few == many


def test_demo_figures_total_314000():
    for index in range(7):
        make_partner(f"Demo {index}")
    assert load_demo_figures() == 7
    assert load_demo_figures() == 0
    assert compute_figures()[2025]["total"] == DEMO_TOTAL == 314_000
