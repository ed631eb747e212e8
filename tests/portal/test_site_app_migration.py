"""The site's pages left the foundation app (label "portal") for the site app
(label "portal_site") without a table or a row changing: a database migrated
before the move migrates forward with its pages, featured items and content
types intact, and back again."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from portal.models import HomePage, HomePageFeaturedItem, StandardPage

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [("portal", "0007_editor_approval_task"), ("portal_site", None)]
MOVED = ("homepage", "homepagefeatureditem", "standardpage", "sectorlandingpage")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()


def latest_migrations():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def labels_of_moved_models():
    return set(
        ContentType.objects.filter(model__in=MOVED).values_list("app_label", "model")
    )


def row_count(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - fixed names
        return cursor.fetchone()[0]


def test_a_database_from_before_the_move_keeps_its_pages(site_tree):
    about = site_tree.add_child(
        instance=StandardPage(title="Om pagten", slug="om-pagten", intro="Pagten.")
    )
    HomePageFeaturedItem.objects.create(
        home_page=site_tree, page=about, override_text="Læs om pagten"
    )
    leaves = latest_migrations()

    migrate(BEFORE_THE_MOVE)
    # The state today's main had: the pages' content types under "portal".
    assert {label for label, _ in labels_of_moved_models()} == {"portal"}
    assert row_count("portal_homepage") == 1
    assert row_count("portal_standardpage") == 1

    migrate(leaves)
    assert {label for label, _ in labels_of_moved_models()} == {"portal_site"}
    assert not ContentType.objects.filter(app_label="portal", model__in=MOVED)
    home = HomePage.objects.get()
    assert home.pk == site_tree.pk
    assert home.featured_items.get().override_text == "Læs om pagten"
    assert isinstance(about.get_parent().specific, HomePage)
    page = type(about).objects.get(pk=about.pk)
    assert page.specific_class is StandardPage
    assert page.intro == "Pagten."
