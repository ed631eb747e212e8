"""Load test of record: the whole site as docker/ runs it. A script, never a test.

    .venv/bin/python bench/load_test.py --redis-url redis://127.0.0.1:6379/7
    .venv/bin/python bench/load_test.py --code-dir /tmp/load-before ...

1. loads the demo (`load_demo --size full [--scale N]`) from the checkout in
   --code-dir into a PostgreSQL database of its own, then does what
   docker/entrypoint.sh and docker/Dockerfile do (migrate, the search text
   table, `search_index ensure` with Elasticsearch, collectstatic);
2. starts gunicorn from that checkout with the Dockerfile's settings
   (production settings, 3 sync workers, access log) and the caches
   production has (REDIS_URL when --redis-url is given);
3. takes real sector slugs, partner pages and public tool URLs from the
   database, then drives N concurrent keep-alive clients at a weighted mix of
   home, listings, search and tool pages for a warm-up and then a fixed time,
   following no redirects; every status >= 500, connection error or timeout
   is an error;
4. prints a table (overall, per kind, per listing) with pages/s, p50/p95/p99
   and errors, the load average, the commit and the settings; --json writes
   the same for the record, --profile adds query counts and a cProfile of the
   slowest kind's page, measured in-process after the run.

--profile-only skips steps 2-3: the in-process table alone (with the mix's
weighted average page), cheap enough to repeat before and after a change:

    .venv/bin/python bench/load_test.py --label h3 --skip-load --profile-only \
        --redis-url redis://127.0.0.1:6379/5 --profile-path /vaerktoejer/
"""

import argparse
import http.client
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_bench import (  # noqa: E402
    PYTHON,
    QUERIES,
    Server,
    fmt,
    log,
    recreate_database,
    run,
    run_threads,
    summarise,
)

# docker/Dockerfile: CMD gunicorn ... --workers 3 (sync workers, one thread).
DOCKER_WORKERS = 3
DOCKER_THREADS = 1
DOCKER_WORKER_CLASS = "sync"
KINDS = ("home", "listing", "search", "tool")
DEFAULT_MIX = "home=10,listing=40,search=20,tool=30"
TARGET_PAGES_PER_S = 60.0
TARGET_P95_MS = 1000.0
BENCH_SECRET_KEY = "load-test-only-secret-key-never-used-anywhere-else-0123456789"

# Run with the checkout as the working directory, so its code is imported.
PROBE_URLS = """
import json, django
django.setup()
from django.contrib.auth.models import AnonymousUser
from core.models import PartnerPage, Sector
from toolbox.models import ToolPage
from cases.models import CasePage
anonymous = AnonymousUser()
tools = list(ToolPage.objects.visible_to(anonymous).order_by("path"))
partners = list(PartnerPage.objects.live().public().order_by("path"))
print(json.dumps({
    "tools": [page.get_url() for page in tools],
    "partners": [page.get_url() for page in partners],
    "sectors": list(Sector.objects.values_list("slug", flat=True)),
    "counts": {
        "tools": ToolPage.objects.live().count(),
        "public_tools": ToolPage.objects.visible_to(anonymous).count(),
        "cases": CasePage.objects.live().count(),
        "partners": PartnerPage.objects.live().count(),
    },
}))
"""

# Per path: warm twice, then time `repeat` anonymous requests and count the
# queries of one; cProfile the slowest. In-process, so no HTTP or queueing.
# The CPU time is this process's alone (not PostgreSQL's or Redis's), which
# is what a gunicorn worker spends and what other work on a shared machine
# inflates much less than the wall-clock time.
PROBE_PROFILE = """
import cProfile, io, json, os, pstats, re, sys, time, django
django.setup()
from django.db import connection
from django.test import Client


class Queries:
    def __init__(self):
        self.count, self.ms = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.ms += (time.perf_counter() - started) * 1000


paths = json.loads(sys.argv[1])
client = Client()
rows = []
for kind, path in paths:
    for _ in range(2):
        client.get(path)
    queries = Queries()
    with connection.execute_wrapper(queries):
        status = client.get(path).status_code
    times, cpu = [], []
    for _ in range({repeat}):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    times.sort()
    cpu.sort()
    rows.append({{"kind": kind, "path": path, "status": status,
                  "queries": queries.count, "query_ms": queries.ms,
                  "median_ms": times[len(times) // 2],
                  "cpu_ms": cpu[len(cpu) // 2]}})
slowest = sys.argv[2] or max(rows, key=lambda row: row["median_ms"])["path"]
profiler = cProfile.Profile()
profiler.enable()
for _ in range(5):
    client.get(slowest)
profiler.disable()
out = io.StringIO()
stats = pstats.Stats(profiler, stream=out)
own_code = "^" + re.escape(os.getcwd() + "/") + r"(?!\\.venv/)"
stats.sort_stats("cumulative").print_stats(own_code, {top})
stats.sort_stats("tottime").print_stats(15)
print(json.dumps({{"pages": rows, "profiled": slowest,
                   "cprofile": out.getvalue()}}))
"""


