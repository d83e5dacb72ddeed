"""Test set-up: offscreen Qt, a fresh SQLite file per test, settings and data paths under tmp_path."""

from __future__ import annotations

import os

# Before anything imports Qt: no display is needed, and no real user folders are touched.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("TRYG_DATABASE", None)
os.environ.pop("TRYG_SERVER", None)  # a user's team server must never receive test data

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.delenv("TRYG_DATABASE", raising=False)
    monkeypatch.delenv("TRYG_SERVER", raising=False)
    yield
    # The access log's queue belongs to the test's database: never carried into the next test.
    import sys

    log = sys.modules.get("tryg_desktop.services.data_protection.access_log")
    if log is not None:
        log.discard_pending()


def pytest_report_header(config):
    """Say at the top of every run whether the PostgreSQL half of the tests will run."""
    from tests.support.server import ServerForTests

    url = ServerForTests.url()
    if ServerForTests.reachable():
        return f"PostgreSQL: tests run on SQLite and on the server at {url}"
    return "PostgreSQL: " + ServerForTests.why_skipped()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "tryg.sqlite3"


@pytest.fixture
def db(db_path):
    """The real database layer on a fresh SQLite file, migrated to the latest schema."""
    from tryg_desktop.db import close_database, open_database

    database = open_database(db_path)
    yield database
    close_database()


@pytest.fixture
def settings(tmp_path):
    from tryg_desktop.settings import Settings

    return Settings(str(tmp_path / "settings.ini"))
