"""The unit and service tests run on both databases: `db` is parametrised over SQLite (a fresh
file under tmp_path) and PostgreSQL (a fresh database made from a migrated template on the
server named by TRYG_TEST_SERVER, default the machine's own at 127.0.0.1:5432). The command
line's tests do the same through `cli_db`: `--database FILE` or `--server URL`.

Without a reachable server the PostgreSQL half is skipped with the reason and how to run it;
with TRYG_REQUIRE_SERVER=1 (as .ci/run sets it) an unreachable server fails the run instead.
`@pytest.mark.sqlite_only(why)` leaves out the PostgreSQL half of a test, and
`@pytest.mark.server_only(why)` the SQLite half."""

from __future__ import annotations

import itertools
import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.server import ServerForTests

HALVES = ("db", "cli_db")  # the fixtures parametrised over sqlite/postgres


@pytest.fixture(scope="session")
def server():
    """The test server, or None when there is none (the PostgreSQL tests are then skipped)."""
    found = ServerForTests.find()
    yield found
    if found is not None:
        found.drop_all()


@pytest.fixture
def server_url(server):
    """A fresh, migrated server database for this test (not opened), dropped afterwards."""
    from tryg_desktop.db import close_database

    if server is None:
        pytest.skip(ServerForTests.why_skipped())
    url = server.fresh_database()
    yield url
    close_database()
    server.drop(url)


_login_numbers = itertools.count(1)


@pytest.fixture
def logins(server):
    """make(prefix) -> a new login's name; every login made is dropped afterwards."""
    import psycopg

    made = []

    def make(prefix: str = "login") -> str:
        name = f"h1_{os.getpid()}_{next(_login_numbers)}_{prefix}"
        made.append(name)
        return name

    yield make
    for name in made:
        with psycopg.connect(server.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture
def item(db):
    """An agenda item (kind beslutning) of a meeting on 3 December 2026, for the minutes."""
    import datetime as dt

    from tryg_desktop.services.meetings import agenda, meetings

    start = dt.datetime(2026, 12, 3, 14)
    meeting = meetings.create(meetings.MeetingInput(title="Dialogmøde Kærby", starts_at=start,
                                                    ends_at=start + dt.timedelta(hours=2)))
    return agenda.add(meeting.id, agenda.ItemInput(title="Belysning", kind="beslutning"))


def _server_or_skip(request, server):
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("kun SQLite: " + request.node.get_closest_marker("sqlite_only").args[0])
    if server is None:
        pytest.skip(ServerForTests.why_skipped())
    return server


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, db_path, server):
    """The real database layer, migrated to the latest schema, on SQLite or on PostgreSQL."""
    from tryg_desktop.db import close_database, open_database

    if request.param == "sqlite":
        database = open_database(db_path)
        yield database
        close_database()
        return
    url = _server_or_skip(request, server).fresh_database()
    database = open_database(url)
    yield database
    close_database()
    server.drop(url)


class CliDatabase:
    """The database a command-line test works on: a SQLite file (`--database FILE`, not yet
    created) or a fresh, migrated database on the test server (`--server URL`)."""

    def __init__(self, location: Path | str, server: ServerForTests | None, folder: Path):
        self.location = location
        self._server = server
        self._folder = folder
        self._made: list[str] = []

    @property
    def on_server(self) -> bool:
        return self._server is not None

    @property
    def argv(self) -> list[str]:
        """The command line's option for this database."""
        return ["--server", self.location] if self.on_server else ["--database",
                                                                    str(self.location)]

    @property
    def environment(self) -> tuple[str, str]:
        """The variable that names this database instead of the option, and its value."""
        return ("TRYG_SERVER", self.location) if self.on_server else ("TRYG_DATABASE",
                                                                      str(self.location))

    def another(self, name: str) -> CliDatabase:
        """A second, empty database of the same kind (a copy to import into)."""
        if not self.on_server:
            return CliDatabase(self._folder / f"{name}.sqlite3", None, self._folder)
        url = self._server.fresh_database()
        self._made.append(url)
        return CliDatabase(url, self._server, self._folder)

    @contextmanager
    def opened(self):
        """Open it in this process to seed or inspect it, as the app would (closed after)."""
        from tryg_desktop.db import close_database, open_database

        database = open_database(self.location)
        try:
            yield database
        finally:
            close_database()

    def drop(self) -> None:
        for url in [self.location, *self._made] if self.on_server else []:
            self._server.drop(url)


@pytest.fixture(params=["sqlite", "postgres"])
def cli_db(request, db_path, tmp_path, server):
    """The database for `cli.run(cli.parse_args([*cli_db.argv, …]))`, on SQLite or PostgreSQL."""
    if request.param == "sqlite":
        yield CliDatabase(db_path, None, tmp_path)
        return
    found = _server_or_skip(request, server)
    made = CliDatabase(found.fresh_database(), found, tmp_path)
    yield made
    made.drop()


def _half(item) -> str | None:
    params = getattr(item, "callspec", None) and item.callspec.params
    return next((params[name] for name in HALVES if params and name in params), None)


def _leave_out(config, items, gone) -> None:
    if gone:
        config.hook.pytest_deselected(items=gone)
        gone = set(gone)
        items[:] = [item for item in items if item not in gone]


def pytest_collection_modifyitems(config, items):
    """No server: the PostgreSQL half is left out at collection (one line at the end says so
    and how to run it), instead of hundreds of skip lines."""
    # A test of the SQLite file itself (its backup, its pragmas) has no PostgreSQL half, and a
    # test of what only the server has (NOTIFY, roles) no SQLite half.
    _leave_out(config, items, [item for item in items
                               if (_half(item) == "postgres" and item.get_closest_marker(
                                   "sqlite_only"))
                               or (_half(item) == "sqlite" and item.get_closest_marker(
                                   "server_only"))])
    if os.environ.get("TRYG_REQUIRE_SERVER") == "1" or ServerForTests.reachable():
        return
    left_out = [item for item in items if _half(item) == "postgres"]
    _leave_out(config, items, left_out)
    config._tryg_server_left_out = len(left_out)


def pytest_terminal_summary(terminalreporter, config):
    count = getattr(config, "_tryg_server_left_out", 0)
    if count:
        terminalreporter.write_line(f"{count} PostgreSQL-test(e) kørte ikke. "
                                    + ServerForTests.why_skipped(), yellow=True)