def profile_paths(choices):
    """One page of each kind, every fixed listing but the sector and partner
    pages (one of each), and three tool pages, which differ most."""
    paths = [(kind, choices[kind][0][2]) for kind in KINDS if choices[kind]]
    seen = {path for _, path in paths}
    labels = set()
    for _, label, path in choices["listing"]:
        if path in seen or label in labels:
            continue
        if label in {"/vaerktoejer/?sektor=…", "partner page"}:
            labels.add(label)
        paths.append(("listing", path))
    paths += [("tool", path) for _, _, path in choices["tool"][1:3]]
    return paths


def profile(options, env, choices):
    result = probe(
        options,
        {**env, "ALLOWED_HOSTS": "testserver"},
        "profile",
        PROBE_PROFILE.format(repeat=options.profile_repeat, top=25),
        json.dumps(profile_paths(choices)),
        options.profile_path,
    )
    pages, mix = result["pages"], options.mix
    result["weighted_ms"] = weighted_ms(pages, mix, choices)
    result["weighted_cpu_ms"] = weighted_ms(pages, mix, choices, "cpu_ms")
    result["load"] = os.getloadavg()
    result["date"] = time.strftime("%Y-%m-%d %H:%M")
    return result


def weighted_ms(rows, mix, choices, column="median_ms"):
    """The in-process milliseconds of an average page of the mix, weighted
    as the clients pick: by kind, and within a kind by label (12 sector
    listings and 10 partner pages weigh more than `/cases/`), a label's
    measured pages sharing its weight."""
    labels = {path: label for kind in KINDS for _, label, path in choices[kind]}
    total = weight = 0.0
    for kind, share in mix.items():
        rows_of_kind = [row for row in rows if row["kind"] == kind]
        if not rows_of_kind or not share:
            continue
        picks = {}
        for _, label, _ in choices[kind]:
            picks[label] = picks.get(label, 0) + 1
        measured = {}
        for row in rows_of_kind:
            label = labels[row["path"]]
            measured[label] = measured.get(label, 0) + 1
        kind_total = sum(
            row[column] * picks[labels[row["path"]]] / measured[labels[row["path"]]]
            for row in rows_of_kind
        )
        kind_weight = sum(picks[label] for label in measured)
        total += share * kind_total / kind_weight
        weight += share
    return round(total / weight, 1) if weight else None


