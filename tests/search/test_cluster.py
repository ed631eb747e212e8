"""Losing one node of a two-node Elasticsearch cluster while visitors search
and an editor publishes (issue 13, "Beyond one machine").

The cluster comes from `scripts/elasticsearch cluster-start` with its own
ports and folders, so the suite's single server is never touched. The index
gets one replica there (search.indexing.replica_count). The test kills the
elected master with SIGKILL: in a two-node cluster it is the only node in the
voting configuration, so losing it is the worst single loss. The survivor
cannot elect a master; with `cluster.no_master_block=write` it still answers
searches from its own shard copies, but refuses every write until the master
is back. So visitors must see no error, and the portal's index updates must
wait in its durable queue (PendingIndexUpdate) and be written by the catch-up
loop (`search.tasks.watch`, production's `indexer` service) once the cluster
is green again. Killing the other node instead would only turn the cluster
yellow: the master promotes the replica and writes go on.

Run with -s to see what was measured."""

import http.client
import os
import subprocess
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.db import connection
from django.test import override_settings

import pytest

from search import indexing
from search.client import _client, admin_client, alias_name
from search.documents import doc_id
from search.models import PendingIndexUpdate
from search.service import reset_fallback, search
from search.tasks import watch
from search.types import TOOL
from tests.conftest import missing_service
from tests.factories import make_tool
from tests.search.conftest import clear_search_caches, es_settings

pytestmark = [
    pytest.mark.elasticsearch,
    # The SQLite test database lives in memory with a shared cache, where
    # concurrent connections fail at once with "database table is locked":
    # a harness limit, not the embedded site's (a WAL file, see
    # tests/portal/test_sqlite_concurrency.py). The PostgreSQL pass runs it.
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: eight visitors, an editor and the indexer at once",
    ),
]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "elasticsearch"
PORT = int(os.environ.get("ES_CLUSTER_PORT", "9260"))
TRANSPORT_PORT = int(os.environ.get("ES_CLUSTER_TRANSPORT_PORT", "9350"))
CLIENTS = 8
PAGES = ["/soeg/", "/vaerktoejer/"]
QUERIES = ["sidemandsoplæring", "kvalitetstavle", "robotcelle", "ledere", "svejsning"]
# Printed on a results page when the database answered instead.
FALLBACK_MARK = "i en enklere udgave"
OUTAGE_SECONDS = 10
CATCH_UP_LIMIT = 5.0
# The catch-up loop runs in slices so it can be stopped; each slice starts
# with one reconciliation, as `search_index watch` does when it starts.
WATCH_SLICE = 15.0
# Production's task backend: a publish only queues the drain, so an editor
# never waits for Elasticsearch (the test default drains in the editor's
# thread and would hold every publish for the write timeout meanwhile).
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


class Cluster:
    """Two nodes from scripts/elasticsearch, in a folder of this run's own."""

    def __init__(self):
        self.env = {
            **os.environ,
            "ES_RUN_DIR": f"/tmp/vaerktoejskassen-es-{uuid.uuid4().hex[:8]}",
            "ES_CLUSTER_PORT": str(PORT),
            "ES_CLUSTER_TRANSPORT_PORT": str(TRANSPORT_PORT),
        }
        self.urls = f"http://127.0.0.1:{PORT},http://127.0.0.1:{PORT + 1}"

    def run(self, action, **env):
        return subprocess.run(
            [str(SCRIPT), action],
            env={**self.env, **env},
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def kill(self, node):
        self.run("node-stop", ES_NODE=str(node), ES_SIGNAL="KILL")

    def start(self, node):
        self.run("node-start", ES_NODE=str(node))


def answers(port):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)  # noqa: S310
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def cluster():
    if answers(PORT) or answers(PORT + 1):
        missing_service(
            f"ports {PORT}-{PORT + 1} are taken: stop what runs there or set "
            f"ES_CLUSTER_PORT"
        )
    cluster = Cluster()
    try:
        urls = cluster.run("cluster-start")
    except subprocess.CalledProcessError as error:
        subprocess.run([str(SCRIPT), "cluster-stop"], env=cluster.env, check=False)
        missing_service(
            f"a two-node Elasticsearch cluster did not start: {error.stderr[-800:]}"
        )
    assert urls == cluster.urls
    yield cluster
    subprocess.run(
        [str(SCRIPT), "cluster-stop"], env=cluster.env, check=False, capture_output=True
    )


@dataclass
class Traffic:
    """What the visitors got: counted under a lock by every client thread."""

    requests: int = 0
    server_errors: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    fallbacks: int = 0
    max_latency: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, path, status, seconds, body):
        with self.lock:
            self.requests += 1
            self.max_latency = max(self.max_latency, seconds)
            if status >= 500:
                self.server_errors.append((path, status))
            if FALLBACK_MARK in body:
                self.fallbacks += 1


def visitor(base, number, traffic, stop):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    turn = number
    while not stop.is_set():
        page = PAGES[turn % len(PAGES)]
        query = QUERIES[turn % len(QUERIES)]
        path = f"{page}?q={quote(query)}"
        turn += 1
        started = time.monotonic()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            with traffic.lock:
                traffic.failures.append((path, repr(error)))
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            continue
        traffic.record(path, response.status, time.monotonic() - started, body)
    conn.close()


def editor(published, errors, stop):
    """Publishes a tool every half second. The publish queues its index
    update and a drain task (production's task backend); no task worker runs
    here, so the catch-up loop alone writes the queue to the index."""
    number = 0
    try:
        while not stop.is_set():
            number += 1
            started = time.monotonic()
            try:
                tool = make_tool(title=f"Klyngeprøve {number}: kvalitetstavle")
            except Exception as error:  # noqa: BLE001 - reported by the test
                errors.append(repr(error))
            else:
                published.append((tool.pk, started, time.monotonic() - started))
            stop.wait(0.5)
    finally:
        connection.close()


