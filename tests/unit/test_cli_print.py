"""`main.py print agenda|attendance`: in-process (capsys) and once as a real process, on a SQLite
file and on the team's server (cli_db)."""

import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from tryg_desktop import cli
from tryg_desktop.db import close_database, open_database
from tryg_desktop.services.meetings import agenda as A

from .test_reports import CLOSED_WORDS, WHEN, build_meeting

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def run(capsys, *argv):
    code = cli.run(cli.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path: Path) -> str:
    reader = PdfReader(BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def assert_one_error_line(err, message):
    assert err.startswith("Fejl: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert message in err, err


@pytest.fixture
def seeded(cli_db):
    """A database with the 12-item meeting of test_reports (closed, afterwards)."""
    open_database(cli_db.location)
    meeting_id = build_meeting()
    close_database()
    return cli_db, meeting_id


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "ud"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("argv", [
    ["--database", "x.db", "print", "agenda", "1", "d.pdf", "--runsheet"],
    ["print", "agenda", "--database", "x.db", "1", "d.pdf"],
    ["print", "--database", "x.db", "attendance", "1", "f.pdf"],
    ["print", "attendance", "1", "f.pdf", "--database", "x.db"],
])
def test_database_option_before_or_after(argv):
    args = cli.parse_args(argv)
    assert args.database == "x.db" and args.command == "print"
    assert args.meeting_id == "1" and args.file.endswith(".pdf")


def test_print_agenda_runsheet_and_attendance(capsys, seeded, out):
    cli_db, meeting_id = seeded
    agenda, runsheet, attendance = out / "dagsorden.pdf", out / "drejebog.pdf", out / "liste.pdf"

    code, stdout, err = run(capsys, *cli_db.argv, "print", "agenda",
                            str(meeting_id), str(agenda))
    assert (code, err, stdout) == (0, "", f"Dagsorden gemt: {agenda}\n")
    text = text_of(agenda)
    assert WHEN in text and "Aalborg Kommune · Tryg Aalborg" in text
    assert not any(word in text for word in CLOSED_WORDS)

    code, stdout, _ = run(capsys, "print", "agenda", str(meeting_id), str(runsheet),
                          "--runsheet", *cli_db.argv)
    assert (code, stdout) == (0, f"Drejebog gemt: {runsheet}\n")
    text = text_of(runsheet)
    assert "Kun til mødeleder" in text and all(word in text for word in CLOSED_WORDS)

    code, stdout, _ = run(capsys, "print", "attendance", str(meeting_id), str(attendance),
                          *cli_db.argv)
    assert (code, stdout) == (0, f"Fremmødeliste gemt: {attendance}\n")
    assert "Navn Organisation Underskrift" in text_of(attendance)


def test_unknown_meeting(capsys, seeded, out):
    cli_db, _ = seeded
    code, stdout, err = run(capsys, *cli_db.argv, "print", "agenda", "99",
                            str(out / "d.pdf"))
    assert code == 1 and stdout == ""
    assert err == "Fejl: Mødet findes ikke (id 99).\n"
    assert list(out.iterdir()) == []


def test_meeting_id_must_be_a_number(capsys, seeded, out):
    cli_db, _ = seeded
    code, _, err = run(capsys, *cli_db.argv, "print", "attendance", "tre",
                       str(out / "f.pdf"))
    assert code == 1
    assert_one_error_line(err, "Mødets id skal være et tal, ikke »tre«.")


def test_cpr_number_refuses_in_one_line(capsys, seeded, out):
    cli_db, meeting_id = seeded
    open_database(cli_db.location)
    from tryg_desktop.db.meeting_models import AgendaItem

    item = A.items(meeting_id)[4]
    AgendaItem.update(background="Jf. 010190-1234").where(AgendaItem.id == item.id).execute()
    close_database()
    code, _, err = run(capsys, *cli_db.argv, "print", "agenda",
                       str(meeting_id), str(out / "d.pdf"), "--runsheet")
    assert code == 1
    assert_one_error_line(err, "CPR-numre i: punkt 5 (sagsfremstilling)")
    assert "010190" not in err and list(out.iterdir()) == []


def test_missing_database_and_missing_folder(capsys, seeded, tmp_path):
    cli_db, meeting_id = seeded
    missing = tmp_path / "stavefejl.sqlite3"
    code, _, err = run(capsys, "--database", str(missing), "print", "agenda", "1",
                       str(tmp_path / "d.pdf"))
    assert code == 1 and not missing.exists()
    assert_one_error_line(err, "Databasen findes ikke")
    target = tmp_path / "ingen mappe" / "d.pdf"
    code, _, err = run(capsys, *cli_db.argv, "print", "agenda",
                       str(meeting_id), str(target))
    assert code == 1
    assert_one_error_line(err, f"Mappen »{target.parent}« findes ikke.")


def test_usage_errors(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.parse_args(["print", "budget", "1", "x.pdf"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert_one_error_line(err, "ugyldigt valg »budget«")
    with pytest.raises(SystemExit):
        cli.parse_args(["print", "agenda", "1"])
    assert "mangler: FIL" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cli.parse_args(["print", "agenda", "--help"])
    help_text = capsys.readouterr().out
    assert exc.value.code == 0 and help_text.startswith("Brug: ") and "--runsheet" in help_text


def test_as_a_process(seeded, out):
    """The real entry point: Danish on a non-UTF-8 locale, no reportlab traceback, a PDF."""
    cli_db, meeting_id = seeded
    target = out / "dagsorden æøå.pdf"
    env = {**os.environ, "LC_ALL": "C", "PYTHONIOENCODING": ""}
    env.pop("TRYG_DATABASE", None)
    result = subprocess.run([sys.executable, str(MAIN), "print", "agenda", str(meeting_id),
                             str(target), *cli_db.argv],
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8") == f"Dagsorden gemt: {target}\n"
    assert "Vestbyen" in text_of(target)
    result = subprocess.run([sys.executable, str(MAIN), "print", "attendance", "99",
                             str(out / "f.pdf"), *cli_db.argv],
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == "Fejl: Mødet findes ikke (id 99).\n"


def test_header_follows_the_users_setting(capsys, seeded, out):
    from tryg_desktop import paths, settings

    paths.set_application_names()  # the user's own settings file, under tmp_path in tests
    store = settings.Settings()
    store.set(settings.HEADER_ORGANISATION, "Hjørring Kommune · Tryghedsteamet")
    store.sync()
    cli_db, meeting_id = seeded
    target = out / "f.pdf"
    assert run(capsys, *cli_db.argv, "print", "attendance", str(meeting_id),
               str(target))[0] == 0
    text = text_of(target)
    assert "Hjørring Kommune · Tryghedsteamet" in text and "Tryg Aalborg" not in text


def test_cpr_stops_the_agenda_unless_allowed(capsys, cli_db, tmp_path):
    import datetime as dt

    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.db.meeting_models import AgendaItem
    from tryg_desktop.services.meetings import agenda as A
    from tryg_desktop.services.meetings import meetings as M

    open_database(cli_db.location)
    start = dt.datetime(2026, 12, 3, 14)
    meeting = M.create(M.MeetingInput(title="Møde", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=1)))
    A.add(meeting.id, A.ItemInput(title="Punkt"))
    AgendaItem.update(proposal="cpr 010190-1234").execute()  # written around the services
    close_database()
    out = tmp_path / "d.pdf"
    code, _, err = run(capsys, *cli_db.argv, "print", "agenda", str(meeting.id),
                       str(out))
    assert code == 1 and "CPR" in err and not out.exists()
    code, _, _ = run(capsys, *cli_db.argv, "print", "agenda", str(meeting.id),
                     str(out), "--allow-cpr")
    assert code == 0 and out.exists()
