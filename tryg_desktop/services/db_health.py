"""Is the database healthy, and may it be written? One function for `main.py check`, the
check before a write command, and the app's check at start-up."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from tryg_desktop.db import is_read_only as _is_read_only
from tryg_desktop.services.errors import ServiceError

_log = logging.getLogger(__name__)

HEALTHY = "Databasen er i orden."
READ_ONLY_BANNER = ("Databasen er skrivebeskyttet: du har ikke skriveadgang til filen eller "
                    "mappen. Du kan se og udskrive, men ikke ændre.")


class DamagedDatabase(ServiceError):
    """The database failed its check; the message says what is wrong, in Danish."""


@dataclass
class HealthReport:
    problems: list[str] = field(default_factory=list)  # Danish, one sentence each

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return HEALTHY
        return "\n".join(["Databasen har fejl:"] + [f"  {p}" for p in self.problems]
                         + ["Gendan fra en sikkerhedskopi, eller kontakt support."])


ROLE_READ_ONLY_BANNER = ("Du har læseadgang til den fælles database (rollen læser): du kan se "
                         "og søge, men ikke ændre. Spørg den, der administrerer databasen, "
                         "hvis du skal kunne mere.")


def is_read_only() -> bool:
    """True when the open database may not be written: a file without write access, or, on
    the team's server, a login with the read-only role (the GUI turns editing off; the server
    refuses a write all the same)."""
    return _is_read_only() or role() == "tryg_laeser"


def may_change(entity: str = "") -> bool:
    """May this login change records of this table? False on a read-only database or for a
    læser; a referent changes meetings, minutes, actions and episodes, and reads the register,
    places and efforts (the server's grants: db/server/roles.py)."""
    if is_read_only():
        return False
    if entity and role() == "tryg_referent":
        from tryg_desktop.db.server.roles import REFERENT_WRITES

        return entity in REFERENT_WRITES
    return True


ROLE_LIMITED_TIP = ("Din rolle på den fælles database (referent) må se registret, stederne og "
                    "indsatserne, men ikke ændre dem. Spørg en koordinator.")


def may_take_full_backup() -> bool:
    """False for a referent or læser on the server: row-level security hides the closed items
    from them, so their copy would lack them (server_admin.backup refuses). A file, read-only
    or not, may always be copied."""
    return role() not in ("tryg_referent", "tryg_laeser")


def read_only_banner() -> str:
    return ROLE_READ_ONLY_BANNER if role() == "tryg_laeser" else READ_ONLY_BANNER


def role() -> str | None:
    """The login's tryg role on the server, asked once per open database (kept on it, as
    the login is: db.dialect.login); None on SQLite."""
    from tryg_desktop.db import database, is_server

    db = database.obj
    if db is None or not is_server(db):
        return None
    if not hasattr(db, "_tryg_role"):
        from tryg_desktop.db.server import roles as server_roles  # not server_admin: start-up need not load it

        db._tryg_role = server_roles.session_role(db)
    return db._tryg_role


LOST_BANNER = ("Forbindelsen til den fælles database er afbrudt. Programmet forbinder igen af "
               "sig selv; det, du ikke nåede at gemme, står stadig på skærmen.")
RESTORED = "Forbindelsen til den fælles database virker igen."


def on_server() -> bool:
    """True when the open database is the team's server database (not a file)."""
    from tryg_desktop.db import is_server

    return is_server()


def watch_connection(callback):
    """callback(connected) when the server connection is lost (False) or works again (True),
    called on whichever thread noticed. Returns a function that stops the watching."""
    from tryg_desktop.db import connection

    connection.CONNECTION_LISTENERS.append(callback)

    def stop() -> None:
        if callback in connection.CONNECTION_LISTENERS:
            connection.CONNECTION_LISTENERS.remove(callback)
    return stop


def ping() -> bool:
    """Does the database answer (a reconnect attempt on a lost server connection)?"""
    from tryg_desktop.db.connection import ping as db_ping

    return db_ping()


def check_database(quick: bool = False) -> HealthReport:
    """SQLite's integrity check (quick: its quick check), the foreign keys and the search
    index's own check, worded in Danish. Details go to the log, never names or notes: SQLite's
    findings name pages and tables only."""
    from tryg_desktop.db import integrity  # not at start-up: the banner needs is_read_only only

    found = integrity.check(quick=quick)
    problems = []
    if found.unreadable and not found.pages:
        problems.append("Databasefilen er beskadiget: den kan ikke læses helt.")
    if found.pages:
        _log.warning("Integritetskontrol: %s", "; ".join(found.pages[:20]))
        problems.append(f"Databasefilen er beskadiget: SQLite's kontrol fandt "
                        f"{len(found.pages)} fejl i filens sider.")
    for table, count in found.broken_links.items():
        _log.warning("Fremmednøgler: %d i %s", count, table)
        problems.append(f"{count} {'række' if count == 1 else 'rækker'} ({_danish(table)}) "
                        "henviser til noget, der ikke findes.")
    for table in found.stale_indexes:
        _log.warning("Søgeindeks ude af trit: %s", table)
        problems.append(f"Søgeindekset ({_danish(table)}) passer ikke med det, der er gemt.")
    return HealthReport(problems)


def _danish(table: str) -> str:
    from tryg_desktop.services.audit import ENTITY_NAMES

    return ENTITY_NAMES.get(table, table)


def require_healthy() -> None:
    """Before a write command: a quick check, so that nothing is written into a damaged file
    (one damaged in pages the command itself never reads would otherwise pass silently)."""
    report = check_database(quick=True)
    if not report.ok:
        raise DamagedDatabase(" ".join(report.problems) + " Intet er ændret. Kør »python main.py "
                              "check«, og gendan fra en sikkerhedskopi.")
