"""The Kompetencetjek's questions and advice (edited by editors as
snippets), the results visitors hold by an unguessable link, their plans,
and the curated "Start her" learning paths."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from competence.blocks import AnswersBlock
from competence.choices import RoleGroup
from core.choices import SizeBand

TOKEN_BYTES = 18  # 24 URL-safe characters: not guessable, short enough to share


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


class Question(models.Model):
    """One question of the check. The stored results keep a copy of the
    questions they answered, so editing or deactivating a question never
    changes an old result."""

    text = models.CharField(_("spørgsmål"), max_length=250)
    help_text = models.CharField(_("forklaring"), max_length=300, blank=True)
    answers = StreamField(AnswersBlock(), verbose_name=_("svarmuligheder"))
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)
    active = models.BooleanField(
        _("aktiv"),
        default=True,
        help_text=_("Kun aktive spørgsmål stilles; gamle resultater bevares."),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldPanel("answers"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("active")]),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")

    def __str__(self):
        return self.text


class AreaGuidance(models.Model):
    """What the result page says about an area: why to start here, one
    activity on the job and one step for the leaders."""

    area = models.OneToOneField(
        "portal.CompetenceArea",
        verbose_name=_("kompetenceområde"),
        on_delete=models.CASCADE,
        related_name="guidance",
    )
    why = models.TextField(
        _("hvorfor starte her"),
        help_text=_("Vises, når området er blandt de første at tage fat på."),
    )
    on_the_job_activity = models.TextField(_("aktivitet på jobbet"))
    leadership_step = models.TextField(_("skridt for ledelsen"))

    panels = [
        FieldPanel("area"),
        FieldPanel("why"),
        FieldPanel("on_the_job_activity"),
        FieldPanel("leadership_step"),
    ]

    class Meta:
        ordering = ["area__sort_order", "area__name"]
        verbose_name = _("råd om et område")
        verbose_name_plural = _("råd om områderne")

    def __str__(self):
        return str(self.area)


class CompetenceResult(models.Model):
    """One completed check. Anonymous: no name, no e-mail, no user; whoever
    holds the token holds the result. `answers` is a snapshot of the
    questions and answers as they were (see competence.scoring), `scores`
    the percentage per area slug computed from it."""

    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    last_opened_at = models.DateTimeField(default=timezone.now, db_index=True)
    questionnaire_version = models.CharField(max_length=40)
    sector = models.ForeignKey(
        "portal.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    size_band = models.CharField(max_length=10, choices=SizeBand.choices)
    role_groups = models.JSONField(default=list)
    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=dict)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retakes",
        help_text=_("Den måling, denne er en ny måling af."),
    )
    plan_owner = models.CharField(_("ansvarlig"), max_length=120, blank=True)
    plan_remeasure_on = models.DateField(_("mål igen den"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("resultat af kompetencetjek")
        verbose_name_plural = _("resultater af kompetencetjek")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} ({self.get_size_band_display()})"

    def role_group_labels(self):
        labels = dict(RoleGroup.choices)
        return [labels[code] for code in self.role_groups if code in labels]


class PlanItem(models.Model):
    """One tool in a result's Kompetenceplan."""

    result = models.ForeignKey(
        CompetenceResult, on_delete=models.CASCADE, related_name="plan_items"
    )
    tool = models.ForeignKey(
        "toolbox.ToolPage", on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    role_group = models.CharField(max_length=30, choices=RoleGroup.choices)
    month = models.DateField(help_text=_("Den første dag i måneden."))
    duration = models.CharField(max_length=80, blank=True)
    on_the_job = models.BooleanField(default=False)

    class Meta:
        ordering = ["sort_order", "month", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["result", "tool"], name="plan_tool_once")
        ]

    def __str__(self):
        return f"{self.tool_id} {self.month:%Y-%m}"


class LearningPath(ClusterableModel):
    """A curated "Start her" path: tools and cases in order, for one role."""

    title = models.CharField(_("titel"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    role_group = models.CharField(_("rolle"), max_length=30, choices=RoleGroup.choices)
    intro = models.TextField(_("introduktion"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("role_group")]),
        FieldPanel("intro"),
        FieldPanel("sort_order"),
        InlinePanel("steps", label=_("Trin"), heading=_("Trin i rækkefølge")),
    ]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("læringssti")
        verbose_name_plural = _("læringsstier")

    def __str__(self):
        return self.title


class LearningPathStep(Orderable):
    path = ParentalKey(LearningPath, on_delete=models.CASCADE, related_name="steps")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("værktøj eller case"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    why = models.TextField(_("hvorfor her"), max_length=400)
    duration = models.CharField(_("varighed"), max_length=60)

    panels = [
        PageChooserPanel("page", page_type=["toolbox.ToolPage", "cases.CasePage"]),
        FieldPanel("why"),
        FieldPanel("duration"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("trin")
        verbose_name_plural = _("trin")
