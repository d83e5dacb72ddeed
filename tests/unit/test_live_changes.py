"""Working side by side on the team's server (issue 12, point 6): migration step 10's NOTIFY
triggers, the listener (db/server/live.py) on a connection of its own that survives being cut off,
who has a meeting open (services/meetings/presence.py), and minutes written on two items of
one meeting from two connections at once. PostgreSQL only; on SQLite step 10 does nothing."""

from __future__ import annotations

import datetime as dt
import queue
import threading

import psycopg
import pytest

from tests.support.server import on_own_thread
from tryg_desktop.db.server import live
from tryg_desktop.db.migrations.live import WATCHED
from tryg_desktop.services.meetings import presence


SERVER_ONLY = "NOTIFY, LISTEN and meeting_presence exist on the server only"


@pytest.fixture
def server_db(db):
    """The PostgreSQL half of db: a test using it is marked server_only, so the SQLite half is
    never collected."""
    from tryg_desktop.db.dialect import is_server

    assert is_server(db), "a test using server_db needs @pytest.mark.server_only"
    return db


def _url(db) -> str:
    return db.database


def _other(db, autocommit=True):
    """A second connection: a colleague's PC."""
    return psycopg.connect(_url(db), autocommit=autocommit)


@pytest.fixture
def listening(server_db):
    """A running listener; yields (listener, queue of changes)."""
    changes: queue.Queue = queue.Queue()
    listener = presence.make_listener(changes.put)
    listener.poll_s = 0.05
    thread = threading.Thread(target=listener.run, daemon=True)
    thread.start()
    assert listener.listening.wait(10)
    yield listener, changes
    listener.stop()
    thread.join(5)
    assert not thread.is_alive()


def _next(changes: queue.Queue, table: str, timeout: float = 5.0) -> live.Change:
    deadline = dt.datetime.now() + dt.timedelta(seconds=timeout)
    while True:
        left = (deadline - dt.datetime.now()).total_seconds()
        change = changes.get(timeout=max(left, 0.01))
        if change.table == table:
            return change


def _next_of(changes: queue.Queue, table: str, record_id: int, timeout: float = 10.0):
    """The next change of that row (a create may send two: insert, then derived columns)."""
    while True:
        change = _next(changes, table, timeout)
        if change.record_id == record_id:
            return change


def _contact(name="Anne Andersen") -> int:
    from tryg_desktop.services.register import contacts

    return on_own_thread(lambda: contacts.create(contacts.ContactInput(name=name)).id)


def _backend():
    from tryg_desktop.db import database

    return database.connection().info.backend_pid


def _meeting(db) -> int:
    from tryg_desktop.services.meetings import meetings

    data = meetings.MeetingInput(title="Tryghedsmøde",
                                 starts_at=dt.datetime.now() - dt.timedelta(hours=1),
                                 ends_at=dt.datetime.now() + dt.timedelta(hours=1))
    return meetings.create(data).id


