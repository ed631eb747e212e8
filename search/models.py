"""What editors maintain for search (synonyms) and what search records for
them (queries that found nothing). Query popularity itself is logged in
Wagtail's search promotions app."""

import re
import secrets

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

SYNONYMS_CACHE_KEY = "search:synonym-groups"


def _clean_term(term):
    return re.sub(r"\s+", " ", term).strip().lower()


class SynonymGroup(models.Model):
    """Words and phrases that mean the same thing, for example
    "AI, kunstig intelligens". A search for one also finds the others."""

    terms = models.TextField(
        _("ord og udtryk"),
        help_text=_(
            "Adskil med komma, fx \u201dAI, kunstig intelligens\u201d. En søgning på "
            "ét af dem finder også de andre. Ændringer virker i søgningen inden "
            "for fem minutter, uden at indekset skal genopbygges – undtagen når "
            "Elasticsearch kører med analyseprofilen full: så virker de først, "
            "når indekset er genopbygget."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        verbose_name = _("synonymgruppe")
        verbose_name_plural = _("synonymer")
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(self.term_list())

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(SYNONYMS_CACHE_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(SYNONYMS_CACHE_KEY)
        return result

    def term_list(self):
        seen = []
        for term in self.terms.replace("\n", ",").split(","):
            term = _clean_term(term)
            if term and term not in seen:
                seen.append(term)
        return seen


def synonym_groups():
    """All groups of two or more terms, cached until an editor changes one."""
    groups = cache.get(SYNONYMS_CACHE_KEY)
    if groups is None:
        groups = [
            terms
            for terms in (group.term_list() for group in SynonymGroup.objects.all())
            if len(terms) > 1
        ]
        cache.set(SYNONYMS_CACHE_KEY, groups, 300)
    return groups


class ZeroResultQuery(models.Model):
    """A normalised query that found nothing, so editors see what is missing."""

    query_string = models.CharField(_("søgning"), max_length=255, unique=True)
    hits = models.PositiveIntegerField(_("antal gange"), default=0)
    last_seen = models.DateTimeField(_("senest"), default=timezone.now)

    class Meta:
        verbose_name = _("søgning uden resultater")
        verbose_name_plural = _("søgninger uden resultater")
        ordering = ["-hits"]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string):
        entry, _created = cls.objects.get_or_create(query_string=query_string)
        cls.objects.filter(pk=entry.pk).update(
            hits=models.F("hits") + 1, last_seen=timezone.now()
        )


class PendingIndexUpdate(models.Model):
    """A search document ("tool-12", "case-7") that must be rewritten from
    the database. Written in the same transaction as the change itself, so
    an update survives an Elasticsearch outage, a crashed worker or a lost
    task; deleted only once the index has taken it (search.tasks)."""

    key = models.CharField(_("dokument"), max_length=40, unique=True)
    queued_at = models.DateTimeField(_("sat i kø"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("forsøg"), default=0)
    next_attempt_at = models.DateTimeField(
        _("næste forsøg"), default=timezone.now, db_index=True
    )
    last_error = models.CharField(_("seneste fejl"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ventende indeksopdatering")
        verbose_name_plural = _("ventende indeksopdateringer")
        ordering = ["next_attempt_at"]

    def __str__(self):
        return self.key


class SearchText(models.Model):
    """The database backend's full-text document for one tool or case: its
    words as stems (search.analysis.analyse), in three fields of falling weight.

    The full-text index over it is the database's own, created by the
    migrations: on PostgreSQL two `tsvector` columns computed from these
    fields, each with a GIN index (title and keywords, weighted, which also
    rank; the body, which only matches), on SQLite an FTS5 table kept in
    step by triggers. Rows are written by
    search.backends.database.update_search_text when a page is published,
    and rebuilt by `manage.py search_text rebuild`."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("side"),
    )
    title = models.TextField(_("titel"), blank=True)
    keywords = models.TextField(
        _("nøgleord"),
        blank=True,
        help_text=_("Resumé, nøgleord, partner, sektorer og temaer."),
    )
    body = models.TextField(_("brødtekst"), blank=True)
    # The rest is what a search counts, filters and sorts on, written with
    # the text from the same document Elasticsearch indexes, so a search
    # reads one row per page instead of joining every facet's table.
    kind = models.CharField(_("type"), max_length=8, blank=True)
    facets = models.JSONField(
        _("facetværdier"),
        default=list,
        blank=True,
        help_text=_('Alle facetværdier som "parameter:værdi", fx "sektor:produktion".'),
    )
    published = models.DateTimeField(_("først udgivet"), null=True, blank=True)
    # The "most used" and "most useful" sorts: the index document's
    # popularity and helpful_score (none for a case, which has no answers).
    popularity = models.IntegerField(_("brug"), default=0)
    helpful_score = models.FloatField(_("nyttescore"), null=True, blank=True)
    # With the number of rows, this tells whether any text changed since a
    # search was cached (search.backends.database.text_version).
    changed = models.DateTimeField(_("ændret"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("søgetekst")
        verbose_name_plural = _("søgetekster")

    def __str__(self):
        return str(self.page_id)


def new_alert_token():
    """An unguessable token for a confirm or unsubscribe link."""
    return secrets.token_urlsafe(32)


class SearchAlert(models.Model):
    """An alert of "Få besked om nye værktøjer": a saved search (see
    search.alerts) whose new public tools are mailed weekly once the owner
    of the address has confirmed it. The address is used for nothing else
    and is deleted on unsubscribe."""

    email = models.EmailField(_("e-mailadresse"))
    query_string = models.CharField(
        _("søgning"),
        max_length=1000,
        blank=True,
        help_text=_("Søgningen og dens filtre som forespørgselsstreng."),
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("senest sendt"), null=True, blank=True)
    confirm_token = models.CharField(
        max_length=64, unique=True, default=new_alert_token, editable=False
    )
    unsubscribe_token = models.CharField(
        max_length=64, unique=True, default=new_alert_token, editable=False
    )

    class Meta:
        verbose_name = _("besked om nye værktøjer")
        verbose_name_plural = _("beskeder om nye værktøjer")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "query_string"], name="search_alert_unique_search"
            )
        ]

    def __str__(self):
        # Never the address: this string ends up in logs and admin messages.
        return f"besked #{self.pk}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None
