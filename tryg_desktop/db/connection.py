"""The connection: the proxy every model binds to, SQLite's pragmas, the Danish collation and
lower(), read-only URIs, and errors that arrive in Danish. Opening a file (creating it,
migrating it) is db/opening.py, the module above this one and the migrations."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from peewee import (
    DatabaseError,
    DatabaseProxy,
    OperationalError,
    PostgresqlDatabase,
    SqliteDatabase,
)

from playhouse.pool import PooledPostgresqlDatabase

from tryg_desktop.db.errors import ConnectionLostError, classify
from tryg_desktop.l10n import COLLATION_NAME, danish_compare

# Models bind to this proxy; open_database() points it at a real database.
database = DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,  # another process (a CLI backup, a second window) may hold a lock briefly
    "cache_size": -16000,
    # What is deleted or changed is overwritten in the file, not left in its free pages (issue
    # 13: an erased person must not stay readable). Debian's SQLite does it by default; the
    # Windows builds of Python's do not.
    "secure_delete": 1,
}
# Read-only: switching to WAL is a write, and synchronous concerns writes only.
_WRITE_ONLY_PRAGMAS = {"journal_mode", "synchronous"}
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a database file


class _SqliteDatabase(SqliteDatabase):
    """SqliteDatabase whose errors users can act on (full disk, read-only, damaged) arrive as
    Danish DanishDatabaseErrors, and whose rollback survives SQLite's own."""

    read_only = False
    file: Path | None = None  # the file behind it (db.backup.database_file)

    def _execute_cursor(self, sql, params, **cursor_options):
        if sql.startswith("ROLLBACK TO SAVEPOINT") and not self.connection().in_transaction:
            # SQLite has already rolled back the whole transaction (see rollback below): the
            # savepoint is gone, and ROLLBACK TO would fail and hide the real error.
            return self.cursor()
        try:
            return super()._execute_cursor(sql, params, **cursor_options)
        except DatabaseError as error:
            _raise_danish(error)

    def begin(self, lock_type=None):
        try:
            super().begin(lock_type)
        except DatabaseError as error:
            _raise_danish(error)

    def commit(self):
        try:
            super().commit()
        except DatabaseError as error:
            _raise_danish(error)

    def rollback(self):
        # On a full disk (and some I/O errors) SQLite rolls the transaction back itself; a
        # second ROLLBACK then fails with "cannot rollback - no transaction is active" and
        # that error would replace the one the user needs to read.
        if not self.is_closed() and not self._state.conn.in_transaction:
            return
        super().rollback()


def _raise_danish(error: DatabaseError):
    danish = classify(error)
    if danish is error:
        raise error
    raise danish from error


def is_read_only() -> bool:
    """True when the open database was opened read-only (no write access, or asked for)."""
    return bool(getattr(database.obj, "read_only", False))


def connect(path: Path, memory: bool, read_only: bool, install: bool = True) -> SqliteDatabase:
    """install False: a second database beside the app's (a copy being written); the models'
    proxy keeps pointing where it did."""
    pragmas = {key: value for key, value in PRAGMAS.items()
               if not (read_only and key in _WRITE_ONLY_PRAGMAS)}
    if read_only and not memory:
        uri = path.resolve().as_uri() + "?mode=ro"
        db = _configure(_SqliteDatabase(uri, pragmas=pragmas, uri=True), install)
        try:
            db.connect(reuse_if_open=True)
        except (OperationalError, sqlite3.Error):
            # A WAL file in a folder we may not write: SQLite cannot make its -shm file there.
            # Nothing of ours writes to the file, and whoever could is not us, so read it as
            # unchanging (immutable) rather than not at all; not if a -wal file holds changes
            # that are not in the file yet (immutable would not read them).
            wal = Path(f"{path}-wal")
            if wal.exists() and wal.stat().st_size:
                raise
            db = _configure(_SqliteDatabase(uri + "&immutable=1", pragmas=pragmas, uri=True),
                            install)
            db.connect(reuse_if_open=True)
        db.read_only = True
        db.file = path  # its name is a URI ("file:…?mode=ro"), not the path
        return db
    db = _configure(_SqliteDatabase(str(path), pragmas=pragmas), install)
    db.connect(reuse_if_open=True)
    db.file = None if memory else path
    return db


