"""Rate limits and login throttles are counted where every process sees them
(issue 18: without Redis each worker counted on its own, login 5 -> 15).
Without a shared cache that is the database (core.ratelimit,
RateLimitCounter); with one that is unreachable, the database too."""

import json
import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

from django.core.cache import caches
from django.db import connection
from django.utils import timezone

import pytest

from core.login import USERNAME_LIMIT, USERNAME_SCOPE
from core.models import RateLimitCounter
from core.ratelimit import hit_rate_limit, reset_rate_limit, undo_hit
from portal.settings.base import redis_caches
from tests.factories import DEFAULT_PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]
# Nothing listens on port 1: every connection is refused at once.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"
WORKER = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from core.ratelimit import hit_rate_limit

    job = json.loads(sys.argv[1])
    print(json.dumps([
        hit_rate_limit(job["scope"], job["key"], job["limit"], 900)
        for _ in range(job["attempts"])
    ]), flush=True)
    """
)


@pytest.fixture
def database_store(settings):
    settings.RATE_LIMIT_STORE = "database"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }


@pytest.mark.django_db
def test_a_process_with_an_empty_cache_sees_the_same_count(database_store):
    """Every worker's LocMemCache is its own; the count is not in it."""
    assert [hit_rate_limit("feedback", "klient", 5, 900) for _ in range(3)] == [
        False
    ] * 3
    # What another worker sees: a cache that has never counted anything.
    caches["default"].clear()

    assert [hit_rate_limit("feedback", "klient", 5, 900) for _ in range(3)] == [
        False,
        False,
        True,
    ]
    counter = RateLimitCounter.objects.get()
    assert counter.count == 6
    assert "klient" not in counter.key_hash, "keys are stored as keyed hashes"


@pytest.mark.django_db
def test_scopes_and_keys_count_apart_and_undo_and_reset_work(database_store):
    for _ in range(2):
        hit_rate_limit("login-username", "anna", 2, 900)
    assert hit_rate_limit("login-username", "bo", 2, 900) is False
    assert hit_rate_limit("login-address", "anna", 2, 900) is False

    undo_hit("login-username", "anna")
    assert hit_rate_limit("login-username", "anna", 2, 900) is False
    assert hit_rate_limit("login-username", "anna", 2, 900) is True
    reset_rate_limit("login-username", "anna")
    assert hit_rate_limit("login-username", "anna", 2, 900) is False


@pytest.mark.django_db
def test_an_ended_window_starts_again_and_ended_rows_are_purged(database_store):
    for _ in range(4):
        hit_rate_limit("feedback", "gammel", 3, 900)
    hit_rate_limit("feedback", "anden", 3, 900)
    RateLimitCounter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert hit_rate_limit("feedback", "gammel", 3, 900) is False
    # "gammel" started a new window at 1; "anden" has ended but is still there.
    assert sorted(RateLimitCounter.objects.values_list("count", flat=True)) == [1, 1]
    # A new window elsewhere clears every window that ended.
    hit_rate_limit("feedback", "ny", 3, 900)
    assert RateLimitCounter.objects.count() == 2


@pytest.mark.django_db
def test_login_is_throttled_across_per_process_caches(client, database_store):
    make_user("anna")
    for n in range(USERNAME_LIMIT):
        client.post("/login/", {"username": "anna", "password": f"gæt-{n}"})
        caches["default"].clear()

    client.post("/login/", {"username": "anna", "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in client.session


def _database_url():
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.mark.django_db(transaction=True)
def test_a_second_process_hits_the_limit_counted_by_the_first(database_store):
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite test database is in memory: no second process")
    limit = 5
    assert [hit_rate_limit(USERNAME_SCOPE, "anna", limit, 900) for _ in range(3)] == [
        False
    ] * 3
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": _database_url(),
    }
    env.pop("REDIS_URL", None)
    job = {"scope": USERNAME_SCOPE, "key": "anna", "limit": limit, "attempts": 3}
    done = subprocess.run(
        [sys.executable, "-c", WORKER, json.dumps(job)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr

    # The second process made its third attempt, the sixth in all.
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [False, False, True]
    assert hit_rate_limit(USERNAME_SCOPE, "anna", limit, 900) is True


@pytest.mark.django_db
def test_an_unreachable_shared_cache_falls_back_to_the_database(settings, client):
    """Fail safe: with Redis configured but down, limits hold (issue 18)."""
    settings.CACHES = redis_caches(UNREACHABLE_REDIS)
    settings.RATE_LIMIT_STORE = "cache"
    make_user("anna")

    answers = [hit_rate_limit("feedback", "klient", 3, 900) for _ in range(4)]
    assert answers == [False, False, False, True]
    assert RateLimitCounter.objects.get(scope="feedback").count == 4

    for n in range(USERNAME_LIMIT):
        client.post("/login/", {"username": "anna", "password": f"gæt-{n}"})
    response = client.post(
        "/login/", {"username": "anna", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    assert "For mange mislykkede loginforsøg" in response.content.decode()
