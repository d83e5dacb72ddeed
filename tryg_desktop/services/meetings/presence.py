"""Working side by side on the team's server (issue 12, point 6): who else has a meeting open
("Også åben hos: …"), the live listener the views run on a thread, and who made a change.

On SQLite everything here is a quiet no-op: a file has one user at a time, so nobody else is
present and nothing is listened to. Presence is best effort: a failure to register or to read
it is logged and never stops the editor."""

from __future__ import annotations

import logging
from collections.abc import Callable

from peewee import PeeweeException

from tryg_desktop.db.server import live
from tryg_desktop.db.dialect import is_server, login as dialect_login
from tryg_desktop.errors import ServiceError

_log = logging.getLogger(__name__)

Change = live.Change
PRESENCE_TABLE = "meeting_presence"


def available() -> bool:
    """True when the open database is the server (live changes and presence exist there)."""
    return is_server()


def enter(meeting_id: int) -> None:
    """This window has the meeting open (idempotent; others are told once)."""
    _quietly(live.enter, meeting_id)


def leave(meeting_id: int) -> None:
    _quietly(live.leave, meeting_id)


def others(meeting_id: int) -> list[str]:
    """The logins of everyone else who has the meeting open now (each once, stale ones left
    out); registers this window again if its row went (a reconnect gives a new backend)."""
    if not is_server():
        return []
    try:
        rows = live.present(meeting_id)
        mine = live.own_backend_pid()
        if mine is not None and all(row.backend_pid != mine for row in rows):
            live.enter(meeting_id)
    except (PeeweeException, ServiceError) as error:
        _log.warning("Hvem der har mødet åbent kunne ikke læses (%s)", type(error).__name__)
        return []
    seen: list[str] = []
    for row in rows:
        if row.backend_pid != mine and row.login not in seen:
            seen.append(row.login)
    return seen


def _quietly(fn, meeting_id: int) -> None:
    if not is_server():
        return
    try:
        fn(meeting_id)
    except (PeeweeException, ServiceError) as error:
        _log.warning("Tilstedeværelse på mødet kunne ikke gemmes (%s)", type(error).__name__)


# --- the live listener -----------------------------------------------------------------------

def make_listener(on_change: Callable[[Change], None],
                  on_state: Callable[[bool], None] | None = None) -> live.Listener | None:
    """A listener on a connection of its own to the open server database (run() it on a
    thread, stop() it to end); None on SQLite."""
    found = live.open_database_params()
    if found is None:
        return None
    url, params = found
    return live.Listener(url, params, on_change, on_state)


def is_own(change: Change) -> bool:
    """True when this process made the change, on its GUI thread's connection or a worker's
    (an import, a status change of many): what it just saved it shows already. Call on the GUI
    thread."""
    return change.pid in live.own_backend_pids() and change.login == (dialect_login() or "")


def display_name(login: str) -> str:
    """"Jens Hansen (jha)" when the login is linked to a contact, else the login."""
    from tryg_desktop.services.server_admin import display_user

    try:
        return display_user(login)
    except (PeeweeException, ServiceError):
        return login


def others_named(meeting_id: int) -> list[str]:
    """others(), each as the Historik shows an author: "Jens Hansen (jha)" or the login."""
    logins = others(meeting_id)
    if not logins:
        return []
    from tryg_desktop.services.server_admin import display_user, login_names

    try:
        names = login_names()
    except (PeeweeException, ServiceError):
        names = {}
    return [display_user(login, names) for login in logins]
