# The database backend's full-text index over search.SearchText, in each
# database's own form. On SQLite, a later migration that alters the
# searchtext table remakes it and so drops the triggers: recreate them there.
#
# And narrow covering indexes for what every search reads of each page (is
# it live, its access level, its facet values, when it was published), so a
# search over tens of thousands of pages reads these indexes instead of the
# wide page rows with their StreamFields.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

POSTGRESQL = [
    """
    ALTER TABLE portal_search_searchtext ADD COLUMN vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, keywords), 'B')
        || setweight(to_tsvector('simple'::regconfig, body), 'C')
    ) STORED
    """,
    "CREATE INDEX portal_search_searchtext_vector "
    "ON portal_search_searchtext USING gin (vector)",
    "CREATE INDEX portal_search_page_listing ON wagtailcore_page (id) "
    "INCLUDE (live, first_published_at, path)",
    "CREATE INDEX portal_search_toolpage_listing ON toolbox_toolpage "
    "(page_ptr_id) INCLUDE (access, tool_format)",
    "CREATE INDEX portal_search_casepage_listing ON cases_casepage "
    "(page_ptr_id) INCLUDE (training_format, employees_upskilled)",
]
LISTING_REVERSE = [
    "DROP INDEX IF EXISTS portal_search_page_listing",
    "DROP INDEX IF EXISTS portal_search_toolpage_listing",
    "DROP INDEX IF EXISTS portal_search_casepage_listing",
]
POSTGRESQL_REVERSE = [
    *LISTING_REVERSE,
    "DROP INDEX IF EXISTS portal_search_searchtext_vector",
    "ALTER TABLE portal_search_searchtext DROP COLUMN IF EXISTS vector",
]

SQLITE = [
    """
    CREATE VIRTUAL TABLE portal_search_searchtext_fts USING fts5(
        title, keywords, body,
        content='portal_search_searchtext', content_rowid='page_id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER portal_search_searchtext_fts_insert
    AFTER INSERT ON portal_search_searchtext BEGIN
        INSERT INTO portal_search_searchtext_fts(rowid, title, keywords, body)
        VALUES (new.page_id, new.title, new.keywords, new.body);
    END
    """,
    """
    CREATE TRIGGER portal_search_searchtext_fts_delete
    AFTER DELETE ON portal_search_searchtext BEGIN
        INSERT INTO portal_search_searchtext_fts(
            portal_search_searchtext_fts, rowid, title, keywords, body
        ) VALUES ('delete', old.page_id, old.title, old.keywords, old.body);
    END
    """,
    """
    CREATE TRIGGER portal_search_searchtext_fts_update
    AFTER UPDATE ON portal_search_searchtext BEGIN
        INSERT INTO portal_search_searchtext_fts(
            portal_search_searchtext_fts, rowid, title, keywords, body
        ) VALUES ('delete', old.page_id, old.title, old.keywords, old.body);
        INSERT INTO portal_search_searchtext_fts(rowid, title, keywords, body)
        VALUES (new.page_id, new.title, new.keywords, new.body);
    END
    """,
]
SQLITE += [
    "CREATE INDEX portal_search_page_listing ON wagtailcore_page "
    "(id, live, first_published_at, path)",
    "CREATE INDEX portal_search_toolpage_listing ON toolbox_toolpage "
    "(page_ptr_id, access, tool_format)",
    "CREATE INDEX portal_search_casepage_listing ON cases_casepage "
    "(page_ptr_id, training_format, employees_upskilled)",
]
SQLITE_REVERSE = [
    *LISTING_REVERSE,
    "DROP TRIGGER IF EXISTS portal_search_searchtext_fts_insert",
    "DROP TRIGGER IF EXISTS portal_search_searchtext_fts_delete",
    "DROP TRIGGER IF EXISTS portal_search_searchtext_fts_update",
    "DROP TABLE IF EXISTS portal_search_searchtext_fts",
]


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0003_pending_index_update"),
        ("wagtailcore", "0098_apitoken"),
        ("toolbox", "0002_engagement"),
        ("cases", "0003_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchText",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="side",
                    ),
                ),
                ("title", models.TextField(blank=True, verbose_name="titel")),
                (
                    "keywords",
                    models.TextField(
                        blank=True,
                        help_text="Resumé, nøgleord, partner, sektorer og temaer.",
                        verbose_name="nøgleord",
                    ),
                ),
                ("body", models.TextField(blank=True, verbose_name="brødtekst")),
                (
                    "changed",
                    models.DateTimeField(
                        auto_now=True, db_index=True, verbose_name="ændret"
                    ),
                ),
            ],
            options={
                "verbose_name": "søgetekst",
                "verbose_name_plural": "søgetekster",
            },
        ),
        migrations.RunPython(
            run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
