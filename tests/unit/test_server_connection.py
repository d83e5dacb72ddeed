"""When the network fails (issue 12 point 7), at the database layer: a broken server connection
is dropped and a read tried again on a new one; a write or a transaction on it fails with one
Danish ConnectionLostError and leaves nothing half-saved; reconnecting backs off instead of
trying for ten seconds at every click; and the app is told lost / working again.

The connection is broken for real, with pg_terminate_backend from a second connection."""

from __future__ import annotations

import time

import pytest

from tests.support.server import ServerForTests, on_own_thread
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


def test_minutes_typed_through_repeated_drops_all_reach_the_server(server_db, monkeypatch):
    """The fault test: the connection is terminated again and again while minutes are typed
    and saved as the editor does (a save that meets a lost connection is kept on this PC and
    delivered when the server answers). Afterwards the server holds the last text typed, and
    every save the server acknowledged is in it (the text only grows)."""
    import datetime as dt

    from tryg_desktop.services import pending_saves
    from tryg_desktop.services.meetings import agenda, meetings, minutes, minutes_offline

    start = dt.datetime(2026, 12, 3, 14)
    meeting = meetings.create(meetings.MeetingInput(title="Dialogmøde", starts_at=start,
                                                    ends_at=start + dt.timedelta(hours=2)))
    item = agenda.add(meeting.id, agenda.ItemInput(title="Belysning", kind="beslutning"))
    version, text, acknowledged, kept = item.version, "", [], 0
    handlers = {minutes_offline.KIND: minutes_offline.deliver}
    check_text = minutes._check_text
    drop_now = []

    def cut_inside_the_save(*args):  # after the save's reads, before its transaction
        if drop_now:
            drop_now.clear()
            _cut(server_db)
        return check_text(*args)

    monkeypatch.setattr(minutes, "_check_text", cut_inside_the_save)
    for n in range(60):
        text += f"ord{n} "
        if n % 7 == 3:
            drop_now.append(True)
        elif n % 11 == 5:
            _cut(server_db)  # a drop between two saves: the next read heals it
        try:
            if pending_saves.pending():  # the window delivers first when it is back
                pending_saves.deliver(handlers)
                version = agenda.get(item.id).version
            version = minutes.save_item_minutes(item.id, text, "", version)
            acknowledged.append(text)
        except ConnectionLostError:
            minutes_offline.keep_for_later(item.id, text, "", version)
            kept += 1
            database.obj._retry_at = 0.0  # the back-off has run out by the next keystroke
    pending_saves.deliver(handlers)
    stored = agenda.get(item.id).notes
    assert stored == text
    assert all(stored.startswith(saved) for saved in acknowledged) and len(acknowledged) > 30
    assert kept >= 8  # the drops inside a save were met, and their text kept and delivered
    assert pending_saves.pending() == []


def _backend_pid() -> int:
    return database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]


def test_worker_threads_reuse_the_servers_connections(server_db):
    """A worker's connection goes back to the pool when its task ends, and the next task
    takes it: no new server connection (several round trips) per count or figure."""
    first = on_own_thread(_backend_pid, colleague=False)
    assert on_own_thread(_backend_pid, colleague=False) == first
    assert _backend_pid() != first  # the GUI thread keeps its own
    # Dropped by the server while idle in the pool: the next task's read still works.
    with psycopg.connect(server_db.admin_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (first,))
    time.sleep(0.1)
    contacts.create(contacts.ContactInput(name="Anna Jensen"))
    assert on_own_thread(_names, colleague=False) == ["Anna Jensen"]
    assert on_own_thread(_backend_pid, colleague=False) != first
    # Closing the database closes the idle pooled connections too.
    close_database()
    assert database.obj._connections == []
