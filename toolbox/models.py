import datetime

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import DateField
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.documents.models import Document
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from core.access import AccessLevelMixin, VisibleQuerySet
from core.blocks import BodyBlock
from core.choices import Access
from core.fields import ChoiceListField
from core.models.listing import ListingIndexPage
from core.models.partners import PartnerOwnedMixin


class ToolFormat(models.TextChoices):
    TEMPLATE = "skabelon", _("Skabelon")
    GUIDE = "guide", _("Guide")
    CHECKLIST = "tjekliste", _("Tjekliste")
    WORKSHOP = "workshopkit", _("Workshopkit")
    COURSE = "kursus", _("Kursus eller e-læring")
    VIDEO = "video", _("Video")
    PROMPTS = "promptbibliotek", _("Promptbibliotek eller software")
    METHOD = "metode", _("Metode eller model")


class ToolLanguage(models.TextChoices):
    DANISH = "da", _("Dansk")
    ENGLISH = "en", _("Engelsk")
    BOTH = "da-en", _("Dansk og engelsk")


class Price(models.TextChoices):
    FREE = "gratis", _("Gratis")
    PAID = "betalt", _("Betalt")


USED_WHERE = [
    ("linjen", _("Ved linjen")),
    ("moedelokale", _("I mødelokalet")),
    ("pc", _("Ved en pc")),
    ("print", _("Printet")),
]
LANGUAGES_AVAILABLE = [
    ("da", _("Dansk")),
    ("en", _("Engelsk")),
    ("de", _("Tysk")),
    ("pl", _("Polsk")),
    ("uk", _("Ukrainsk")),
    ("ro", _("Rumænsk")),
    ("ar", _("Arabisk")),
]


class ToolIndexPage(ListingIndexPage):
    subpage_types = ["toolbox.ToolPage"]

    class Meta:
        verbose_name = _("værktøjsoversigt")


class ToolPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "toolbox.ToolPage", related_name="tagged_items", on_delete=models.CASCADE
    )


REVIEW_AFTER_DAYS = 365


def review_cutoff():
    """Tools whose review date (see ToolPage.review_date) is before this day
    need a review."""
    return timezone.localdate() - datetime.timedelta(days=REVIEW_AFTER_DAYS)


# A share of "nyttig" answers says little until enough people have answered:
# at 1 of 1 a card would claim "10 af 10". Below this many answers a card
# shows no share at all (the "Mest nyttige" sort handles few answers with the
# Wilson lower bound instead, see toolbox.engagement).
MIN_ANSWERS_FOR_SHARE = 5


def helpful_in_ten(yes, no):
    """"N af 10 fandt den nyttig": the share of yes answers out of ten,
    rounded, or None below MIN_ANSWERS_FOR_SHARE answers."""
    total = (yes or 0) + (no or 0)
    if total < MIN_ANSWERS_FOR_SHARE:
        return None
    # Half up, not Python's round-half-to-even: 3 of 4 answers is 8 of 10.
    return int((yes or 0) * 10 / total + 0.5)


class ToolPageQuerySet(VisibleQuerySet):
    def with_listing_data(self):
        """Everything a listing card shows, in a fixed number of queries:
        the cases that use the tool and its usage figures (ToolStats, zero
        for a tool nobody has used yet)."""
        return (
            self.select_related("partner")
            .prefetch_related("sectors", "themes", "audiences")
            .annotate(
                case_count=Coalesce(models.Subquery(self._case_counts()), 0),
                helpful_yes_count=Coalesce("stats__helpful_yes", 0),
                helpful_no_count=Coalesce("stats__helpful_no", 0),
                download_count=Coalesce("stats__downloads", 0),
            )
        )

    def _case_counts(self):
        """How many cases an anonymous visitor can read use each tool, as a
        correlated subquery: evaluated only for the rows a page shows, not
        grouped over the whole catalogue before LIMIT, and never counting
        partners-only cases on a public card. Toolbox sits below cases, so
        the link model is reached through the reverse relation."""
        links = ToolPage._meta.get_field("case_links").related_model
        cases = links._meta.get_field("page").related_model.objects.listable()
        return (
            links.objects.filter(tool=models.OuterRef("pk"), page__in=cases)
            .order_by()
            .values("tool")
            .annotate(count=models.Count("page", distinct=True))
            .values("count")
        )

    def needing_review(self):
        """Tools whose review date is before review_cutoff(): the database
        side of ToolPage.needs_review, which must give the same answer."""
        review_date = Coalesce(
            "last_reviewed", TruncDate("first_published_at"), output_field=DateField()
        )
        return self.alias(review_date=review_date).filter(
            review_date__lt=review_cutoff()
        )


ToolPageManager = PageManager.from_queryset(ToolPageQuerySet)


