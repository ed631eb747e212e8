"""A change made by another process (cron's publish_scheduled, db_worker,
another worker) shows at once in this process's cached pages, with no
shared cache: the content generation is read from the database
(core.fragments), not from the process's own cache.

The second process is a real one (manage.py shell) on the test database, so
the test needs a database two processes can open: PostgreSQL, or an SQLite
file. The in-memory SQLite database of the SQLite pass cannot be shared."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

import pytest

from core.choices import Access
from tests.factories import (
    home_page,
    make_partner,
    make_tool,
    partner_index,
    tool_index,
)

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def database_url():
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or ""
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        host = settings["HOST"] or "127.0.0.1"
        port = settings["PORT"] or 5432
        return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"
    name = str(settings["NAME"])
    if connection.vendor == "sqlite" and name and "memory" not in name:
        return f"sqlite:///{name}"
    return None


def in_another_process(code):
    url = database_url()
    if url is None:
        pytest.skip("the in-memory SQLite test database cannot be shared")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_tool_made_partners_only_elsewhere_leaves_the_warm_pages(
    client, site_tree
):
    home_page()
    tool_index()
    partner_index()
    partner = make_partner(title="Fremmed Proces A/S")
    tool = make_tool(partner, title="Kanariefuglen fra den anden proces")
    urls = ["/vaerktoejer/", partner.url]
    for url in urls:
        # Twice: the second answer comes from this process's cached fragments.
        page(client, url)
        assert tool.title in page(client, url), url

    in_another_process(
        "from toolbox.models import ToolPage\n"
        f"tool = ToolPage.objects.get(pk={tool.pk})\n"
        f"tool.access = {str(Access.PARTNERS)!r}\n"
        "tool.save_revision().publish()\n"
    )
    for url in urls:
        assert tool.title not in page(client, url), url


def test_a_tool_unpublished_elsewhere_leaves_the_warm_catalogue(client, site_tree):
    home_page()
    tool_index()
    partner_index()
    partner = make_partner(title="Anden Proces ApS")
    tool = make_tool(partner, title="Værktøjet der blev trukket tilbage")
    for url in ("/vaerktoejer/", partner.url):
        page(client, url)
        assert tool.title in page(client, url), url

    in_another_process(
        "from toolbox.models import ToolPage\n"
        f"ToolPage.objects.get(pk={tool.pk}).unpublish()\n"
    )
    for url in ("/vaerktoejer/", partner.url):
        assert tool.title not in page(client, url), url
