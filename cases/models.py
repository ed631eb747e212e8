from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from cases.charts import before_after_bars
from core.access import AccessLevelMixin, VisibleQuerySet
from core.blocks import BodyBlock
from core.choices import SizeBand
from core.models.listing import ListingIndexPage
from core.models.partners import PartnerOwnedMixin
from toolbox.models import ToolPage

MAX_MEASUREMENTS = 6


class TrainingFormat(models.TextChoices):
    ON_THE_JOB = "on-the-job", _("On-the-job-training")
    COURSE = "kursus", _("Kursus")
    E_LEARNING = "e-laering", _("E-læring")
    BLENDED = "blended", _("Kombineret forløb")


class CaseIndexPage(ListingIndexPage):
    subpage_types = []

    class Meta:
        verbose_name = _("caseoversigt")


class CasePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cases.CasePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CasePageQuerySet(VisibleQuerySet):
    def with_listing_data(self):
        """Everything a listing card shows, in a fixed number of queries."""
        return self.select_related("partner", "hero_image").prefetch_related(
            "sectors", "themes"
        )

    def using_tool(self, tool):
        """The listable cases that used a tool, by title."""
        return (
            self.listable().filter(tool_links__tool=tool).distinct().order_by("title")
        )


CasePageManager = PageManager.from_queryset(CasePageQuerySet)


class CasePage(PartnerOwnedMixin, AccessLevelMixin, Page):
    summary = models.TextField(_("resumé"), max_length=400)
    hero_image = models.ForeignKey(
        "portal.PortalImage",
        verbose_name=_("billede"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sectors = ParentalManyToManyField(
        "portal.Sector", verbose_name=_("sektorer"), related_name="cases", blank=True
    )
    themes = ParentalManyToManyField(
        "portal.Theme", verbose_name=_("temaer"), related_name="cases", blank=True
    )
    competence_areas = ParentalManyToManyField(
        "portal.CompetenceArea",
        verbose_name=_("kompetenceområder"),
        related_name="cases",
        blank=True,
        help_text=_("De kompetenceområder, casen viser en indsats for."),
    )
    competence_levels = ParentalManyToManyField(
        "portal.CompetenceLevel",
        verbose_name=_("kompetenceniveauer"),
        related_name="cases",
        blank=True,
    )
    tags = ClusterTaggableManager(
        through=CasePageTag, blank=True, verbose_name=_("nøgleord")
    )
    company_size = models.CharField(
        _("virksomhedsstørrelse"), max_length=10, choices=SizeBand.choices, blank=True
    )
    training_format = models.CharField(
        _("læringsformat"), max_length=20, choices=TrainingFormat.choices
    )
    challenge = StreamField(BodyBlock(), verbose_name=_("udfordring"), blank=True)
    approach = StreamField(BodyBlock(), verbose_name=_("tilgang"), blank=True)
    results = StreamField(BodyBlock(), verbose_name=_("resultater"), blank=True)
    employees_upskilled = models.PositiveIntegerField(
        _("medarbejdere opkvalificeret"), null=True, blank=True
    )
    period = models.CharField(
        _("periode"), max_length=60, blank=True, help_text=_("fx 2025")
    )
    partner = models.ForeignKey(
        "portal.PartnerPage",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="owned_cases",
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=120, blank=True)
    contact_email = models.EmailField(_("kontakt-e-mail"), blank=True)
    quote = models.TextField(_("citat"), blank=True)
    quote_author = models.CharField(_("citat fra"), max_length=120, blank=True)

    objects = CasePageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("training_format"), FieldPanel("company_size")]
                ),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("competence_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("competence_levels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Om casen"),
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("results"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("employees_upskilled"), FieldPanel("period")]
                ),
                InlinePanel("effects", label=_("Målt effekt")),
            ],
            heading=_("Resultater i tal"),
        ),
        InlinePanel(
            "measurements",
            label=_("Måling"),
            heading=_("Før og efter"),
            help_text=_(
                "Tal, I har målt før og efter indsatsen. Siden viser dem som et "
                "lille søjlediagram med ændringen i procent."
            ),
            max_num=MAX_MEASUREMENTS,
        ),
        InlinePanel("tool_links", label=_("Værktøj"), heading=_("Brugte værktøjer")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("contact_name"), FieldPanel("contact_email")]
                ),
                FieldPanel("quote"),
                FieldPanel("quote_author"),
            ],
            heading=_("Kontakt og citat"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("results"),
    ]

    parent_page_types = ["portal.PartnerPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def tools_used(self, user):
        tool_ids = [link.tool_id for link in self.tool_links.all()]
        return (
            ToolPage.objects.visible_to(user).filter(pk__in=tool_ids).order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The facts panel and the JSON-LD both read these: load them once.
        prefetch_related_objects([self], "sectors", "themes", "tags")
        context["tools_used"] = self.tools_used(request.user)
        context["effects"] = self.effects.all()
        context["measurement_charts"] = [
            before_after_bars(measurement) for measurement in self.measurements.all()
        ]
        return context


class CasePageEffect(Orderable):
    page = ParentalKey(CasePage, related_name="effects", on_delete=models.CASCADE)
    label = models.CharField(
        _("effekt"), max_length=120, help_text=_("fx Øget tryghed i jobbet")
    )
    value = models.CharField(_("værdi"), max_length=40, help_text=_("fx 55 %"))

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("value")])]

    class Meta(Orderable.Meta):
        verbose_name = _("målt effekt")


