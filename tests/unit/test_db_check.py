"""`python main.py check` and the quick check before a write command (issue 10 point 15): a
database damaged where a command does not read must not be written into with exit 0."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tryg_desktop import cli
from tryg_desktop.db import close_database, open_database
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.db_health import check_database

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def _seed(path):
    open_database(path)
    org = O.create(O.OrganisationInput(name="Blå Kors", kind="ngo"))
    for i in range(40):
        C.create(C.ContactInput(name=f"Åge Holm {i}", organisation_id=org.id))
    close_database()


def _raw(path, *statements):
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def _damage_index_page(path, index="organisation_sort_name"):
    """Garbage over the first bytes of one index's root page: the contacts list never reads it."""
    con = sqlite3.connect(path)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\x0d" + b"\xff" * 50)


def _main(*argv):
    return subprocess.run([sys.executable, str(MAIN), *argv], capture_output=True, text=True,
                          timeout=120)


def run(capsys, *argv):
    code = cli.run(cli.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_of_a_healthy_database_exits_0(db_path):
    _seed(db_path)
    done = _main("--database", str(db_path), "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Databasen er i orden."


def test_check_reports_a_row_pointing_nowhere(db_path, capsys):
    _seed(db_path)
    _raw(db_path, 'UPDATE "contact" SET organisation_id = 99999 WHERE id = 1')
    code, out, err = run(capsys, "--database", str(db_path), "check")
    assert code != 0
    assert "1 række (kontakt) henviser til noget, der ikke findes" in out


def test_check_reports_a_search_index_out_of_step(db_path, capsys):
    _seed(db_path)
    # The trigger that keeps the index in step is bypassed: the index still holds the old text.
    _raw(db_path, "DROP TRIGGER contact_search_au",
         "UPDATE \"contact\" SET search_text = 'zzz qqq' WHERE id = 1")
    code, out, err = run(capsys, "--database", str(db_path), "check")
    assert code != 0 and "Søgeindekset (kontakt) passer ikke" in out, out + err


def test_check_reports_damaged_pages_in_danish(db_path):
    _seed(db_path)
    _damage_index_page(db_path)
    done = _main("--database", str(db_path), "check")
    assert done.returncode != 0
    assert "Databasefilen er beskadiget" in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "malformed" not in done.stdout + done.stderr


@pytest.mark.parametrize("command", [["demo"], ["contacts", "import", "k.csv"]])
def test_write_commands_refuse_a_damaged_file(db_path, tmp_path, capsys, command, monkeypatch):
    """The contacts list still works on this file (it never reads the damaged index), so
    without the quick check the import and demo wrote into it and exited 0."""
    _seed(db_path)
    _damage_index_page(db_path)
    code, out, _ = run(capsys, "--database", str(db_path), "contacts", "list")
    assert code == 0 and "Åge Holm 1" in out
    (tmp_path / "k.csv").write_text("Navn,E-mail\nBo Berg,bo@eksempel.dk\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = db_path.read_bytes()
    code, out, err = run(capsys, "--database", str(db_path), *command)
    assert code != 0
    assert err.startswith("Fejl: Databasefilen er beskadiget") and err.count("\n") == 1, err
    assert db_path.read_bytes() == before


def test_check_on_a_read_only_database(db_path):
    _seed(db_path)
    open_database(db_path, read_only=True)
    try:
        assert check_database().ok
    finally:
        close_database()


def test_quick_check_is_the_same_function(db_path):
    _seed(db_path)
    open_database(db_path)
    try:
        assert check_database(quick=True).ok
    finally:
        close_database()
    _damage_index_page(db_path)
    open_database(db_path)
    try:
        report = check_database(quick=True)
        assert not report.ok and "beskadiget" in report.summary()
    finally:
        close_database()


def test_a_damaged_page_met_while_reading_rows_is_one_danish_line(db_path, capsys):
    """Rows fetched after the query ran raise sqlite3's own error, past peewee's wrapper: it
    reached the user as "Der opstod en uventet fejl"."""
    open_database(db_path)
    for i in range(400):
        C.create(C.ContactInput(name=f"Kontakt nummer {i:04d} med et langt navn til siderne"))
    close_database()
    con = sqlite3.connect(db_path)
    try:
        leaves = [row[0] for row in con.execute(
            "SELECT pageno FROM dbstat WHERE name = 'contact' AND pagetype = 'leaf' "
            "ORDER BY pageno")]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(db_path, "r+b") as file:
        file.seek((leaves[len(leaves) // 2] - 1) * page_size + 8)
        file.write(b"\xff" * 64)
    code, out, err = run(capsys, "--database", str(db_path), "contacts", "export",
                         str(db_path.parent / "k.csv"), "--purpose", "Kontrol")
    assert code != 0
    assert err.startswith("Fejl: Databasefilen er beskadiget") and err.count("\n") == 1, err
