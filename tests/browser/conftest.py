from pathlib import Path

from django.core.cache import caches

import pytest

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"


@pytest.fixture(autouse=True)
def clear_caches():
    """The live server shares this process's caches: start every test cold."""
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def site_tree(transactional_db):
    """Live-server tests run in transactions that end with a flush, which
    also removes the root and home pages that migrations created: put them
    back the way portal's migration 0002 makes them."""
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