class MeasurementUnit(models.TextChoices):
    HOURS = "timer", _("timer")
    MINUTES = "minutter", _("minutter")
    PERCENT = "procent", _("procent (%)")
    COUNT = "antal", _("antal")
    KRONER = "kr", _("kr.")
    OTHER = "andet", _("anden enhed")


class LocalizedDecimalField(models.DecimalField):
    """A decimal an editor types the Danish way ("4,5"); the plain form
    field would refuse the decimal comma."""

    def formfield(self, **kwargs):
        kwargs.setdefault("localize", True)
        return super().formfield(**kwargs)


def measured_value_field(verbose_name):
    return LocalizedDecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0, message=_("Tallet kan ikke være negativt."))],
    )


class CasePageMeasurement(Orderable):
    """A figure measured before and after the case's effort, shown on the
    case page as a small before/after bar chart (cases/charts.py)."""

    page = ParentalKey(CasePage, related_name="measurements", on_delete=models.CASCADE)
    label = models.CharField(
        _("hvad blev målt"), max_length=80, help_text=_("fx Timer pr. opgave")
    )
    unit = models.CharField(
        _("enhed"),
        max_length=10,
        choices=MeasurementUnit.choices,
        default=MeasurementUnit.HOURS,
    )
    unit_other = models.CharField(
        _("anden enhed"),
        max_length=30,
        blank=True,
        help_text=_("Kun når enheden er ”anden enhed”, fx sider"),
    )
    before = measured_value_field(_("før"))
    after = measured_value_field(_("efter"))
    period = models.CharField(
        _("hvornår"), max_length=60, blank=True, help_text=_("fx efter 6 måneder")
    )
    lower_is_better = models.BooleanField(
        _("Lavere er bedre"),
        default=False,
        help_text=_(
            "Sæt kryds, når et lavere tal er en forbedring, fx timer pr. opgave "
            "eller fejlrate."
        ),
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("before"), FieldPanel("after")]),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("unit_other")]),
        FieldRowPanel([FieldPanel("period"), FieldPanel("lower_is_better")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("måling før og efter")
        verbose_name_plural = _("målinger før og efter")

    def unit_for(self, value):
        """The unit as it follows this number: "1 time", "2,5 timer", "12 %"."""
        one = value == 1
        return {
            MeasurementUnit.HOURS: _("time") if one else _("timer"),
            MeasurementUnit.MINUTES: _("minut") if one else _("minutter"),
            MeasurementUnit.PERCENT: "%",
            MeasurementUnit.COUNT: "",
            MeasurementUnit.KRONER: _("kr."),
            MeasurementUnit.OTHER: self.unit_other.strip(),
        }.get(self.unit, "")

    def clean(self):
        super().clean()
        errors = {}
        if self.unit == MeasurementUnit.OTHER and not self.unit_other.strip():
            errors["unit_other"] = _("Skriv enheden, når du vælger ”anden enhed”.")
        if self.unit == MeasurementUnit.PERCENT:
            for name in ("before", "after"):
                value = getattr(self, name)
                if value is not None and value > 100:
                    errors[name] = _("En procentdel kan højst være 100.")
        if errors:
            raise ValidationError(errors)


class CasePageTool(Orderable):
    page = ParentalKey(CasePage, related_name="tool_links", on_delete=models.CASCADE)
    tool = models.ForeignKey(
        "toolbox.ToolPage",
        verbose_name=_("værktøj"),
        on_delete=models.CASCADE,
        related_name="case_links",
    )

    panels = [PageChooserPanel("tool", "toolbox.ToolPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("brugt værktøj")
        constraints = [
            models.UniqueConstraint(fields=["page", "tool"], name="unique_case_tool")
        ]
