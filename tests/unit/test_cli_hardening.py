"""The command line's hard edges (issue 10 points 3, 4 and 11, --force, --search): every
reproduction gives one Danish line and a non-zero exit, or works. Run through the real entry
point (cli.parse_args + cli.run, and main.py as a process where the process matters), on a
SQLite file and on the team's server (cli_db) where the database takes part; an id or a date
refused before it reaches the database is tried on the file alone."""

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tryg_desktop import cli
from tryg_desktop.db import close_database, open_database
from tryg_desktop.services.meetings import actions as A
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.safety import statistics
from tryg_desktop.services.errors import ServiceError

from .test_cli import assert_one_error_line
from .test_cli import seed as seed_contacts
from .test_cli_meetings import seed as seed_meetings

MAIN = Path(__file__).resolve().parents[2] / "main.py"
HUGE = "99999999999999999999999"


def run(capsys, *argv):
    code = cli.run(cli.parse_args([str(a) for a in argv]))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean_failure(code, err):
    assert code != 0
    assert_one_error_line(err)
    assert "uventet fejl" not in err and "Error" not in err, err


@pytest.fixture
def meeting_db(cli_db):
    """Three meetings, one forum (test_cli_meetings.seed): (cli_db, the held meeting in the
    forum, its forum's id)."""
    _, sundby, _ = seed_meetings(cli_db.location)
    with cli_db.opened():
        forum_id = M.get(sundby).forum_id
    return cli_db, sundby, forum_id


# --- point 3: ids too large for SQLite --------------------------------------------------------

ID_COMMANDS = [
    ["meetings", "ics", "{id}", "m.ics"],
    ["print", "agenda", "{id}", "d.pdf"],
    ["print", "attendance", "{id}", "f.pdf"],
    ["print", "minutes", "{id}", "r.pdf"],
    ["print", "actions", "h.pdf", "--forum", "{id}"],
    ["actions", "export", "h.csv", "--forum", "{id}"],
    ["print", "meeting-plan", "2027", "p.pdf", "--forum", "{id}"],
    ["forums", "plan", "{id}", "--until", "2027-12-31"],
    ["report", "csv", "--from", "2026-01-01", "--to", "2026-12-31", "--place", "{id}", "t.csv"],
    ["report", "csv", "--from", "2026-01-01", "--to", "2026-12-31", "--effort", "{id}", "t.csv"],
    ["print", "report", "--from", "2026-01-01", "--to", "2026-12-31", "--place", "{id}",
     "s.pdf"],
    ["print", "report", "--from", "2026-01-01", "--to", "2026-12-31", "--effort", "{id}",
     "s.pdf"],
]


@pytest.mark.sqlite_only("refused before it reaches the database")
@pytest.mark.parametrize("argv", ID_COMMANDS, ids=lambda a: " ".join(a[:2]) + " " + a[-2])
@pytest.mark.parametrize("bad", [HUGE, "-1", "0", "1" * 5000])
def test_out_of_range_ids_are_one_danish_line(capsys, tmp_path, db, db_path, argv, bad):
    argv = [a.replace("{id}", bad) for a in argv]
    argv = [str(tmp_path / a) if a.endswith((".ics", ".pdf", ".csv")) else a for a in argv]
    code, out, err = run(capsys, "--database", db_path, *argv)
    assert_clean_failure(code, err)
    assert "id skal være et tal mellem 1 og 9223372036854775807" in err
    assert len(err) < 200  # a 5,000-digit id is not printed back whole
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".ics", ".pdf", ".csv")]


@pytest.mark.sqlite_only("refused before it reaches the database")
@pytest.mark.parametrize("bad", ["tre", "1_0", "١٢", "1.5", " "])
def test_ids_that_are_not_numbers(capsys, meeting_db, tmp_path, bad):
    cli_db, *_ = meeting_db
    code, _, err = run(capsys, *cli_db.argv, "meetings", "ics", bad, tmp_path / "m.ics")
    assert_clean_failure(code, err)
    assert "Mødets id skal være et tal" in err


