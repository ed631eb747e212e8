"""The embedded SQLite holds under concurrent publishing.

Each writer thread runs transactions that read and then write (as publishing
a page does), all starting together, while reader threads keep browsing.
Every thread has its own Django connection to a throw-away SQLite file, so
the test runs the same in the SQLite and the PostgreSQL pass of the suite.
The control run with Django's default options shows that this load does
produce "database is locked", so the project's options are what make the
difference.
"""

import threading
import time
from contextlib import contextmanager

from django.db import OperationalError
from django.db.utils import ConnectionHandler

import pytest

from portal.settings.base import sqlite_options

WRITERS = 8
ROUNDS = 4
READERS = 6
SEED_ROWS = 50
# Time between a writer's read and its write: the window in which a second
# writer's transaction overlaps.
WORK_SECONDS = 0.02
# The alias inside the test's own ConnectionHandler, which requires one
# called "default"; the project's connections are never touched.
ALIAS = "default"


@pytest.fixture
def unblocked_db(django_db_blocker):
    """Lets the test open its own connections without the test database."""
    with django_db_blocker.unblock():
        yield


@contextmanager
def transaction_on(connection):
    """What the outermost transaction.atomic() does on SQLite, for a
    connection outside django.db.connections: BEGIN (in OPTIONS'
    transaction_mode), then COMMIT, or ROLLBACK when anything fails."""
    connection.set_autocommit(
        False, force_begin_transaction_with_broken_autocommit=True
    )
    try:
        yield connection
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.set_autocommit(True)


def run_load(path, options):
    """Runs the load on a new SQLite file at path; returns the writers' and
    the readers' errors, the rows written and the reads done."""
    handler = ConnectionHandler(
        {
            ALIAS: {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(path),
                "OPTIONS": options,
            }
        }
    )
    setup = handler.create_connection(ALIAS)
    with setup.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE page (id INTEGER PRIMARY KEY, version INTEGER, body TEXT)"
        )
        for number in range(SEED_ROWS):
            cursor.execute(
                "INSERT INTO page (version, body) VALUES (%s, %s)",
                [number, "tekst " * 50],
            )
    setup.close()

    write_errors = []
    read_errors = []
    reads = []
    start_round = threading.Barrier(WRITERS)
    writers_done = threading.Event()

    def publish():
        for _ in range(ROUNDS):
            start_round.wait(timeout=60)
            # A new connection per transaction, as with CONN_MAX_AGE = 0.
            connection = handler.create_connection(ALIAS)
            try:
                with transaction_on(connection), connection.cursor() as cursor:
                    cursor.execute("SELECT MAX(version) FROM page")
                    latest = cursor.fetchone()[0]
                    time.sleep(WORK_SECONDS)
                    cursor.execute(
                        "INSERT INTO page (version, body) VALUES (%s, %s)",
                        [latest + 1, "ny udgave " * 50],
                    )
                    cursor.execute(
                        "UPDATE page SET body = %s WHERE id = 1", ["rettet " * 50]
                    )
            except OperationalError as error:
                write_errors.append(str(error))
            finally:
                connection.close()

    def browse():
        done = 0
        while not writers_done.is_set():
            connection = handler.create_connection(ALIAS)
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT id, version, body FROM page ORDER BY id")
                    cursor.fetchall()
                done += 1
            except OperationalError as error:
                read_errors.append(str(error))
            finally:
                connection.close()
            time.sleep(0.001)
        reads.append(done)

    readers = [threading.Thread(target=browse) for _ in range(READERS)]
    writers = [threading.Thread(target=publish) for _ in range(WRITERS)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    writers_done.set()
    for thread in readers:
        thread.join()

    check = handler.create_connection(ALIAS)
    with check.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM page")
        written = cursor.fetchone()[0] - SEED_ROWS
    check.close()
    return write_errors, read_errors, written, sum(reads)


def test_project_options_take_concurrent_writes_without_lock_errors(
    unblocked_db, tmp_path
):
    write_errors, read_errors, written, reads = run_load(
        tmp_path / "portal.sqlite3", sqlite_options()
    )

    assert write_errors == []
    assert read_errors == []
    assert written == WRITERS * ROUNDS
    assert reads > 0


def test_default_options_lock_under_the_same_load(unblocked_db, tmp_path):
    """The control: without the project's options the same load fails, so
    the test above cannot pass by not loading SQLite enough."""
    write_errors, _read_errors, written, _reads = run_load(
        tmp_path / "default.sqlite3", {}
    )

    assert write_errors
    assert all("database is locked" in error for error in write_errors)
    assert written == WRITERS * ROUNDS - len(write_errors)


def test_settings_use_the_options_for_sqlite():
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("this pass runs on PostgreSQL")
    assert sqlite_options().items() <= database["OPTIONS"].items()
