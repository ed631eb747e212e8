"""Times the search service in-process (no HTTP, no template) for the same
query mix as the server runs, to split engine time from page time. Prints
JSON with p50/p95/p99 in milliseconds."""

import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()


def main():
    from bench.search_bench import QUERIES, SORTS
    from core.models import Sector
    from search.service import search

    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 15.0
    rng = random.Random(42)
    sectors = list(Sector.objects.values_list("slug", flat=True))
    search("ai", log=False)  # warm caches and the connection
    timings = []
    stop_at = time.monotonic() + seconds
    while time.monotonic() < stop_at:
        filters = {"sektor": [rng.choice(sectors)]} if rng.random() < 0.6 else {}
        started = time.perf_counter()
        search(rng.choice(QUERIES), filters=filters, sort=rng.choice(SORTS), log=False)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()

    def pct(p):
        return timings[min(len(timings) - 1, round(p / 100 * (len(timings) - 1)))]

    print(
        json.dumps(
            {
                "n": len(timings),
                "p50": pct(50),
                "p95": pct(95),
                "p99": pct(99),
                "rps": len(timings) / seconds,
                "errors": 0,
                "load": os.getloadavg()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
