"""Search quality on the Danish relevance set (tests/search/relevance.py):
a script, not a test.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vaerktoejskassen \\
        .venv/bin/python bench/relevance.py [--misses]

Builds the fixed corpus in a fresh SQLite database and, when DATABASE_URL
names a PostgreSQL server, in a fresh PostgreSQL database beside it (its
name plus `_relevance`, dropped and created). Runs every judged query on
every engine it can reach: Elasticsearch with each analysis profile the
cluster serves (`full`, `hunspell`, `core`) and the database backend on
SQLite and on PostgreSQL. Prints markdown tables: hits@1, hits@3 and MRR
per engine, then per query category; with --misses, every query whose
first relevant document is not on top.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
PROFILES = ["full", "hunspell", "core"]


def log(message):
    print(f"[relevance] {message}", file=sys.stderr, flush=True)


# The worker: one database, every engine on it.


def worker(options):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import override_settings

    from search import indexing
    from search.service import reset_fallback
    from tests.search import relevance

    call_command("migrate", "--no-input", verbosity=0)
    keys = relevance.build_corpus()

    def run(engine):
        from django.core.cache import cache

        cache.clear()
        reset_fallback()
        outcomes, backends = relevance.evaluate_service(keys)
        return {
            "engine": engine,
            "backends": sorted(backends),
            "outcomes": [
                {
                    "query": o.judgement.query,
                    "category": o.judgement.category,
                    "rank": o.rank,
                    "ranked": o.ranked[:3],
                }
                for o in outcomes
            ],
        }

    vendor = django.db.connection.vendor
    results = []
    with override_settings(SEARCH_BACKEND="database"):
        results.append(run(f"database ({vendor})"))
    url = options.elasticsearch_url
    for profile in PROFILES if url else []:
        with override_settings(
            SEARCH_BACKEND="elasticsearch",
            ELASTICSEARCH_URL=url,
            SEARCH_INDEX_PREFIX=f"relevance-{uuid.uuid4().hex[:10]}",
            SEARCH_ANALYSIS_PROFILE=profile,
            SEARCH_LIVE_INDEXING=False,
        ):
            try:
                indexing.rebuild(progress=False)
            except indexing.SearchClusterError as error:
                log(f"elasticsearch/{profile}: not served here ({error})")
                results.append({"engine": f"elasticsearch/{profile}", "skip": True})
                continue
            try:
                results.append(run(f"elasticsearch/{profile}"))
            finally:
                indexing.delete_all()
    print(json.dumps(results))


# The parent: a fresh database per engine family, then the tables.


def recreate_postgres(url):
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = f"{parsed.path.lstrip('/')}_relevance"
    admin = parsed._replace(path="/postgres").geturl()
    admin = admin.replace("postgres://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return parsed._replace(path=f"/{name}").geturl()


def run_worker(database_url, elasticsearch_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
    }
    args = [PYTHON, __file__, "--worker", f"--elasticsearch-url={elasticsearch_url}"]
    log(f"building the corpus in {database_url.split('@')[-1]}")
    result = subprocess.run(
        args, cwd=ROOT, env=env, check=True, text=True, stdout=subprocess.PIPE
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def scores(outcomes):
    count = len(outcomes)
    return (
        sum(o["rank"] == 1 for o in outcomes) / count,
        sum(1 <= o["rank"] <= 3 for o in outcomes) / count,
        sum(1 / o["rank"] for o in outcomes if o["rank"]) / count,
    )


def tables(results, misses=False):
    from tests.search.relevance import CATEGORIES

    measured = [r for r in results if not r.get("skip")]
    lines = [
        "| engine | queries | hits@1 | hits@3 | MRR |",
        "|---|---:|---:|---:|---:|",
    ]
    for result in measured:
        at1, at3, mrr = scores(result["outcomes"])
        lines.append(
            f"| {result['engine']} | {len(result['outcomes'])} "
            f"| {at1:.2f} | {at3:.2f} | {mrr:.2f} |"
        )
    for result in results:
        if result.get("skip"):
            lines.append(f"| {result['engine']} | not served by this cluster | | | |")
    lines += [
        "",
        "Per category, hits@1 / hits@3 / MRR:",
        "",
        "| category | n | " + " | ".join(r["engine"] for r in measured) + " |",
        "|---|---:|" + "---|" * len(measured),
    ]
    for category in CATEGORIES:
        cells = []
        count = 0
        for result in measured:
            outcomes = [o for o in result["outcomes"] if o["category"] == category]
            count = len(outcomes)
            cells.append("{:.2f} / {:.2f} / {:.2f}".format(*scores(outcomes)))
        lines.append(f"| {category} | {count} | " + " | ".join(cells) + " |")
    if misses:
        for result in measured:
            lines += ["", f"Not on top, {result['engine']} (rank; top three):", ""]
            for o in result["outcomes"]:
                if o["rank"] != 1:
                    rank = o["rank"] or "-"
                    top = ", ".join(o["ranked"]) or "no hits"
                    lines.append(f"- {o['category']}: `{o['query']}`: {rank}; {top}")
    for result in measured:
        if result["backends"] != [result["engine"].split("/")[0].split(" ")[0]]:
            lines.append(
                f"\nWARNING: {result['engine']} was answered by {result['backends']}"
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", "")
    )
    parser.add_argument("--postgres-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--misses", action="store_true")
    options = parser.parse_args()
    if options.worker:
        worker(options)
        return
    with tempfile.TemporaryDirectory() as folder:
        results = run_worker(
            f"sqlite:///{folder}/relevance.sqlite3", options.elasticsearch_url
        )
    if options.postgres_url.startswith("postgres"):
        results += run_worker(recreate_postgres(options.postgres_url), "")
    else:
        log("no PostgreSQL (DATABASE_URL unset): database backend on SQLite only")
    sys.path.insert(0, str(ROOT))
    # Elasticsearch's profiles first, then the database backend's.
    results.sort(key=lambda result: result["engine"].startswith("database"))
    print(tables(results, misses=options.misses))


if __name__ == "__main__":
    main()
