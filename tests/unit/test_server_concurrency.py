"""Two app processes on one server database at the same moment (issue 12, "Working side by
side"): the same record saved from both keeps one change and tells the other (no lost update),
and two imports at once both land whole.

Each side is a real process (python -c) with its own connection; a start file released by the
test makes them go together."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


from tryg_desktop.db import close_database, open_database
from tryg_desktop.services.register import contacts

ROOT = Path(__file__).resolve().parents[2]

SAVE = """
import json, os, sys, time
from pathlib import Path
from tryg_desktop.db import open_database
from tryg_desktop.services.errors import ConflictError
from tryg_desktop.services.register import contacts
url, contact_id, version, title, go = sys.argv[1:6]
open_database(url)
data = contacts.get(int(contact_id)).as_input()
data.title = title
while not Path(go).exists():
    time.sleep(0.005)
try:
    contacts.update(int(contact_id), data, int(version))
    print(json.dumps({"saved": title}))
except ConflictError as error:
    print(json.dumps({"conflict": error.message}))
"""

IMPORT = """
import json, sys, time
from pathlib import Path
from tryg_desktop.db import open_database
from tryg_desktop.services.register.contact_import import import_file
url, source, go = sys.argv[1:4]
open_database(url)
while not Path(go).exists():
    time.sleep(0.005)
result = import_file(Path(source))
print(json.dumps({"imported": result.imported}))
"""


def _start(code: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _results(processes) -> list[dict]:
    out = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=60)
        assert process.returncode == 0, stderr
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out


def test_the_same_contact_saved_from_two_processes_keeps_one_and_tells_the_other(server_url,
                                                                                tmp_path):
    open_database(server_url)
    row = contacts.create(contacts.ContactInput(name="Anna Jensen", title="Leder"))
    close_database()
    go = tmp_path / "go"
    sides = [_start(SAVE, server_url, row.id, row.version, title, go)
             for title in ("Koordinator", "Gadeplanschef")]
    time.sleep(1.5)  # both connected and waiting
    go.touch()
    results = _results(sides)
    saved = [r["saved"] for r in results if "saved" in r]
    conflicts = [r["conflict"] for r in results if "conflict" in r]
    assert len(saved) == 1 and len(conflicts) == 1, results
    assert "ændret et andet sted" in conflicts[0]
    open_database(server_url)
    after = contacts.get(row.id)
    assert after.title == saved[0] and after.version == row.version + 1


def test_two_imports_at_once_both_land_whole(server_url, tmp_path):
    files = []
    for side in ("a", "b"):
        path = tmp_path / f"{side}.csv"
        rows = "\n".join(f"Person {side}{n};Titel {n}" for n in range(300))
        path.write_text("Navn;Titel\n" + rows + "\n", encoding="utf-8")
        files.append(path)
    open_database(server_url)
    close_database()
    go = tmp_path / "go"
    sides = [_start(IMPORT, server_url, path, go) for path in files]
    time.sleep(1.5)
    go.touch()
    assert [r["imported"] for r in _results(sides)] == [300, 300]
    open_database(server_url)
    names = {row.name for row in contacts.fetch(contacts.ContactFilter(), 0, 1000)}
    assert len(names) == 600
    assert contacts.fetch(contacts.ContactFilter(search="person a299"))[0].name == "Person a299"
