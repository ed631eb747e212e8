"""Search benchmark: a script, never a timed test.

    .venv/bin/python bench/search_bench.py --scale 25000

1. loads a scale data set into its own PostgreSQL database
   (`load_demo --size small --scale N`: N tools and N cases, plus the demo);
2. indexes it: the portal's Elasticsearch index (`search_index rebuild`,
   measured in a separate process for documents/s and memory), Wagtail's
   database index for the database backend, and Wagtail's modelsearch
   Elasticsearch 8 index for the peer (`update_index`);
3. runs a real server (gunicorn) per backend and drives 1 and then 8
   concurrent keep-alive clients at faceted searches for a fixed time;
4. prints one table: p50/p95/p99 latency, throughput and errors, rebuild
   documents/s and peak RSS, with the targets of issue 4 and whether each
   was met.
"""

import argparse
import collections
import http.client
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")

QUERIES = [
    "sidemandsoplæring",
    "ledelse",
    "kompetencestrategi",
    "AI",
    "produktion",
    "tjekliste",
    "kursus",
    "oplæring",
    "generativ AI",
    "læringskultur",
    "værktøj til ledere",
    "dataetik",
]
SORTS = ["relevans", "relevans", "nyeste", "mest-brugt"]

TARGETS = {
    "p95_1_client_ms": 40.0,
    "throughput_8_clients": 100.0,
    "rebuild_docs_per_s": 2000.0,
    "rebuild_peak_rss_mb": 300.0,
}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(args, env, check=True, capture=False, cwd=ROOT):
    log(" ".join(str(a) for a in args))
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        check=check,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )


def base_env(options):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": options.database_url,
            "DB_CONN_MAX_AGE": "60",
            "SEARCH_INDEX_PREFIX": options.prefix,
            "SEARCH_ANALYSIS_PROFILE": options.profile,
            "SEARCH_LIVE_INDEXING": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def es_env(options):
    return {**base_env(options), "ELASTICSEARCH_URL": options.elasticsearch_url}


def db_env(options):
    env = base_env(options)
    env.pop("ELASTICSEARCH_URL", None)
    return env


def peer_env(options):
    return {
        **es_env(options),
        "DJANGO_SETTINGS_MODULE": "bench.settings_modelsearch",
        "PEER_INDEX_PREFIX": f"{options.prefix}-peer-",
    }


