"""The demo's figures: published 2025 reports whose total is the pact's
headline, 314.000, and pledges for 2026."""

from core.models.partners import PartnerPage
from figures.models import Period, UpskillingPledge, UpskillingReport

DEMO_YEAR = 2025
DEMO_TOTAL = 314_000


def shares(total, count):
    base, rest = divmod(total, count)
    return [base + (1 if index < rest else 0) for index in range(count)]


def load_demo_figures():
    """Idempotent: a partner that already has a 2025 report keeps it.
    Returns how many reports were created."""
    partners = list(PartnerPage.objects.live().order_by("pk"))
    if not partners or UpskillingReport.objects.filter(year=DEMO_YEAR).exists():
        return 0
    created = 0
    for index, (partner, people) in enumerate(
        zip(partners, shares(DEMO_TOTAL, len(partners)), strict=True)
    ):
        on_the_job = people * 2 // 5
        courses = people // 4
        elearning = people // 5
        report = UpskillingReport.objects.create(
            partner=partner,
            year=DEMO_YEAR,
            period=Period.YEAR,
            people=people,
            on_the_job=on_the_job,
            courses=courses,
            elearning=elearning,
            other=people - on_the_job - courses - elearning,
            operators=people // 2,
            office=people // 5,
            leaders=people // 10,
            specialists=people // 10,
            show_partner_name=index % 3 == 0,
            plausibility_confirmed=True,
            live=False,
        )
        report.save_revision().publish()
        pledge = UpskillingPledge.objects.create(
            partner=partner,
            year=DEMO_YEAR + 1,
            people=people + people // 10,
            live=False,
        )
        pledge.save_revision().publish()
        created += 1
    return created