def test_an_id_with_spaces_around_it_is_read(capsys, meeting_db, tmp_path):
    cli_db, meeting_id, _ = meeting_db
    code, _, err = run(capsys, *cli_db.argv, "meetings", "ics", f" {meeting_id} ",
                       tmp_path / "m.ics")
    assert (code, err) == (0, "")


@pytest.mark.sqlite_only("refused before it reaches the database")
def test_huge_id_as_a_process(meeting_db, tmp_path):
    """The issue's own reproduction, as the user typed it."""
    cli_db, *_ = meeting_db
    done = subprocess.run([sys.executable, str(MAIN), *cli_db.argv, "meetings",
                           "ics", HUGE, str(tmp_path / "m.ics")], capture_output=True, timeout=120)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1 and "Traceback" not in err and "OverflowError" not in err, err
    assert err == ("Fejl: Mødets id skal være et tal mellem 1 og 9223372036854775807, "
                   f"ikke »{HUGE}«.\n")


# --- point 4: dates far in the past or future -------------------------------------------------

@pytest.mark.sqlite_only("refused before it reaches the database")
@pytest.mark.parametrize("command, target", [(["report", "csv"], "t.csv"),
                                             (["print", "report"], "s.pdf")])
@pytest.mark.parametrize("start, end", [("0001-01-01", "9999-12-31"),
                                        ("2026-01-01", "9999-12-31"),
                                        ("01.01.0001", "31.12.2026")])
def test_dates_out_of_range_are_one_danish_line(capsys, db, db_path, tmp_path, command, target,
                                                start, end):
    code, _, err = run(capsys, "--database", db_path, *command, "--from", start, "--to", end,
                       tmp_path / target)
    assert_clean_failure(code, err)
    assert "skal ligge i årene 1900-2099" in err
    assert not (tmp_path / target).exists()


@pytest.mark.sqlite_only("refused before it reaches the database")
def test_forum_plan_until_far_in_the_future(capsys, meeting_db):
    cli_db, _, forum_id = meeting_db
    code, _, err = run(capsys, *cli_db.argv, "forums", "plan", forum_id, "--until",
                       "9999-12-31")
    assert_clean_failure(code, err)
    assert "Slutdatoen skal ligge i årene 1900-2099" in err


def test_the_widest_allowed_period_works(capsys, cli_db, tmp_path):
    with cli_db.opened():
        pass
    target = tmp_path / "t.csv"
    code, out, err = run(capsys, *cli_db.argv, "report", "csv", "--from", "1900-01-01",
                         "--to", "2099-12-31", target)
    assert (code, err) == (0, "") and "(2400 måneder)" in out


@pytest.mark.parametrize("start, end", [(dt.date.min, dt.date.max),
                                        (dt.date(2026, 1, 1), dt.date.max)])
def test_the_statistics_service_refuses_a_period_it_cannot_count(start, end):
    """The GUI and the CLI both ask check_period first; the last day + 1 must not overflow."""
    with pytest.raises(ServiceError) as caught:
        statistics.check_period(start, end)
    assert "1900-2099" in caught.value.message


# --- point 11: demo waits for another writer like import does --------------------------------

@pytest.mark.sqlite_only("SQLite's file lock and busy timeout")
def test_demo_waits_while_another_process_writes(capsys, db_path):
    open_database(db_path)
    close_database()
    locked, release = threading.Event(), threading.Event()

    def other_writer():
        conn = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE andet_program (x)")
        locked.set()
        release.wait(2)  # about two seconds, well within the 5 s busy timeout
        conn.execute("COMMIT")
        conn.close()

    writer = threading.Thread(target=other_writer)
    writer.start()
    locked.wait(10)
    try:
        code, out, err = run(capsys, "--database", db_path, "demo")
    finally:
        release.set()
        writer.join()
    assert (code, err) == (0, ""), err
    assert out.startswith("Demodata indlæst: ")


# --- --force: no file is replaced without it --------------------------------------------------

