"""Who may do the data-protection work (issue 13, point 7): read the access log, erase, purge,
change the retention periods, answer an access request, print the record of processing. The
one rule: tryg_admin on the server; on a SQLite file the PC's user is its administrator. (Light
on purpose: the main window asks at start-up which menu items to offer.)"""

from __future__ import annotations

from tryg_desktop.services.errors import ServiceError


class NotAllowedError(ServiceError):
    """Only an administrator may do this (the Danish message says what)."""


def is_admin() -> bool:
    from tryg_desktop.services import db_health

    if not db_health.on_server():
        return True
    from tryg_desktop.db.server.roles import ADMIN

    return db_health.role() == ADMIN


def require_admin(what: str = "se adgangsloggen") -> None:
    if not is_admin():
        raise NotAllowedError(f"Kun en administrator (rollen tryg_admin) kan {what}.")
