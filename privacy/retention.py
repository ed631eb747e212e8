"""How long each kind of personal data is kept: one rule per kind, enforced
by `manage.py purge_personal_data` (daily, from cron, or enqueued to the
task worker) and described by the privacy notice (/privatlivspolitik/).

A rule deletes or anonymises what is older than its period; none of them
touches content editors published."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from django_tasks import task

from competence.privacy import RESULT_RETENTION_DAYS, purge_expired_results
from search.alerts import CONFIRM_WINDOW
from search.models import SearchAlert, ZeroResultQuery
from toolbox.models import ToolFeedback, ToolSuggestion

YEAR = timedelta(days=365)


def _unconfirmed_alerts(now):
    # send_all_digests deletes them too; the daily purge keeps the promise
    # when no digest has run.
    deleted, _kinds = SearchAlert.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - CONFIRM_WINDOW
    ).delete()
    return deleted


def _inactive_alerts(now):
    # A confirmed alert that has mailed nothing for two years is a consent
    # nobody uses: the address goes.
    cutoff = now - 2 * YEAR
    stale = SearchAlert.objects.filter(confirmed_at__lt=cutoff).exclude(
        last_sent_at__gte=cutoff
    )
    deleted, _kinds = stale.delete()
    return deleted


def _suggestion_contacts(now):
    # The draft stays (it is the editors' now); who sent it and why goes.
    return (
        ToolSuggestion.objects.filter(created_at__lt=now - YEAR)
        .exclude(name="", email="", reason="")
        .update(name="", email="", reason="")
    )


def _form_submissions(now):
    deleted, _kinds = FormSubmission.objects.filter(submit_time__lt=now - YEAR).delete()
    return deleted


def _query_logs(now):
    cutoff = now - YEAR
    deleted, _kinds = QueryDailyHits.objects.filter(date__lt=cutoff.date()).delete()
    # A query with no hits left and no promotion is gone too.
    gone, _kinds = Query.objects.filter(
        daily_hits__isnull=True, editors_picks__isnull=True
    ).delete()
    zero, _kinds = ZeroResultQuery.objects.filter(last_seen__lt=cutoff).delete()
    return deleted + gone + zero


def _feedback_comments(now):
    # The yes/no answer counts towards "nyttig" for good; the comment and
    # the client's hash do not.
    return (
        ToolFeedback.objects.filter(created_at__lt=now - YEAR)
        .exclude(comment="", client_key="")
        .update(comment="", client_key="")
    )


def _competence_results(now):
    return purge_expired_results(now)


def _sessions(now):
    deleted, _kinds = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


@dataclass(frozen=True)
class Rule:
    key: str
    kind: str
    what: str
    why: str
    period: str
    purge: object  # callable(now) -> number of rows deleted or anonymised


RULES = [
    Rule(
        "unconfirmed-alerts",
        "Beskeder om nye værktøjer, ikke bekræftet",
        "Din e-mailadresse og den søgning, du vil have besked om.",
        "At sende dig bekræftelseslinket (dobbelt tilmelding).",
        f"{CONFIRM_WINDOW.days} dage; derefter slettes adressen.",
        _unconfirmed_alerts,
    ),
    Rule(
        "inactive-alerts",
        "Beskeder om nye værktøjer, bekræftet",
        "Din e-mailadresse, søgningen og hvornår vi sidst skrev til dig.",
        "At sende dig ugens nye værktøjer, som du har bedt om.",
        "Til du afmelder dig (så slettes alt straks), dog højst 2 år uden at "
        "vi har sendt dig noget.",
        _inactive_alerts,
    ),
    Rule(
        "suggestion-contacts",
        "Forslag til værktøjer",
        "Dit navn, din e-mail og din begrundelse. Værktøjets navn, link og fil "
        "bliver redaktionens kladde.",
        "At redaktionen kan spørge dig om forslaget.",
        "1 år; derefter slettes navn, e-mail og begrundelse.",
        _suggestion_contacts,
    ),
    Rule(
        "form-submissions",
        "Henvendelser via Bliv partner",
        "Det, du skriver i formularen (typisk navn, organisation, e-mail og telefon).",
        "At sekretariatet kan svare på jeres henvendelse.",
        "1 år; derefter slettes henvendelsen.",
        _form_submissions,
    ),
    Rule(
        "query-logs",
        "Søgninger",
        "Søgeordene uden e-mailadresser og telefonnumre, og hvor mange gange de "
        "er søgt pr. dag. Ikke hvem der søgte.",
        "At redaktionen kan se, hvad der mangler, og forbedre søgningen.",
        "1 år.",
        _query_logs,
    ),
    Rule(
        "feedback-comments",
        "Svar på »Var dette værktøj nyttigt?«",
        "Ja eller nej, en eventuel kommentar og en nøgle beregnet ud fra din "
        "IP-adresse (ikke selve adressen).",
        "At vise, hvor nyttigt et værktøj er, og at stoppe misbrug.",
        "Kommentaren og nøglen i 1 år; ja/nej-svaret tælles med derefter uden "
        "noget, der peger på dig.",
        _feedback_comments,
    ),
    Rule(
        "competence-results",
        "Kompetencetjek",
        "Jeres svar og en eventuel kompetenceplan, gemt anonymt under en "
        "tilfældig nøgle; kun den, der har linket, kan se dem.",
        "At I kan se resultatet igen, bygge planen og måle igen.",
        f"{RESULT_RETENTION_DAYS // 365} år efter, linket sidst blev åbnet.",
        _competence_results,
    ),
    Rule(
        "sessions",
        "Sessioner",
        "Dit login eller din liste i Min værktøjskasse, hvis du har gemt noget.",
        "At huske dit login og dine gemte værktøjer.",
        "2 uger efter, du sidst loggede ind eller gemte noget.",
        _sessions,
    ),
]

# Kept by hand, not by a rule: in the notice, with no purge of their own.
MANUAL = [
    (
        "Konti",
        "Brugernavn, navn, e-mail, gemte værktøjer og seneste login for "
        "partnere og redaktører.",
        "At partnere og redaktører kan logge ind og dele værktøjer.",
        "Til kontoen lukkes; redaktionen sletter den på anmodning.",
    ),
]


def notice_rows():
    """(kind, what, why, how long) for the privacy notice."""
    return [(r.kind, r.what, r.why, r.period) for r in RULES] + MANUAL


def purge(now=None):
    """Runs every rule; returns {rule key: rows deleted or anonymised}."""
    now = now or timezone.now()
    return {rule.key: rule.purge(now) for rule in RULES}


@task()
def purge_personal_data():
    """Task: the daily purge (`manage.py purge_personal_data --enqueue`)."""
    return purge()
