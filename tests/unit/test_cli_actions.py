"""`main.py print minutes|actions` and `main.py actions list|export`, on a SQLite file and on the
team's server (cli_db)."""

import json

import pytest

from tryg_desktop import cli
from tryg_desktop.db import close_database, open_database
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit

from .test_cli_print import assert_one_error_line, run, text_of
from .test_minutes_report import (
    SECRET_WORDS,
    after_the_meeting,  # noqa: F401 - the pinned clock
    build_minutes,
)


@pytest.fixture
def seeded(cli_db):
    open_database(cli_db.location)
    meeting_id = build_minutes()
    close_database()
    return cli_db, meeting_id


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "ud"
    folder.mkdir()
    return folder


def test_print_minutes(capsys, seeded, out):
    cli_db, meeting_id = seeded
    target = out / "referat.pdf"
    code, stdout, err = run(capsys, *cli_db.argv, "print", "minutes",
                            str(meeting_id), str(target))
    assert (code, err, stdout) == (0, "", f"Referat gemt: {target}\n")
    text = text_of(target)
    assert "Beslutningsreferat" in text and "Udkast" in text and "7. Lukket punkt" in text
    assert not any(word in text for word in SECRET_WORDS)
    code, _, _ = run(capsys, "print", "minutes", str(meeting_id), str(target), "--full",
                     "--force", *cli_db.argv)
    assert code == 0 and "Zebulonsagen" in text_of(target)


def test_print_actions(capsys, seeded, out):
    cli_db, _ = seeded
    target = out / "handlinger.pdf"
    code, stdout, err = run(capsys, *cli_db.argv, "print", "actions",
                            str(target), "--forum", "1", "--overdue")
    assert (code, err, stdout) == (0, "", f"Handlingsliste gemt: {target}\n")
    assert "kun overskredne" in text_of(target)
    code, _, _ = run(capsys, *cli_db.argv, "print", "actions", str(target),
                     "--force")
    text = text_of(target)
    assert code == 0 and "Bestil nye lamper" in text and "Overskredet" not in text



def test_print_actions_participants_and_full(capsys, seeded, out):
    """The participants' version by default; --full the internal one, marked on every page."""
    from .test_reports import pages

    cli_db, _ = seeded
    target = out / "handlinger.pdf"
    code, stdout, _ = run(capsys, *cli_db.argv, "print", "actions", str(target))
    text = text_of(target)
    assert code == 0 and "Bestil nye lamper" in text
    assert "Quirinus" not in text and "Internt" not in text
    code, stdout, err = run(capsys, *cli_db.argv, "print", "actions",
                            str(target), "--full", "--force")
    assert (code, err) == (0, "")
    assert stdout == f"Handlingsliste (intern udgave) gemt: {target}\n"
    texts = pages(target.read_bytes())
    assert "Kontakt Quirinusfonden" in " ".join(" ".join(texts).split())
    assert all("Internt – med lukkede punkter" in page for page in texts)



def test_actions_export_csv(capsys, seeded, out):
    cli_db, _ = seeded
    target = out / "handlinger.csv"
    code, stdout, err = run(capsys, *cli_db.argv, "actions", "export", str(target))
    assert (code, err, stdout) == (0, "", f"1 handling gemt: {target}\n")
    text = target.read_text("utf-8-sig")
    assert "Bestil nye lamper" in text and "Quirinus" not in text
    code, stdout, _ = run(capsys, *cli_db.argv, "actions", "export", str(target),
                          "--full", "--force")
    assert stdout == f"2 handlinger gemt (intern udgave): {target}\n"
    assert "Kontakt Quirinusfonden" in target.read_text("utf-8-sig")
    code, _, err = run(capsys, *cli_db.argv, "actions", "export", str(target),
                       "--forum", "99")
    assert code != 0 and err == "Fejl: Mødeforummet findes ikke (id 99).\n"


