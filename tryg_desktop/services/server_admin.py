"""The team's server: setting it up (`server init`), who may do what (`server add-user`,
`server users`), who did it (login -> the person's name for the Historik), and moving the
team's data in (`server upload`) and out (`backup` on the server). The SQL is the db layer's:
db/server/roles.py and db/server/transfer.py."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from tryg_desktop.db import DatabaseError, database, is_server
from tryg_desktop.db.server import roles as server_roles, transfer
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.files import check_output_target
from tryg_desktop.services.privacy import quoted, shown_path

_log = logging.getLogger(__name__)

# What a user types (--role) -> the server's role; the Danish label for lists.
ROLE_NAMES = {"admin": server_roles.ADMIN, "koordinator": server_roles.KOORDINATOR,
              "referent": server_roles.REFERENT, "laeser": server_roles.LAESER,
              "læser": server_roles.LAESER}
ROLE_LABELS = {server_roles.ADMIN: "administrator", server_roles.KOORDINATOR: "koordinator",
               server_roles.REFERENT: "referent", server_roles.LAESER: "læser"}


def require_server() -> None:
    if not is_server():
        raise ServiceError("Kommandoen gælder kun en fælles database på en PostgreSQL-server. "
                           "Angiv --server URL (eller TRYG_SERVER).")


def _refused(error: Exception, doing: str) -> ServiceError:
    """A server's refusal (no privilege, a lock timeout …) as one Danish line."""
    from tryg_desktop.db.opening import server_reason

    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if "permission denied" in text or "must be owner" in text or "must have" in text:
        reason = "din login har ikke rettighed til det"
    else:
        reason = server_reason(error)
    _log.warning("Serveren afviste %s (%s)", doing, type(error).__name__)
    return ServiceError(f"Serveren afviste at {doing}: {reason}.")


def parse_role(text: str) -> str:
    """admin / koordinator / referent / laeser (or the server's name, tryg_…) -> tryg_…"""
    key = (text or "").strip().lower()
    key = key[len("tryg_"):] if key.startswith("tryg_") else key
    if key not in ROLE_NAMES:
        raise ServiceError(f"Ukendt rolle {quoted(text)}. Vælg mellem admin, koordinator, "
                           "referent og laeser.")
    return ROLE_NAMES[key]


# --- server init -----------------------------------------------------------------------------

@dataclass(frozen=True)
class InitResult:
    login: str
    database: str

    def summary(self) -> str:
        roles = ", ".join(server_roles.ROLES)
        return (f"Den fælles database {self.database} er klar: skemaet er opdateret, og "
                f"rollerne {roles} har deres rettigheder. Tilføj brugere med "
                "»server add-user LOGIN --role ROLLE«.")


def init_server() -> InitResult:
    """Roles, GRANTs and row-level security (the schema and pg_trgm are the migrations',
    which opening the database has run). Idempotent."""
    require_server()
    db = database.obj
    login = server_roles.session_login(db)
    if not server_roles.may_create_roles(db):
        raise ServiceError(f"Login {login} må ikke oprette roller. Kør »server init« som en "
                           "login med CREATEROLE (fx databasens ejer eller postgres).")
    try:
        with db.atomic():
            server_roles.create_roles(db)
            server_roles.grant_privileges(db)
            server_roles.row_security(db)
    except DatabaseError as error:
        raise _refused(error, "sætte roller og rettigheder op") from error
    from tryg_desktop.db.opening import server_name

    return InitResult(login, server_name(db.database))  # never the URL: it may hold a password


# --- logins ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class UserRow:
    login: str
    role: str
    contact_id: int | None
    contact_name: str | None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


@dataclass(frozen=True)
class AddUserResult:
    login: str
    role: str
    created: bool
    contact_name: str | None
    password_set: bool

    def summary(self) -> str:
        made = "oprettet" if self.created else "fandtes i forvejen"
        text = f"Login {self.login} {made} og har nu rollen {self.role}"
        if self.contact_name:
            text += f" (kontakt: {self.contact_name})"
        text += "."
        if self.password_set:
            text += " Adgangskoden er sat."
        elif self.created:
            text += (" Login har ingen adgangskode: brug serverens egen godkendelse (fx "
                     "Kerberos), eller kør igen med --password-prompt.")
        return text


