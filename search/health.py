"""How far the search index lags behind the database.

Every change waits in `PendingIndexUpdate` until a drain has written it to
the index. Rows that stay longer than `SEARCH_LAG_WARNING` seconds mean
that nothing drains: no task worker and no `search_index watch` runs, or
Elasticsearch refuses the writes. The health endpoint and the editors'
dashboard both read it from here."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone

from wagtail.admin.ui.components import Component

from elasticsearch import ApiError, TransportError

from search.client import alias_name, get_client, is_configured
from search.models import PendingIndexUpdate


@dataclass(frozen=True)
class Backlog:
    waiting: int
    oldest_seconds: float | None

    @property
    def lagging(self):
        return (
            self.oldest_seconds is not None
            and self.oldest_seconds > settings.SEARCH_LAG_WARNING
        )

    def as_dict(self):
        return {
            "waiting": self.waiting,
            "oldest_seconds": (
                None if self.oldest_seconds is None else round(self.oldest_seconds, 1)
            ),
            "lagging": self.lagging,
        }


def backlog(queryset, field):
    """The size and age of a queue: its rows and their oldest `field`."""
    row = queryset.aggregate(waiting=Count("pk"), oldest=Min(field))
    oldest = row["oldest"]
    seconds = (timezone.now() - oldest).total_seconds() if oldest else None
    return Backlog(row["waiting"], seconds)


def index_backlog():
    return backlog(PendingIndexUpdate.objects.all(), "queued_at")


def cluster_status():
    """The colour of the portal's index (other indexes on a shared cluster
    do not count), "unreachable", or None when the site searches the
    database only."""
    if not is_configured():
        return None
    try:
        health = get_client().cluster.health(index=alias_name(), filter_path="status")
    except (ApiError, TransportError):
        return "unreachable"
    return health.get("status", "unreachable")


class IndexLagPanel(Component):
    """The editors' dashboard warning: changes wait to reach the search."""

    order = 10
    template_name = "search/admin/lag_warning.html"

    def __init__(self, backlog):
        self.backlog = backlog

    def get_context_data(self, parent_context=None):
        return {
            "backlog": self.backlog,
            "minutes": max(1, round(self.backlog.oldest_seconds / 60)),
        }


def lag_panel():
    """The warning panel while the index lags, else None."""
    backlog = index_backlog()
    return IndexLagPanel(backlog) if backlog.lagging else None