@pytest.mark.sqlite_only("step 10 on the file, where it does nothing")
def test_step_10_is_nothing_on_sqlite(db):
    tables = {row[0] for row in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    assert "meeting_presence" not in tables
    assert presence.make_listener(lambda change: None) is None
    assert presence.others(1) == []
    presence.enter(1)  # quietly nothing
    presence.leave(1)


@pytest.mark.server_only(SERVER_ONLY)
def test_step_10_makes_the_triggers_and_the_presence_table(server_db):
    triggers = {row[0] for row in server_db.execute_sql(
        "SELECT event_object_table FROM information_schema.triggers "
        "WHERE trigger_name LIKE '%%_notify_aiud'").fetchall()}
    assert triggers == set(WATCHED) | {"safety_measure"}  # and step 16's
    assert server_db.execute_sql("SELECT to_regclass('meeting_presence') IS NOT NULL"
                                 ).fetchone()[0]


@pytest.mark.server_only(SERVER_ONLY)
def test_a_colleagues_change_arrives_with_table_id_action_and_login(listening, server_db):
    listener, changes = listening
    from tryg_desktop.services.register import contacts

    def colleague():
        row = contacts.create(contacts.ContactInput(name="Anne Andersen"))
        row = contacts.update(row.id, contacts.ContactInput(name="Anne B. Andersen"),
                              row.version)
        contacts.delete(row.id, row.version)
        return row.id, _backend()

    contact_id, pid = on_own_thread(colleague)
    login = server_db.execute_sql("SELECT session_user").fetchone()[0]
    seen = [_next(changes, "contact")]
    while seen[-1].action != "delete":
        seen.append(_next(changes, "contact"))
    actions = [c.action for c in seen]  # a create may touch its row twice (derived columns)
    assert actions[0] == "insert" and "update" in actions and actions[-1] == "delete"
    assert {c.record_id for c in seen} == {contact_id}
    assert all(c.login == login and c.pid == pid and c.meeting_id is None for c in seen)


@pytest.mark.server_only(SERVER_ONLY)
def test_the_payload_holds_ids_not_texts_and_names_the_meeting(listening, server_db):
    listener, changes = listening
    meeting_id = _meeting(server_db)
    assert _next(changes, "meeting").meeting_id == meeting_id
    from tryg_desktop.services.meetings import agenda

    item = on_own_thread(lambda: agenda.add(meeting_id, agenda.ItemInput(title="Hemmelig titel")).id)
    with _other(server_db) as conn:
        conn.execute("LISTEN tryg_changes")
        conn.execute("UPDATE agenda_item SET notes = 'Fortroligt' WHERE id = %s", (item,))
        payloads = [n.payload for n in conn.notifies(timeout=2, stop_after=1)]
    change = _next(changes, "agenda_item")
    assert change.record_id == item and change.meeting_id == meeting_id
    assert payloads and "Hemmelig" not in payloads[0] and "Fortroligt" not in payloads[0]


@pytest.mark.server_only(SERVER_ONLY)
def test_this_process_recognises_its_own_change(listening, server_db):
    from tryg_desktop.services.register import contacts

    listener, changes = listening
    row = contacts.create(contacts.ContactInput(name="Egen Ændring"))
    change = _next(changes, "contact")
    assert change.record_id == row.id
    assert presence.is_own(change)
    other_id = _contact()
    change = _next(changes, "contact")
    while change.record_id != other_id:
        assert presence.is_own(change)  # the rest of my own create
        change = _next(changes, "contact")
    assert not presence.is_own(change)


@pytest.mark.server_only(SERVER_ONLY)
def test_a_change_saved_by_this_process_on_a_worker_thread_is_its_own_too(listening,
                                                                         server_db):
    """An import or a change of many runs on a worker thread with a pooled connection of its
    own: this window shows the result already and must not reload for it as for a colleague."""
    from tryg_desktop.services.register import contacts

    listener, changes = listening
    made = {"row": on_own_thread(contacts.create, contacts.ContactInput(name="Fra En Tråd"),
                                 colleague=False)}
    change = _next(changes, "contact")
    while change.record_id != made["row"].id:
        change = _next(changes, "contact")
    assert presence.is_own(change)


@pytest.mark.server_only(SERVER_ONLY)
def test_the_listener_survives_being_cut_off(listening, server_db):
    listener, changes = listening
    for _round in range(2):
        old_pid = listener.backend_pid
        with _other(server_db) as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", (old_pid,))
        # It notices, waits a moment and listens again on a new connection.
        deadline = dt.datetime.now() + dt.timedelta(seconds=15)
        while listener.backend_pid == old_pid or not listener.listening.is_set():
            assert dt.datetime.now() < deadline, "the listener did not come back"
            listener.listening.wait(0.05)
        contact_id = _contact(f"Efter afbrydelse {_round}")
        assert _next_of(changes, "contact", contact_id).action == "insert"


@pytest.mark.server_only(SERVER_ONLY)
def test_stop_ends_the_loop_promptly(server_db):
    listener = presence.make_listener(lambda change: None)
    listener.poll_s = 0.05
    thread = threading.Thread(target=listener.run, daemon=True)
    thread.start()
    assert listener.listening.wait(10)
    listener.stop()
    thread.join(2)
    assert not thread.is_alive()


def test_decode_ignores_what_is_not_ours():
    assert live.decode("not json") is None
    assert live.decode('{"id": 1}') is None
    change = live.decode('{"table": "contact", "id": 3, "action": "update", "login": "anne",'
                         ' "meeting_id": null}', pid=42)
    assert change == live.Change("contact", 3, "update", "anne", None, 42)


# -- who else has the meeting open -----------------------------------------------------------

@pytest.mark.server_only(SERVER_ONLY)
def test_presence_rows_appear_and_vanish(listening, server_db):
    listener, changes = listening
    meeting_id = _meeting(server_db)
    presence.enter(meeting_id)
    assert presence.others(meeting_id) == []  # only me
    with _other(server_db) as conn:
        login = conn.execute("SELECT session_user").fetchone()[0]
        conn.execute("SELECT tryg_presence_enter(%s)", (meeting_id,))
        conn.execute("SELECT tryg_presence_enter(%s)", (meeting_id,))  # idempotent
        assert presence.others(meeting_id) == [login]
        theirs = conn.info.backend_pid
        conn.execute("SELECT tryg_presence_leave(%s)", (meeting_id,))
        assert presence.others(meeting_id) == []
    told = []
    while len(told) < 2:
        change = _next(changes, "meeting_presence")
        if change.pid == theirs:  # (mine came first: this process entered too)
            told.append((change.action, change.meeting_id, change.login))
    assert told == [("enter", meeting_id, login), ("leave", meeting_id, login)]
    presence.leave(meeting_id)
    count = server_db.execute_sql("SELECT count(*) FROM meeting_presence").fetchone()[0]
    assert count == 0


@pytest.mark.server_only(SERVER_ONLY)
def test_stale_presence_is_ignored_and_cleaned(server_db):
    meeting_id = _meeting(server_db)
    conn = _other(server_db)
    conn.execute("SELECT tryg_presence_enter(%s)", (meeting_id,))
    login = conn.execute("SELECT session_user").fetchone()[0]
    assert presence.others(meeting_id) == [login]
    # A PC that lost power: its backend is gone, its row is still there.
    server_db.execute_sql("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))
    conn.close()
    deadline = dt.datetime.now() + dt.timedelta(seconds=10)
    while presence.others(meeting_id):
        assert dt.datetime.now() < deadline
    # And a row left by a backend that is gone (as after a server crash) is cleaned away.
    server_db.execute_sql("INSERT INTO meeting_presence (meeting_id, login, backend_pid) "
                          "VALUES (%s, 'spøgelse', 1)", (meeting_id,))
    assert presence.others(meeting_id) == []
    assert server_db.execute_sql("SELECT count(*) FROM meeting_presence WHERE login = "
                                 "'spøgelse'").fetchone()[0] == 0


def _wait_until_gone(db, backend_pid: int, timeout: float = 10.0) -> None:
    """A closed client connection's backend ends a moment later, not when close() returns."""
    deadline = dt.datetime.now() + dt.timedelta(seconds=timeout)
    while db.execute_sql("SELECT 1 FROM pg_stat_activity WHERE pid = %s",
                         (backend_pid,)).fetchone():
        assert dt.datetime.now() < deadline, f"backend {backend_pid} did not end"
        threading.Event().wait(0.05)


@pytest.mark.server_only(SERVER_ONLY)
def test_a_role_that_only_reads_may_still_be_present(server_db):
    """Presence is written through SECURITY DEFINER functions: a tryg_laeser (SELECT only)
    may say it has the meeting open, and cannot write a row in another's name."""
    from tryg_desktop.services import server_admin

    meeting_id = _meeting(server_db)
    server_admin.init_server()
    login = f"h4_laeser_{server_db.database.rsplit('/', 1)[-1]}"[:60]
    server_db.execute_sql(f'DROP ROLE IF EXISTS "{login}"')
    server_admin.add_user(login, "tryg_laeser")
    try:
        url = _url(server_db).rsplit("@", 1)
        reader_url = f"postgresql://{login}@{url[1]}"
        with psycopg.connect(reader_url, autocommit=True) as conn:
            conn.execute("SELECT tryg_presence_enter(%s)", (meeting_id,))
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("INSERT INTO meeting_presence (meeting_id, login, backend_pid) "
                             "VALUES (%s, 'postgres', 1)", (meeting_id,))
            assert presence.others(meeting_id) == [login]
            reader_pid = conn.info.backend_pid
        _wait_until_gone(server_db, reader_pid)
        assert presence.others(meeting_id) == []  # gone with its connection
    finally:
        server_db.execute_sql(f'DROP ROLE IF EXISTS "{login}"')


# -- minutes on two items of one meeting from two connections ----------------------------------

@pytest.mark.server_only(SERVER_ONLY)
def test_minutes_on_two_items_from_two_connections_are_both_saved(server_db):
    from tryg_desktop.db import close_database
    from tryg_desktop.services.meetings import agenda, minutes

    meeting_id = _meeting(server_db)
    first = agenda.add(meeting_id, agenda.ItemInput(title="Punkt 1"))
    second = agenda.add(meeting_id, agenda.ItemInput(title="Punkt 2"))
    versions = {item.id: item.version for item in agenda.items(meeting_id)}
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(item_id: int, who: str) -> None:
        # Each thread has its own connection (peewee keeps one per thread): two PCs.
        try:
            version = versions[item_id]
            for number in range(10):
                barrier.wait(5)
                version = minutes.save_item_minutes(item_id, f"{who} skriver {number}",
                                                    f"{who} beslutter", version)
            minutes.finish_item_minutes(item_id)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_database()

    threads = [threading.Thread(target=write, args=(first.id, "Anne")),
               threading.Thread(target=write, args=(second.id, "Bo"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    saved = {item.id: (item.notes, item.decision) for item in agenda.items(meeting_id)}
    assert saved[first.id] == ("Anne skriver 9", "Anne beslutter")
    assert saved[second.id] == ("Bo skriver 9", "Bo beslutter")


@pytest.mark.server_only(SERVER_ONLY)
def test_minutes_on_the_same_item_from_two_connections_conflict(server_db):
    from tryg_desktop.db import close_database
    from tryg_desktop.services.meetings import agenda, minutes

    meeting_id = _meeting(server_db)
    item = agenda.add(meeting_id, agenda.ItemInput(title="Punkt 1"))
    version = agenda.items(meeting_id)[0].version
    results: list = []

    def write(who: str) -> None:
        try:
            results.append(minutes.save_item_minutes(item.id, f"{who}s tekst", "", version))
        except minutes.MinutesConflictError as error:
            results.append(error)
        finally:
            close_database()

    threads = [threading.Thread(target=write, args=(who,)) for who in ("Anne", "Bo")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    conflicts = [r for r in results if isinstance(r, minutes.MinutesConflictError)]
    assert len(results) == 2 and len(conflicts) == 1  # one saved, one told: no lost update
    assert conflicts[0].notes in ("Annes tekst", "Bos tekst")


@pytest.mark.server_only(SERVER_ONLY)
def test_the_listener_connects_with_the_open_databases_password_not_in_the_url(
        server_db, monkeypatch):
    monkeypatch.setitem(server_db.connect_params, "password", "fra-noeglering")
    url, params = live.open_database_params()
    assert params["password"] == "fra-noeglering" and "fra-noeglering" not in url
