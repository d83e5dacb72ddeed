"""The team's shared database: the server choice as a libpq URL, its password in the operating
system's credential store (the keyring package), and "Test forbindelsen".

The password is never a setting and never part of a URL: it is read from the store and given
to the connection as a parameter of its own, and only when the store has one, so that libpq's
own ways (a pgpass or service file, Kerberos single sign-on) work untouched when it has none."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from tryg_desktop.db import DatabaseError, DatabaseOpenError
from tryg_desktop.db.server import info as server_info
from tryg_desktop.db.opening import server_name
from tryg_desktop.services.errors import ServiceError

_log = logging.getLogger(__name__)

KEYRING_SERVICE = "Tryg Desktop"
DEFAULT_PORT = 5432
# libpq's sslmode values; "" leaves libpq's default (prefer, or PGSSLMODE / a service file).
SSL_MODES = ("", "disable", "allow", "prefer", "require", "verify-ca", "verify-full")
NO_STORE = ("Der er intet sted at gemme adgangskoden på denne computer (styresystemets "
            "nøglering kan ikke bruges). Brug en pgpass-fil eller Kerberos, eller bed IT om at "
            "slå nøgleringen til.")


class PasswordStoreError(ServiceError):
    """The credential store is missing or refused; the message says so in Danish."""


@dataclass(frozen=True)
class ServerChoice:
    """The fields of Filer → Indstillinger → Fælles database (no password)."""

    host: str = ""
    port: int = DEFAULT_PORT
    database: str = "tryg"
    login: str = ""
    sslmode: str = ""

    def url(self) -> str:
        return server_url(self.host, self.port, self.database, self.login, self.sslmode)

    def problems(self) -> list[str]:
        """What must be put right before the choice can be used, in Danish."""
        found = []
        if not self.host.strip():
            found.append("Skriv serverens navn eller adresse.")
        if not self.database.strip():
            found.append("Skriv databasens navn.")
        if not 1 <= self.port <= 65535:
            found.append("Porten skal være et tal fra 1 til 65535.")
        if self.sslmode not in SSL_MODES:
            found.append("Ukendt krypteringsindstilling.")
        return found


def server_url(host: str, port: int, database: str, login: str = "", sslmode: str = "") -> str:
    """postgresql://login@host:port/database?sslmode=…, each part quoted for a URL. The port
    is left out when it is PostgreSQL's own (5432), sslmode when it is libpq's default."""
    host, database, login = host.strip(), database.strip(), login.strip()
    if ":" in host and not host.startswith("["):
        shown_host = f"[{host}]"  # an IPv6 address
    else:
        shown_host = quote(host, safe="[]")  # a socket folder becomes %2F…, as libpq reads it
    user = f"{quote(login, safe='')}@" if login else ""
    at_port = f":{int(port)}" if port and int(port) != DEFAULT_PORT else ""
    query = f"?sslmode={quote(sslmode, safe='')}" if sslmode else ""
    return f"postgresql://{user}{shown_host}{at_port}/{quote(database, safe='')}{query}"


def shown_name(url: str) -> str:
    """"tryg på tryg.kommune.local": the database and the host, without login or password."""
    return server_name(url)


def keyring_user(url: str) -> str | None:
    """The name the password is kept under: "login@host/database". None when the URL names no
    login (libpq then uses the user's own name, for Kerberos or pgpass) or carries a password
    itself."""
    parts = urlsplit(url)
    if not parts.username or parts.password is not None:
        return None
    return f"{unquote(parts.username)}@{parts.hostname or ''}/{unquote(parts.path.lstrip('/'))}"


def _keyring():
    import keyring

    return keyring


def read_password(url: str) -> str | None:
    """The stored password for url's login, or None (none stored, or no login in the URL).
    PasswordStoreError when the store cannot be used."""
    user = keyring_user(url)
    if user is None:
        return None
    try:
        return _keyring().get_password(KEYRING_SERVICE, user)
    except Exception as error:  # noqa: BLE001 - every backend fails its own way
        _log.warning("Nøgleringen kunne ikke læses (%s)", type(error).__name__)
        raise PasswordStoreError(NO_STORE) from error


def save_password(url: str, password: str) -> None:
    user = keyring_user(url)
    if user is None:
        raise PasswordStoreError("Skriv et login, før adgangskoden kan gemmes.")
    try:
        _keyring().set_password(KEYRING_SERVICE, user, password)
    except Exception as error:  # noqa: BLE001
        _log.warning("Adgangskoden kunne ikke gemmes i nøgleringen (%s)", type(error).__name__)
        raise PasswordStoreError(NO_STORE) from error


def delete_password(url: str) -> bool:
    """Forget the stored password; False if none was stored."""
    user = keyring_user(url)
    if user is None:
        return False
    keyring = _keyring()
    try:
        if keyring.get_password(KEYRING_SERVICE, user) is None:
            return False
        keyring.delete_password(KEYRING_SERVICE, user)
    except Exception as error:  # noqa: BLE001
        _log.warning("Adgangskoden kunne ikke slettes i nøgleringen (%s)", type(error).__name__)
        raise PasswordStoreError(NO_STORE) from error
    return True


def password_for_start(url: str) -> tuple[str | None, str | None]:
    """(password, note) for opening url at start-up: the stored password if there is one; a
    store that cannot be used is a Danish note for the log or the status bar, not a stop (libpq
    may well get in by pgpass or Kerberos)."""
    try:
        return read_password(url), None
    except PasswordStoreError as error:
        return None, error.message


@dataclass(frozen=True)
class ConnectionTest:
    ok: bool
    text: str  # Danish, for the dialog


def test_connection(url: str, password: str | None = None) -> ConnectionTest:
    """Try url on a connection of its own (the open database is left alone)."""
    try:
        info = server_info.probe(url, password or None)
    except DatabaseOpenError as error:
        return ConnectionTest(False, f"Forbindelsen mislykkedes: {error}")
    return ConnectionTest(True, f"Forbindelsen virker: PostgreSQL {info.version}, logget ind "
                                f"som {info.login}")


test_connection.__test__ = False  # pytest: a service function, not a test


def open_server_description() -> str | None:
    """For the status bar: "Fælles database tryg på tryg.kommune.local · logget ind som LOGIN"
    (the login the server reports); None when the open database is a SQLite file."""
    url = server_info.open_url()
    if url is None:
        return None
    try:
        login = server_info.session_login()
    except DatabaseError as error:
        _log.warning("session_user kunne ikke læses (%s)", type(error).__name__)
        login = unquote(urlsplit(url).username or "") or "?"
    return f"Fælles database {server_name(url)} · logget ind som {login}"
