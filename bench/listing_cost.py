"""Listing cost benchmark (issue 13): does a listing, feed, API page or export
cost the same at 50 000 documents as at 300? A script, never a timed test.

    .venv/bin/python bench/listing_cost.py \\
        --small postgres://postgres@127.0.0.1:5432/vk_listing_small \\
        --large postgres://postgres@127.0.0.1:5432/vk_listing_large \\
        --small-media /tmp/media-small --large-media /tmp/media-large

The two databases are loaded beforehand: the small one with `migrate`,
`load_demo --size full --no-index` and `search_text rebuild` (about 300
documents), the large one with `load_demo --size small --scale 25000` and
`search_text rebuild` (50 028 documents). Each is served by a child process
of its own, in-process with Django's test Client, as portal.settings.dev with
DEBUG off, the database search backend (no ELASTICSEARCH_URL) and the
per-process cache (no REDIS_URL). Both run at once and take turns request
by request, so what else the machine does moves both numbers of a row, not
their ratio. Per page and database:

- warm: two requests, then the median of --repeat timed ones; the queries
  and bytes of one more;
- cold: the cache cleared before each of --cold requests (the first visitor
  after a publish, whose fragments and sitemap pages are built anew);
- a streamed answer (the CSV export) also gives the time to its first 64 KB.

Pages whose URL depends on the data are chosen per database: the partner
with the most public tools and cases, its tools' last page, the last page of
the catalogue, of /api/v1/tools and of the sitemap. Signed in (a partner
member), the HTML pages are measured again; open data is anonymous whoever
asks, so those rows are not repeated. "met" means large ≤ 2 × small.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
sys.path.insert(0, str(ROOT))

from bench.database_bench import django_env, log  # noqa: E402
from bench.load_test import wait_for_load  # noqa: E402

FIRST_BYTES = 64 * 1024
# The demo's production sector; the listing filtered by it is the campaign's.
SECTOR = "produktion"
MEMBER = "partnermedlem"


# Child: one database, Django set up


def pages(site):
    """(label, path, html) for every listing, feed, API page and export; html
    pages are measured signed in too."""
    partner = site["partner"]
    return [
        ("home", "/", True),
        ("/vaerktoejer/", "/vaerktoejer/", True),
        ("/vaerktoejer/?sektor=", f"/vaerktoejer/?sektor={SECTOR}", True),
        ("/vaerktoejer/ last page", f"/vaerktoejer/?side={site['tool_pages']}", True),
        ("/cases/", "/cases/", True),
        ("/cases/?sektor=", f"/cases/?sektor={SECTOR}", True),
        ("/partnere/", "/partnere/", True),
        ("partner page (most items)", partner["url"], True),
        (
            "partner page, last page of tools",
            f"{partner['url']}?vaerktoejer-side={partner['tool_pages']}",
            True,
        ),
        ("/produktion/", site["landing"], True),
        ("/soeg/?q=sidemandsoplæring", "/soeg/?q=sidemandsoplæring", True),
        ("/soeg/?q=ai&sektor=", f"/soeg/?q=ai&sektor={SECTOR}", True),
        ("/api/v1/tools", "/api/v1/tools", False),
        ("/api/v1/tools?per_side=100", "/api/v1/tools?per_side=100", False),
        (
            "/api/v1/tools?sortering=titel",
            "/api/v1/tools?sortering=titel",
            False,
        ),
        (
            "/api/v1/tools?sortering=nyttigst",
            "/api/v1/tools?sortering=nyttigst",
            False,
        ),
        ("/api/v1/tools?sektor=", f"/api/v1/tools?sektor={SECTOR}", False),
        (
            "/api/v1/tools last page",
            f"/api/v1/tools?side={site['api_tool_pages']}",
            False,
        ),
        ("/api/v1/tools/{id}", f"/api/v1/tools/{site['tool_id']}", False),
        ("/api/v1/cases", "/api/v1/cases", False),
        ("/api/v1/cases/{id}", f"/api/v1/cases/{site['case_id']}", False),
        ("/api/v1/partners", "/api/v1/partners", False),
        (
            "/api/v1/partners/{id} (most items)",
            f"/api/v1/partners/{partner['id']}",
            False,
        ),
        ("/feeds/vaerktoejer/", "/feeds/vaerktoejer/", False),
        ("/feeds/vaerktoejer/atom/", "/feeds/vaerktoejer/atom/", False),
        ("/feeds/vaerktoejer/?sektor=", f"/feeds/vaerktoejer/?sektor={SECTOR}", False),
        ("/feeds/vaerktoejer/?q=", "/feeds/vaerktoejer/?q=sidemandsoplæring", False),
        ("/feeds/cases/", "/feeds/cases/", False),
        ("/feeds/cases/atom/", "/feeds/cases/atom/", False),
        ("/sitemap.xml", "/sitemap.xml", False),
        ("/sitemap-sider.xml", "/sitemap-sider.xml", False),
        (
            "/sitemap-sider.xml last page",
            f"/sitemap-sider.xml?p={site['sitemap_pages']}",
            False,
        ),
        ("/vaerktoejer/eksport.csv", "/vaerktoejer/eksport.csv", False),
        (
            "/vaerktoejer/eksport.csv?sektor=",
            f"/vaerktoejer/eksport.csv?sektor={SECTOR}",
            False,
        ),
    ]


def describe_site():
    """The data-dependent paths, and the size of the catalogue."""
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Count

    from cases.models import CasePage
    from core.models import PartnerPage
    from core.models.partners import PARTNER_PAGE_SIZE
    from portal.api import DEFAULT_PAGE_SIZE as API_PAGE_SIZE
    from portal.models.standard import SectorLandingPage
    from portal.sitemaps import PublicSitemap
    from search.types import DEFAULT_PAGE_SIZE
    from toolbox.models import ToolPage

    anonymous = AnonymousUser()
    tools = ToolPage.objects.visible_to(anonymous)
    cases = CasePage.objects.visible_to(anonymous)
    items = {}
    for queryset in (tools, cases):
        counted = queryset.values("partner").annotate(n=Count("pk")).order_by()
        for row in counted:
            if row["partner"]:
                items[row["partner"]] = items.get(row["partner"], 0) + row["n"]
    partner = PartnerPage.objects.get(pk=max(items, key=items.get))
    partner_tools = tools.filter(partner=partner).count()
    most_used = (
        tools.annotate(n=Count("case_links")).order_by("-n", "pk").values("pk").first()
    )
    most_tools = (
        cases.annotate(n=Count("tool_links")).order_by("-n", "pk").values("pk").first()
    )
    tool_count = tools.count()
    sitemap = PublicSitemap()
    return {
        "counts": {
            "tools": ToolPage.objects.live().count(),
            "public_tools": tool_count,
            "cases": cases.count(),
            "partners": PartnerPage.objects.live().count(),
        },
        "partner": {
            "id": partner.pk,
            "title": partner.title,
            "url": partner.url,
            "items": items[partner.pk],
            "tool_pages": max(1, math.ceil(partner_tools / PARTNER_PAGE_SIZE)),
        },
        "tool_pages": max(1, math.ceil(tool_count / DEFAULT_PAGE_SIZE)),
        "api_tool_pages": max(1, math.ceil(tool_count / API_PAGE_SIZE)),
        "sitemap_pages": sitemap.paginator.num_pages,
        "tool_id": most_used["pk"],
        "case_id": most_tools["pk"],
        "landing": SectorLandingPage.objects.live().get(sector__slug=SECTOR).url,
    }


class Queries:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def fetch(client, path):
    """(ms, ms to the first 64 KB or None, bytes, status) of one request,
    the body read to its end."""
    started = time.perf_counter()
    response = client.get(path)
    first = None
    if response.streaming:
        size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            if first is None and size >= FIRST_BYTES:
                first = (time.perf_counter() - started) * 1000
        response.close()
    else:
        size = len(response.content)
    return (time.perf_counter() - started) * 1000, first, size, response.status_code


def median(values):
    values = sorted(value for value in values if value is not None)
    return values[len(values) // 2] if values else None


def step(client, path, kind):
    """One request: "warm" as it comes, "cold" after the cache is cleared,
    "count" counting its queries."""
    from django.core.cache import cache
    from django.db import connection

    if kind == "cold":
        cache.clear()
    queries = Queries()
    if kind == "warm":
        ms, first, size, status = fetch(client, path)
    else:
        with connection.execute_wrapper(queries):
            ms, first, size, status = fetch(client, path)
    return {
        "ms": ms,
        "first_ms": first,
        "bytes": size,
        "status": status,
        "queries": queries.count,
    }


def child(options):
    """Answers the parent one line at a time: first the site, then one
    request's measurements per {"label", "who", "step"} it is sent."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    site = describe_site()
    log(f"{options.name}: {json.dumps(site['counts'])}, partner {site['partner']}")
    member = Client()
    member.force_login(get_user_model().objects.get(username=MEMBER))
    clients = {"anonymous": Client(), "member": member}
    paths = {label: path for label, path, _html in pages(site)}
    print(json.dumps(site), flush=True)
    for line in sys.stdin:
        asked = json.loads(line)
        path = paths[asked["label"]]
        print(json.dumps(step(clients[asked["who"]], path, asked["step"])), flush=True)


