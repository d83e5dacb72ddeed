"""The unit and service tests run on both databases: `db` is parametrised over SQLite (a fresh
file under tmp_path) and PostgreSQL (a fresh database made from a migrated template on the
server named by TRYG_TEST_SERVER, default the machine's own at 127.0.0.1:5432).

Without a reachable server the PostgreSQL half is skipped with the reason and how to run it;
with TRYG_REQUIRE_SERVER=1 (as .ci/run sets it) an unreachable server fails the run instead."""

from __future__ import annotations

import os

import pytest

from tests.support.server import ServerForTests


@pytest.fixture(scope="session")
def server():
    """The test server, or None when there is none (the PostgreSQL tests are then skipped)."""
    found = ServerForTests.find()
    yield found
    if found is not None:
        found.drop_all()


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, db_path, server):
    """The real database layer, migrated to the latest schema, on SQLite or on PostgreSQL."""
    from tryg_desktop.db import close_database, open_database

    if request.param == "sqlite":
        database = open_database(db_path)
        yield database
        close_database()
        return
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("kun SQLite: " + request.node.get_closest_marker("sqlite_only").args[0])
    if server is None:
        pytest.skip(ServerForTests.why_skipped())
    url = server.fresh_database()
    database = open_database(url)
    yield database
    close_database()
    server.drop(url)


def pytest_collection_modifyitems(config, items):
    """No server: the PostgreSQL half is left out at collection (one line at the end says so
    and how to run it), instead of hundreds of skip lines."""
    from tests.support.server import ServerForTests

    on_server = [item for item in items
                 if getattr(item, "callspec", None) and item.callspec.params.get("db") == "postgres"]
    # A test of the SQLite file itself (its backup, its pragmas) has no PostgreSQL half.
    file_only = [item for item in on_server if item.get_closest_marker("sqlite_only")]
    if file_only:
        config.hook.pytest_deselected(items=file_only)
        gone = set(file_only)
        items[:] = [item for item in items if item not in gone]
        on_server = [item for item in on_server if item not in gone]
    if os.environ.get("TRYG_REQUIRE_SERVER") == "1" or ServerForTests.reachable():
        return
    left_out = on_server
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        gone = set(left_out)
        items[:] = [item for item in items if item not in gone]
        config._tryg_server_left_out = len(left_out)


def pytest_terminal_summary(terminalreporter, config):
    count = getattr(config, "_tryg_server_left_out", 0)
    if count:
        from tests.support.server import ServerForTests

        terminalreporter.write_line(f"{count} PostgreSQL-test(e) kørte ikke. "
                                    + ServerForTests.why_skipped(), yellow=True)
