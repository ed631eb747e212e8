"""`/sundhed/`: whether this web node can serve, and how far the background
work lags. A load balancer reads the status code (503 only when the
database is gone); monitoring reads `status` in the JSON, which turns
"degraded" when tasks or index updates wait longer than
`SEARCH_LAG_WARNING` seconds or the search cluster is not green."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from django_tasks_db.models import DBTaskResult, get_date_max

from search.health import Backlog, backlog, cluster_status, index_backlog

DATABASE_TASKS = "django_tasks_db.backend.DatabaseBackend"


def task_backlog():
    """Tasks waiting for a `db_worker`, or None when tasks run in-process
    (the embedded default), where nothing can wait."""
    if settings.TASKS["default"]["BACKEND"] != DATABASE_TASKS:
        return None
    ready = DBTaskResult.objects.ready()
    # A deferred task waits from its run_after, not from when it was queued.
    undeferred = backlog(ready.filter(run_after=get_date_max()), "enqueued_at")
    deferred = ready.exclude(run_after=get_date_max()).aggregate(due=Min("run_after"))
    ages = [undeferred.oldest_seconds]
    if deferred["due"]:
        ages.append((timezone.now() - deferred["due"]).total_seconds())
    ages = [age for age in ages if age is not None]
    waiting = ready.count()
    return Backlog(waiting, max(ages) if ages else None)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


@never_cache
@require_GET
def health(request):
    if not _database_ok():
        return JsonResponse({"status": "down", "database": False}, status=503)
    tasks = task_backlog()
    index = index_backlog()
    cluster = cluster_status()
    degraded = (
        index.lagging
        or (tasks is not None and tasks.lagging)
        or cluster not in (None, "green")
    )
    return JsonResponse(
        {
            "status": "degraded" if degraded else "ok",
            "database": True,
            "tasks": None if tasks is None else tasks.as_dict(),
            "search_index": index.as_dict(),
            "search_cluster": cluster,
        }
    )
