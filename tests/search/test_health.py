"""/sundhed/ tells an operator when nothing drains the task queue or the
index updates (issue 13: a publish is searchable only while a worker runs)."""

from datetime import timedelta

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest

from search.models import PendingIndexUpdate
from search.service import search
from tests.factories import make_tool

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
MONITORING_TOKEN = "overvaagning-test-token"  # noqa: S105 - test-only token


@pytest.fixture(autouse=True)
def health_token(settings):
    # The figures are for monitoring (portal.health); these tests read them.
    settings.HEALTH_TOKEN = MONITORING_TOKEN


def health(client):
    response = client.get("/sundhed/", HTTP_X_HEALTH_TOKEN=MONITORING_TOKEN)
    assert response["Cache-Control"].startswith("max-age=0")
    return response.status_code, response.json()


@pytest.mark.django_db
def test_health_is_ok_with_nothing_waiting(client):
    status, body = health(client)
    assert status == 200
    assert body["status"] == "ok"
    assert body["database"] is True
    # The embedded default runs tasks in-process: there is no queue to age.
    assert body["tasks"] is None
    assert body["search_index"] == {
        "waiting": 0,
        "oldest_seconds": None,
        "lagging": False,
    }


@pytest.mark.django_db
@override_settings(SEARCH_LAG_WARNING=60)
def test_old_index_updates_make_the_site_degraded_not_down(client):
    PendingIndexUpdate.objects.create(key="tool-1")
    assert health(client)[1]["status"] == "ok", "a fresh update is not a lag"

    PendingIndexUpdate.objects.update(queued_at=timezone.now() - timedelta(minutes=2))
    status, body = health(client)
    # Still serving: a load balancer must not take the node out for this.
    assert status == 200
    assert body["status"] == "degraded"
    assert body["search_index"]["waiting"] == 1
    assert body["search_index"]["oldest_seconds"] >= 120
    assert body["search_index"]["lagging"] is True


def test_without_a_worker_a_publish_waits_and_health_says_so(
    es_index, client, django_capture_on_commit_callbacks, monkeypatch
):
    """Production's task backend: the publish is queued, the page is not
    searchable, /sundhed/ turns degraded once it waited past the limit, and
    a db_worker run makes it searchable and the site healthy again."""
    with override_settings(TASKS=DATABASE_TASKS, SEARCH_LAG_WARNING=60):
        with django_capture_on_commit_callbacks(execute=True):
            tool = make_tool(title="Tjekliste til skifteholdsmødet")
        es_index.refresh()
        assert search("skifteholdsmødet", log=False).hits == []

        body = health(client)[1]
        assert body["tasks"]["waiting"] >= 1
        assert body["status"] == "ok", "just queued is not yet a lag"

        from django_tasks_db.models import DBTaskResult

        old = timezone.now() - timedelta(minutes=5)
        DBTaskResult.objects.update(enqueued_at=old)
        PendingIndexUpdate.objects.update(queued_at=old)
        body = health(client)[1]
        assert body["status"] == "degraded"
        assert body["tasks"]["lagging"] is True
        assert body["tasks"]["oldest_seconds"] >= 300

        # Between tasks db_worker drops any connection not in autocommit mode,
        # as a request does; this test's connection holds the test's
        # transaction, so that housekeeping (and only it) is left out here.
        monkeypatch.setattr(
            "django_tasks_db.management.commands.db_worker.close_old_connections",
            lambda: None,
        )
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
        es_index.refresh()
        assert [hit.title for hit in search("skifteholdsmødet", log=False).hits] == [
            tool.title
        ]
        body = health(client)[1]
        assert body["tasks"]["waiting"] == 0
        assert body["search_index"]["waiting"] == 0
        assert body["status"] == "ok"


@pytest.mark.django_db
@override_settings(SEARCH_LAG_WARNING=60)
def test_editors_see_a_warning_on_the_dashboard_while_updates_wait(client):
    from tests.factories import make_editor, make_partner, make_partner_editor

    editor = make_editor("redaktoer-lag")
    partner_editor = make_partner_editor(make_partner("Lagpartner"))
    PendingIndexUpdate.objects.create(key="tool-1")

    def dashboard():
        response = client.get("/admin/")
        assert response.status_code == 200
        return response.content.decode()

    client.force_login(editor)
    assert "Søgningen er bagud" not in dashboard()

    PendingIndexUpdate.objects.update(queued_at=timezone.now() - timedelta(minutes=3))
    page = dashboard()
    assert "Søgningen er bagud" in page
    assert "ventet i 3 minutter" in page

    # Partner editors cannot act on it; the warning is for the editors.
    client.force_login(partner_editor)
    assert "Søgningen er bagud" not in dashboard()
