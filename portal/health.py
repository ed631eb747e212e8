"""`/sundhed/`: whether this web node can serve, and how far the background
work lags. A load balancer reads the status code (503 only when the
database is gone); monitoring reads `status` in the JSON, which turns
"degraded" when tasks or index updates wait longer than
`SEARCH_LAG_WARNING` seconds, the search cluster is not green or the shared
cache (REDIS_URL) is unreachable: pages are then served uncached
(core.cache), slower but right.

Anyone gets the status alone; the figures behind it (queue sizes move when
editors publish) go to staff and to requests that carry HEALTH_TOKEN in the
X-Health-Token header."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Min
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from django_tasks_db.models import DBTaskResult, get_date_max

from core.cache import cache_status
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


def may_see_details(request):
    token = getattr(settings, "HEALTH_TOKEN", "")
    given = request.headers.get("X-Health-Token", "")
    if token and given and constant_time_compare(given, token):
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_active and user.is_staff)


def _answer(request, details, status=200):
    body = details if may_see_details(request) else {"status": details["status"]}
    response = JsonResponse(body, status=status)
    patch_vary_headers(response, ["Cookie", "X-Health-Token"])
    return response


@never_cache
@require_safe
def health(request):
    if not _database_ok():
        return _answer(request, {"status": "down", "database": False}, status=503)
    tasks = task_backlog()
    index = index_backlog()
    cluster = cluster_status()
    cache = cache_status()
    degraded = (
        index.lagging
        or (tasks is not None and tasks.lagging)
        or cluster not in (None, "green")
        or cache == "unreachable"
    )
    return _answer(
        request,
        {
            "status": "degraded" if degraded else "ok",
            "database": True,
            "tasks": None if tasks is None else tasks.as_dict(),
            "search_index": index.as_dict(),
            "search_cluster": cluster,
            "cache": cache,
        },
    )
