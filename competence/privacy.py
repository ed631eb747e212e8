"""Personal data in the Kompetencetjek, and how long it is kept.

A result holds no name, e-mail or account: its answers describe a company,
and only whoever holds its token can open it. Still, the answers and the
free-text plan fields (owner) may say something about people, so:

- Retention: a result that nobody has opened for RESULT_RETENTION_DAYS
  (24 months) is deleted with its plan by the daily `manage.py
  purge_personal_data` (its rule "competence-results" in
  privacy/retention.py). Opening a result moves its date forward.
- Export: export_for_token(token) gives everything stored for a token.
- Erase: erase_for_token(token) deletes the result and its plan at once.
  Later measurements of it are kept; they simply lose the comparison.

The anonymous totals editors see (competence.stats) count results; they
never show one answer set."""

import datetime

from django.db import transaction
from django.utils import timezone

from competence.models import CompetenceResult

RESULT_RETENTION_DAYS = 730


def retention_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=RESULT_RETENTION_DAYS)


def expired_results(now=None):
    return CompetenceResult.objects.filter(last_opened_at__lt=retention_cutoff(now))


@transaction.atomic
def purge_expired_results(now=None):
    """Deletes the results not opened within the retention period; returns
    how many."""
    _total, per_model = expired_results(now).delete()
    return per_model.get(CompetenceResult._meta.label, 0)


def _find(token):
    if not isinstance(token, str) or not token:
        return None
    return CompetenceResult.objects.filter(token=token).first()


def export_for_token(token):
    """Everything stored for a token, as plain data, or None."""
    result = _find(token)
    if result is None:
        return None
    return {
        "token": result.token,
        "created_at": result.created_at.isoformat(),
        "last_opened_at": result.last_opened_at.isoformat(),
        "sector": result.sector.name if result.sector else None,
        "size_band": result.size_band,
        "role_groups": list(result.role_groups),
        "answers": result.answers,
        "scores": result.scores,
        "previous_token": result.previous.token if result.previous else None,
        "plan": {
            "owner": result.plan_owner,
            "remeasure_on": result.plan_remeasure_on.isoformat()
            if result.plan_remeasure_on
            else None,
            "items": [
                {
                    "tool": item.tool.title,
                    "role_group": item.role_group,
                    "month": item.month.isoformat(),
                    "duration": item.duration,
                    "on_the_job": item.on_the_job,
                }
                for item in result.plan_items.select_related("tool")
            ],
        },
    }


@transaction.atomic
def erase_for_token(token):
    """Deletes the result held by token and its plan; True if there was one."""
    result = _find(token)
    if result is None:
        return False
    result.delete()
    return True
