# The facet values, kind, first publication and sort values of each page
# move into its search text row, so a search counts, filters and sorts in
# one pass over the rows it matched instead of joining every facet's table
# (issue 10).
#
# On PostgreSQL the single weighted tsvector becomes two: `head` (title A,
# keywords B), small enough to stay in the row and the only one ranked, and
# `body_vector`, which only matches through its GIN index. A broad query
# then ranks tens of thousands of rows without reading their bodies.
#
# The new columns are empty until `manage.py search_text rebuild`; until
# then `search_text verify` fails, which is what makes the deployment's
# entrypoint rebuild.

import importlib

from django.db import migrations, models

POSTGRESQL = [
    "ALTER TABLE portal_search_searchtext DROP COLUMN IF EXISTS vector",
    """
    ALTER TABLE portal_search_searchtext ADD COLUMN head tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, keywords), 'B')
    ) STORED
    """,
    """
    ALTER TABLE portal_search_searchtext ADD COLUMN body_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, body)) STORED
    """,
    "CREATE INDEX portal_search_searchtext_head "
    "ON portal_search_searchtext USING gin (head)",
    "CREATE INDEX portal_search_searchtext_body "
    "ON portal_search_searchtext USING gin (body_vector)",
]
POSTGRESQL_REVERSE = [
    "ALTER TABLE portal_search_searchtext DROP COLUMN IF EXISTS head",
    "ALTER TABLE portal_search_searchtext DROP COLUMN IF EXISTS body_vector",
]


def initial():
    """Migration 0004, whose statements these undo or repeat."""
    return importlib.import_module("search.migrations.0004_search_text")


TRIGGERS = ("insert", "delete", "update")


def fts_triggers(apps, schema_editor):
    """Recreates the FTS5 triggers of 0004: adding or removing a column
    remakes the table on SQLite, which drops them."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in TRIGGERS:
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS portal_search_searchtext_fts_{name}"
        )
    for statement in initial().SQLITE:
        if "CREATE TRIGGER" in statement:
            schema_editor.execute(statement)


def postgresql(statements):
    """statements() run on PostgreSQL."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements():
                schema_editor.execute(statement)

    return operation


def restore_vector():
    """The single tsvector column of 0004 and its index, back."""
    return POSTGRESQL_REVERSE + [
        statement for statement in initial().POSTGRESQL if "vector" in statement
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0006_search_alert"),
    ]

    operations = [
        # Undoing the new fields remakes the table last: the triggers then.
        migrations.RunPython(migrations.RunPython.noop, fts_triggers),
        migrations.AddField(
            model_name="searchtext",
            name="facets",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text=(
                    'Alle facetværdier som "parameter:værdi", fx "sektor:produktion".'
                ),
                verbose_name="facetværdier",
            ),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="kind",
            field=models.CharField(blank=True, max_length=8, verbose_name="type"),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="published",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="først udgivet"
            ),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="popularity",
            field=models.IntegerField(default=0, verbose_name="brug"),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="helpful_score",
            field=models.FloatField(blank=True, null=True, verbose_name="nyttescore"),
        ),
        migrations.RunPython(
            postgresql(lambda: POSTGRESQL), postgresql(restore_vector)
        ),
        migrations.RunPython(fts_triggers, migrations.RunPython.noop),
    ]