def _configure(db: SqliteDatabase, install: bool = True) -> SqliteDatabase:
    # Registered on every connection peewee opens, including a worker thread's own.
    db.register_collation(danish_compare, COLLATION_NAME)
    # SQLite's own lower() and LIKE fold only ASCII; Danish names need Æ→æ, Ø→ø, Å→å.
    db.register_function(_lower, "lower", 1, deterministic=True)
    if install:
        database.initialize(db)
    return db


class _ServerDatabase(PooledPostgresqlDatabase):
    """The team's shared database on PostgreSQL (psycopg 3). Errors a user can act on arrive
    in Danish, as on SQLite.

    Pooled: a worker thread (a count, the Oversigt's figures, an export) takes an idle
    connection and gives it back when its task ends, instead of a new connection per task.
    A new one costs the server a process and the client several round trips (TCP, start-up,
    password or Kerberos, TLS on a municipal network) before its first statement. A pooled
    connection the server has dropped meanwhile is found on its first statement and handled
    as any lost connection below."""

    read_only = False
    file: Path | None = None  # no file: a server backup is made by the backup command

    def init(self, database, **kwargs):
        super().init(database, **kwargs)
        self._retry_at = 0.0  # monotonic time before which no new connection is tried
        self._backoff = 0.0

    def _execute_cursor(self, sql, params, **cursor_options):
        """A statement. When the connection has broken it is dropped, and a read outside a
        transaction is tried once more on a new connection; otherwise ConnectionLostError
        (Danish). A transaction whose connection broke stays failed until it ends: a caller
        that went on would otherwise write pieces of it on a new connection."""
        if getattr(self._state, "lost", False):
            raise ConnectionLostError()
        if self.is_closed() and time.monotonic() < self._retry_at:
            raise ConnectionLostError()  # backing off: no 10-second connect attempt per click
        was_open = not self.is_closed()
        try:
            return self._run(sql, params, cursor_options)
        except ConnectionLostError:
            if not was_open or self.in_transaction() or not _is_read(sql):
                raise
        return self._run(sql, params, cursor_options)  # once, on a new connection

    def _run(self, sql, params, cursor_options):
        try:
            cursor = super()._execute_cursor(sql, params, **cursor_options)
        except DatabaseError as error:
            if self._broken():
                self._drop()
                raise ConnectionLostError(error) from error
            _raise_danish(error)
        if self._backoff:
            self._backoff = 0.0
            _tell_listeners(True)
        return cursor

    def _broken(self) -> bool:
        conn = self._state.conn
        return conn is None or conn.closed or getattr(conn, "broken", False)

    def _drop(self) -> None:
        """Forget the broken connection, and back off before the next connect attempt. An open
        transaction is marked lost (see above)."""
        conn = self._state.conn
        self._state.conn = None
        self._state.closed = True
        self._state.lost = bool(self._state.transactions)
        if conn is not None:
            with self._pool_lock:  # never back into the pool
                self._in_use.pop(self.conn_key(conn), None)
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - it is broken already
                pass
        first = not self._backoff
        # The first new connection is tried at once (a restarted server, a dropped session);
        # after a failed one, 1, 2, 4 … seconds, at most 30.
        self._backoff = min(30.0, self._backoff * 2) if not first else 0.5
        self._retry_at = time.monotonic() + (0.0 if first else self._backoff)
        if first:
            _tell_listeners(False)

    def begin(self, isolation_level=None):
        if getattr(self._state, "lost", False):
            raise ConnectionLostError()
        if self.is_closed() and time.monotonic() < self._retry_at:
            raise ConnectionLostError()
        try:
            super().begin(isolation_level)
        except DatabaseError as error:
            if self._broken():
                self._drop()
                raise ConnectionLostError(error) from error
            raise

    def commit(self):
        if getattr(self._state, "lost", False):
            raise ConnectionLostError()  # nothing of the transaction reached the server
        try:
            super().commit()
        except DatabaseError as error:
            if self._broken():
                self._drop()
                raise ConnectionLostError(error) from error
            raise

    def rollback(self):
        if self.is_closed() or self._broken():
            return  # the transaction went with the connection
        super().rollback()

    def backend_pids(self) -> set[int]:
        """The server processes of this process's connections, every thread's: the pool
        holds them all, in use or idle (psycopg knows them: no round trip)."""
        with self._pool_lock:
            conns = ([c.connection for c in self._in_use.values()]
                     + [conn for _, _, conn in self._connections])
        pids = set()
        for conn in conns:
            try:
                if not conn.closed:
                    pids.add(conn.info.backend_pid)
            except Exception:  # noqa: BLE001 - a broken connection: not ours to answer for
                pass
        return pids

    def pop_transaction(self):
        transaction = super().pop_transaction()
        if not self._state.transactions:
            self._state.lost = False
        return transaction


