"""Every kind of personal data has a retention rule, and
`manage.py purge_personal_data` enforces them: old rows go (or lose what
points to a person), recent ones stay."""

from datetime import timedelta
from io import StringIO

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

import pytest

from privacy.retention import RULES
from search.models import SearchAlert, ZeroResultQuery
from tests.factories import make_tool, tool_index
from toolbox.models import ToolFeedback, ToolSuggestion

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=800)


def test_old_personal_data_is_purged_and_recent_data_kept(form_page):
    tool_index()
    tool = make_tool()
    draft = make_tool(title="Kladde", publish=False)
    recent = timezone.now() - timedelta(days=1)
    for when, tag in ((LONG_AGO, "old"), (recent, "new")):
        SearchAlert.objects.create(email=f"{tag}-u@x.dk", created_at=when)
        SearchAlert.objects.create(
            email=f"{tag}-c@x.dk",
            query_string="q=a",
            created_at=when,
            confirmed_at=when,
            last_sent_at=when,
        )
        FormSubmission.objects.create(
            page=form_page, form_data={"e_mail": f"{tag}@x.dk"}
        )
        FormSubmission.objects.filter(form_data__e_mail=f"{tag}@x.dk").update(
            submit_time=when
        )
        ToolFeedback.objects.create(
            tool=tool, helpful=True, comment=tag, client_key=tag, created_at=when
        )
        query = Query.get(f"{tag} søgning")
        QueryDailyHits.objects.create(query=query, date=when.date(), hits=1)
        ZeroResultQuery.objects.create(query_string=f"{tag} intet", last_seen=when)
    ToolSuggestion.objects.create(
        page=draft,
        reason="gammel",
        name="Gammel",
        email="old@x.dk",
        created_at=LONG_AGO,
    )
    old_session = SessionStore()
    old_session["x"] = 1
    old_session.create()
    Session.objects.filter(pk=old_session.session_key).update(expire_date=LONG_AGO)

    out = StringIO()
    call_command("purge_personal_data", stdout=out)

    assert set(SearchAlert.objects.values_list("email", flat=True)) == {
        "new-u@x.dk",
        "new-c@x.dk",
    }
    assert [s.form_data["e_mail"] for s in FormSubmission.objects.all()] == ["new@x.dk"]
    assert sorted(ToolFeedback.objects.values_list("comment", "client_key")) == [
        ("", ""),
        ("new", "new"),
    ]
    assert ToolFeedback.objects.count() == 2  # the answers still count
    assert list(Query.objects.values_list("query_string", flat=True)) == ["new søgning"]
    assert list(ZeroResultQuery.objects.values_list("query_string", flat=True)) == [
        "new intet"
    ]
    suggestion = ToolSuggestion.objects.get()
    assert (suggestion.name, suggestion.email, suggestion.reason) == ("", "", "")
    assert not Session.objects.filter(pk=old_session.session_key).exists()
    for rule in RULES:
        assert rule.kind in out.getvalue()


def test_purge_can_be_enqueued_for_the_worker():
    out = StringIO()
    call_command("purge_personal_data", "--enqueue", stdout=out)
    assert "Sat i kø" in out.getvalue()
