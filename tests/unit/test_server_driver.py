"""A start on the SQLite file does not pay for the PostgreSQL driver (peewee would import it at
its own import), and a process that deferred it still reaches a server when it turns out to
need one. Each case in a fresh interpreter: what is imported is the point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_start_on_a_file_never_imports_the_driver(tmp_path):
    out = _run(f"""
import sys
from tryg_desktop import server_driver
server_driver.defer()
from tryg_desktop.db import close_database, open_database
from tryg_desktop.services.register import contacts
open_database({str(tmp_path / 'tryg.sqlite3')!r})
contacts.create(contacts.ContactInput(name="Anna"))
print(sys.modules.get("psycopg") is None, "psycopg_binary" in sys.modules)
""")
    assert out == "True False"


def test_a_process_that_deferred_the_driver_still_reaches_a_server(server, tmp_path):
    import pytest

    if server is None:
        from tests.support.server import ServerForTests

        pytest.skip(ServerForTests.why_skipped())
    url = server.fresh_database()
    try:
        out = _run(f"""
from tryg_desktop import server_driver
server_driver.defer()
from tryg_desktop.db import open_database, close_database
open_database({str(tmp_path / 'tryg.sqlite3')!r})  # a file first, peewee imported
close_database()
open_database({url!r})  # then the server
from tryg_desktop.services.register import contacts
contacts.create(contacts.ContactInput(name="Bo"))
print([c.name for c in contacts.fetch(contacts.ContactFilter())])
""")
    finally:
        server.drop(url)
    assert out == "['Bo']"
