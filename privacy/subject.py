"""Everything tied to one e-mail address or account (GDPR art. 15, 17 and
20): found, exported as JSON, and erased. Used by `manage.py personal_data`
and the editors' admin view (privacy.views).

Found by the address, case-insensitively: alerts, suggestions (the sender's
contact data), Bliv partner submissions that carry it in any field, user
accounts with it (and their saved tools), and any feedback comment or logged
query that quotes it."""

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.search_promotions.models import Query

from search.models import SearchAlert, ZeroResultQuery
from toolbox.models import SavedTool, ToolFeedback, ToolSuggestion


def _normal(address):
    return address.strip().casefold()


def _submissions(address):
    # Submissions are a few hundred at most: read in Python, so a match in
    # any field works the same on SQLite and PostgreSQL.
    wanted = _normal(address)
    return [
        submission
        for submission in FormSubmission.objects.order_by("pk").iterator()
        if any(
            isinstance(value, str) and wanted in value.casefold()
            for value in (submission.form_data or {}).values()
        )
    ]


def _when(value):
    return value.isoformat() if value else None


def export(address):
    """A JSON-ready dict of everything tied to the address."""
    users = get_user_model().objects.filter(email__iexact=address.strip())
    return {
        "email": address.strip(),
        "alerts": [
            {
                "search": alert.query_string,
                "created": _when(alert.created_at),
                "confirmed": _when(alert.confirmed_at),
                "last_sent": _when(alert.last_sent_at),
            }
            for alert in SearchAlert.objects.filter(email__iexact=address.strip())
        ],
        "suggestions": [
            {
                "tool": suggestion.page.draft_title,
                "link": suggestion.link,
                "name": suggestion.name,
                "email": suggestion.email,
                "reason": suggestion.reason,
                "received": _when(suggestion.created_at),
            }
            for suggestion in ToolSuggestion.objects.filter(
                email__iexact=address.strip()
            ).select_related("page")
        ],
        "form_submissions": [
            {
                "form": str(submission.page),
                "data": submission.form_data,
                "submitted": _when(submission.submit_time),
            }
            for submission in _submissions(address)
        ],
        "accounts": [
            {
                "username": user.get_username(),
                "name": user.get_full_name(),
                "email": user.email,
                "joined": _when(user.date_joined),
                "last_login": _when(user.last_login),
                "groups": sorted(user.groups.values_list("name", flat=True)),
                "saved_tools": list(
                    SavedTool.objects.filter(user=user).values_list(
                        "tool__title", flat=True
                    )
                ),
            }
            for user in users
        ],
        "feedback_comments": list(
            ToolFeedback.objects.filter(comment__icontains=address.strip()).values_list(
                "comment", flat=True
            )
        ),
        "logged_searches": [
            *Query.objects.filter(query_string__icontains=address.strip()).values_list(
                "query_string", flat=True
            ),
            *ZeroResultQuery.objects.filter(
                query_string__icontains=address.strip()
            ).values_list("query_string", flat=True),
        ],
    }


@transaction.atomic
def erase(address):
    """Deletes or anonymises everything export() finds; returns
    {kind: count}. Suggested drafts stay (they are the editors' now), their
    sender's name, e-mail and reason do not; accounts are deleted with
    their saved tools."""
    address = address.strip()
    alerts, _kinds = SearchAlert.objects.filter(email__iexact=address).delete()
    suggestions = ToolSuggestion.objects.filter(email__iexact=address).update(
        name="", email="", reason=""
    )
    submissions = _submissions(address)
    FormSubmission.objects.filter(pk__in=[s.pk for s in submissions]).delete()
    users = list(get_user_model().objects.filter(email__iexact=address))
    for user in users:
        user.delete()
    comments = ToolFeedback.objects.filter(comment__icontains=address).update(
        comment=""
    )
    queries, _kinds = Query.objects.filter(query_string__icontains=address).delete()
    zero, _kinds = ZeroResultQuery.objects.filter(
        query_string__icontains=address
    ).delete()
    return {
        "alerts": alerts,
        "suggestions": suggestions,
        "form_submissions": len(submissions),
        "accounts": len(users),
        "feedback_comments": comments,
        "logged_searches": queries + zero,
    }


def is_empty(found):
    return not any(value for key, value in found.items() if key != "email")
