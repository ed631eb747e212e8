"""Live index updates, run as Django tasks after the transaction commits."""

import logging
import time

from django.conf import settings
from django.db import transaction

from django_tasks import task

from search.client import get_client, is_configured

logger = logging.getLogger("search")

RETRY_DELAYS = (0.25, 1.0)
SYNC_TIMEOUT = 10.0


@task()
def sync_documents(keys):
    """Re-reads each page ("tool-12", "case-7") and indexes or deletes it.
    Idempotent, retried on failure, and never raises: a failed update is
    logged and `search_index sync` repairs it."""
    from search.indexing import update_documents

    for attempt in range(len(RETRY_DELAYS) + 1):
        try:
            return update_documents(keys, client=get_client(timeout=SYNC_TIMEOUT))
        except Exception as error:  # noqa: BLE001 - logged, retried, never raised
            if attempt < len(RETRY_DELAYS):
                logger.warning(
                    "search sync of %s failed (%s), retrying", keys[:5], error
                )
                time.sleep(RETRY_DELAYS[attempt])
            else:
                logger.exception(
                    "search sync of %d documents failed; run `manage.py "
                    "search_index sync` to repair",
                    len(keys),
                )
    return 0


def schedule_sync(keys):
    """Enqueues a sync of keys once the current transaction commits, unless
    live indexing is switched off (SEARCH_LIVE_INDEXING) or no Elasticsearch
    is configured. Never raises into the caller (publishing)."""
    keys = sorted(set(keys))
    if not keys or not settings.SEARCH_LIVE_INDEXING or not is_configured():
        return

    def enqueue():
        try:
            sync_documents.enqueue(keys)
        except Exception:  # noqa: BLE001 - publishing must not fail
            logger.exception("could not enqueue search sync of %s", keys[:5])

    transaction.on_commit(enqueue)