def git_commit(code_dir):
    head = subprocess.run(
        ["git", "-C", str(code_dir), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(code_dir), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"{head or 'unknown'}{' + uncommitted changes' if dirty else ''}"


def parse_mix(text):
    mix = {}
    for part in text.split(","):
        kind, _, weight = part.partition("=")
        if kind.strip() not in KINDS:
            raise argparse.ArgumentTypeError(f"unknown kind {kind!r}; use {KINDS}")
        mix[kind.strip()] = float(weight)
    if sum(mix.values()) <= 0:
        raise argparse.ArgumentTypeError("the weights must add up to more than 0")
    return mix


def server_env(options):
    """The environment docker/compose.yaml gives the web service."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ELASTICSEARCH_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": BENCH_SECRET_KEY,
            "PUBLIC_BASE_URL": "http://bench.vaerktoejskassen.example",
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": options.database_url,
            "STATIC_ROOT": str(options.work_dir / "static"),
            "MEDIA_ROOT": str(options.work_dir / "media"),
            "SEARCH_INDEX_PREFIX": f"vk-load-{options.label}",
            "SEARCH_ANALYSIS_PROFILE": options.search_profile,
            "PYTHONPATH": str(options.code_dir),
            "PYTHONUNBUFFERED": "1",
        }
    )
    if options.elasticsearch_url:
        env["ELASTICSEARCH_URL"] = options.elasticsearch_url
    if options.redis_url:
        env["REDIS_URL"] = options.redis_url
    return env


def manage(options, env, *args, check=True):
    return run([PYTHON, "manage.py", *args], env, check=check, cwd=options.code_dir)


def load(options, env):
    """The demo through dev settings (production refuses demo passwords),
    then docker/entrypoint.sh's start-up steps and the image's collectstatic."""
    recreate_database(options.database_url)
    dev = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DEBUG": "false"}
    manage(options, dev, "migrate", "--no-input", "-v", "0")
    started = time.monotonic()
    demo = ["load_demo", "--size", options.size]
    if options.scale:
        demo += ["--scale", str(options.scale)]
    manage(options, dev, *demo)
    seconds = time.monotonic() - started
    manage(options, env, "migrate", "--no-input", "-v", "0")
    verified = manage(options, env, "search_text", "verify", check=False)
    if verified.returncode:
        manage(options, env, "search_text", "rebuild")
    if options.elasticsearch_url:
        manage(options, env, "search_index", "ensure")
    return seconds


def collectstatic(options, env):
    manage(options, env, "collectstatic", "--no-input", "-v", "0")


def probe(options, env, name, code, *args):
    log(f"probe {name} in {options.code_dir}")
    result = subprocess.run(
        [PYTHON, "-c", code, *args],
        cwd=options.code_dir,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def build_targets(site, options):
    """(kind, label, path) choices with their weights."""
    rng = random.Random(options.seed)
    sectors = site["sectors"]
    listings = ["/vaerktoejer/", "/cases/", "/partnere/", "/produktion/"]
    listings += [f"/vaerktoejer/?sektor={slug}" for slug in sectors]
    # Sampled with the seed, so two runs (and two checkouts) on the same data
    # ask for the same pages.
    listings += rng.sample(site["partners"], min(10, len(site["partners"])))
    searches = [f"/soeg/?{urllib.parse.urlencode({'q': q})}" for q in QUERIES]
    choices = {
        "home": [("home", "/", "/")],
        "listing": [("listing", listing_label(path), path) for path in listings],
        "search": [("search", "/soeg/?q=…", path) for path in searches],
        "tool": [
            ("tool", "tool page", path)
            for path in rng.sample(
                site["tools"], min(options.tool_urls, len(site["tools"]))
            )
        ],
    }
    return choices


def listing_label(path):
    if path.startswith("/vaerktoejer/?sektor="):
        return "/vaerktoejer/?sektor=…"
    if path.startswith("/partnere/") and path != "/partnere/":
        return "partner page"
    return path


def check_targets(port, choices):
    """Every fixed path answers 200 before the clock starts: a 404 would
    measure the error page instead of the page."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    bad = []
    for kind in ("home", "listing", "search"):
        for _, _, path in choices[kind]:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                bad.append((path, response.status))
            if response.will_close:
                conn.close()
    return bad


def drive(port, choices, mix, clients, seconds, timeout, seed):
    """`clients` threads, each with its own keep-alive connection, picking
    (kind, then path) at random for `seconds`. Returns every sample."""
    kinds = [kind for kind in KINDS if mix.get(kind) and choices[kind]]
    weights = [mix[kind] for kind in kinds]
    samples = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number):
        rng = random.Random(seed * 1000 + number)
        conn = None
        mine = []
        while time.monotonic() < stop_at:
            kind = rng.choices(kinds, weights)[0]
            _, label, path = rng.choice(choices[kind])
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"User-Agent": "vk-load-test"})
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                status = None
                conn.close()
                conn = None
            mine.append((kind, label, status, (time.perf_counter() - started) * 1000))
        if conn is not None:
            conn.close()
        with lock:
            samples.extend(mine)

    started = time.monotonic()
    run_threads(clients, client)
    return samples, time.monotonic() - started


def is_error(status):
    return status is None or status >= 500


def digest(samples, elapsed):
    """summarise() of search_bench over the answered requests, plus error
    and status counts over all of them."""
    answered = [ms for _, _, status, ms in samples if status is not None]
    result = summarise(answered, sum(is_error(s) for _, _, s, _ in samples), elapsed)
    result["requests"] = len(samples)
    result["pages_per_s"] = len(samples) / elapsed if elapsed else 0.0
    statuses = {}
    for _, _, status, _ in samples:
        key = str(status) if status is not None else "connection error/timeout"
        statuses[key] = statuses.get(key, 0) + 1
    result["statuses"] = statuses
    return result


