"""Database backend benchmark: a script, never a timed test.

    .venv/bin/python bench/database_bench.py --scale 2500 \\
        --database-url sqlite:////tmp/vk-db-bench.sqlite3
    .venv/bin/python bench/database_bench.py --scale 25000 --before \\
        --database-url postgres://postgres@127.0.0.1:5432/vk_db_bench

1. loads a data set into its own database (removed and created anew):
   `load_demo --size small --scale N` (N tools and N cases plus the small
   demo, 2 N + 28 documents), then `search_text rebuild`, timed; with
   --before also Wagtail's database index (`update_index`), which the
   previous backend searched;
2. runs the query mix of bench/search_bench.py (twelve Danish queries, a
   sector filter on 60 % of the searches, a type filter on 30 %, the three
   sorts) through the search service in-process, with the database backend,
   from 1 and then 8 client threads, each with its own connection;
3. runs it twice: without the backend's results cache
   (SEARCH_RESULTS_CACHE_SECONDS=0: every search asks the database) and
   with it (60 s; the mix repeats, so most searches are answered from it);
4. with --before, runs the same mix through the previous backend too, the
   one in the last commit (`git show HEAD:search/backends/database.py`,
   imported into a temporary module), each search stopped after --timeout
   seconds (counted, and its time counted as the timeout);
5. prints one table: p50/p95/max latency, searches/s, timeouts, the CPU
   time per search of this process and of its PostgreSQL backends (on a
   shared machine the part of latency that is not waiting), load.
"""

import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import threading
import time
import types
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
sys.path.insert(0, str(ROOT))

from bench.search_bench import QUERIES, SORTS, fmt, run_threads  # noqa: E402


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def django_env(url):
    env = dict(os.environ)
    env.pop("ELASTICSEARCH_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": url,
            "SEARCH_LIVE_INDEXING": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(url, *args):
    log("manage.py " + " ".join(args))
    started = time.monotonic()
    # Its output goes with the log, not into the tables on stdout.
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=django_env(url),
        check=True,
        stdout=sys.stderr,
    )
    return time.monotonic() - started