def _writers(meeting_id):
    return [
        ["contacts", "export", "--purpose", "Test", "kontakter.csv"],
        ["backup", "kopi.sqlite3"],
        ["meetings", "ics", meeting_id, "møde.ics"],
        ["print", "agenda", meeting_id, "dagsorden.pdf"],
        ["print", "attendance", meeting_id, "fremmøde.pdf"],
        ["print", "minutes", meeting_id, "referat.pdf"],
        ["print", "actions", "handlinger.pdf"],
        ["print", "meeting-plan", "2026", "mødeplan.pdf"],
        ["print", "report", "--from", "2026-01-01", "--to", "2026-03-31", "status.pdf"],
        ["actions", "export", "handlinger.csv"],
        ["report", "csv", "--from", "2026-01-01", "--to", "2026-03-31", "tal.csv"],
    ]


@pytest.mark.parametrize("index", range(11), ids=[" ".join(a[:2]) for a in _writers("1")])
def test_an_existing_file_needs_force(capsys, meeting_db, tmp_path, index):
    cli_db, meeting_id, _ = meeting_db
    argv = _writers(str(meeting_id))[index]
    name = argv[-1]
    out_dir = tmp_path / "ud"
    out_dir.mkdir()
    target = out_dir / name
    target.write_bytes(b"gammel")
    argv = [*argv[:-1], str(target)]
    code, out, err = run(capsys, *cli_db.argv, *argv)
    assert_clean_failure(code, err)
    assert err == f"Fejl: Filen »{target}« findes allerede. Brug --force for at overskrive den.\n"
    assert out == "" and target.read_bytes() == b"gammel"
    code, out, err = run(capsys, *cli_db.argv, *argv, "--force")
    assert (code, err) == (0, ""), err
    assert target.read_bytes() != b"gammel"
    assert sorted(p.name for p in out_dir.iterdir()) == [name]  # no temporary file left


def test_a_new_file_needs_no_force(capsys, meeting_db, tmp_path):
    cli_db, meeting_id, _ = meeting_db
    target = tmp_path / "møde.ics"
    code, _, err = run(capsys, *cli_db.argv, "meetings", "ics", meeting_id, target)
    assert (code, err) == (0, "") and target.is_file()


def test_force_is_in_the_danish_help(capsys):
    with pytest.raises(SystemExit):
        cli.parse_args(["print", "minutes", "--help"])
    out = capsys.readouterr().out
    assert "--force" in out and "overskriv" in out


# --- --search: the GUI's matching on the list commands ----------------------------------------

def test_contacts_list_search(capsys, cli_db):
    seed_contacts(cli_db.location)
    code, out, err = run(capsys, *cli_db.argv, "contacts", "list", "--json",
                         "--search", "holm")
    assert (code, err) == (0, "")
    open_database(cli_db.location)
    expected = [r.name for r in C.iter_all(C.ContactFilter(search="holm"))]
    close_database()
    assert [r["name"] for r in json.loads(out)] == expected == ["Zara Holm", "Åge Holm"]
    code, out, _ = run(capsys, *cli_db.argv, "contacts", "list", "--search", "blå kors")
    assert code == 0 and "Blå Kors" in out and out.splitlines()[-1].startswith("3 kontakter")
    code, out, _ = run(capsys, *cli_db.argv, "contacts", "list", "--search", "findes ej")
    assert (code, out) == (0, "Ingen kontakter matcher »findes ej«.\n")


def test_meetings_list_search(capsys, meeting_db):
    cli_db, *_ = meeting_db
    code, out, err = run(capsys, *cli_db.argv, "meetings", "list", "--json",
                         "--search", "nørresundby")
    assert (code, err) == (0, "")
    open_database(cli_db.location)
    expected = [r.id for r in M.fetch(M.MeetingFilter(when="all", search="nørresundby"))]
    close_database()
    assert [r["id"] for r in json.loads(out)] == expected and len(expected) == 1
    code, out, _ = run(capsys, *cli_db.argv, "meetings", "list", "--search", "zzz")
    assert (code, out) == (0, "Ingen møder matcher »zzz«.\n")