def analyse(samples, elapsed):
    groups = {"overall": samples}
    for kind in KINDS:
        groups[kind] = [s for s in samples if s[0] == kind]
    labels = sorted({s[1] for s in samples if s[0] == "listing"})
    for label in labels:
        groups[f"listing: {label}"] = [
            s for s in samples if s[0] == "listing" and s[1] == label
        ]
    return {name: digest(rows, elapsed) for name, rows in groups.items() if rows}


def cpu_ticks(group):
    """CPU ticks per process: gunicorn's (its process group), PostgreSQL's
    and Redis's (every database, so other work on them counts too)."""
    ticks = {"gunicorn": {}, "postgres": {}, "redis": {}}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm, _, rest = text.partition(" (")[2].rpartition(") ")
        fields = rest.split()
        used = int(fields[11]) + int(fields[12])
        if int(fields[2]) == group:
            ticks["gunicorn"][stat.parent.name] = used
        elif comm.startswith("postgres"):
            ticks["postgres"][stat.parent.name] = used
        elif comm.startswith("redis-server"):
            ticks["redis"][stat.parent.name] = used
    return ticks


def cpu_seconds(before, after):
    """CPU seconds between two cpu_ticks(): a cost per page that other work
    on the machine inflates much less than latency. A process that ended in
    between is lost (PostgreSQL backends of other clients)."""
    return {
        name: sum(used - before[name].get(pid, 0) for pid, used in after[name].items())
        / os.sysconf("SC_CLK_TCK")
        for name in after
    }


