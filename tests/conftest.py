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


class _SMTPInbox:
    """What the test SMTP server received: .messages (EmailMessage objects
    parsed with email.policy.default, in arrival order) and .wait_for()."""

    def __init__(self):
        import threading

        self.messages = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd
        import email
        import email.policy

        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count, timeout=5):
        """The messages once at least `count` have arrived; fails the test
        when they have not within `timeout` seconds."""
        with self._arrived:
            arrived = self._arrived.wait_for(
                lambda: len(self.messages) >= count, timeout=timeout
            )
            if not arrived:
                pytest.fail(
                    f"expected at least {count} e-mail(s) within {timeout} s, "
                    f"got {len(self.messages)}: "
                    f"{[message['Subject'] for message in self.messages]}",
                    pytrace=False,
                )
            return list(self.messages)


def _free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free local port, with Django's SMTP
    backend pointed at it. Yields the inbox: .messages and .wait_for(count)."""
    import logging

    from aiosmtpd.controller import Controller

    # The server's own protocol log quotes every address and line it gets:
    # it would drown the test output and every "no address in the logs"
    # check.
    server_log = logging.getLogger("mail.log")
    server_log_level = server_log.level
    server_log.setLevel(logging.WARNING)
    inbox = _SMTPInbox()
    for attempt in range(5):
        controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
        try:
            controller.start()
            break
        except OSError:  # the free port was taken meanwhile
            if attempt == 4:
                raise
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()
        server_log.setLevel(server_log_level)


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
