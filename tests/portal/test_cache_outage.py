"""A Redis outage leaves the site up, uncached (issue 18: with REDIS_URL set
and Redis stopped, /, /vaerktoejer/, /soeg/, /login/ and /api/v1/tools
answered 500 while /sundhed/ said all was well).

The test runs its own redis-server (scripts/redis on its own port, 6390 or
TEST_REDIS_OUTAGE_PORT), never the shared one, and stops and starts it."""

import os
import shutil
import subprocess
import time
from pathlib import Path

from django.core.cache import caches

import pytest

from core.login import USERNAME_LIMIT
from core.models import RateLimitCounter
from portal.settings.base import redis_caches
from tests.conftest import missing_service
from tests.factories import DEFAULT_PASSWORD, make_tool, make_user

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("TEST_REDIS_OUTAGE_PORT", "6390"))
TOKEN = "overvaagning-test"  # noqa: S105 - test-only token
PAGES = ["/", "/vaerktoejer/", "/soeg/?q=tjekliste", "/login/", "/api/v1/tools"]
COOLDOWN = 0.5


class RedisServer:
    """scripts/redis on a port of the test's own, with its own run dir."""

    def __init__(self, tmp_path):
        self.env = {
            **os.environ,
            "REDIS_PORT": str(PORT),
            "REDIS_RUN_DIR": str(tmp_path / "redis"),
        }
        self.url = f"redis://127.0.0.1:{PORT}/0"

    def _script(self, action):
        return subprocess.run(
            [str(ROOT / "scripts" / "redis"), action],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def start(self):
        done = self._script("start")
        if done.returncode != 0:
            missing_service(f"redis-server did not start on {PORT}: {done.stderr}")

    def stop(self):
        assert self._script("stop").returncode == 0
        assert self._script("status").returncode != 0, "still running"


@pytest.fixture
def redis_server(tmp_path, settings):
    if not shutil.which("redis-server") or not shutil.which("redis-cli"):
        missing_service("redis-server is not installed (scripts/redis installs it)")
    server = RedisServer(tmp_path)
    if server._script("status").returncode == 0:
        # Someone else's server: stopping it is not this test's to do.
        missing_service(f"port {PORT} is taken; set TEST_REDIS_OUTAGE_PORT")
    server.start()
    settings.CACHES = redis_caches(server.url)
    settings.RATE_LIMIT_STORE = "cache"
    settings.CACHE_FAILURE_COOLDOWN = COOLDOWN
    settings.HEALTH_TOKEN = TOKEN
    try:
        yield server
    finally:
        server.stop()


def stored_keys(server):
    import redis

    client = redis.Redis.from_url(server.url)
    try:
        return client.dbsize()
    finally:
        client.close()


def health(client):
    response = client.get("/sundhed/", HTTP_X_HEALTH_TOKEN=TOKEN)
    assert response.status_code == 200
    return response.json()


def assert_pages_work(client):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)


@pytest.mark.redis
@pytest.mark.django_db
def test_pages_logins_and_limits_survive_a_redis_outage(
    redis_server, client, site_tree
):
    make_tool(title="Tjekliste til skifteholdsmødet")
    make_user("anna")
    caches["default"]

    assert_pages_work(client)
    assert stored_keys(redis_server), "pages are cached while up"
    body = health(client)
    assert (body["status"], body["cache"]) == ("ok", "ok")

    redis_server.stop()

    assert_pages_work(client)
    # Only the status for the public, and it is not "ok".
    assert client.get("/sundhed/").json() == {"status": "degraded"}
    body = health(client)
    assert (body["status"], body["cache"]) == ("degraded", "unreachable")
    # Sessions are in the database: logging in works during the outage ...
    response = client.post(
        "/login/", {"username": "anna", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.logout()
    # ... and the throttle is counted in the database, never lifted.
    for n in range(USERNAME_LIMIT):
        client.post("/login/", {"username": "anna", "password": f"gæt-{n}"})
    response = client.post(
        "/login/", {"username": "anna", "password": DEFAULT_PASSWORD}
    )
    assert "For mange mislykkede loginforsøg" in response.content.decode()
    assert RateLimitCounter.objects.filter(scope="login-username").exists()

    redis_server.start()
    time.sleep(COOLDOWN + 0.1)

    body = health(client)
    assert (body["status"], body["cache"]) == ("ok", "ok")
    assert_pages_work(client)
    assert stored_keys(redis_server), "cached again once it is back"


@pytest.mark.redis
@pytest.mark.django_db
def test_an_outage_costs_one_connection_attempt_per_cooldown(
    redis_server, client, site_tree, monkeypatch, settings
):
    """During the cool-down the server is not asked at all, so a request
    does not wait for a connect timeout on each of its cache calls."""
    from django.core.cache.backends.redis import RedisCacheClient

    settings.CACHE_FAILURE_COOLDOWN = 3  # longer than the pages take
    make_tool(title="Tjekliste til skifteholdsmødet")
    cache = caches["default"]
    redis_server.stop()
    asked = []
    get_client = RedisCacheClient.get_client

    def counting(self, *args, **kwargs):
        asked.append(1)
        return get_client(self, *args, **kwargs)

    monkeypatch.setattr(RedisCacheClient, "get_client", counting)

    assert cache.get("x") is None
    assert len(asked) == 1
    assert_pages_work(client)
    assert len(asked) == 1, "no cache call reached for the server in the cool-down"
    time.sleep(settings.CACHE_FAILURE_COOLDOWN + 0.1)
    assert cache.get("x") is None
    assert len(asked) == 2
    redis_server.start()