def machine_cpu():
    """(busy, total) jiffies of all cores from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split()[1:9]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def wait_for_load(options):
    deadline = time.monotonic() + options.load_wait
    while True:
        load = os.getloadavg()
        if load[0] <= options.max_start_load or time.monotonic() >= deadline:
            return load
        log(f"load average {load[0]:.2f} > {options.max_start_load}: waiting")
        time.sleep(15)


def flush_redis(url):
    """A cold shared cache at the start, as after a deploy; the warm-up
    fills it. Give the load test a Redis database of its own (/7)."""
    import redis

    redis.Redis.from_url(url).flushdb()


def table(report):
    lines = run_lines(report) if "results" in report else []
    if report.get("profile"):
        lines += profile_lines(report)
    return "\n".join(lines)


def run_lines(report):
    lines = [
        "| kind | requests | pages/s | p50 ms | p95 ms | p99 ms | errors "
        "| other non-200 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, result in report["results"].items():
        other = sum(
            count
            for status, count in result["statuses"].items()
            if status.isdigit() and int(status) < 500 and status != "200"
        )
        cells = [fmt(result.get(key), 0) for key in ("p50", "p95", "p99")]
        lines.append(
            f"| {name} | {result['requests']} | {fmt(result['pages_per_s'])} "
            f"| {' | '.join(cells)} | {result['errors']} | {other} |"
        )
    overall = report["results"]["overall"]
    met = (
        overall["pages_per_s"] >= TARGET_PAGES_PER_S
        and overall.get("p95", 1e9) <= TARGET_P95_MS
        and overall["errors"] == 0
    )
    load = report["load"]
    settings = report["settings"]
    lines += [
        "",
        f"- commit: {report['commit']} ({settings['code_dir']})",
        f"- data: {report['data']}",
        f"- load average (1/5/15 min) before warm-up {fmt3(load['start'])}, "
        f"at the end {fmt3(load['end'])}",
        f"- CPU during the run: gunicorn {report['cpu']['gunicorn_ms_per_page']} ms "
        f"per page ({report['cpu']['gunicorn_cores']} cores), PostgreSQL (all "
        f"databases) {report['cpu']['postgres_ms_per_page']} ms per page "
        f"({report['cpu']['postgres_cores']} cores), Redis "
        f"{report['cpu']['redis_cores']} cores, this client "
        f"{report['cpu']['client_cores']} cores; whole machine "
        f"{report['cpu']['machine_busy_cores']} of {os.cpu_count()} cores busy",
        "- settings: " + ", ".join(f"{key}={value}" for key, value in settings.items()),
        f"- target ≥ {TARGET_PAGES_PER_S:.0f} pages/s at p95 ≤ "
        f"{TARGET_P95_MS:.0f} ms with 0 errors: {'met' if met else 'MISSED'} "
        f"({fmt(overall['pages_per_s'])} pages/s, p95 "
        f"{fmt(overall.get('p95'), 0)} ms, {overall['errors']} errors)",
        "",
    ]
    return lines


def profile_lines(report):
    measured = report["profile"]
    lines = [
        "| in-process page | status | median ms | CPU ms | queries | query ms |",
        "|---|---|---|---|---|---|",
    ]
    for row in measured["pages"]:
        lines.append(
            f"| {row['kind']} {row['path']} | {row['status']} "
            f"| {fmt(row['median_ms'], 0)} | {fmt(row.get('cpu_ms'), 1)} "
            f"| {row['queries']} | {fmt(row['query_ms'], 0)} |"
        )
    lines += [
        "",
        f"- the mix's average page in-process: {measured['weighted_ms']} ms, "
        f"{measured['weighted_cpu_ms']} ms CPU",
        f"- commit: {report['commit']}; data: {report['data']}",
        f"- load average (1/5/15 min) after the measurement "
        f"{fmt3(measured['load'])}, {measured['date']}",
    ]
    return lines


def fmt3(values):
    return "/".join(f"{value:.2f}" for value in values)


def options_from_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--code-dir",
        type=Path,
        default=ROOT,
        help="checkout to serve (e.g. a `git worktree` of an older commit)",
    )
    parser.add_argument("--label", help="names the database, index and work dir")
    parser.add_argument(
        "--database-url",
        help="default: postgres://postgres@127.0.0.1:5432/vk_load_<label>",
    )
    parser.add_argument("--size", choices=["full", "small"], default="full")
    parser.add_argument("--scale", type=int, default=0, help="load_demo --scale N")
    parser.add_argument(
        "--skip-load", action="store_true", help="reuse the loaded database"
    )
    parser.add_argument(
        "--redis-url",
        default="",
        help="REDIS_URL for the site (flushed first; give it a database of its own)",
    )
    parser.add_argument(
        "--elasticsearch-url",
        default="",
        help="search on Elasticsearch (default: the database backend)",
    )
    parser.add_argument(
        "--search-profile",
        default=os.environ.get("SEARCH_ANALYSIS_PROFILE", "core"),
        help="SEARCH_ANALYSIS_PROFILE with Elasticsearch",
    )
    parser.add_argument("--workers", type=int, default=DOCKER_WORKERS)
    parser.add_argument("--threads", type=int, default=DOCKER_THREADS)
    parser.add_argument("--worker-class", default=DOCKER_WORKER_CLASS)
    parser.add_argument(
        "--access-log",
        default="",
        help="gunicorn access log file (the image logs to stdout; "
        "default: a file in the work dir, same cost, quieter)",
    )
    parser.add_argument("--port", type=int, default=8810)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--timeout", type=float, default=30.0, help="per request")
    parser.add_argument("--mix", type=parse_mix, default=DEFAULT_MIX)
    parser.add_argument("--tool-urls", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--max-start-load", type=float, default=4.0)
    parser.add_argument(
        "--load-wait",
        type=float,
        default=300.0,
        help="seconds to wait for the load average to fall below --max-start-load",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after the run: queries and time per kind in-process, and a "
        "cProfile of the slowest page",
    )
    parser.add_argument(
        "--profile-only",
        action="store_true",
        help="skip gunicorn and the clients: only the in-process measurement "
        "of --profile (cheap enough to repeat before and after a change)",
    )
    parser.add_argument(
        "--profile-path",
        default="",
        help="cProfile this path instead of the slowest measured page",
    )
    parser.add_argument(
        "--profile-repeat",
        type=int,
        default=5,
        help="timed requests per page in-process (the median is reported)",
    )
    parser.add_argument("--json", type=Path, help="write the report here")
    options = parser.parse_args(argv)
    options.code_dir = options.code_dir.resolve()
    if not (options.code_dir / "manage.py").exists():
        parser.error(f"{options.code_dir} has no manage.py")
    options.commit = git_commit(options.code_dir)
    if not options.label:
        options.label = options.commit.split()[0] + (
            "-dirty" if "uncommitted" in options.commit else ""
        )
    options.label = re.sub(r"[^a-z0-9_-]", "_", options.label.lower())
    if not options.database_url:
        name = "vk_load_" + options.label.replace("-", "_")
        options.database_url = f"postgres://postgres@127.0.0.1:5432/{name}"
    options.work_dir = Path(tempfile.gettempdir()) / f"vk-load-{options.label}"
    options.work_dir.mkdir(parents=True, exist_ok=True)
    return options


def measure(options, env, choices, report):
    """gunicorn as docker/ runs it, a warm-up, then the measured run: fills
    report's load, cpu, elapsed_s and results."""
    access_log = options.access_log or str(options.work_dir / "access.log")
    server = Server(
        env,
        options.port,
        options.workers,
        cwd=options.code_dir,
        worker_class=options.worker_class,
        threads=options.threads,
        ready_path="/",
        extra_args=["--keep-alive", "2", "--access-logfile", access_log],
    )
    with server:
        bad = check_targets(options.port, choices)
        if bad:
            log(f"paths that do not answer 200: {bad}")
        report["non_200_paths"] = bad
        start_load = wait_for_load(options)
        log(f"warm-up {options.warmup:.0f} s, load {fmt3(start_load)}")
        drive(
            options.port,
            choices,
            options.mix,
            options.clients,
            options.warmup,
            options.timeout,
            options.seed + 1,
        )
        log(f"measuring {options.seconds:.0f} s with {options.clients} clients")
        group = server.process.pid
        cpu_before, machine_before = cpu_ticks(group), machine_cpu()
        client_before = time.process_time()
        samples, elapsed = drive(
            options.port,
            choices,
            options.mix,
            options.clients,
            options.seconds,
            options.timeout,
            options.seed,
        )
        client_cpu = time.process_time() - client_before
        used = cpu_seconds(cpu_before, cpu_ticks(group))
        machine_after = machine_cpu()
        server_cpu, database_cpu = used["gunicorn"], used["postgres"]
        report["load"] = {"start": start_load, "end": os.getloadavg()}
        busy = machine_after[0] - machine_before[0]
        total = machine_after[1] - machine_before[1]
        report["cpu"] = {
            "gunicorn_ms_per_page": round(server_cpu * 1000 / max(len(samples), 1), 1),
            "gunicorn_cores": round(server_cpu / elapsed, 2),
            "postgres_ms_per_page": round(
                database_cpu * 1000 / max(len(samples), 1), 1
            ),
            "postgres_cores": round(database_cpu / elapsed, 2),
            "redis_cores": round(used["redis"] / elapsed, 2),
            "client_cores": round(client_cpu / elapsed, 2),
            "machine_busy_cores": round(os.cpu_count() * busy / max(total, 1), 2),
        }
    report["elapsed_s"] = round(elapsed, 2)
    report["results"] = analyse(samples, elapsed)


