"""Kompetencetjek benchmark: a script, never a timed test.

    .venv/bin/python bench/competence_bench.py \\
        --database-url postgres://postgres@127.0.0.1:5432/vk_competence_bench \\
        --load --scale 25000 --requests 200

With --load it recreates the database and fills it (`migrate`, then
`load_demo --size small --scale N --no-index`: 2 N + 32 tools and cases, so
25 000 is the issue's 50 000 documents). Then, in-process with Django's
test client and the configured search backend left alone (the result page
does not search), it takes the check a few times with different answers
and times the result page (recommendations included), the plan and the
print view, as an anonymous visitor and as a partner member, one client.
It prints one table of p50/p95/max in milliseconds; record the numbers in
docs/benchmarks.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
sys.path.insert(0, str(ROOT))


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def environment(url):
    env = dict(os.environ)
    env.pop("ELASTICSEARCH_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": url,
            "SEARCH_LIVE_INDEXING": "false",
        }
    )
    return env


def load(url, scale):
    from bench.database_bench import recreate_database

    recreate_database(url)
    for args in (
        ["migrate", "--no-input"],
        ["load_demo", "--size", "small", "--scale", str(scale), "--no-index"],
    ):
        log("manage.py " + " ".join(args))
        subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=environment(url),
            check=True,
            stdout=sys.stderr,
        )


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(requests):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from competence.scoring import current_questionnaire
    from core.access import MEMBERS_GROUP
    from core.models.taxonomy import Sector
    from toolbox.models import ToolPage

    questionnaire = current_questionnaire()
    sectors = list(Sector.objects.all()[:3])
    anonymous = Client(HTTP_HOST="127.0.0.1")
    member = Client(HTTP_HOST="127.0.0.1")
    user = (
        get_user_model().objects.filter(groups__name=MEMBERS_GROUP).first()
        or get_user_model().objects.filter(is_superuser=True).first()
    )
    member.force_login(user)

    tokens = []
    for number in range(6):
        data = {
            "version": questionnaire.version,
            "sector": str(sectors[number % len(sectors)].pk),
            "size_band": ["10-49", "50-249", "250-999"][number % 3],
            "role_groups": ["produktionen"] if number % 2 else ["ledere", "hr"],
        }
        for position, question in enumerate(questionnaire.questions):
            index = (position * (number + 1) + number) % len(question.answers)
            data[f"q{question.id}"] = question.answers[index].id
        response = anonymous.post("/kompetencetjek/", data)
        assert response.status_code == 302, response.status_code
        tokens.append(response["Location"].rstrip("/").rsplit("/", 1)[-1])
    log(f"{len(tokens)} results; {ToolPage.objects.count()} tools in the database")

    rows = []
    for label, client in (("anonymous", anonymous), ("member", member)):
        for page, suffix in (
            ("result", ""),
            ("plan", "plan/"),
            ("print", "plan/udskrift/"),
        ):
            timings = []
            for number in range(requests):
                token = tokens[number % len(tokens)]
                started = time.perf_counter()
                response = client.get(f"/kompetencetjek/resultat/{token}/{suffix}")
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
            rows.append(
                (
                    label,
                    page,
                    len(timings),
                    statistics.median(timings),
                    percentile(timings, 0.95),
                    max(timings),
                )
            )
    print("| viewer | page | requests | p50 ms | p95 ms | max ms |")
    print("|---|---|---:|---:|---:|---:|")
    for label, page, count, p50, p95, most in rows:
        print(f"| {label} | {page} | {count} | {p50:.1f} | {p95:.1f} | {most:.1f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--scale", type=int, default=2500)
    parser.add_argument("--requests", type=int, default=100)
    options = parser.parse_args()
    if options.load:
        load(options.database_url, options.scale)
    os.environ.update(environment(options.database_url))
    measure(options.requests)


if __name__ == "__main__":
    main()
