import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

ROOT = Path(__file__).resolve().parents[2]


def settings_in_subprocess(module, env, expression):
    """Imports a settings module in a clean interpreter with the given env."""
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "ELASTICSEARCH_URL", "SECRET_KEY"}
    }
    clean_env.update(env)
    code = f"import importlib; s = importlib.import_module({module!r}); "
    code += f"print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.django_db
def test_home_page_answers_in_danish(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Værktøjskassen" in html
    assert "Gå til indhold" in html


@pytest.mark.django_db
def test_admin_login_page_answers(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_sqlite_is_the_embedded_default():
    result = settings_in_subprocess(
        "portal.settings.dev", {}, "s.DATABASES['default']['ENGINE'], s.SEARCH_BACKEND"
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout
    assert "database" in result.stdout


def test_database_url_selects_postgresql():
    result = settings_in_subprocess(
        "portal.settings.dev",
        {"DATABASE_URL": "postgres://u:p@db.example:5433/portal"},
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], "
        "s.DATABASES['default']['PORT'], s.DATABASES['default']['NAME']",
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip() == "django.db.backends.postgresql db.example 5433 portal"
    )


@pytest.mark.django_db
def test_postgresql_connections_do_not_jit_compile():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


PUBLIC = "https://vaerktoejskassen.example.dk"


def test_elasticsearch_url_switches_search_backend():
    result = settings_in_subprocess(
        "portal.settings.dev",
        {"ELASTICSEARCH_URL": "http://search.example:9200"},
        "s.SEARCH_BACKEND, s.ELASTICSEARCH_URL",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "elasticsearch http://search.example:9200"


@pytest.mark.parametrize("secret", ["", "short", "django-insecure-" + "x" * 40])
def test_production_refuses_a_missing_or_weak_secret_key(secret):
    result = settings_in_subprocess(
        "portal.settings.production",
        {"SECRET_KEY": secret, "PUBLIC_BASE_URL": PUBLIC},
        "'started'",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "started" not in result.stdout


def test_production_starts_with_a_real_secret_key():
    result = settings_in_subprocess(
        "portal.settings.production",
        {"SECRET_KEY": "k" * 50, "PUBLIC_BASE_URL": PUBLIC},
        "s.DEBUG, s.PUBLIC_BASE_URL, s.WAGTAILADMIN_BASE_URL",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"False {PUBLIC} {PUBLIC}"


@pytest.mark.parametrize(
    "url", ["", "http://localhost", "http://127.0.0.1:8000", "vaerktoejskassen.dk"]
)
def test_production_refuses_a_missing_or_local_public_address(url):
    result = settings_in_subprocess(
        "portal.settings.production",
        {"SECRET_KEY": "k" * 50, "PUBLIC_BASE_URL": url},
        "'started'",
    )
    assert result.returncode != 0
    assert "PUBLIC_BASE_URL" in result.stderr
    assert "started" not in result.stdout


@pytest.mark.elasticsearch
def test_elasticsearch_fixture_talks_to_a_real_server(elasticsearch_url):
    client = Elasticsearch(elasticsearch_url, request_timeout=10)
    health = client.cluster.health(wait_for_status="yellow", timeout="10s")
    assert health["status"] in {"green", "yellow"}
    name = "test-foundation-probe"
    client.indices.delete(index=name, ignore_unavailable=True)
    client.indices.create(index=name, settings={"number_of_replicas": 0})
    assert client.indices.exists(index=name)
    client.indices.delete(index=name)
    assert not client.indices.exists(index=name)


def test_deploy_check_warns_only_about_what_the_readme_explains():
    env = {
        k: v
        for k, v in os.environ.items()
        # The browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE for this process.
        if k not in {"DATABASE_URL", "ELASTICSEARCH_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="vaerktoejskassen.example.dk",
        PUBLIC_BASE_URL=PUBLIC,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    warnings = set(re.findall(r"\((\w+\.W\d+)\)", output))
    readme = (ROOT / "README.md").read_text()
    assert result.returncode == 0, output
    for warning in warnings:
        assert warning in readme, f"{warning} is not explained in the README"
