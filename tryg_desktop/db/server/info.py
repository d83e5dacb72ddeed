"""What the team's server says about itself: its version and the login it knows us by. For the
settings' "Test forbindelsen" (a connection of its own, beside whatever database is open) and
the status bar (the open server database)."""

from __future__ import annotations

from dataclasses import dataclass

from tryg_desktop.db.connection import CONNECT_TIMEOUT_S, database
from tryg_desktop.db.errors import DatabaseOpenError

_ABOUT = "SELECT current_setting('server_version_num'), session_user"


@dataclass(frozen=True)
class ServerInfo:
    version: str  # "15.20"
    login: str  # session_user: who the server says we are (Kerberos may differ from the URL)


def probe(url: str, password: str | None = None) -> ServerInfo:
    """Connect to url on a connection of our own, ask, and close. A server that cannot be
    reached or refuses us is a DatabaseOpenError with the Danish reason (no password in it)."""
    from tryg_desktop import server_driver

    server_driver.load()  # deferred in a start on a file
    import psycopg

    from tryg_desktop.db.opening import server_reason

    extra = {"password": password} if password else {}
    try:
        with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S,
                             application_name="Tryg Desktop (test)", **extra) as conn:
            number, login = conn.execute(_ABOUT).fetchone()
    except (psycopg.Error, OSError) as error:
        raise DatabaseOpenError(server_reason(error)) from error
    return ServerInfo(_version(number), login)


def session_login() -> str:
    """The login of the open server database, as the server reports it."""
    return database.execute_sql("SELECT session_user").fetchone()[0]


def open_url() -> str | None:
    """The libpq URL the open server database was opened with (never holds a password: that
    is a separate connection parameter); None on SQLite."""
    from tryg_desktop.db.dialect import is_server

    if database.obj is None or not is_server():
        return None
    return database.obj.database


def _version(number: str) -> str:
    """150020 -> "15.20" (PostgreSQL 10 and later: major * 10000 + minor)."""
    value = int(number)
    return f"{value // 10000}.{value % 10000}"
