"""Shared fixtures: the real services (Elasticsearch, PostgreSQL, chromium).

A service that is missing skips its tests with the reason, except under
CI=true, where a missing service fails them: CI must never pass by skipping.
"""

import json
import os
import shutil
import urllib.request
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def missing_service(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def elasticsearch_version(url):
    with urllib.request.urlopen(  # noqa: S310 - URL comes from the test config
        f"{url}/_nodes/_local?filter_path=nodes.*.version", timeout=3
    ) as response:
        nodes = json.load(response)["nodes"]
    return next(iter(nodes.values()))["version"]


def postgres_version(url):
    import psycopg

    try:
        with psycopg.connect(
            url.replace("postgres://", "postgresql://"), connect_timeout=3
        ) as conn:
            return conn.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error as error:
        return f"unreachable: {error}"


def pytest_report_header(config):
    lines = []
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        try:
            lines.append(f"elasticsearch: {url} (server {elasticsearch_version(url)})")
        except OSError as error:
            lines.append(f"elasticsearch: {url} unreachable ({error})")
    else:
        lines.append("elasticsearch: not configured (ELASTICSEARCH_URL unset)")
    database = os.environ.get("DATABASE_URL", "")
    if database.startswith("postgres"):
        lines.append(f"database: PostgreSQL (server {postgres_version(database)})")
    else:
        lines.append("database: SQLite")
    chromium = shutil.which("chromium")
    lines.append(f"browser: {chromium or 'chromium not installed'}")
    return lines


@pytest.fixture(scope="session")
def elasticsearch_url():
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        missing_service("ELASTICSEARCH_URL is not set (no Elasticsearch server)")
    try:
        elasticsearch_version(url)
    except OSError as error:
        missing_service(f"Elasticsearch at {url} does not answer: {error}")
    return url


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if not path:
        missing_service("Debian's chromium is not installed")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # the live-server tests make around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def clear_cache():
    """Fragment caches, rate limits and counters never leak between tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def site_tree(transactional_db):
    """Transactional tests end with a flush, which also removes the root and
    home pages that migrations created: put them back the way portal's
    migration 0002 makes them."""
    from wagtail.models import Collection, Locale, Page, Site

    from portal.models import HomePage

    Locale.objects.get_or_create(language_code="da")
    if Collection.get_first_root_node() is None:
        Collection.add_root(instance=Collection(name="Root"))
    if not HomePage.objects.exists():
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root")
        )
        home = root.add_child(
            instance=HomePage(
                title="Værktøjskassen",
                slug="home",
                hero_heading="Del AI-værktøjer, der virker i praksis",
                hero_text="AI-kompetencepagtens partnere deler cases og værktøjer "
                "til opkvalificering, så flere danske arbejdspladser kan komme i gang.",
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
    return HomePage.objects.get()
