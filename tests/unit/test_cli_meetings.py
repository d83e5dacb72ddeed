"""`main.py meetings list` and `main.py meetings ics`, in-process (capsys) and once as a process,
on a SQLite file and on the team's server (cli_db)."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from tryg_desktop import cli
from tryg_desktop.db import close_database, open_database
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def run(capsys, *argv):
    code = cli.run(cli.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


def seed(path) -> list[int]:
    """Three meetings, created out of time order: winter, summer, and one in another forum."""
    open_database(path)  # a file or a server URL
    forum = F.create(F.ForumInput(name="Tryghedsforum Nørresundby", rhythm="quarterly"))
    ids = [M.create(M.MeetingInput(title=title, forum_id=forum_id, starts_at=start,
                                   ends_at=start + dt.timedelta(hours=2), location=place,
                                   status=status)).id
           for title, forum_id, start, place, status in [
               ("Dialogmøde Kærby", None, dt.datetime(2026, 12, 3, 14), "Beboerhuset Kærby",
                "planlagt"),
               ("Tryghedsforum Nørresundby", forum.id, dt.datetime(2026, 6, 17, 16, 30),
                "Nørresundby Bibliotek", "afholdt"),
               ("Netværksmøde Aalborg Midtby", None, dt.datetime(2027, 1, 12, 9, 30),
                "Huset i Hasserisgade", "aflyst"),
           ]]
    close_database()
    return ids


def test_list_json_in_time_order_with_offsets(capsys, cli_db):
    kaerby, sundby, midtby = seed(cli_db.location)
    code, out, err = run(capsys, *cli_db.argv, "meetings", "list", "--json")
    assert (code, err) == (0, "")
    assert "Dialogmøde Kærby" in out  # UTF-8 as is, not \u00f8 escapes
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [sundby, kaerby, midtby]
    first = dict(rows[0])
    assert isinstance(first.pop("forum_id"), int)
    assert first.pop("ics_uid").endswith("@tryg-desktop")
    assert first == {
        "id": sundby, "title": "Tryghedsforum Nørresundby", "forum": "Tryghedsforum Nørresundby",
        "kind": "dialogmøde", "start": "2026-06-17T16:30:00+02:00",
        "end": "2026-06-17T18:30:00+02:00", "location": "Nørresundby Bibliotek",
        "status": "afholdt", "chair": None, "case_number": None, "ics_sequence": 0}
    assert rows[1]["start"] == "2026-12-03T14:00:00+01:00"
    assert rows[1]["end"] == "2026-12-03T16:00:00+01:00"
    assert rows[1]["forum"] is None
    assert rows[2]["status"] == "aflyst"


def test_list_as_a_table_and_database_after_the_command(capsys, cli_db):
    seed(cli_db.location)
    code, out, _ = run(capsys, "meetings", "list", *cli_db.argv)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Start", "Titel", "Mødeforum", "Sted", "Status"]
    assert lines[2].startswith("17.06.2026 kl. 16.30  Tryghedsforum Nørresundby")
    assert lines[-1] == "3 møder."


def test_empty_list(capsys, cli_db):
    with cli_db.opened():
        pass
    assert run(capsys, *cli_db.argv, "meetings", "list", "--json")[:2] == (0, "[]\n")
    assert run(capsys, *cli_db.argv, "meetings", "list")[1] == (
        "Der er ingen møder i databasen.\n")


def test_ics_writes_the_invitation(capsys, cli_db, tmp_path):
    kaerby, *_ = seed(cli_db.location)
    target = tmp_path / "Dialogmøde Kærby.ics"
    code, out, err = run(capsys, "meetings", "ics", str(kaerby), str(target),
                         *cli_db.argv)
    assert (code, err) == (0, "")
    assert out == f"Kalenderinvitation gemt: {target}\n"
    calendar = Calendar.from_ical(target.read_bytes())
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Dialogmøde Kærby"
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"


def test_ics_of_a_cancelled_meeting(capsys, cli_db, tmp_path):
    *_, midtby = seed(cli_db.location)
    target = tmp_path / "aflyst.ics"
    assert run(capsys, *cli_db.argv, "meetings", "ics", str(midtby),
               str(target))[0] == 0
    assert Calendar.from_ical(target.read_bytes())["METHOD"] == "CANCEL"


def test_unknown_or_malformed_id(capsys, cli_db, tmp_path):
    seed(cli_db.location)
    target = tmp_path / "x.ics"
    code, out, err = run(capsys, *cli_db.argv, "meetings", "ics", "99", str(target))
    assert (code, out, err) == (1, "", "Fejl: Mødet findes ikke (id 99).\n")
    assert not target.exists()
    code, out, err = run(capsys, *cli_db.argv, "meetings", "ics", "syv", str(target))
    assert (code, out, err) == (1, "", "Fejl: Mødets id skal være et tal, ikke »syv«.\n")


@pytest.mark.sqlite_only("a missing file is not created")
def test_missing_database_is_not_created(capsys, tmp_path):
    missing = tmp_path / "stavefejl.sqlite3"
    for argv in (["meetings", "list"], ["meetings", "ics", "1", str(tmp_path / "x.ics")]):
        code, _, err = run(capsys, "--database", str(missing), *argv)
        assert code == 1 and err.startswith("Fejl: Databasen findes ikke")
    assert not missing.exists()


def test_meetings_needs_a_subcommand(capsys):
    try:
        cli.parse_args(["meetings"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("meetings without list/ics was accepted")
    err = capsys.readouterr().err
    assert err.startswith("Fejl: mangler: KOMMANDO") and err.count("\n") == 1


def test_main_py_lists_meetings_as_utf8_on_an_ascii_console(cli_db):
    seed(cli_db.location)
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    done = subprocess.run([sys.executable, str(MAIN), "meetings", "list", "--json",
                           *cli_db.argv], capture_output=True, env=env, timeout=60)
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()
    rows = json.loads(done.stdout.decode("utf-8"))
    assert [r["title"] for r in rows] == ["Tryghedsforum Nørresundby", "Dialogmøde Kærby",
                                         "Netværksmøde Aalborg Midtby"]
