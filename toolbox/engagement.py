"""Visitor engagement with tools: feedback and usage counters.

Views and downloads never write to the database inside the request. Each one
increments a counter in the cache, in a time bucket of
TOOL_STATS_FLUSH_INTERVAL seconds. The first request of a new bucket drains
the buckets that are closed (a full interval old, so no late writer is left)
and hands the aggregated counts to the `apply_tool_stats` task, which adds
them to ToolStats in one transaction. `manage.py flush_stats` drains every
bucket, the open one included, and writes at once.

Each bucket registers the counters it holds in numbered slots, taken with an
atomic `incr`, so draining never needs to scan keys and never loses a
counter to a read-modify-write race. With a per-process cache (LocMemCache)
each process counts and drains its own views; with a shared cache (Redis,
Memcached) the processes share the buckets and the drain lock.
"""

import datetime
import logging
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, Sum
from django.utils import timezone

from django_tasks import task

from core.admin_scope import pages_in_scope, partners_edited_by, sees_all_content
from toolbox.downloads import tools_using_document
from toolbox.models import ToolFeedback, ToolPage, ToolStats

logger = logging.getLogger(__name__)

VIEW = "v"
DOWNLOAD = "d"
KINDS = {VIEW: "views", DOWNLOAD: "downloads"}
PREFIX = "toolstats"
FEEDBACK_LIMIT = 5
FEEDBACK_WINDOW = 60 * 60


def stats_cache():
    return caches[getattr(settings, "TOOL_STATS_CACHE", "default")]


def flush_interval():
    return max(1, int(getattr(settings, "TOOL_STATS_FLUSH_INTERVAL", 60)))


def _now():
    return time.time()


# Usage counters


BOT_MARKERS = ("bot", "crawl", "spider", "slurp", "preview", "monitor")


def is_bot(request):
    """Crawlers announce themselves in the user agent; they are not readers."""
    agent = request.META.get("HTTP_USER_AGENT", "").lower()
    return any(marker in agent for marker in BOT_MARKERS)


def count_view(request, tool):
    """Counts one page view of tool; previews, crawlers and non-GET requests
    don't."""
    if (
        request.method != "GET"
        or getattr(request, "is_preview", False)
        or is_bot(request)
    ):
        return
    _safely_count(VIEW, tool.pk)


TOOL_PARAM = "vaerktoej"


def count_document_download(request, document):
    """Counts a served document as a download of the live tools that use
    it, or of the one tool named in ?vaerktoej= (the download link sets it).
    HEAD requests and ranges after the first byte (PDF viewers fetch a file
    in pieces) don't count."""
    if request.method != "GET" or is_bot(request):
        return
    byte_range = request.META.get("HTTP_RANGE", "").replace(" ", "")
    if byte_range and not byte_range.startswith("bytes=0-"):
        return
    try:
        tool_ids = tools_using_document(document)
        requested = request.GET.get(TOOL_PARAM, "")
        if requested.isdigit() and int(requested) in tool_ids:
            tool_ids = {int(requested)}
        for tool_id in tool_ids:
            _count(DOWNLOAD, tool_id)
    except Exception:
        logger.exception("Could not count a download of document %s", document.pk)


def _safely_count(kind, tool_id):
    # A cache or task-queue fault costs a count, never the visitor's page.
    try:
        _count(kind, tool_id)
    except Exception:
        logger.exception("Could not count %s for tool %s", KINDS[kind], tool_id)


