"""Several web workers share one cache when REDIS_URL is set (issue 13).

Each worker here is a separate Python process configured as a worker is
(REDIS_URL in its environment), talking to a real redis-server started by
scripts/redis. One is killed with SIGKILL between two flushes."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import urllib.parse
from pathlib import Path

from django.test import override_settings

import pytest

from portal.settings.base import redis_caches
from tests.conftest import missing_service
from tests.factories import make_tool
from toolbox.engagement import flush_stats
from toolbox.models import ToolStats

ROOT = Path(__file__).resolve().parents[2]
WORKER = textwrap.dedent(
    """
    import json, os, signal, sys
    import django
    django.setup()
    from django.test import RequestFactory
    from core.ratelimit import hit_rate_limit
    from toolbox.engagement import count_view

    job = json.loads(sys.argv[1])
    request = RequestFactory().get("/vaerktoejer/x/")
    tool = type("Tool", (), {"pk": job["tool"]})()
    for _ in range(job["views"]):
        count_view(request, tool)
    limited = [
        hit_rate_limit("feedback", "one-client", job["limit"], 3600)
        for _ in range(job["attempts"])
    ]
    print(json.dumps(limited), flush=True)
    if job.get("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.fixture
def redis_url():
    url = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL")
    if not url:
        missing_service("no Redis: set TEST_REDIS_URL or run scripts/redis start")
    # The test's own database number, so a developer's cache is left alone.
    parts = urllib.parse.urlsplit(url)
    url = urllib.parse.urlunsplit(parts._replace(path="/13"))
    with override_settings(CACHES=redis_caches(url)):
        from django.core.cache import caches

        try:
            caches["default"].clear()
        except Exception as error:  # redis.ConnectionError and friends
            missing_service(f"Redis at {url} does not answer: {error}")
        yield url
        caches["default"].clear()


def run_worker(redis_url, **job):
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        # One bucket for the whole test: nothing is flushed by the workers.
        "TOOL_STATS_FLUSH_INTERVAL": "3600",
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", WORKER, json.dumps(job)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if job.get("die"):
        assert done.returncode == -signal.SIGKILL, done.stderr
    else:
        assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.redis
@pytest.mark.django_db
def test_two_workers_share_one_rate_limit_and_one_set_of_counters(redis_url, settings):
    settings.TOOL_STATS_FLUSH_INTERVAL = 3600
    tool = make_tool(title="Værktøj talt af to arbejdere")

    first = run_worker(redis_url, tool=tool.pk, views=5, attempts=3, limit=4)
    # A killed worker: its counts were only in Redis, never in its memory.
    second = run_worker(redis_url, tool=tool.pk, views=3, attempts=2, limit=4, die=True)

    assert first == [False, False, False]
    # The fifth attempt is over the limit of four, though this worker made
    # only its second: the workers count as one.
    assert second == [False, True]

    assert flush_stats() == 1
    stats = ToolStats.objects.get(tool=tool)
    assert stats.views == 8, "no view lost to the killed worker"
    assert flush_stats() == 0, "a count is applied once"
