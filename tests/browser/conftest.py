from pathlib import Path

import pytest

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"


@pytest.fixture(autouse=True)
def _site_tree(site_tree):
    """Live-server tests run in flushed transactions: every one needs the
    root and home pages back (tests/conftest.py)."""
    return site_tree


@pytest.fixture
def site_content(site_tree):
    from tests.site.content import build_site

    return build_site(extra_tools=2, extra_cases=2)


@pytest.fixture(scope="session")
def axe_path():
    if not AXE_PATH.exists():
        from tests.conftest import missing_service

        missing_service("axe-core is not installed: run scripts/frontend-assets")
    return AXE_PATH
