"""Live sync: publishing, unpublishing, moving, deleting and renaming update
the Elasticsearch index after the transaction commits; drafts never do."""

import logging

from django.test import override_settings

import pytest

from search.service import search
from tests.factories import make_case, make_partner, make_sector, make_tool

pytestmark = pytest.mark.elasticsearch


def titles(query, **kwargs):
    return [hit.title for hit in search(query, log=False, **kwargs).hits]


def hits(query):
    return search(query, log=False).hits


def test_publish_makes_a_tool_searchable(es_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tool = make_tool(title="Lommeguide til cobots")
    assert callbacks, "the sync is enqueued on commit, not during the transaction"
    es_index.refresh()
    assert titles("cobots") == [tool.title]


def test_an_indexed_publish_is_searchable_under_a_new_content_generation(
    es_index, django_capture_on_commit_callbacks
):
    """Anything cached per content generation after the publish but before
    the index took it was answered without it: the index update starts a
    generation of its own, and only once the change is searchable."""
    from core.fragments import content_generation

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tool = make_tool(title="Lommeguide til exoskeletter")
    published = content_generation()
    assert titles("exoskeletter") == []
    for callback in callbacks:
        callback()
    assert content_generation() != published
    assert titles("exoskeletter") == [tool.title]  # no refresh asked for


def test_a_cached_listing_takes_a_publish_once_the_index_has_it(
    es_index, client, django_capture_on_commit_callbacks
):
    """Listings answered by Elasticsearch are cached per content generation
    like the rest: one cached while the index still lacks a new tool gives
    way as soon as the index update has made it searchable."""
    from search.tasks import drain_queue

    with django_capture_on_commit_callbacks(execute=True):
        first = make_tool(title="Første værktøj i listen")
    listing = first.get_parent().url
    assert first.title in client.get(listing).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        new = make_tool(title="Værktøj som indekset tager senere")
    for callback in callbacks:  # the commit, but not yet the index update
        if callback.__module__ != "search.tasks":
            callback()
    assert new.title not in client.get(listing).content.decode()
    assert new.title not in client.get(listing).content.decode()  # cached
    drain_queue()
    assert new.title in client.get(listing).content.decode()


def test_nothing_is_indexed_before_the_commit(
    es_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        make_tool(title="Ubekræftet værktøj om exoskeletter")
    es_index.refresh()
    assert titles("exoskeletter") == []


def test_drafts_are_never_indexed(es_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_tool(title="Kladde om hologrammer", publish=False)
        tool = make_tool(title="Guide til droner")
        tool.title = "Guide til droner og hologrammer"
        tool.save_revision()  # a draft of a live page
    es_index.refresh()
    assert titles("hologrammer") == []
    assert titles("droner") == ["Guide til droner"]


def test_unpublish_and_delete_remove_documents(
    es_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = make_tool(title="Plakat om vision")
        second = make_tool(title="Plakat om visionsarbejde")
    es_index.refresh()
    assert len(titles("plakat")) == 2
    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
    es_index.refresh()
    assert titles("plakat") == [second.title]
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    es_index.refresh()
    assert titles("plakat") == []


def test_sector_rename_updates_dependents(es_index, django_capture_on_commit_callbacks):
    sector = make_sector("Landbrug")
    with django_capture_on_commit_callbacks(execute=True):
        tool = make_tool(title="Kom godt i gang", sectors=[sector])
    with django_capture_on_commit_callbacks(execute=True):
        sector.name = "Akvakultur"
        sector.save()
    es_index.refresh()
    assert tool.title in titles("akvakultur")


def test_partner_rename_and_move_update_dependents(
    es_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        partner = make_partner("Gammelnavn ApS")
        other = make_partner("Andet Firma")
        tool = make_tool(partner, title="Værktøj om laserskæring")
    with django_capture_on_commit_callbacks(execute=True):
        partner.title = "Kvantefabrikken ApS"
        partner.save_revision().publish()
    es_index.refresh()
    assert tool.title in titles("kvantefabrikken")
    assert [hit.partner_name for hit in hits("laserskæring")] == ["Kvantefabrikken ApS"]

    with django_capture_on_commit_callbacks(execute=True):
        tool.move(other, pos="last-child")
    es_index.refresh()
    moved = hits("laserskæring")
    assert moved[0].url.startswith(other.url)
    assert moved[0].partner_name == "Andet Firma"


def test_a_new_case_updates_how_often_its_tool_is_used(
    es_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tool = make_tool(title="Skabelon til opgaveanalyse")
        make_tool(title="Skabelon til opgavefordeling")
    with django_capture_on_commit_callbacks(execute=True):
        make_case(title="Case med analyse", tools=[tool])
    es_index.refresh()
    ranked = search("skabelon", sort="mest-brugt", kind="tool", log=False)
    assert ranked.hits[0].title == tool.title
    assert ranked.hits[0].case_count == 1


def test_a_useful_answer_moves_the_tool_in_the_most_useful_sort(
    es_index, django_capture_on_commit_callbacks
):
    from toolbox.engagement import record_feedback

    with django_capture_on_commit_callbacks(execute=True):
        first = make_tool(title="Første værktøj")
        second = make_tool(title="Andet værktøj")
    es_index.refresh()
    with django_capture_on_commit_callbacks(execute=True):
        record_feedback(second, True, "Brugbart", "client-a")
    es_index.refresh()
    assert titles("", sort="nyttigst", kind="tool")[:2] == [second.title, first.title]


def test_kill_switch_turns_live_indexing_off(
    es_index, django_capture_on_commit_callbacks
):
    with (
        override_settings(SEARCH_LIVE_INDEXING=False),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        make_tool(title="Værktøj om kvantecomputere")
    from search.models import PendingIndexUpdate

    assert not PendingIndexUpdate.objects.exists()
    assert all(callback.__module__ != "search.tasks" for callback in callbacks)
    es_index.refresh()
    assert titles("kvantecomputere") == []


def test_a_failing_index_never_breaks_publishing(
    es_index, django_capture_on_commit_callbacks, caplog, monkeypatch
):
    from search.models import PendingIndexUpdate
    from search.tasks import drain_queue

    monkeypatch.setattr(logging.getLogger("search"), "propagate", True)
    with (
        override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9"),
        caplog.at_level(logging.WARNING, logger="search"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tool = make_tool(title="Værktøj trods nedbrud")
    assert tool.live
    assert "search index update of 1 documents failed" in caplog.text
    # The update waits in the queue with a backoff instead of being dropped.
    entry = PendingIndexUpdate.objects.get(key=f"tool-{tool.pk}")
    assert entry.attempts == 1 and entry.last_error
    assert entry.next_attempt_at > entry.queued_at
    PendingIndexUpdate.objects.update(next_attempt_at=entry.queued_at)
    assert drain_queue() == 1
    assert not PendingIndexUpdate.objects.exists()
    es_index.refresh()
    assert titles("nedbrud") == [tool.title]


def test_sync_without_an_index_never_creates_one(
    elasticsearch_url, db, django_capture_on_commit_callbacks
):
    """With no index behind the alias, a live update is logged and dropped;
    the server must not auto-create an unmapped index under the alias name."""
    import uuid

    from search.client import admin_client, alias_name
    from tests.search.conftest import clear_search_caches, es_settings

    clear_search_caches()
    with es_settings(elasticsearch_url, f"test-vk-{uuid.uuid4().hex[:10]}"):
        with django_capture_on_commit_callbacks(execute=True):
            tool = make_tool(title="Værktøj uden indeks")
        assert tool.live
        client = admin_client()
        assert not client.indices.exists(index=alias_name())
        assert not client.indices.exists_alias(name=alias_name())


def test_deleting_a_case_updates_its_tools_use(
    es_index, django_capture_on_commit_callbacks
):
    """Deleting a live page unpublishes it first (Wagtail's delete action),
    which queues the case's tools while their links still exist."""
    with django_capture_on_commit_callbacks(execute=True):
        tool = make_tool(title="Skabelon til tavlemøder")
        story = make_case(title="Tavlemøder på fabrikken", tools=[tool])
    es_index.refresh()
    assert [hit.case_count for hit in hits("tavlemøder") if hit.kind == "tool"] == [1]
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    es_index.refresh()
    assert [hit.case_count for hit in hits("tavlemøder") if hit.kind == "tool"] == [0]


def test_a_failed_drain_defers_its_own_retry_on_a_task_queue(es_index):
    """With a worker queue (production's database backend) the retry is a
    deferred task at the backoff time, not only the watch loop."""
    from django.utils import timezone

    from django_tasks_db.models import DBTaskResult

    from search.models import PendingIndexUpdate
    from search.tasks import drain_queue

    queued = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    with override_settings(TASKS=queued, SEARCH_RETRY_BASE=30):
        tool = make_tool(title="Værktøj i kø")
        with override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9"):
            assert drain_queue() == 0
    entry = PendingIndexUpdate.objects.get(key=f"tool-{tool.pk}")
    assert entry.attempts == 1
    retry = DBTaskResult.objects.filter(
        task_path__endswith="drain_index_queue", run_after__isnull=False
    ).latest("enqueued_at")
    assert retry.run_after > timezone.now()
