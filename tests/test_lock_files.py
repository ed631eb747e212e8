"""The lock files say what pyproject.toml asks for: every dependency is pinned,
to a version its range allows, and the image (base.txt) runs the pins the
tests ran (dev.txt). A dependency added to pyproject.toml without running
scripts/lock fails here, before a fresh clone installs something untested."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)")


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock):
    """{name: {versions}} of a compiled requirements file (a package may be
    pinned twice, under exclusive environment markers)."""
    found = {}
    for line in (ROOT / "requirements" / lock).read_text().splitlines():
        match = PIN.match(line)
        if match:
            found.setdefault(normalised(match[1]), set()).add(match[2])
    return found


def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def assert_pinned(requirements, lock):
    locked = pins(lock)
    for line in requirements:
        requirement = Requirement(line)
        name = normalised(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements/{lock}"
        allowed = [
            version
            for version in locked[name]
            if requirement.specifier.contains(Version(version), prereleases=True)
        ]
        assert allowed, (
            f"requirements/{lock} pins {requirement.name} at {locked[name]}, "
            f"outside {requirement.specifier}: run scripts/lock"
        )


def test_every_runtime_dependency_is_pinned_in_both_lock_files():
    assert_pinned(project()["dependencies"], "base.txt")
    assert_pinned(project()["dependencies"], "dev.txt")


def test_every_dev_dependency_is_pinned_in_the_dev_lock_file():
    assert_pinned(project()["optional-dependencies"]["dev"], "dev.txt")


def test_the_image_runs_the_versions_the_tests_ran():
    base, dev = pins("base.txt"), pins("dev.txt")
    differ = {
        name: (base[name], dev.get(name))
        for name in base
        if base[name] != dev.get(name)
    }
    assert not differ, f"base.txt and dev.txt disagree: {differ}; run scripts/lock"


def test_the_lock_files_are_compiled_for_every_declared_python():
    """One universal resolution (uv's --universal from 3.11), so the pins hold
    on each Python that requires-python admits, not only the one that ran
    scripts/lock; the Makefile looks for exactly those Pythons."""
    declared = SpecifierSet(project()["requires-python"])
    admitted = [f"3.{minor}" for minor in range(8, 20) if f"3.{minor}" in declared]
    lowest = admitted[0]
    script = (ROOT / "scripts" / "lock").read_text()
    assert "--universal" in script
    assert f"--python-version {lowest}" in script
    makefile = (ROOT / "Makefile").read_text()
    searched = re.search(r"^SUPPORTED_PYTHONS := (.*)$", makefile, re.M)[1].split()
    assert searched == [f"python{version}" for version in reversed(admitted)]
    for lock in ("base.txt", "dev.txt"):
        assert "scripts/lock" in (ROOT / "requirements" / lock).read_text(), lock


def test_installs_read_the_lock_files():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet -r requirements/dev.txt" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    assert "pip install -r requirements/base.txt" in dockerfile


def test_the_pre_commit_hooks_run_the_locked_ruff():
    """A hook on another ruff than scripts/test's would format and flag
    differently on commit than in CI."""
    config = (ROOT / ".pre-commit-config.yaml").read_text()
    rev = re.search(r"ruff-pre-commit\n\s+rev: v(\S+)", config)[1]
    assert pins("dev.txt")["ruff"] == {rev}
    for hook in ("id: ruff\n", "id: ruff-format", "id: djhtml"):
        assert hook in config