class ToolPage(PartnerOwnedMixin, AccessLevelMixin, Page):
    summary = models.TextField(
        _("resumé"),
        max_length=400,
        help_text=_("Et til tre sætninger, vises i lister."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("indhold"), blank=True)
    tool_format = models.CharField(
        _("format"), max_length=20, choices=ToolFormat.choices
    )
    audiences = ParentalManyToManyField(
        "portal.Audience",
        verbose_name=_("målgrupper"),
        related_name="tools",
        blank=True,
    )
    sectors = ParentalManyToManyField(
        "portal.Sector", verbose_name=_("sektorer"), related_name="tools", blank=True
    )
    themes = ParentalManyToManyField(
        "portal.Theme", verbose_name=_("temaer"), related_name="tools", blank=True
    )
    competence_levels = ParentalManyToManyField(
        "portal.CompetenceLevel",
        verbose_name=_("kompetenceniveauer"),
        related_name="tools",
        blank=True,
        help_text=_("De niveauer, værktøjet passer til; sæt flere, hvis det passer."),
    )
    competence_areas = ParentalManyToManyField(
        "portal.CompetenceArea",
        verbose_name=_("kompetenceområder"),
        related_name="tools",
        blank=True,
        help_text=_("De kompetenceområder, værktøjet styrker."),
    )
    tags = ClusterTaggableManager(
        through=ToolPageTag, blank=True, verbose_name=_("nøgleord")
    )
    effort = models.CharField(
        _("samlet tidsforbrug"),
        max_length=80,
        blank=True,
        help_text=_(
            "Den samlede tid, det tager at indføre værktøjet, fx \u201d2 timer\u201d "
            "eller \u201d6 moduler á 20 min\u201d. Tiden for én gang på gulvet "
            "skriver du under \u201dMinutter pr. gang på gulvet\u201d."
        ),
    )
    language = models.CharField(
        _("hovedsprog"),
        max_length=5,
        choices=ToolLanguage.choices,
        default=ToolLanguage.DANISH,
        help_text=_("Det sprog, materialet først og fremmest er skrevet på."),
    )
    price = models.CharField(
        _("pris"), max_length=10, choices=Price.choices, default=Price.FREE
    )
    access = models.CharField(
        _("adgang"),
        max_length=10,
        choices=Access.choices,
        default=Access.PUBLIC,
        help_text=_(
            "Kun for partnere: vises kun for indloggede partnere og redaktører."
        ),
    )
    external_url = models.URLField(_("eksternt link"), blank=True)
    partner = models.ForeignKey(
        "portal.PartnerPage",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="owned_tools",
        help_text=_("Afledt af placeringen i sidetræet; tom betyder pagten selv."),
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=120, blank=True)
    contact_email = models.EmailField(_("kontakt-e-mail"), blank=True)
    last_reviewed = models.DateField(_("senest gennemgået"), null=True, blank=True)
    minutes_needed = models.PositiveIntegerField(
        _("minutter pr. gang på gulvet"),
        null=True,
        blank=True,
        help_text=_(
            "Hvor mange minutter én gang med værktøjet tager ved linjen, i pausen "
            "eller på tavlemødet. Det samlede forløb skriver du under "
            "\u201dSamlet tidsforbrug\u201d."
        ),
    )
    used_where = ChoiceListField(_("bruges"), choices_list=USED_WHERE)
    languages_available = ChoiceListField(
        _("findes også på"),
        choices_list=LANGUAGES_AVAILABLE,
        help_text=_(
            "Andre sprog, materialet findes på, fx til kolleger med et andet "
            "modersmål. Hovedsproget tæller ikke med her."
        ),
    )

    objects = ToolPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("tool_format"), FieldPanel("language")]),
                FieldRowPanel([FieldPanel("price"), FieldPanel("access")]),
                FieldPanel("effort"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("competence_levels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("competence_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Om værktøjet"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("minutes_needed"),
                FieldPanel("used_where"),
                FieldPanel("languages_available"),
            ],
            heading=_("Egnet til produktionsgulvet"),
        ),
        InlinePanel("documents", label=_("Fil"), heading=_("Filer til download")),
        FieldPanel("external_url"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("contact_name"), FieldPanel("contact_email")]
                ),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Kontakt og vedligehold"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("access"),
        index.FilterField("tool_format"),
    ]

    parent_page_types = ["toolbox.ToolIndexPage", "portal.PartnerPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("værktøj")
        verbose_name_plural = _("værktøjer")

    def clean(self):
        super().clean()
        # "Findes også på" lists the other languages: the main one (both, for
        # "Dansk og engelsk") is dropped rather than shown twice.
        main = (self.language or "").split("-")
        self.languages_available = [
            code for code in self.languages_available or [] if code not in main
        ]

    @property
    def review_date(self):
        """The day the content was last known to be current: its last review,
        or for a tool never reviewed, the day it was first published (a new
        tool is fresh). None for a draft that was never published."""
        if self.last_reviewed:
            return self.last_reviewed
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return None

    @property
    def helpful_in_ten(self):
        """The card's "N af 10 fandt den nyttig", from the counts that
        ToolPageQuerySet.with_listing_data loads; None without them."""
        if not hasattr(self, "helpful_yes_count"):
            return None
        return helpful_in_ten(self.helpful_yes_count, self.helpful_no_count)

    @property
    def needs_review(self):
        """The page's side of ToolPageQuerySet.needing_review."""
        review_date = self.review_date
        return review_date is not None and review_date < review_cutoff()

    @cached_property
    def body_html(self):
        """The body rendered once per request: the page's cached fragments
        compare it with the summary in one and show it in another."""
        return self.body.render_as_block()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Nothing is loaded up front: the template reads the relations inside
        # cached fragments (core.fragments), so a warm page needs none of
        # them; a cold one reads each where it is shown.
        context["downloads"] = self.documents.select_related("document")
        return context


class ToolPageDocument(Orderable):
    page = ParentalKey(ToolPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        Document, verbose_name=_("fil"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(_("visningsnavn"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("fil")

    @property
    def title(self):
        return self.label or self.document.title


class ToolStats(models.Model):
    """Denormalised usage figures for one tool, cheap to read and sort by.

    Views and downloads are counted in the cache and added here in batches
    (toolbox.engagement); the helpful counts change with each stored
    ToolFeedback. `helpful_score` is what a "most useful" sort orders by."""

    tool = models.OneToOneField(
        ToolPage,
        verbose_name=_("værktøj"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="stats",
    )
    views = models.PositiveIntegerField(_("visninger"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    helpful_yes = models.PositiveIntegerField(_("nyttig: ja"), default=0)
    helpful_no = models.PositiveIntegerField(_("nyttig: nej"), default=0)
    helpful_score = models.FloatField(
        _("nyttescore"),
        default=0.0,
        db_index=True,
        help_text=_(
            "Nedre grænse af Wilson-intervallet for andelen af ja-svar: "
            "få svar giver en forsigtig score."
        ),
    )
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        verbose_name = _("værktøjsstatistik")
        verbose_name_plural = _("værktøjsstatistik")

    def __str__(self):
        return str(self.tool)


class ToolFeedback(models.Model):
    """One visitor's answer to "Var dette værktøj nyttigt?". The client is
    kept only as a keyed hash, never as an IP address."""

    tool = models.ForeignKey(
        ToolPage,
        verbose_name=_("værktøj"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    helpful = models.BooleanField(_("nyttigt"))
    comment = models.TextField(_("kommentar"), max_length=1000, blank=True)
    client_key = models.CharField(_("klientnøgle"), max_length=64, editable=False)
    created_at = models.DateTimeField(
        _("modtaget"), default=timezone.now, db_index=True, editable=False
    )

    class Meta:
        verbose_name = _("tilbagemelding")
        verbose_name_plural = _("tilbagemeldinger")
        ordering = ["-created_at"]

    def __str__(self):
        answer = _("ja") if self.helpful else _("nej")
        return f"{self.tool}: {answer}"


class ToolSuggestion(models.Model):
    """What a visitor told the editors when suggesting a tool
    (/foreslaa-et-vaerktoej/): who they are and why the tool helped. The tool
    itself is the draft `page`; this is shown in the admin only, never on the
    site, and goes with the draft when an editor deletes it."""

    page = models.OneToOneField(
        ToolPage,
        verbose_name=_("kladde"),
        on_delete=models.CASCADE,
        related_name="suggestion",
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("fil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sector = models.ForeignKey(
        "portal.Sector",
        verbose_name=_("sektor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("hvorfor det hjalp"), max_length=2000)
    name = models.CharField(_("forslagsstillerens navn"), max_length=120)
    email = models.EmailField(_("forslagsstillerens e-mail"), max_length=254)
    created_at = models.DateTimeField(
        _("modtaget"), default=timezone.now, db_index=True, editable=False
    )

    class Meta:
        verbose_name = _("forslag til værktøj")
        verbose_name_plural = _("forslag til værktøjer")
        ordering = ["-created_at"]

    def __str__(self):
        return self.page.draft_title if self.page_id else str(_("forslag"))


class SavedTool(models.Model):
    """A tool in a signed-in user's "Min værktøjskasse". Anonymous visitors
    keep their list in the session (toolbox.saved), merged into these rows
    when they sign in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="saved_tools",
    )
    tool = models.ForeignKey(
        ToolPage,
        verbose_name=_("værktøj"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gemt"), default=timezone.now)

    class Meta:
        verbose_name = _("gemt værktøj")
        verbose_name_plural = _("gemte værktøjer")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "tool"], name="toolbox_savedtool_once_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.tool}"