def catch_up_loop(stop):
    try:
        while not stop.is_set():
            watch(interval=0.5, reconcile_every=3600, stop_after=WATCH_SLICE)
    finally:
        connection.close()


def searchable(pks):
    """The given tools that an Elasticsearch search finds now (the search
    API sees only refreshed documents, as visitors do)."""
    ids = [doc_id(TOOL, pk) for pk in pks]
    response = admin_client().search(
        index=alias_name(), query={"ids": {"values": ids}}, size=len(ids), source=False
    )
    return {hit["_id"] for hit in response["hits"]["hits"]} == set(ids)


def node_number(name):
    return int(name.rsplit("-", 1)[1])


def test_losing_a_node_keeps_search_up_and_loses_no_update(
    cluster, live_server, site_tree
):
    for title in [
        "Sidemandsoplæring ved linjen",
        "Kvalitetstavle for holdledere",
        "Robotcelle tjekliste til nattevagten",
        "Svejsning med cobots for ledere",
    ]:
        make_tool(title=title)
    _client.cache_clear()
    clear_search_caches()
    with (
        es_settings(cluster.urls),
        override_settings(
            SEARCH_RETRY_BASE=0.5, SEARCH_RETRY_MAX=2, TASKS=DATABASE_TASKS
        ),
    ):
        try:
            run_failover(cluster, live_server.url)
        finally:
            indexing.delete_all()
            _client.cache_clear()
            reset_fallback()


def run_failover(cluster, base):
    client = admin_client()
    indexing.rebuild(progress=False)
    index = indexing.alias_targets(client)[0]
    replicas = client.indices.get_settings(
        index=index, name="index.number_of_replicas"
    )[index]["settings"]["index"]["number_of_replicas"]
    assert replicas == "1"
    assert client.cluster.health(index=index)["status"] == "green"
    assert search("kvalitetstavle", log=False).backend == "elasticsearch"

    master = client.cat.master(format="json")[0]["node"]
    primary = next(
        shard["node"]
        for shard in client.cat.shards(index=index, format="json")
        if shard["prirep"] == "p"
    )

    traffic, published, editor_errors = Traffic(), [], []
    stop_visitors, stop_editor, stop_watch = (threading.Event() for _ in range(3))
    threads = [
        threading.Thread(target=visitor, args=(base, n, traffic, stop_visitors))
        for n in range(CLIENTS)
    ]
    publisher = threading.Thread(
        target=editor, args=(published, editor_errors, stop_editor)
    )
    catcher = threading.Thread(target=catch_up_loop, args=(stop_watch,))
    for thread in [*threads, publisher, catcher]:
        thread.start()
    queued_peak = 0
    try:
        time.sleep(3)
        killed_at = time.monotonic()
        cluster.kill(node_number(master))
        while time.monotonic() - killed_at < OUTAGE_SECONDS:
            queued_peak = max(queued_peak, PendingIndexUpdate.objects.count())
            time.sleep(0.5)
        published_in_outage = sum(1 for _pk, at, _s in published if at >= killed_at)
        cluster.start(node_number(master))
        queued_peak = max(queued_peak, PendingIndexUpdate.objects.count())
        health = client.cluster.health(
            index=alias_name(), wait_for_status="green", timeout="120s"
        )
        green_at = time.monotonic()
        assert health["status"] == "green", health
        stop_editor.set()
        publisher.join(timeout=30)
        pks = [pk for pk, _at, _s in published]
        caught_up = None
        while time.monotonic() - green_at <= CATCH_UP_LIMIT:
            if searchable(pks):
                caught_up = time.monotonic() - green_at
                break
            time.sleep(0.1)
        # The rows go once a drain has written them (a reconciliation may
        # have been first): give the loop its next turns.
        drained_by = time.monotonic() + 10
        while PendingIndexUpdate.objects.exists() and time.monotonic() < drained_by:
            time.sleep(0.2)
    finally:
        stop_visitors.set()
        stop_editor.set()
        stop_watch.set()
        for thread in [*threads, publisher]:
            thread.join(timeout=60)
        catcher.join(timeout=WATCH_SLICE + 30)

    print(
        f"\n  killed: {master} (elected master; primary shard on {primary})"
        f"\n  {'requests':>9} {'5xx':>5} {'fallbacks':>9} {'max latency':>12} "
        f"{'published':>9} {'in outage':>9} {'slowest publish':>15} "
        f"{'queued peak':>11} {'catch-up':>9}"
        f"\n  {traffic.requests:>9} {len(traffic.server_errors):>5} "
        f"{traffic.fallbacks:>9} {traffic.max_latency:>11.2f}s "
        f"{len(published):>9} {published_in_outage:>9} "
        f"{max((s for _pk, _at, s in published), default=0):>14.2f}s "
        f"{queued_peak:>11} "
        f"{'-' if caught_up is None else f'{caught_up:.2f}s':>9}"
    )
    assert not editor_errors
    assert traffic.requests > 0
    assert traffic.server_errors == []
    assert traffic.failures == []
    # The outage did hold updates back: they waited in the queue...
    assert queued_peak > 0
    # ...and the catch-up loop wrote every one of them.
    assert caught_up is not None, (
        f"not every published tool was searchable {CATCH_UP_LIMIT} s after green"
    )
    assert not PendingIndexUpdate.objects.exists()
