"""Live changes and presence on the team's server (issue 12, point 6). PostgreSQL only.

Listener: a psycopg connection of its own (the open database's URL and password), LISTEN
tryg_changes, and a loop that hands every decoded change to a callback until stop(). When the
connection drops (network, server restart, pg_terminate_backend) it connects again with
back-off and listens again. No Qt here: views/kit/live_changes.py runs it on a thread.

Presence: the SQL side of "Også åben hos", through the SECURITY DEFINER functions of
migration step 10 (db/migrations/live.py), on the open database's connection."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from tryg_desktop.db.connection import CONNECT_TIMEOUT_S, database
from tryg_desktop.db.migrations.live import CHANNEL

_log = logging.getLogger(__name__)

BACKOFF_S = (0.2, 0.5, 1, 2, 5, 10)  # waits between attempts to connect again; then 10 s each


@dataclass(frozen=True)
class Change:
    table: str
    record_id: int | None
    action: str  # insert, update, delete; enter, leave (meeting_presence)
    login: str
    meeting_id: int | None
    pid: int  # the backend that made the change


def decode(payload: str, pid: int = 0) -> Change | None:
    """A notification's payload as a Change; None for one that is not ours or is malformed."""
    try:
        data = json.loads(payload)
        return Change(str(data["table"]), _int(data.get("id")), str(data.get("action", "")),
                      str(data.get("login") or ""), _int(data.get("meeting_id")),
                      _int(data.get("pid")) or pid)
    except (ValueError, KeyError, TypeError):
        return None


def _int(value) -> int | None:
    return int(value) if value is not None else None


def open_database_params() -> tuple[str, dict] | None:
    """(URL, connection parameters) of the open server database, for a connection of our own
    beside it (the password is a parameter, as db/connection.connect_server passed it); None
    on SQLite."""
    from tryg_desktop.db.dialect import is_server

    db = database.obj
    if db is None or not is_server(db):
        return None
    params = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "Tryg Desktop (live)"}
    password = (getattr(db, "connect_params", None) or {}).get("password")
    if password:
        params["password"] = password
    return db.database, params


class Listener:
    """LISTEN on a connection of its own; run() loops until stop() and hands each Change to
    on_change. on_state(True/False) says when the listening connection is up or down."""

    def __init__(self, url: str, params: dict, on_change: Callable[[Change], None],
                 on_state: Callable[[bool], None] | None = None, poll_s: float = 0.25) -> None:
        self.url, self.params = url, dict(params)
        self.on_change = on_change
        self.on_state = on_state or (lambda _up: None)
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._conn = None
        self.listening = threading.Event()  # set while LISTEN is in effect (tests wait on it)
        self.backend_pid: int | None = None  # the listening connection's, for tests

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        from tryg_desktop import server_driver

        server_driver.load()  # deferred in a start on a file
        import psycopg

        failures = 0
        while not self._stop.is_set():
            try:
                self._listen_once(psycopg)
                failures = 0  # a clean stop
            except (psycopg.Error, OSError) as error:
                self.listening.clear()
                self.on_state(False)
                wait = BACKOFF_S[min(failures, len(BACKOFF_S) - 1)]
                failures += 1
                # No URL or password in the log: the error's class says enough.
                _log.info("Live-forbindelsen er afbrudt (%s); nyt forsøg om %.1f s",
                          type(error).__name__, wait)
                self._stop.wait(wait)
            finally:
                self._close()

    def _listen_once(self, psycopg) -> None:
        conn = psycopg.connect(self.url, autocommit=True, **self.params)
        self._conn = conn
        conn.execute(f"LISTEN {CHANNEL}")
        self.backend_pid = conn.info.backend_pid
        self.listening.set()
        self.on_state(True)
        while not self._stop.is_set():
            # notifies() with a timeout returns after it even when nothing came, so stop() is
            # seen within poll_s; a dropped connection raises OperationalError here.
            for notify in conn.notifies(timeout=self.poll_s):
                change = decode(notify.payload, notify.pid)
                if change is None:
                    continue
                try:
                    self.on_change(change)
                except Exception:  # noqa: BLE001 - one bad handler must not end the listening
                    _log.exception("Live-ændringen kunne ikke behandles")
            if conn.closed or conn.broken:
                raise psycopg.OperationalError("connection closed")

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        self.listening.clear()
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass


# --- presence (on the open database's connection) -------------------------------------------

@dataclass(frozen=True)
class Present:
    login: str
    backend_pid: int


def enter(meeting_id: int) -> None:
    database.execute_sql("SELECT tryg_presence_enter(%s)", (meeting_id,))


def leave(meeting_id: int) -> None:
    database.execute_sql("SELECT tryg_presence_leave(%s)", (meeting_id,))


def present(meeting_id: int) -> list[Present]:
    """Who has the meeting open now (stale rows left out and cleaned), this session included."""
    rows = database.execute_sql("SELECT login, backend_pid FROM tryg_presence_list(%s)",
                                (meeting_id,)).fetchall()
    return [Present(login, pid) for login, pid in rows]


def own_backend_pid() -> int | None:
    """The backend pid of this thread's connection to the open server database (no round trip:
    psycopg knows it); None on SQLite or when no connection is open."""
    from tryg_desktop.db.dialect import is_server

    db = database.obj
    if db is None or not is_server(db) or db.is_closed():
        return None
    try:
        return db.connection().info.backend_pid
    except Exception:  # noqa: BLE001 - a broken connection: not ours to answer for
        return None


def own_backend_pids() -> set[int]:
    """The backend pids of every connection this process has to the open server database: the
    GUI thread's and the worker threads' pooled ones (no round trip). Empty on SQLite."""
    from tryg_desktop.db.dialect import is_server

    db = database.obj
    if db is None or not is_server(db):
        return set()
    return db.backend_pids()