def main(argv=None):
    options = options_from_args(argv)
    env = server_env(options)
    report = {"commit": options.commit}
    if not options.skip_load:
        report["load_demo_seconds"] = round(load(options, env), 1)
    collectstatic(options, env)
    site = probe(options, env, "urls", PROBE_URLS)
    report["data"] = site["counts"]
    choices = build_targets(site, options)
    report["settings"] = {
        "code_dir": str(options.code_dir),
        "database": options.database_url.rsplit("/", 1)[-1],
        "size": options.size,
        "scale": options.scale,
        "gunicorn": f"{options.workers} workers × {options.threads} threads "
        f"({options.worker_class})",
        "cache": "redis" if options.redis_url else "per-process memory",
        "search": "elasticsearch" if options.elasticsearch_url else "database",
        "clients": options.clients,
        "seconds": options.seconds,
        "warmup": options.warmup,
        "mix": ",".join(f"{k}={v:g}" for k, v in options.mix.items()),
        "tool_urls": len(choices["tool"]),
    }
    if options.redis_url:
        # Also before --profile-only: a fragment cached by older code
        # would be measured instead of the code at hand.
        flush_redis(options.redis_url)
    if not options.profile_only:
        measure(options, env, choices, report)
    if options.profile or options.profile_only:
        report["profile"] = profile(options, env, choices)
    print(table(report))
    if report.get("profile"):
        print()
        print(f"cProfile of {report['profile']['profiled']} (5 requests):")
        print(report["profile"]["cprofile"])
    if options.json:
        options.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        log(f"wrote {options.json}")


if __name__ == "__main__":
    main()