def recreate_database(url):
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    admin = (
        parsed._replace(path="/postgres")
        .geturl()
        .replace("postgres://", "postgresql://")
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def load(options):
    recreate_database(options.database_url)
    env = db_env(options)
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    started = time.monotonic()
    run(
        [
            PYTHON,
            "manage.py",
            "load_demo",
            "--size",
            "small",
            "--scale",
            str(options.scale),
            "--no-index",
        ],
        env,
    )
    return time.monotonic() - started


def index_database_backend(options):
    """The database backend's own full-text table (search.SearchText)."""
    started = time.monotonic()
    run([PYTHON, "manage.py", "search_text", "rebuild"], db_env(options))
    return time.monotonic() - started


def rebuild_probe(options):
    result = run([PYTHON, "bench/rebuild_probe.py"], es_env(options), capture=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def index_peer(options):
    started = time.monotonic()
    try:
        run([PYTHON, "manage.py", "update_index"], peer_env(options))
    except subprocess.CalledProcessError as error:
        return None, f"update_index failed ({error.returncode})"
    return time.monotonic() - started, ""


def sector_slugs(options):
    code = (
        "from core.models import Sector;"
        "print(','.join(Sector.objects.values_list('slug', flat=True)))"
    )
    result = run(
        [PYTHON, "manage.py", "shell", "-c", code], db_env(options), capture=True
    )
    return [s for s in result.stdout.strip().splitlines()[-1].split(",") if s]


class Server:
    """gunicorn on 127.0.0.1:port; bench/load_test.py runs it from another
    checkout (cwd) with the Dockerfile's worker settings."""

    def __init__(
        self,
        env,
        port,
        workers,
        *,
        cwd=ROOT,
        worker_class="gthread",
        threads=2,
        ready_path="/soeg/forslag/?q=",
        extra_args=(),
    ):
        self.env, self.port, self.workers = env, port, workers
        self.cwd, self.worker_class, self.threads = cwd, worker_class, threads
        self.ready_path, self.extra_args = ready_path, list(extra_args)
        self.process = None

    def __enter__(self):
        try:
            return self._start()
        except BaseException:
            self.__exit__()
            raise

    def _start(self):
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--chdir",
                str(self.cwd),
                "--workers",
                str(self.workers),
                "--worker-class",
                self.worker_class,
                "--threads",
                str(self.threads),
                "--keep-alive",
                "30",
                "--log-level",
                "warning",
                *self.extra_args,
            ],
            cwd=self.cwd,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", self.ready_path)
                conn.getresponse().read()
                return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def make_paths(path, sectors, rng, count=400):
    paths = []
    for _ in range(count):
        params = [("q", rng.choice(QUERIES))]
        if sectors and rng.random() < 0.6:
            params.append(("sektor", rng.choice(sectors)))
        if path == "/soeg/" and rng.random() < 0.3:
            params.append(("type", rng.choice(["tool", "case"])))
        if path == "/soeg/":
            params.append(("sort", rng.choice(SORTS)))
        paths.append(f"{path}?{urllib.parse.urlencode(params)}")
    return paths


# Printed on a results page the database answered instead of Elasticsearch.
FALLBACK_MARK = b"enklere udgave"


def drive(port, paths, clients, seconds):
    """clients threads with keep-alive connections for `seconds`. Counts
    errors by kind, and the answers the database fallback gave."""
    latencies, faults, fallbacks = [], collections.Counter(), [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(offset):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        index = offset
        mine, bad, fell_back = [], collections.Counter(), 0
        while time.monotonic() < stop_at:
            path = paths[index % len(paths)]
            index += clients
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
                if response.status != 200:
                    bad[f"HTTP {response.status}"] += 1
                fell_back += FALLBACK_MARK in body
            except OSError as error:
                bad[type(error).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            faults.update(bad)
            fallbacks[0] += fell_back

    started = time.monotonic()
    run_threads(clients, client)
    elapsed = time.monotonic() - started
    if faults:
        log(f"errors: {dict(faults)}")
    result = summarise(latencies, sum(faults.values()), elapsed)
    result["fallbacks"] = fallbacks[0]
    return result


def run_threads(count, target):
    """Runs target(0) .. target(count - 1) in threads and waits for them."""
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def summarise(latencies, errors, elapsed):
    if not latencies:
        return {"n": 0, "errors": errors}
    ordered = sorted(latencies)

    def pct(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return {
        "n": len(ordered),
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "mean": statistics.fmean(ordered),
        "rps": len(ordered) / elapsed,
        "errors": errors,
    }


def measure(name, env, path, sectors, options, port):
    rng = random.Random(42)
    paths = make_paths(path, sectors, rng)
    with Server(env, port, options.workers):
        drive(port, paths, 2, options.warmup)  # warm caches and connections
        one = drive(port, paths, 1, options.seconds)
        one["load"] = os.getloadavg()[0]
        eight = drive(port, paths, 8, options.seconds)
        eight["load"] = os.getloadavg()[0]
    log(f"{name}: 1 client {one}, 8 clients {eight}")
    return one, eight


def fmt(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}"


def table(rows, rebuild, extra):
    lines = [
        "| backend | clients | p50 ms | p95 ms | p99 ms | searches/s | errors "
        "| database answers | load avg | note |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, clients, result, note in rows:
        if result is None:
            lines.append(f"| {name} | {clients} | - | - | - | - | - | - | - | {note} |")
            continue
        cells = [fmt(result.get(key)) for key in ("p50", "p95", "p99", "rps")]
        lines.append(
            f"| {name} | {clients} | {' | '.join(cells)} | {result['errors']} "
            f"| {result.get('fallbacks', '-')} | {fmt(result.get('load'))} | {note} |"
        )
    lines.append("")
    lines.append("| rebuild | value | target | met |")
    lines.append("|---|---|---|---|")
    lines.append(f"| documents | {rebuild['documents']} | | |")
    speed_met = rebuild["docs_per_second"] >= TARGETS["rebuild_docs_per_s"]
    memory_met = rebuild["rss_peak_mb"] <= TARGETS["rebuild_peak_rss_mb"]
    lines.append(
        f"| documents/s | {rebuild['docs_per_second']} | ≥ 2000 | "
        f"{'yes' if speed_met else 'NO'} |"
    )
    lines.append(
        f"| peak RSS MB (sampled; start {rebuild['rss_start_mb']}, end "
        f"{rebuild['rss_end_mb']}) | {rebuild['rss_peak_mb']} | ≤ 300 | "
        f"{'yes' if memory_met else 'NO'} |"
    )
    lines.append(f"| kernel max RSS MB | {rebuild['maxrss_mb']} | | |")
    for key, value in extra.items():
        lines.append(f"| {key} | {value} | | |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=25000)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=4.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vk_bench"
        ),
    )
    parser.add_argument(
        "--elasticsearch-url",
        default=os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200"),
    )
    parser.add_argument("--prefix", default="bench-vk")
    parser.add_argument(
        "--profile", default=os.environ.get("SEARCH_ANALYSIS_PROFILE", "core")
    )
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument(
        "--reuse-peer-index",
        action="store_true",
        help="keep the peer's modelsearch index from an earlier run",
    )
    options = parser.parse_args()
    if not shutil.which(GUNICORN):
        sys.exit("gunicorn is not installed in .venv")

    extra = {}
    if not options.skip_load:
        extra["load_demo seconds"] = f"{load(options):.0f}"
        extra["database index (search_text rebuild) seconds"] = (
            f"{index_database_backend(options):.0f}"
        )
    rebuild = rebuild_probe(options)
    log(f"rebuild: {rebuild}")
    if options.skip_peer:
        peer_seconds, peer_note = None, "skipped"
    elif options.reuse_peer_index:
        peer_seconds, peer_note = 0.0, ""
    else:
        peer_seconds, peer_note = index_peer(options)
    if peer_seconds is not None:
        extra["peer index (modelsearch update_index) seconds"] = f"{peer_seconds:.0f}"
    sectors = sector_slugs(options)

    rows = []
    probe = run(
        [PYTHON, "bench/service_probe.py", str(options.seconds)],
        es_env(options),
        capture=True,
    )
    service = json.loads(probe.stdout.strip().splitlines()[-1])
    rows.append(
        ("portal service only, Elasticsearch", 1, service, "in-process, no HTTP/page")
    )
    one, eight = measure(
        "elasticsearch", es_env(options), "/soeg/", sectors, options, 8801
    )
    rows += [
        ("portal, Elasticsearch", 1, one, "/soeg/ faceted"),
        ("portal, Elasticsearch", 8, eight, "/soeg/ faceted"),
    ]
    one, eight = measure("database", db_env(options), "/soeg/", sectors, options, 8802)
    rows += [
        ("portal, database", 1, one, "/soeg/ faceted"),
        ("portal, database", 8, eight, "/soeg/ faceted"),
    ]
    if peer_seconds is not None:
        try:
            one, eight = measure("peer", peer_env(options), "/peer/", [], options, 8803)
            note = "Wagtail search + facet(tool_format), tools only"
            rows += [
                ("Wagtail modelsearch ES8 (peer)", 1, one, note),
                ("Wagtail modelsearch ES8 (peer)", 8, eight, note),
            ]
        except Exception as error:  # noqa: BLE001 - reported in the table
            rows.append(
                ("Wagtail modelsearch ES8 (peer)", "-", None, f"failed: {error}")
            )
    else:
        rows.append(("Wagtail modelsearch ES8 (peer)", "-", None, peer_note))

    es_one = rows[1][2]
    es_eight = rows[2][2]
    latency_met = es_one.get("p95", 1e9) <= TARGETS["p95_1_client_ms"]
    throughput_met = (
        es_eight.get("rps", 0) >= TARGETS["throughput_8_clients"]
        and not es_eight["errors"]
    )
    verdicts = [
        f"ES p95 with 1 client {fmt(es_one.get('p95'))} ms (target ≤ 40): "
        f"{'met' if latency_met else 'MISSED'}",
        f"ES throughput with 8 clients {fmt(es_eight.get('rps'))}/s, "
        f"{es_eight['errors']} errors (target ≥ 100/s, no errors): "
        f"{'met' if throughput_met else 'MISSED'}",
    ]
    print(table(rows, rebuild, extra))
    print()
    for line in verdicts:
        print(f"- {line}")


if __name__ == "__main__":
    main()
