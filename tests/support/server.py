"""Throwaway PostgreSQL databases for the tests: one migrated template per test run, and a
fresh copy of it for each test (CREATE DATABASE … TEMPLATE takes about 0.1 s)."""

from __future__ import annotations

import itertools
import os
from urllib.parse import urlsplit, urlunsplit

DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"
HOW = ("PostgreSQL-testene er sprunget over: ingen server på {url}. Sæt TRYG_TEST_SERVER til en "
       "server, hvor login må oprette databaser (fx postgresql://postgres@127.0.0.1/postgres), "
       "eller kør .ci/run.")


class ServerForTests:
    def __init__(self, admin_url: str, suffix: str = "") -> None:
        self.admin_url = admin_url
        self.prefix = f"tryg_test_{os.getpid()}{suffix}"
        self.template = f"{self.prefix}_template"
        self._numbers = itertools.count(1)
        self._made: set[str] = set()

    @classmethod
    def url(cls) -> str:
        return os.environ.get("TRYG_TEST_SERVER", DEFAULT)

    @classmethod
    def why_skipped(cls) -> str:
        return HOW.format(url=cls.url())

    @classmethod
    def reachable(cls) -> bool:
        import psycopg

        try:
            psycopg.connect(cls.url(), connect_timeout=3).close()
        except psycopg.Error:
            return False
        return True

    @classmethod
    def find(cls, suffix: str = "") -> ServerForTests | None:
        """The test server with a migrated template of its own (suffix: one per test module
        that asks), or None when there is none and TRYG_REQUIRE_SERVER is not set."""
        import psycopg

        url = cls.url()
        try:
            psycopg.connect(url, connect_timeout=3).close()
        except psycopg.Error as error:
            if os.environ.get("TRYG_REQUIRE_SERVER") == "1":
                raise RuntimeError(f"TRYG_REQUIRE_SERVER=1, men ingen server på {url}: "
                                   f"{error}") from error
            return None
        found = cls(url, suffix)
        found._make_template()
        return found

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def database_url(self, name: str) -> str:
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path="/" + name))

    def _make_template(self) -> None:
        from tryg_desktop.db import close_database, open_database

        self._admin(f'DROP DATABASE IF EXISTS "{self.template}"')
        self._admin(f'CREATE DATABASE "{self.template}"')
        self._made.add(self.template)
        database = open_database(self.database_url(self.template))
        # The tryg group roles are the cluster's; the admin login, a superuser, is a member of
        # each, so it is tryg_admin to the app. Made here, not left to whichever test ran
        # `server init` first: on a fresh server test_access_log.py alone failed (not admin).
        from tryg_desktop.db.server.roles import create_roles

        create_roles(database)
        close_database()

    def fresh_database(self) -> str:
        name = f"{self.prefix}_{next(self._numbers)}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self._made.add(name)
        return self.database_url(name)

    def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._made.discard(name)

    def drop_all(self) -> None:
        for name in sorted(self._made):
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._made.clear()


def as_login(url: str, login: str) -> str:
    """url with another login (the same server and database): a role's own connection."""
    parts = urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{login}@{host}{port}"))


def on_own_thread(fn, *args, colleague: bool = True):
    """fn(*args) on a thread of its own (peewee keeps a connection per thread); its result, or
    its exception raised here. colleague=True: the connection is closed afterwards, so its
    server process is no longer this window's (db/server/live.own_backend_pids), as if another
    PC had saved. colleague=False: given back to the pool, as a Task of this window does."""
    import threading

    from tryg_desktop.db import close_database, release_connection

    result: list = []

    def run():
        try:
            result.append(fn(*args))
        except BaseException as error:  # noqa: BLE001 - raised again below
            result.append(error)
        finally:
            close_database() if colleague else release_connection()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]