def _bucket(at=None):
    return int((at if at is not None else _now()) // flush_interval())


def _key_ttl():
    # Undrained counts survive a day without traffic and without the command.
    return max(24 * 60 * 60, 3 * flush_interval())


def _count(kind, tool_id):
    cache = stats_cache()
    bucket = _bucket()
    ttl = _key_ttl()
    counter = f"{PREFIX}:{bucket}:{kind}:{tool_id}"
    try:
        if cache.add(counter, 1, timeout=ttl):
            slots = f"{PREFIX}:{bucket}:n"
            cache.add(slots, 0, timeout=ttl)
            slot = cache.incr(slots)
            cache.set(f"{PREFIX}:{bucket}:slot:{slot}", f"{kind}:{tool_id}", ttl)
        else:
            cache.incr(counter)
    except ValueError:
        # The counter expired between add and incr; one lost view is fine.
        return
    if cache.add(f"{PREFIX}:{bucket}:opened", 1, timeout=ttl):
        _schedule_drain(bucket - 2)


def _schedule_drain(through_bucket):
    counts = drain(through_bucket)
    if counts:
        rows = [[tool_id, views, downloads] for tool_id, (views, downloads) in counts]
        transaction.on_commit(lambda: apply_tool_stats.enqueue(rows))


def drain(through_bucket=None):
    """Takes the counts of every bucket up to and including through_bucket
    (the open bucket when None) out of the cache. Returns sorted
    (tool_id, (views, downloads)) pairs."""
    cache = stats_cache()
    if through_bucket is None:
        through_bucket = _bucket()
    lock = f"{PREFIX}:drain-lock"
    if not cache.add(lock, 1, timeout=60):
        return []
    try:
        marker = f"{PREFIX}:drained-through"
        oldest = through_bucket - _key_ttl() // flush_interval()
        start = max(cache.get(marker, oldest), oldest)
        totals = defaultdict(lambda: [0, 0])
        for bucket in range(start + 1, through_bucket + 1):
            _drain_bucket(cache, bucket, totals)
        # The open bucket may still get counts after this drain: the marker
        # stops before it, so the next drain takes those too.
        cache.set(marker, max(start, min(through_bucket, _bucket() - 1)), None)
    finally:
        cache.delete(lock)
    return sorted((tool_id, tuple(values)) for tool_id, values in totals.items())


def _drain_bucket(cache, bucket, totals):
    slots_key = f"{PREFIX}:{bucket}:n"
    slot_count = cache.get(slots_key)
    if not slot_count:
        return
    slot_keys = [f"{PREFIX}:{bucket}:slot:{n}" for n in range(1, slot_count + 1)]
    entries = list(cache.get_many(slot_keys).values())
    counter_keys = [f"{PREFIX}:{bucket}:{entry}" for entry in entries]
    counts = cache.get_many(counter_keys)
    for entry in entries:
        kind, tool_id = entry.split(":")
        value = counts.get(f"{PREFIX}:{bucket}:{entry}") or 0
        totals[int(tool_id)][0 if kind == VIEW else 1] += value
    cache.delete_many([slots_key, *slot_keys, *counter_keys])


@task()
def apply_tool_stats(rows):
    """Adds drained [tool_id, views, downloads] rows to ToolStats."""
    add_usage(rows)


def add_usage(rows):
    rows = [row for row in rows if row[1] or row[2]]
    existing_tools = set(
        ToolPage.objects.filter(pk__in=[row[0] for row in rows]).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        for tool_id, views, downloads in rows:
            if tool_id not in existing_tools:
                continue  # deleted since it was viewed
            ToolStats.objects.get_or_create(tool_id=tool_id)
            ToolStats.objects.filter(tool_id=tool_id).update(
                views=F("views") + views, downloads=F("downloads") + downloads
            )
    return len(existing_tools)


def flush_stats():
    """Drains every bucket, the open one included, and writes the counts
    now. Returns the number of tools updated."""
    counts = drain(None)
    return add_usage([[tool_id, v, d] for tool_id, (v, d) in counts])


# Feedback


def wilson_lower_bound(positive, total, z=1.96):
    """The lower bound of the 95 % Wilson score interval: a cautious share
    of "yes" that ranks 40 of 45 above 2 of 2."""
    if total <= 0:
        return 0.0
    phat = positive / total
    denominator = 1 + z * z / total
    centre = phat + z * z / (2 * total)
    margin = z * math.sqrt((phat * (1 - phat) + z * z / (4 * total)) / total)
    return (centre - margin) / denominator


def record_feedback(tool, helpful, comment, key):
    """Stores one answer and updates the tool's helpful counts and score."""
    with transaction.atomic():
        feedback = ToolFeedback.objects.create(
            tool=tool, helpful=helpful, comment=comment, client_key=key
        )
        ToolStats.objects.get_or_create(tool=tool)
        stats = ToolStats.objects.select_for_update().get(tool=tool)
        if helpful:
            stats.helpful_yes += 1
        else:
            stats.helpful_no += 1
        stats.helpful_score = wilson_lower_bound(
            stats.helpful_yes, stats.helpful_yes + stats.helpful_no
        )
        stats.save(update_fields=["helpful_yes", "helpful_no", "helpful_score"])
    return feedback


# A partner's own usage


COMMENTS_SHOWN = 20
RECENT_DAYS = 30


def tools_edited_by(user):
    """The tools whose figures and comments user may read: every tool for
    editors and superusers; for a partner editor the tools under the partner
    pages they edit (drafts included, as Wagtail's subtree permissions let
    them edit those); nothing for anyone else. Every view of usage figures
    and comments outside the editors' own admin starts from this queryset."""
    if sees_all_content(user):
        return ToolPage.objects.all()
    in_own_subtrees = Q(pk__in=[])
    for path in partners_edited_by(user).values_list("path", flat=True):
        in_own_subtrees |= Q(path__startswith=path)
    return ToolPage.objects.filter(in_own_subtrees)


def case_links_model():
    # CasePageTool, reached through ToolPage's reverse relation: the cases
    # layer sits above this one and is never imported here.
    return ToolPage._meta.get_field("case_links").related_model


@dataclass
class ToolUsage:
    tool: ToolPage
    views: int = 0
    downloads: int = 0
    helpful_yes: int = 0
    helpful_no: int = 0
    comment_count: int = 0
    comments: list = field(default_factory=list)
    cases: list = field(default_factory=list)

    @property
    def answers(self):
        return self.helpful_yes + self.helpful_no

    @property
    def helpful_share(self):
        """The share of "yes" answers in whole percent, None before any."""
        if not self.answers:
            return None
        return round(100 * self.helpful_yes / self.answers)


def usage_of(tools, user):
    """One ToolUsage per tool in `tools` (a ToolPage queryset that the caller
    has already scoped with tools_edited_by): its counters, its newest
    comments and the cases that use it. A case is named only when user may
    see it listed in the admin, so another partner's draft or private case
    stays hidden."""
    links = case_links_model()
    case_model = links._meta.get_field("page").related_model
    visible_cases = pages_in_scope(case_model.objects.all(), user)
    tools = (
        tools.select_related("stats", "partner")
        .annotate(comment_count=Count("feedback", filter=~Q(feedback__comment="")))
        .prefetch_related(
            Prefetch(
                "feedback",
                queryset=ToolFeedback.objects.exclude(comment="").order_by(
                    "-created_at", "-pk"
                )[:COMMENTS_SHOWN],
                to_attr="newest_comments",
            ),
            Prefetch(
                "case_links",
                queryset=links.objects.filter(page__in=visible_cases)
                .select_related("page")
                .order_by("page__title"),
                to_attr="visible_case_links",
            ),
        )
    )
    rows = []
    for tool in tools:
        stats = getattr(tool, "stats", None)
        rows.append(
            ToolUsage(
                tool=tool,
                views=stats.views if stats else 0,
                downloads=stats.downloads if stats else 0,
                helpful_yes=stats.helpful_yes if stats else 0,
                helpful_no=stats.helpful_no if stats else 0,
                comment_count=tool.comment_count,
                comments=tool.newest_comments,
                cases=[link.page for link in tool.visible_case_links],
            )
        )
    return rows


def usage_summary(user):
    """The figures of the dashboard panel for the tools user edits. Views and
    downloads are running totals (ToolStats keeps no dates); feedback has
    dates, so it is counted for the last RECENT_DAYS days."""
    tools = tools_edited_by(user)
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    totals = tools.aggregate(
        views=Sum("stats__views", default=0),
        downloads=Sum("stats__downloads", default=0),
    )
    return {
        "tool_count": tools.count(),
        "views": totals["views"],
        "downloads": totals["downloads"],
        "recent_feedback": ToolFeedback.objects.filter(
            tool__in=tools, created_at__gte=since
        ).count(),
        "days": RECENT_DAYS,
    }