def add_user(login: str, role: str, contact_id: int | None = None,
             password: str | None = None) -> AddUserResult:
    """Create login (LOGIN, no password unless one is given) if missing, give it exactly the
    one tryg role, and link it to a contact when contact_id is given. Idempotent."""
    require_server()
    db = database.obj
    role = parse_role(role)
    if not server_roles.valid_login(login or ""):
        raise ServiceError(f"Ugyldigt loginnavn {quoted(login)}: brug bogstaver (a-z), tal og "
                           "_ . @ - (højst 63 tegn).")
    if login.lower() in server_roles.ROLES:
        raise ServiceError(f"{login} er en af Tryg Desktops roller, ikke en persons login.")
    if password is not None and not password:
        raise ServiceError("Adgangskoden er tom; intet er ændret.")
    if not server_roles.may_create_roles(db):
        raise ServiceError(f"Login {server_roles.session_login(db)} må ikke oprette brugere "
                           "eller tildele roller (kræver CREATEROLE).")
    if not server_roles.is_set_up(db):
        raise ServiceError("Den fælles database er ikke sat op endnu: kør »server init« "
                           "først.")
    try:
        with db.atomic():
            created = server_roles.create_login(db, login)
            if not created and not server_roles.may_log_in(db, login):
                raise ServiceError(f"{login} findes på serveren, men er ikke en login (en "
                                   "gruppe-rolle). Vælg et andet navn.")
            if contact_id is not None:
                if not server_roles.contact_exists(db, contact_id):
                    raise ServiceError(f"Kontakten med id {contact_id} findes ikke.")
                server_roles.link_contact(db, login, contact_id)
            server_roles.set_role(db, login, role)
            if password is not None:
                server_roles.set_password(db, login, password)
    except DatabaseError as error:
        raise _refused(error, f"oprette login {login}") from error
    name = server_roles.login_names(db).get(login)
    return AddUserResult(login, role, created, name, password is not None)


def list_users() -> list[UserRow]:
    require_server()
    return [UserRow(*row) for row in server_roles.users(database.obj)]


def login_names() -> dict[str, str]:
    """{login: the person's name} for logins linked to a contact ({} on SQLite)."""
    if not is_server():
        return {}
    return server_roles.login_names(database.obj)


def display_user(login: str, names: dict[str, str] | None = None) -> str:
    """How the Historik shows an author: "Jens Hansen (jha)" when the login is linked to a
    contact, else the login (or, on SQLite, the OS user name) as it is."""
    names = login_names() if names is None else names
    name = names.get(login)
    return f"{name} ({login})" if name else login


# --- moving data in and out ------------------------------------------------------------------

@dataclass(frozen=True)
class TransferResult:
    path: Path
    tables: list[transfer.TableCount]

    @property
    def rows(self) -> int:
        return sum(row.target for row in self.tables)

    def table(self) -> str:
        """Table, rows in the source and in the copy: one line a table."""
        width = max(len(row.table) for row in self.tables)
        lines = [f"{'Tabel'.ljust(width)}  {'Kilde':>7}  {'Kopi':>7}"]
        lines += [f"{row.table.ljust(width)}  {row.source:>7}  {row.target:>7}"
                  for row in self.tables]
        return "\n".join(lines)


def upload(source: Path | str) -> TransferResult:
    """Copy the local SQLite file into the open (empty) server database, history included."""
    require_server()
    path = Path(source).expanduser()
    if not path.is_file():
        raise ServiceError(f"Filen findes ikke: {shown_path(path)}")
    try:
        tables = transfer.upload(database.obj, path.resolve())
    except DatabaseError as error:
        raise _refused(error, "tage imod den lokale database (intet er lagt op)") from error
    return TransferResult(path, tables)


def backup(target: Path | str) -> TransferResult:
    """A complete, portable SQLite copy of the server's data at target (replaced if it exists:
    the caller asked). Written beside it first and checked, then moved into place."""
    from tryg_desktop.db.backup import CheckFailedError, inspect_copy

    require_server()
    db = database.obj
    if server_roles.session_role(db) in (server_roles.REFERENT, server_roles.LAESER) and \
            not server_roles.owns_tables(db, transfer.table_names()):
        # The row-level security hides closed items from these roles: the copy would be
        # incomplete without saying so.
        raise ServiceError("Kun en administrator eller koordinator kan tage en fuld "
                           "sikkerhedskopi af den fælles database.")
    path = check_output_target(Path(target).expanduser().resolve(), replace=True)
    tmp = path.parent / f".{path.name}.tryg-kopi.{os.getpid()}.tmp"
    _remove(tmp)
    try:
        tables = transfer.backup_to_sqlite(database.obj, tmp)
        copied = inspect_copy(tmp)
        if copied["contact"] != _count(tables, "contact"):
            raise CheckFailedError("contact count")
        os.replace(tmp, path)
        os.chmod(path, 0o600)
    except CheckFailedError as error:
        raise ServiceError("Sikkerhedskopien er ikke gemt: kopien bestod ikke kontrollen.") \
            from error
    except OSError as error:
        from tryg_desktop.db import danish_os_message

        raise ServiceError(f"Sikkerhedskopien kunne ikke gemmes i {shown_path(path.parent)}: "
                           f"{danish_os_message(error)}") from error
    except DatabaseError as error:
        raise _refused(error, "udlevere data til sikkerhedskopien") from error
    finally:
        _remove(tmp)
    return TransferResult(path, tables)


def _count(tables: list[transfer.TableCount], name: str) -> int:
    return next(row.target for row in tables if row.table == name)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass
