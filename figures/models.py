"""The pact's figures: what partners pledge and report of their upskilling.

Pledges and reports are snippets with draft state and revisions: a partner
editor saves drafts, an editor publishes. The database row holds the
published values (a draft lives in its revision until published), so the
figures (figures.figures) count rows that are live and nothing else, and a
correction changes them only once its revision is published."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core.choices import PartnerType, SizeBand

# The most people a company of a size band plausibly upskills in a period:
# its headcount. More is possible (a partner may train its suppliers), so
# the form asks for a confirmation instead of refusing.
PLAUSIBLE_PEOPLE = {
    SizeBand.MICRO: 9,
    SizeBand.SMALL: 49,
    SizeBand.MEDIUM: 249,
    SizeBand.LARGE: 999,
}

FORM_FIELDS = ("on_the_job", "courses", "elearning", "other")
ROLE_FIELDS = ("operators", "office", "leaders", "specialists")
SPLIT_TOO_LARGE = {
    "form": _("Fordelingen på form er større end det samlede antal"),
    "role": _("Fordelingen på rollegrupper er større end det samlede antal"),
    "area": _("Fordelingen på kompetenceområder er større end det samlede antal"),
}


def people_field(label, **kwargs):
    return models.PositiveIntegerField(
        label,
        default=0,
        validators=[MinValueValidator(0, _("Antallet skal være 0 eller større."))],
        error_messages={"invalid": _("Skriv et helt tal, 0 eller større.")},
        **kwargs,
    )


class Period(models.TextChoices):
    YEAR = "year", _("Hele året")
    H1 = "h1", _("1. halvår")
    H2 = "h2", _("2. halvår")


def plausible_limit(partner):
    if partner is None or partner.partner_type != PartnerType.COMPANY:
        return None
    return PLAUSIBLE_PEOPLE.get(partner.size_band)


class UpskillingPledge(DraftStateMixin, RevisionMixin, models.Model):
    partner = models.ForeignKey(
        "portal.PartnerPage",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="upskilling_pledges",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    people = people_field(_("antal personer, partneren vil opkvalificere"))

    panels = [
        FieldPanel("partner"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("people")]),
    ]

    class Meta:
        verbose_name = _("opkvalificeringsløfte")
        verbose_name_plural = _("opkvalificeringsløfter")
        ordering = ["-year", "partner__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "year"], name="figures_one_pledge_per_year"
            )
        ]

    def __str__(self):
        return f"{self.partner}: {self.year}"


class UpskillingReportQuerySet(models.QuerySet):
    def counted(self):
        """The published reports that count: a partner's yearly report
        replaces its half-year reports of the same year, so nobody is
        counted twice."""
        yearly = self.model.objects.filter(
            live=True,
            period=Period.YEAR,
            partner=OuterRef("partner"),
            year=OuterRef("year"),
        )
        return self.filter(live=True).exclude(
            Q(period__in=[Period.H1, Period.H2]) & Exists(yearly)
        )


class UpskillingReport(DraftStateMixin, RevisionMixin, ClusterableModel):
    partner = models.ForeignKey(
        "portal.PartnerPage",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="upskilling_reports",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    period = models.CharField(
        _("periode"), max_length=4, choices=Period.choices, default=Period.YEAR
    )
    people = people_field(_("opkvalificerede personer i alt"))
    on_the_job = people_field(_("on-the-job / sidemandsoplæring"))
    courses = people_field(_("kurser"))
    elearning = people_field(_("e-læring"))
    other = people_field(_("andet"))
    operators = people_field(_("operatører og produktion"))
    office = people_field(_("kontor og administration"))
    leaders = people_field(_("ledere"))
    specialists = people_field(_("specialister"))
    text = models.TextField(_("kort tekst"), max_length=600, blank=True)
    case = models.ForeignKey(
        "cases.CasePage",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    show_partner_name = models.BooleanField(
        _("vis partnerens navn"),
        default=False,
        help_text=_(
            "Partneren må nævnes med sine tal på /tal/ og i de åbne data. "
            "Ellers tæller tallene kun med i totalerne."
        ),
    )
    plausibility_confirmed = models.BooleanField(
        _("jeg bekræfter antallet"),
        default=False,
        help_text=_("Kræves, når antallet er større end partnerens antal ansatte."),
    )

    objects = UpskillingReportQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("partner"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("period")]),
                FieldPanel("people"),
                FieldPanel("plausibility_confirmed"),
            ],
            heading=_("Rapport"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel(name) for name in FORM_FIELDS])],
            heading=_("Fordelt på form"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel(name) for name in ROLE_FIELDS])],
            heading=_("Fordelt på rollegrupper"),
        ),
        InlinePanel(
            "area_rows", heading=_("Fordelt på kompetenceområder"), label=_("område")
        ),
        MultiFieldPanel(
            [FieldPanel("text"), FieldPanel("case"), FieldPanel("show_partner_name")],
            heading=_("Historien"),
        ),
    ]

    class Meta:
        verbose_name = _("opkvalificeringsrapport")
        verbose_name_plural = _("opkvalificeringsrapporter")
        ordering = ["-year", "period", "partner__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "year", "period"],
                name="figures_one_report_per_period",
            )
        ]

    def __str__(self):
        return f"{self.partner}: {self.year} ({self.get_period_display()})"

    def clean(self):
        super().clean()
        errors = {}
        total = self.people or 0
        if sum(getattr(self, name) or 0 for name in FORM_FIELDS) > total:
            errors["on_the_job"] = SPLIT_TOO_LARGE["form"]
        if sum(getattr(self, name) or 0 for name in ROLE_FIELDS) > total:
            errors["operators"] = SPLIT_TOO_LARGE["role"]
        partner = self.partner if self.partner_id else None
        limit = plausible_limit(partner)
        if limit is not None and total > limit and not self.plausibility_confirmed:
            errors["plausibility_confirmed"] = _(
                "%(people)s personer er flere end partnerens %(band)s. Sæt "
                "kryds for at bekræfte antallet."
            ) % {"people": total, "band": partner.get_size_band_display()}
        if errors:
            raise ValidationError(errors)


class UpskillingReportArea(Orderable):
    report = ParentalKey(
        UpskillingReport, on_delete=models.CASCADE, related_name="area_rows"
    )
    area = models.ForeignKey(
        "portal.CompetenceArea",
        verbose_name=_("kompetenceområde"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    people = people_field(_("personer"))

    panels = [FieldRowPanel([FieldPanel("area"), FieldPanel("people")])]

    class Meta(Orderable.Meta):
        verbose_name = _("kompetenceområde i en rapport")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "area"], name="figures_one_row_per_area"
            )
        ]
