"""load_demo never leaves a superuser with the well-known demo password on a
production site: without DEMO_ALLOWED (only dev and test settings set it) it
refuses, and with --allow-production the demo users get a random password
that is printed once."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from portal.management.commands.load_demo import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def production(settings):
    settings.DEMO_ALLOWED = False


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", "--size", "small", "--no-index", *args, stdout=out)
    return out.getvalue()


def test_production_settings_refuse_and_create_nothing(production):
    with pytest.raises(CommandError, match="--allow-production"):
        load_demo()
    assert not get_user_model().objects.exists()


def test_settings_without_the_flag_count_as_production(settings):
    del settings.DEMO_ALLOWED
    with pytest.raises(CommandError, match="produktionsindstillinger"):
        load_demo()
    assert not get_user_model().objects.exists()


def test_allowed_in_production_gives_a_random_password_printed_once(
    production, monkeypatch
):
    # A password from the environment is as well known as the default.
    monkeypatch.setenv("DEMO_PASSWORD", "demo")
    output = load_demo("--allow-production")

    printed = re.findall(r"adgangskode: (\S+)", output)
    assert len(printed) == 1
    password = printed[0]
    assert len(password) >= 20
    assert output.count(password) == 1
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(password)
    assert not admin.check_password(DEFAULT_PASSWORD)
    assert not admin.check_password("demo")
    editor = get_user_model().objects.get(username="redaktoer")
    assert editor.check_password(password)

    # Run again: nothing new, and no new password that would not apply.
    again = load_demo("--allow-production")
    assert "adgangskode:" not in again
    assert "fandtes allerede" in again
    admin.refresh_from_db()
    assert admin.check_password(password)


def test_two_production_runs_on_empty_sites_get_different_passwords(production):
    first = re.findall(r"adgangskode: (\S+)", load_demo("--allow-production"))
    get_user_model().objects.all().delete()
    second = re.findall(r"adgangskode: (\S+)", load_demo("--allow-production"))
    assert first and second and first != second


def test_the_real_production_settings_refuse(tmp_path):
    """manage.py under portal.settings.production, as the Docker image runs
    it: refused before anything touches the database."""
    database = tmp_path / "production.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "p" * 50,
        "PUBLIC_BASE_URL": "https://vaerktoejskassen.example.dk",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo", "--size", "small", "--no-index"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "--allow-production" in result.stderr
    assert "adgangskode:" not in result.stdout
    assert not database.exists() or database.stat().st_size == 0