# Parent: both databases side by side, one table


def child_env(url, media):
    env = django_env(url)
    # The per-process cache, as a bare machine has.
    env.pop("REDIS_URL", None)
    if media:
        env["MEDIA_ROOT"] = media
    return env


def start_child(name, url, media):
    return subprocess.Popen(
        [PYTHON, __file__, "--child", name],
        cwd=ROOT,
        env=child_env(url, media),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def ask(child_process, request):
    child_process.stdin.write(json.dumps(request) + "\n")
    child_process.stdin.flush()
    line = child_process.stdout.readline()
    if not line:
        raise SystemExit(f"listing_cost: a child ended early ({request})")
    return json.loads(line)


def measure(children, request, options):
    """{database: row} for one page: two warm-up requests, then --repeat
    warm and --cold cold ones, the databases taking turns request by
    request (who goes first alternating), so a burst of other work on the
    machine falls on both sides of the ratio."""

    def turns(number):
        return list(children) if number % 2 == 0 else list(children)[::-1]

    def each(kind, count):
        runs = {name: [] for name in children}
        for number in range(count):
            for name in turns(number):
                runs[name].append(ask(children[name], {**request, "step": kind}))
        return runs

    each("warm", 2)
    warm = each("warm", options.repeat)
    counted = each("count", 1)
    cold = each("cold", options.cold)
    rows = {}
    for name in children:
        one = counted[name][0]
        rows[name] = {
            **request,
            "status": one["status"],
            "queries": one["queries"],
            "bytes": one["bytes"],
            "ms": median(run["ms"] for run in warm[name]),
            "best_ms": min(run["ms"] for run in warm[name]),
            "first_ms": median(run["first_ms"] for run in warm[name]),
            "cold_ms": median(run["ms"] for run in cold[name]),
            "cold_first_ms": median(run["first_ms"] for run in cold[name]),
            "cold_queries": cold[name][0]["queries"],
            "load": os.getloadavg()[0],
        }
    return rows


def run(options):
    """Both databases at once, each in its own child process."""
    children = {
        "small": start_child("small", options.small, options.small_media),
        "large": start_child("large", options.large, options.large_media),
    }
    results = {}
    for name, child_process in children.items():
        line = child_process.stdout.readline()
        if not line:
            raise SystemExit(f"listing_cost: the {name} child did not start")
        results[name] = {"site": json.loads(line), "pages": []}
    wait_for_load(options)
    for label, _path, html in pages(results["small"]["site"]):
        if options.only and options.only not in label:
            continue
        for who in ("anonymous", "member") if html else ("anonymous",):
            rows = measure(children, {"label": label, "who": who}, options)
            for name, row in rows.items():
                results[name]["pages"].append(row)
            log(
                f"{who} {label}: {rows['small']['ms']:.0f} / "
                f"{rows['large']['ms']:.0f} ms"
            )
    for child_process in children.values():
        child_process.stdin.close()
        child_process.wait()
    return results["small"], results["large"]


def fmt(value, digits=0):
    if value is None:
        return "-"
    return f"{value:,.{digits}f}".replace(",", " ")


def times(value):
    return "-" if value is None else f"{value:.1f}×"


def ratio(small, large):
    return large / small if small and large is not None else None


def table(small, large, who, cold=False):
    ms, queries = ("cold_ms", "cold_queries") if cold else ("ms", "queries")
    first = "cold_first_ms" if cold else "first_ms"
    large_rows = {(row["label"], row["who"]): row for row in large["pages"]}
    lines = [
        "| page | ms small | ms large | ratio | ratio of best | queries small "
        "| queries large | KB small | KB large | met (≤ 2×) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in small["pages"]:
        other = large_rows.get((row["label"], who))
        if row["who"] != who or other is None:
            continue
        # The best of the warm runs is what a busy machine disturbs least.
        best = ratio(row["best_ms"], other["best_ms"]) if not cold else None
        cells = [(row[ms], other[ms], best, row["label"])]
        if row[first] is not None:
            cells = [
                (row[first], other[first], None, f"{row['label']}, first 64 KB"),
                (row[ms], other[ms], best, f"{row['label']}, whole file"),
            ]
        for small_ms, large_ms, best_factor, label in cells:
            factor = ratio(small_ms, large_ms)
            met = "yes" if factor is not None and factor <= 2 else "**no**"
            if row["status"] != 200 or other["status"] != 200:
                met = f"status {row['status']}/{other['status']}"
            lines.append(
                f"| {label} | {fmt(small_ms)} | {fmt(large_ms)} | {times(factor)} "
                f"| {times(best_factor)} | {row[queries]} | {other[queries]} "
                f"| {fmt(row['bytes'] / 1024)} | {fmt(other['bytes'] / 1024)} "
                f"| {met} |"
            )
    return lines


def report(small, large, options):
    lines = [
        f"{time.strftime('%Y-%m-%d %H:%M')}, load average (1, 5, 15 min) "
        + ", ".join(f"{value:.2f}" for value in os.getloadavg()),
        "",
    ]
    loads = [row["load"] for row in small["pages"] + large["pages"]]
    if loads:
        lines[0] += f"; 1-minute load during the run {min(loads):.1f}–{max(loads):.1f}"
    for name, result in (("small", small), ("large", large)):
        site = result["site"]
        lines.append(
            f"- {name}: {json.dumps(site['counts'])}; partner page: "
            f"{site['partner']['title']} ({site['partner']['items']} items)"
        )
    for who in ("anonymous", "member"):
        for cold in (False, True):
            heading = f"{who}, {'cold (cache cleared)' if cold else 'warm'}"
            lines += ["", f"### {heading}", "", *table(small, large, who, cold)]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", help="DATABASE_URL of the demo set")
    parser.add_argument("--large", help="DATABASE_URL of the 50 028-document set")
    parser.add_argument("--small-media", help="MEDIA_ROOT of the demo set")
    parser.add_argument("--large-media", help="MEDIA_ROOT of the large set")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold", type=int, default=3)
    parser.add_argument("--only", help="measure only pages whose label has this")
    parser.add_argument(
        "--max-start-load",
        type=float,
        default=3.0,
        help="wait (up to --load-wait s) for the 1-minute load average to fall below",
    )
    parser.add_argument("--load-wait", type=float, default=300)
    parser.add_argument("--json", help="write both results here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        options.name = options.child
        child(options)
        return
    if not (options.small and options.large):
        parser.error("--small and --large are required")
    log(f"load average at start: {os.getloadavg()}")
    small, large = run(options)
    if options.json:
        Path(options.json).write_text(json.dumps({"small": small, "large": large}))
    print(report(small, large, options))


if __name__ == "__main__":
    main()