def ping() -> bool:
    """One round trip on this thread's connection: True when the database answers. (A
    broken server connection is dropped and reconnected, within the back-off.)"""
    from tryg_desktop.db.errors import DanishDatabaseError

    try:
        database.execute_sql("SELECT 1").fetchone()
    except (DanishDatabaseError, DatabaseError):
        return False
    return True


def _is_read(sql: str) -> bool:
    return sql.lstrip()[:6].upper() == "SELECT"


# Told when the server connection is lost (False) and when it works again (True), from the
# thread that noticed. The main window shows it; a listener must hand it to its own thread.
CONNECTION_LISTENERS: list = []


def _tell_listeners(connected: bool) -> None:
    for listener in list(CONNECTION_LISTENERS):
        listener(connected)


# A statement that runs this long is cancelled by the server, so a lost network or a lock held
# by a colleague ends in a message, not a frozen window.
STATEMENT_TIMEOUT_MS = 30_000
CONNECT_TIMEOUT_S = 10
# Connections one window keeps to the server: the GUI thread's and the worker threads' (the
# thread pool has one per CPU); a connection is closed after 5 minutes, in or out of use.
POOL_MAX = 16
POOL_RECYCLE_S = 300


def connect_server(url: str, password: str | None = None) -> PostgresqlDatabase:
    """Connect to the server database named by a libpq URL (postgresql://host/db). libpq's own
    ways still apply: a pgpass or service file, Kerberos, sslmode in the URL. A password (from
    the credential store) is a connection parameter, never part of a URL that could be shown."""
    from tryg_desktop import server_driver

    server_driver.load()  # a process that started on a file deferred it (start-up time)
    extra = {"password": password} if password else {}
    db = _ServerDatabase(url, max_connections=POOL_MAX, stale_timeout=POOL_RECYCLE_S,
                         timeout=CONNECT_TIMEOUT_S, connect_timeout=CONNECT_TIMEOUT_S,
                         application_name="Tryg Desktop",
                         options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}", **extra)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    return db


def _lower(text):
    return text.lower() if isinstance(text, str) else text


def release_connection() -> None:
    """A worker thread is done: its connection is closed, or on the server given back to the
    pool for the next task."""
    if database.obj is not None and not database.is_closed():
        database.close()


def close_database() -> None:
    """The database is closed or replaced: this thread's connection and, on the server, the
    idle pooled ones (a worker still running gives its own back when it ends; the pool closes
    with the old database object)."""
    release_connection()
    if isinstance(database.obj, PooledPostgresqlDatabase):
        database.obj.close_idle()