def recreate_database(url):
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme == "sqlite":
        path = Path(parsed.path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    admin = admin.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def load(options):
    recreate_database(options.database_url)
    timings = {"migrate": manage(options.database_url, "migrate", "--no-input")}
    timings["load_demo"] = manage(
        options.database_url,
        "load_demo",
        "--size",
        "small",
        "--scale",
        str(options.scale),
        "--no-index",
    )
    timings["search_text rebuild"] = manage(
        options.database_url, "search_text", "rebuild", "--no-progress"
    )
    if options.before:
        timings["update_index (previous backend)"] = manage(
            options.database_url, "update_index"
        )
    return timings


# In-process measurement (run in a child process with Django set up)


def previous_backend():
    """The DatabaseBackend of the last commit, with the text helpers of the
    last commit, as temporary modules."""

    def module(name, path, replacements=()):
        source = subprocess.run(
            ["git", "show", f"HEAD:{path}"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for old, new in replacements:
            source = source.replace(old, new)
        spec = importlib.util.spec_from_loader(name, loader=None)
        value = types.ModuleType(spec.name)
        sys.modules[name] = value
        exec(compile(source, path, "exec"), value.__dict__)  # noqa: S102 - our own file
        return value

    module("bench_previous_analysis", "search/analysis.py")
    previous = module(
        "bench_previous_database",
        "search/backends/database.py",
        [("from search.analysis import", "from bench_previous_analysis import")],
    )
    return previous.DatabaseBackend


class Watchdog:
    """Stops a search on this thread's connection after `timeout` seconds."""

    def __init__(self, timeout):
        self.timeout = timeout

    def __call__(self, function):
        from django.db import connection

        connection.ensure_connection()
        raw = connection.connection
        stop = getattr(raw, "interrupt", None) or raw.cancel
        timer = threading.Timer(self.timeout, stop)
        timer.start()
        try:
            function()
            return False
        except Exception as error:  # noqa: BLE001 - a stopped search
            if "interrupt" in str(error) or "cancel" in str(error):
                return True
            raise
        finally:
            timer.cancel()


def backend_cpu_ms():
    """CPU time so far of this thread's PostgreSQL backend, read from /proc
    (the server runs on this machine); None on SQLite or elsewhere."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def drive(searches, clients, seconds, watchdog):
    """Runs searches from `clients` threads for `seconds`; each thread takes
    the next search from the shared list. Besides latency, counts the CPU
    time each search cost this process and the database server: the
    machine is shared, so waiting for a core inflates latency, not CPU."""
    from django.db import connection

    latencies, timeouts, server_cpu = [], [0], [0.0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(offset):
        index, mine, stopped = offset, [], 0
        cpu_before = backend_cpu_ms()
        try:
            while time.monotonic() < stop_at:
                search = searches[index % len(searches)]
                index += clients
                started = time.perf_counter()
                if watchdog(search):
                    stopped += 1
                mine.append((time.perf_counter() - started) * 1000)
            cpu_after = backend_cpu_ms()
        finally:
            connection.close()
        with lock:
            latencies.extend(mine)
            timeouts[0] += stopped
            if cpu_before is not None and cpu_after is not None:
                server_cpu[0] += cpu_after - cpu_before

    started = time.monotonic()
    process_cpu = time.process_time()
    run_threads(clients, client)
    elapsed = time.monotonic() - started
    process_cpu = (time.process_time() - process_cpu) * 1000
    return summary(latencies, elapsed, timeouts[0], process_cpu, server_cpu[0])


def fixed_pass(searches, watchdog):
    """Each search once, in order, from one client: the same work for every
    backend and run, so its CPU time per search compares across runs that
    other work on the machine slowed down differently."""
    from django.db import connection

    latencies, stopped = [], 0
    started = time.monotonic()
    process_cpu = time.process_time()
    server_cpu = backend_cpu_ms()
    try:
        for search in searches:
            begun = time.perf_counter()
            stopped += watchdog(search)
            latencies.append((time.perf_counter() - begun) * 1000)
        server_cpu = backend_cpu_ms() - server_cpu if server_cpu is not None else 0.0
    finally:
        connection.close()
    process_cpu = (time.process_time() - process_cpu) * 1000
    elapsed = time.monotonic() - started
    return summary(latencies, elapsed, stopped, process_cpu, server_cpu)


def summary(latencies, elapsed, timeouts, app_cpu, db_cpu):
    ordered = sorted(latencies)

    def pct(p):
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    return {
        "n": len(ordered),
        "p50": pct(50),
        "p95": pct(95),
        "max": ordered[-1],
        "rps": len(ordered) / elapsed,
        "timeouts": timeouts,
        "load": os.getloadavg()[0],
        "app_cpu": app_cpu / len(ordered),
        "db_cpu": db_cpu / len(ordered),
    }


def measure(options):
    """Child process: both runs for one backend; prints JSON."""
    import django

    django.setup()
    from django.test.utils import override_settings

    from core.models import Sector
    from search import service
    from search.backends.database import content_models

    if options.backend == "previous":
        service.DatabaseBackend = previous_backend()
    # Only "cached" is measured with the results cache (the previous backend
    # has one too).
    cache_seconds = 60 if options.backend == "cached" else 0
    rng = random.Random(42)
    sectors = list(Sector.objects.values_list("slug", flat=True))
    searches, labels = [], []
    for _ in range(400):
        query = rng.choice(QUERIES)
        filters = {}
        if sectors and rng.random() < 0.6:
            filters["sektor"] = [rng.choice(sectors)]
        if rng.random() < 0.3:
            filters["type"] = [rng.choice(["tool", "case"])]
        sort = rng.choice(SORTS)

        def search(query=query, filters=filters, sort=sort):
            service.search(query, filters=filters, sort=sort, log=False)

        searches.append(search)
        labels.append(query)
    watchdog = Watchdog(options.timeout)
    documents = sum(
        model.objects.listable().count() for model in content_models().values()
    )
    result = {"documents": documents, "runs": {}}
    with override_settings(
        SEARCH_BACKEND="database",
        ELASTICSEARCH_URL="",
        SEARCH_RESULTS_CACHE_SECONDS=cache_seconds,
    ):
        if options.per_query:
            per_query = {}
            for query in QUERIES:
                started = time.perf_counter()
                stopped = watchdog(lambda q=query: service.search(q, log=False))
                per_query[query] = (
                    round((time.perf_counter() - started) * 1000, 1),
                    stopped,
                )
            result["per_query"] = per_query
        drive(searches, 2, options.warmup, watchdog)
        if options.fixed:
            result["fixed"] = fixed_pass(searches[: options.fixed], watchdog)
            log(f"{options.backend}, fixed: {result['fixed']}")
        for clients in (1, 8):
            result["runs"][clients] = drive(
                searches, clients, options.seconds, watchdog
            )
            log(f"{options.backend}, {clients} clients: {result['runs'][clients]}")
    print(json.dumps(result))


def run_child(options, backend):
    args = [
        PYTHON,
        __file__,
        "--child",
        backend,
        "--database-url",
        options.database_url,
        "--seconds",
        str(options.seconds),
        "--warmup",
        str(options.warmup),
        "--timeout",
        str(options.timeout),
    ]
    if options.per_query:
        args.append("--per-query")
    if options.fixed:
        args += ["--fixed", str(options.fixed)]
    url = options.database_url
    if backend == "previous" and options.before_database_url:
        url = options.before_database_url
    args[args.index("--database-url") + 1] = url
    output = subprocess.run(
        args,
        cwd=ROOT,
        env=django_env(url),
        check=True,
        capture_output=True,
        text=True,
    )
    sys.stderr.write(output.stderr)
    return json.loads(output.stdout.strip().splitlines()[-1])


def table(name, documents, results):
    lines = [
        "| database | documents | backend | clients | searches | p50 ms | p95 ms "
        "| max ms | searches/s | timeouts | CPU ms/search app + db | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for backend, result in results:
        for clients, run in result["runs"].items():
            cells = [fmt(run[key]) for key in ("p50", "p95", "max", "rps")]
            cpu = f"{run['app_cpu']:.0f}"
            if run["db_cpu"]:
                cpu += f" + {run['db_cpu']:.0f}"
            lines.append(
                f"| {name} | {documents} | {backend} | {clients} | {run['n']} | "
                f"{' | '.join(cells)} | {run['timeouts']} | {cpu} | "
                f"{fmt(run['load'])} |"
            )
    fixed = [(backend, r["fixed"]) for backend, r in results if "fixed" in r]
    if fixed:
        lines += [
            "",
            f"The first {fixed[0][1]['n']} searches of the mix, each once, one "
            "client (the same work for every backend):",
            "",
            "| backend | searches | p50 ms | p95 ms | max ms | CPU ms/search app "
            "+ db | load avg |",
            "|---|---|---|---|---|---|---|",
        ]
        for backend, run in fixed:
            cells = " | ".join(fmt(run[key]) for key in ("p50", "p95", "max"))
            lines.append(
                f"| {backend} | {run['n']} | {cells} | {run['app_cpu']:.0f} + "
                f"{run['db_cpu']:.0f} | {fmt(run['load'])} |"
            )
    per_query = [
        (backend, r["per_query"]) for backend, r in results if "per_query" in r
    ]
    if per_query:
        lines += ["", "| query | " + " | ".join(f"{b} ms" for b, _ in per_query) + " |"]
        lines.append("|---|" + "---|" * len(per_query))
        for query in QUERIES:
            cells = []
            for _backend, timings in per_query:
                ms, stopped = timings[query]
                cells.append(f"> {ms:.0f} (stopped)" if stopped else f"{ms:.1f}")
            lines.append(f"| {query} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--scale", type=int, default=2500)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument(
        "--before", action="store_true", help="also measure the previous backend"
    )
    parser.add_argument("--only-before", action="store_true")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="seconds before a search is stopped"
    )
    parser.add_argument(
        "--per-query", action="store_true", help="also time each query once, alone"
    )
    parser.add_argument(
        "--no-cached", action="store_true", help="skip the run with the cache"
    )
    parser.add_argument(
        "--fixed",
        type=int,
        default=0,
        help="also run the first N searches of the mix once each, one client",
    )
    parser.add_argument(
        "--before-database-url",
        help="the database the previous backend reads (one without the new "
        "migration); the same as --database-url when not given",
    )
    parser.add_argument("--child", choices=["previous", "current", "cached"])
    options = parser.parse_args()
    if options.child:
        options.backend = options.child
        measure(options)
        return

    if not options.skip_load:
        for step, seconds in load(options).items():
            log(f"{step}: {seconds:.1f} s")
    results = []
    if options.before or options.only_before:
        results.append(("previous", run_child(options, "previous")))
    if not options.only_before:
        results.append(("current, no cache", run_child(options, "current")))
        if not options.no_cached:
            results.append(("current, cache", run_child(options, "cached")))
    scheme = urllib.parse.urlparse(options.database_url).scheme
    name = "SQLite" if scheme == "sqlite" else "PostgreSQL"
    documents = max(result["documents"] for _backend, result in results)
    print(table(name, documents, results))


if __name__ == "__main__":
    main()
