"""The docker/ files are for users; these machines have no engine, so the
files are checked statically: compose accepts them and every COPY exists."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"


def compose_command():
    if shutil.which("docker"):
        probe = subprocess.run(
            ["docker", "compose", "version"], capture_output=True, timeout=30
        )
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if os.environ.get("CI") == "true":
        pytest.fail("no docker compose client to check compose.yaml with")
    pytest.skip("no docker compose client installed")


def test_compose_file_is_accepted_by_docker_compose():
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "PUBLIC_BASE_URL": "https://vaerktoejskassen.example.dk",
    }
    result = subprocess.run(
        [*compose_command(), "-f", str(DOCKER / "compose.yaml"), "config"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for service in ("web:", "db:", "search:", "worker:", "indexer:"):
        assert service in result.stdout
    assert "postgres:16" in result.stdout
    assert "dockerfile: docker/search.Dockerfile" in services(result.stdout)["search"]


def services(compose_text):
    """{name: its lines} for each service of a compose file (or of the
    output of `compose config`), read as text."""
    text = compose_text.split("services:\n", 1)[1]
    text = re.split(r"\n(?=\S)", text, maxsplit=1)[0]
    blocks = re.split(r"\n  (?=[a-z])", "\n" + text)
    return {block.split(":", 1)[0].strip(): block for block in blocks if block.strip()}


def test_compose_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["PUBLIC_BASE_URL"] = "https://vaerktoejskassen.example.dk"
    result = subprocess.run(
        [*compose_command(), "-f", str(DOCKER / "compose.yaml"), "config"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def dockerfile_copy_sources():
    sources = []
    for line in (DOCKER / "Dockerfile").read_text().splitlines():
        parts = line.split()
        if not parts or parts[0] != "COPY":
            continue
        args = [p for p in parts[1:] if not p.startswith("--")]
        if any(p.startswith("--from") for p in parts):
            continue
        sources.extend(args[:-1])
    return sources


def test_every_file_the_dockerfile_copies_exists():
    sources = dockerfile_copy_sources()
    assert "manage.py" in sources
    for source in sources:
        assert (ROOT / source).exists(), f"Dockerfile copies missing {source}"


def test_the_image_holds_every_app():
    """An app folder the image leaves out fails only at run time, in
    production: every folder with an apps.py is copied."""
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps >= {"core", "toolbox", "cases", "search", "portal"}
    assert apps <= set(dockerfile_copy_sources())


def test_image_runs_as_non_root_with_gunicorn():
    dockerfile = (DOCKER / "Dockerfile").read_text()
    assert "\nUSER portal" in dockerfile
    assert "gunicorn" in dockerfile
    assert "collectstatic" in dockerfile


def test_an_indexer_catches_the_index_up_after_an_outage():
    text = (DOCKER / "compose.yaml").read_text()
    indexer = text.split("  indexer:", 1)[1].split("\n  db:", 1)[0]
    assert '"search_index", "watch"' in indexer
    assert "restart: unless-stopped" in indexer


def test_search_image_ships_the_danish_dictionary():
    """The `hunspell` analysis profile needs da_DK.aff and da_DK.dic in the
    node's config/hunspell/da_DK/; the search image copies Debian's."""
    dockerfile = (DOCKER / "search.Dockerfile").read_text()
    assert "FROM docker.elastic.co/elasticsearch/elasticsearch:8.19" in dockerfile
    assert "apt-get install -y --no-install-recommends hunspell-da" in dockerfile
    copy = dockerfile.split("COPY --from=dictionary", 1)[1]
    assert "/usr/share/hunspell/da_DK.aff" in copy
    assert "/usr/share/hunspell/da_DK.dic" in copy
    assert "/usr/share/elasticsearch/config/hunspell/da_DK/" in copy
    compose = (DOCKER / "compose.yaml").read_text()
    assert "dockerfile: docker/search.Dockerfile" in services(compose)["search"]


def test_every_service_on_the_index_agrees_on_the_analysis_profile():
    """The processes that build the index and those that query it must use
    the same profile: one variable sets it for all of them."""
    found = services((DOCKER / "compose.yaml").read_text())
    clients = [name for name, block in found.items() if "ELASTICSEARCH_URL" in block]
    assert set(clients) == {"web", "worker", "indexer"}
    setting = "SEARCH_ANALYSIS_PROFILE: ${SEARCH_ANALYSIS_PROFILE:-full}"
    for name in clients:
        assert setting in found[name], name