@pytest.mark.parametrize("argv, message", [
    (["print", "minutes", "99", "r.pdf"], "Mødet findes ikke (id 99)."),
    (["print", "minutes", "tre", "r.pdf"], "Mødets id skal være et tal, ikke »tre«."),
    (["print", "actions", "h.pdf", "--forum", "99"], "Mødeforummet findes ikke (id 99)."),
    (["print", "actions", "h.pdf", "--forum", "x"], "Mødeforummets id skal være et tal"),
])
def test_unknown_and_bad_ids(capsys, seeded, out, argv, message):
    cli_db, _ = seeded
    argv = [*argv[:-1], str(out / argv[-1])] if argv[-1].endswith(".pdf") else [
        *argv[:2], str(out / argv[2]), *argv[3:]]
    code, stdout, err = run(capsys, *cli_db.argv, *argv)
    assert code == 1 and stdout == ""
    assert_one_error_line(err, message)
    assert list(out.iterdir()) == []


def test_cpr_stops_unless_allowed(capsys, seeded, out):
    cli_db, meeting_id = seeded
    open_database(cli_db.location)
    from tryg_desktop.db.meeting_models import AgendaItem

    item = A.items(meeting_id)[5]
    AgendaItem.update(decision="Borger 010190-1234").where(AgendaItem.id == item.id).execute()
    close_database()
    target = out / "referat.pdf"
    code, _, err = run(capsys, *cli_db.argv, "print", "minutes",
                       str(meeting_id), str(target))
    assert code == 1
    assert_one_error_line(err, "Der ser ud til at være CPR-numre i: punkt 6 (beslutning)")
    assert "010190" not in err and list(out.iterdir()) == []

    code, stdout, err = run(capsys, *cli_db.argv, "print", "minutes",
                            str(meeting_id), str(target), "--allow-cpr")
    assert (code, err) == (0, "") and target.exists()
    open_database(cli_db.location)
    try:
        entries = audit.history("document", 0)
    finally:
        close_database()
    assert len(entries) == 1 and entries[0].label == "CPR-tilsidesættelse"
    assert entries[0].changes["document"] == [None, "Referat: Dialogmøde i Vestbyen"]


def test_actions_list_json(capsys, seeded):
    cli_db, meeting_id = seeded
    code, stdout, err = run(capsys, *cli_db.argv, "actions", "list", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(stdout)
    assert [r["title"] for r in rows] == ["Kontakt Quirinusfonden", "Bestil nye lamper"]
    lamps = rows[1]
    assert {k: lamps[k] for k in ("title", "responsible", "organisation", "due", "status",
                                  "meeting_id")} == {
        "title": "Bestil nye lamper", "responsible": "Anne Berg",
        "organisation": "Aalborg Kommune", "due": "2026-12-20", "status": "åben",
        "meeting_id": meeting_id}
    assert isinstance(lamps["id"], int)
    code, stdout, _ = run(capsys, *cli_db.argv, "actions", "list")
    assert code == 0 and "Bestil nye lamper" in stdout and "2 handlinger." in stdout


def test_actions_list_empty(capsys, cli_db):
    open_database(cli_db.location)
    close_database()
    code, stdout, _ = run(capsys, *cli_db.argv, "actions", "list", "--json")
    assert (code, stdout) == (0, "[]\n")


@pytest.mark.sqlite_only("a missing file is not created")
def test_actions_list_of_a_missing_database(capsys, tmp_path):
    code, _, err = run(capsys, "--database", str(tmp_path / "nej.db"), "actions", "list")
    assert code == 1 and "Databasen findes ikke" in err
    assert not (tmp_path / "nej.db").exists()


def test_parser_accepts_database_after_command():
    args = cli.parse_args(["print", "actions", "h.pdf", "--database", "x.db", "--overdue"])
    assert (args.database, args.overdue, args.forum, args.allow_cpr) == ("x.db", True, None,
                                                                         False)
