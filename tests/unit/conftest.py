"""The unit and service tests run on both databases: `db` is parametrised over SQLite (a fresh
file under tmp_path) and PostgreSQL (a fresh database made from a migrated template on the
server named by TRYG_TEST_SERVER, default the machine's own at 127.0.0.1:5432).

Without a reachable server the PostgreSQL half is skipped with the reason and how to run it;
with TRYG_REQUIRE_SERVER=1 (as .ci/run sets it) an unreachable server fails the run instead."""

from __future__ import annotations

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