def test_actions_list_search(capsys, meeting_db):
    cli_db, meeting_id, _ = meeting_db
    open_database(cli_db.location)
    for title in ("Ryd op ved stien", "Ny belysning i parken", "Tal med boligforeningen"):
        A.create(A.ActionInput(title=title, meeting_id=meeting_id, due=dt.date(2027, 1, 15)))
    expected = [r.id for r in A.fetch(A.ActionFilter(search="belysning"))]
    close_database()
    code, out, err = run(capsys, *cli_db.argv, "actions", "list", "--json",
                         "--search", "belysning")
    assert (code, err) == (0, "")
    assert [r["id"] for r in json.loads(out)] == expected and len(expected) == 1
    code, out, _ = run(capsys, *cli_db.argv, "actions", "list", "--search", "parken")
    assert code == 0 and "Ny belysning i parken" in out and "Ryd op" not in out
    code, out, _ = run(capsys, *cli_db.argv, "actions", "list", "--search", "zzz")
    assert (code, out) == (0, "Ingen handlinger matcher »zzz«.\n")


@pytest.mark.parametrize("command", [["contacts", "list"], ["meetings", "list"],
                                     ["actions", "list"]])
@pytest.mark.parametrize("text", ["%", "_", "\"", "' OR 1=1 --", "a " * 600, "(", "*"])
def test_hostile_search_text(capsys, meeting_db, command, text):
    cli_db, *_ = meeting_db
    code, out, err = run(capsys, *cli_db.argv, *command, "--search", text)
    assert code == 0 or (code == 1 and err.startswith("Fejl: ") and err.count("\n") == 1), err
    assert "uventet fejl" not in err


# --- other edges: NUL bytes, folders, missing folders -----------------------------------------

@pytest.mark.sqlite_only("refused before any database is opened; a NUL in the file name")
def test_nul_byte_in_an_argument(capsys, meeting_db, tmp_path):
    cli_db, meeting_id, _ = meeting_db
    for argv in (["meetings", "ics", meeting_id, f"{tmp_path}/m\0.ics"],
                 ["contacts", "import", f"{tmp_path}/k\0.csv"],
                 ["contacts", "list", "--search", "a\0b"]):
        code, _, err = run(capsys, *cli_db.argv, *argv)
        assert_clean_failure(code, err)
        assert "NUL" in err
    code, _, err = run(capsys, "--database", f"{cli_db.location}\0", "contacts", "list")
    assert_clean_failure(code, err)


def test_output_that_is_a_folder_or_in_a_missing_folder(capsys, meeting_db, tmp_path):
    cli_db, meeting_id, _ = meeting_db
    for target, words in ((tmp_path, "er en mappe"),
                          (tmp_path / "mangler" / "r.pdf", "findes ikke")):
        for argv in (["print", "minutes", meeting_id, target], ["backup", target],
                     ["contacts", "export", "--purpose", "Test", target], ["meetings", "ics", meeting_id, target],
                     ["report", "csv", "--from", "2026-01-01", "--to", "2026-02-01", target]):
            code, _, err = run(capsys, *cli_db.argv, *argv, "--force")
            assert_clean_failure(code, err)
            assert words in err, (argv, err)


@pytest.mark.sqlite_only("the --database file")
def test_database_that_is_a_folder(capsys, tmp_path):
    code, _, err = run(capsys, "--database", tmp_path, "contacts", "list")
    assert_clean_failure(code, err)
    code, _, err = run(capsys, "--database", tmp_path, "demo")
    assert_clean_failure(code, err)


@pytest.mark.sqlite_only("the --database file")
def test_an_os_error_is_told_in_danish(capsys, tmp_path):
    """Python's strerror is English ("File name too long"): the CLI names the cause itself."""
    code, _, err = run(capsys, "--database", tmp_path / ("a" * 300 + ".sqlite3"), "demo")
    assert_clean_failure(code, err)
    assert "navnet er for langt" in err and "File name" not in err
