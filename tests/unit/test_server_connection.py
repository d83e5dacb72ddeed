"""When the network fails (issue 12 point 7), at the database layer: a broken server connection
is dropped and a read tried again on a new one; a write or a transaction on it fails with one
Danish ConnectionLostError and leaves nothing half-saved; reconnecting backs off instead of
trying for ten seconds at every click; and the app is told lost / working again.

The connection is broken for real, with pg_terminate_backend from a second connection."""

from __future__ import annotations

import time

import pytest

from tests.support.server import ServerForTests
from tryg_desktop.db import close_database, connection, database, open_database
from tryg_desktop.db.errors import ConnectionLostError
from tryg_desktop.db.models import Contact
from tryg_desktop.services.register import contacts

psycopg = pytest.importorskip("psycopg")


@pytest.fixture
def server_db(server):
    if server is None:
        pytest.skip(ServerForTests.why_skipped())
    url = server.fresh_database()
    open_database(url)
    yield server
    close_database()
    server.drop(url)


def _cut(server) -> None:
    """Terminate the app's connection from the server's side, as a restart or a network drop
    (seen by the client at its next statement)."""
    pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(server.admin_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    time.sleep(0.1)


def _names() -> list[str]:
    return [row.name for row in contacts.fetch(contacts.ContactFilter())]


def test_a_read_after_a_cut_is_tried_again_on_a_new_connection(server_db):
    contacts.create(contacts.ContactInput(name="Anna Jensen"))
    _cut(server_db)
    assert _names() == ["Anna Jensen"]  # no error: the read went again on a new connection


def test_a_write_on_a_cut_connection_is_one_danish_error_and_nothing_is_half_saved(server_db):
    _cut(server_db)
    with pytest.raises(ConnectionLostError) as caught:
        contacts.create(contacts.ContactInput(name="Bo Nielsen"))
    assert "Forbindelsen til den fælles database er afbrudt" in caught.value.message
    contacts.create(contacts.ContactInput(name="Bo Nielsen"))  # the next try works
    assert _names() == ["Bo Nielsen"]


def test_a_transaction_cut_in_the_middle_stays_failed_until_it_ends(server_db):
    """Code that swallowed the first error must not write the rest on a new connection."""
    with pytest.raises(ConnectionLostError):
        with database.atomic():
            Contact.insert(name="Først", search_text="først").execute()
            _cut(server_db)
            with pytest.raises(ConnectionLostError):
                Contact.insert(name="Under", search_text="under").execute()
            Contact.insert(name="Efter", search_text="efter").execute()  # still refused
    assert Contact.select().count() == 0  # on a new connection: nothing of it was saved


def test_an_unreachable_server_is_not_tried_again_at_every_click(server_db, monkeypatch):
    attempts = []
    db = database.obj
    real_connect = db._connect

    def counted():
        attempts.append(time.monotonic())
        raise psycopg.OperationalError("connection refused")

    _cut(server_db)
    monkeypatch.setattr(db, "_connect", counted)
    for _ in range(5):
        with pytest.raises(ConnectionLostError):
            _names()
    assert len(attempts) == 1  # the first try; the others fall within the back-off
    monkeypatch.setattr(db, "_connect", real_connect)
    db._retry_at = 0.0  # as if the back-off had run out
    assert _names() == []


def test_the_app_is_told_when_the_connection_is_lost_and_when_it_works_again(server_db,
                                                                            monkeypatch):
    told = []
    monkeypatch.setattr(connection, "CONNECTION_LISTENERS", [told.append])
    db = database.obj
    real_connect = db._connect

    def refused():
        raise psycopg.OperationalError("connection refused")

    _cut(server_db)
    monkeypatch.setattr(db, "_connect", refused)
    with pytest.raises(ConnectionLostError):
        _names()
    monkeypatch.setattr(db, "_connect", real_connect)
    db._retry_at = 0.0
    _names()
    assert told == [False, True]
