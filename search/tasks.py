"""Live index updates through a durable queue.

A change to a page writes a PendingIndexUpdate row in the change's own
transaction. After the commit a task drains the queue: it re-reads every due
page and indexes or deletes its document, and deletes the rows only when the
index has taken them. A failure leaves the rows with an exponential backoff;
they are retried by the next drain, by the task itself when the task
backend can defer it, and by `search_index watch`, which also reconciles the
whole index against the database now and then."""

import logging
import time
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from django_tasks import task

from search.backends.database import update_search_text
from search.client import get_client, is_configured
from search.indexing import sync, update_documents
from search.models import PendingIndexUpdate

logger = logging.getLogger("search")

SYNC_TIMEOUT = 10.0
BATCH_SIZE = 500


def retry_delay(attempts):
    """Seconds before the next try after `attempts` failures: doubling from
    SEARCH_RETRY_BASE up to SEARCH_RETRY_MAX."""
    base = settings.SEARCH_RETRY_BASE
    return min(settings.SEARCH_RETRY_MAX, base * 2 ** max(0, attempts - 1))


def schedule_sync(keys):
    """The one entry point for "these documents changed". Rewrites their
    database search text at once, and queues them for the Elasticsearch
    index in the current transaction, draining the queue once it commits,
    unless live indexing is switched off (SEARCH_LIVE_INDEXING) or no
    Elasticsearch is configured."""
    keys = sorted(set(keys))
    if not keys:
        return
    update_search_text(keys)
    if not settings.SEARCH_LIVE_INDEXING or not is_configured():
        return
    now = timezone.now()
    PendingIndexUpdate.objects.bulk_create(
        [
            PendingIndexUpdate(key=key, queued_at=now, next_attempt_at=now)
            for key in keys
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["queued_at", "next_attempt_at", "attempts", "last_error"],
    )
    transaction.on_commit(_enqueue_drain)


def _enqueue_drain(run_after=None):
    try:
        if run_after is not None:
            if not drain_index_queue.get_backend().supports_defer:
                return
            drain_index_queue.using(run_after=run_after).enqueue()
        else:
            drain_index_queue.enqueue()
    except Exception:  # noqa: BLE001 - the queue row is kept; watch retries it
        logger.exception("could not enqueue a search index drain")


@task()
def drain_index_queue():
    """Task: drains what is due now. Never raises."""
    return drain_queue()


def drain_queue(limit=BATCH_SIZE):
    """Indexes every due queued document, a batch at a time. Returns the
    number of documents the index took. On failure the batch is kept with
    a backoff (and a deferred retry when the task backend supports it)."""
    done = 0
    while True:
        batch = list(
            PendingIndexUpdate.objects.filter(
                next_attempt_at__lte=timezone.now()
            ).values_list("pk", "key", "queued_at", "attempts")[:limit]
        )
        if not batch:
            return done
        try:
            update_documents(
                [key for _pk, key, _at, _n in batch],
                client=get_client(timeout=SYNC_TIMEOUT),
            )
        except Exception as error:  # noqa: BLE001 - kept, logged, retried
            _postpone(batch, error)
            return done
        _forget(batch)
        done += len(batch)
        if len(batch) < limit:
            return done


def _forget(batch):
    # Only rows that were not queued again while the batch was indexed: a
    # newer change to the same page needs its own pass.
    by_stamp = defaultdict(list)
    for pk, _key, queued_at, _attempts in batch:
        by_stamp[queued_at].append(pk)
    for queued_at, pks in by_stamp.items():
        PendingIndexUpdate.objects.filter(pk__in=pks, queued_at=queued_at).delete()


def _postpone(batch, error):
    now = timezone.now()
    message = f"{type(error).__name__}: {error}"[:300]
    by_attempts = defaultdict(list)
    for pk, _key, _queued_at, attempts in batch:
        by_attempts[attempts + 1].append(pk)
    for attempts, pks in by_attempts.items():
        PendingIndexUpdate.objects.filter(pk__in=pks).update(
            attempts=attempts,
            next_attempt_at=now + timedelta(seconds=retry_delay(attempts)),
            last_error=message,
        )
    first = min(by_attempts)
    logger.warning(
        "search index update of %d documents failed (%s); retry %d in %.0f s",
        len(batch),
        type(error).__name__,
        first,
        retry_delay(first),
    )
    _enqueue_drain(run_after=now + timedelta(seconds=retry_delay(first)))


def watch(interval=5.0, reconcile_every=600.0, stop_after=None, stdout=None):
    """The long-running catch-up loop (`search_index watch`): drains due
    updates every `interval` seconds, so what was queued during an outage
    is indexed soon after Elasticsearch answers again, and reconciles the
    whole index against the database every `reconcile_every` seconds."""
    started = time.monotonic()
    last_reconcile = None
    while stop_after is None or time.monotonic() - started < stop_after:
        try:
            drained = drain_queue()
            if drained and stdout is not None:
                stdout.write(f"{drained} dokumenter opdateret")
            if last_reconcile is None or (
                time.monotonic() - last_reconcile >= reconcile_every
            ):
                repaired = sync()
                last_reconcile = time.monotonic()
                if repaired and stdout is not None:
                    stdout.write(f"afstemning: {len(repaired)} dokumenter rettet")
        except Exception:  # noqa: BLE001 - the loop outlives an outage
            logger.warning("search watch: the index is not reachable", exc_info=True)
        time.sleep(interval)
