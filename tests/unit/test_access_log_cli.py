"""The command line and the access log (issue 13, point 1): `access-log list` with its filters,
as a Danish table and as JSON parsed back; `contacts export` with its purpose (required, in
the log) and refused for a reader on the server. On SQLite and PostgreSQL (`cli_db`)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.support.server import as_login
from tryg_desktop import cli


def run(capsys, *argv, purpose: str | None = None):
    """(exit code, stdout, stderr) of one CLI run. purpose: `--purpose TEKST` for contacts
    export (before cli.py declares the option, set on the parsed arguments as it would be)."""
    if purpose is not None and _parser_knows_purpose():
        argv = (*argv, "--purpose", purpose)
        purpose = None
    try:
        args = cli.parse_args([str(a) for a in argv])
    except SystemExit as refused:  # argparse's own refusal: one Danish line, exit 2
        out, err = capsys.readouterr()
        return refused.code, out, err
    if purpose is not None:
        args.purpose = purpose
    code = cli.run(args)
    out, err = capsys.readouterr()
    return code, out, err


def _parser_knows_purpose() -> bool:
    import contextlib
    import io

    with contextlib.redirect_stderr(io.StringIO()):
        try:
            cli.parse_args(["contacts", "export", "--purpose", "x", "y.csv"])
        except SystemExit:
            return False
    return True


def assert_one_error_line(err: str) -> None:
    assert err.startswith("Fejl: "), err
    assert err.count("\n") == 1 and "Traceback" not in err, err


def seed(cli_db) -> dict:
    from tryg_desktop.services.data_protection import access_log
    from tryg_desktop.services.register import contacts

    with cli_db.opened():
        anna = contacts.create(contacts.ContactInput(name="Anna Jensen"))
        bo = contacts.create(contacts.ContactInput(name="Bo Berg"))
        contacts.view(anna.id)
        contacts.view(bo.id)
        contacts.fetch(contacts.ContactFilter(search="Anna"))
        access_log.flush()
    return {"anna": anna.id, "bo": bo.id}


def listed(capsys, cli_db, *options) -> list[dict]:
    code, out, err = run(capsys, *cli_db.argv, "access-log", "list", "--json", *options)
    assert code == 0, err
    return json.loads(out)


def test_list_as_json_with_its_filters(capsys, cli_db):
    ids = seed(cli_db)
    entries = listed(capsys, cli_db)
    assert [(e["action"], e["record_type"], e["record_id"], e["detail"]) for e in entries] == [
        ("search", "contact", None, "Anna"), ("view", "contact", ids["bo"], ""),
        ("view", "contact", ids["anna"], "")]
    first = entries[0]
    assert set(first) >= {"at", "user", "action", "record_type", "record_id", "detail",
                          "purpose"}
    at = dt.datetime.fromisoformat(first["at"].replace("Z", "+00:00"))
    assert at.tzinfo is not None
    assert abs(dt.datetime.now(dt.timezone.utc) - at) < dt.timedelta(minutes=5)
    assert first["user"]

    about_anna = listed(capsys, cli_db, "--contact", str(ids["anna"]))
    assert [(e["action"], e["record_id"]) for e in about_anna] == [("view", ids["anna"])]
    assert listed(capsys, cli_db, "--user", "ingen-saadan") == []
    assert len(listed(capsys, cli_db, "--user", first["user"])) == 3
    today = dt.date.today()
    assert len(listed(capsys, cli_db, "--from", (today - dt.timedelta(days=1)).isoformat(),
                      "--to", f"{today + dt.timedelta(days=1):%d.%m.%Y}")) == 3
    assert listed(capsys, cli_db, "--to", (today - dt.timedelta(days=2)).isoformat()) == []
    assert listed(capsys, cli_db, "--from", (today + dt.timedelta(days=2)).isoformat()) == []


def test_list_as_a_danish_table(capsys, cli_db):
    ids = seed(cli_db)
    code, out, err = run(capsys, *cli_db.argv, "access-log", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["Tidspunkt", "Bruger", "Handling", "Post", "Detaljer", "Formål"]
    assert "Søgning" in lines[2] and "Anna" in lines[2]
    assert f"Kontakt {ids['anna']} – Anna Jensen" in out and "Visning" in out
    assert " kl. " in lines[2]
    assert lines[-1].startswith("3 indgange, nyeste først.")


def test_an_empty_log_and_bad_input_are_one_danish_line(capsys, cli_db):
    with cli_db.opened():
        pass  # the database exists, the log is empty
    code, out, err = run(capsys, *cli_db.argv, "access-log", "list")
    assert (code, out) == (0, "Adgangsloggen har ingen indgange, der passer.\n")
    for options in (["--from", "31.02.2026"], ["--contact", "Anna"],
                    ["--from", "2026-12-03", "--to", "2026-12-01"]):
        code, out, err = run(capsys, *cli_db.argv, "access-log", "list", *options)
        assert code != 0 and out == ""
        assert_one_error_line(err)


def test_contacts_export_needs_its_purpose_and_logs_it(capsys, cli_db, tmp_path):
    seed(cli_db)
    target = tmp_path / "kontakter.csv"
    code, out, err = run(capsys, *cli_db.argv, "contacts", "export", str(target))
    assert code in (1, 2) and out == ""  # 2: argparse's refusal of a missing --purpose
    assert err.startswith("Fejl: ") and "Traceback" not in err
    assert "--purpose" in err and not target.exists()
    code, out, err = run(capsys, *cli_db.argv, "contacts", "export", str(target), purpose="  ")
    assert code == 1 and "--purpose" in err and not target.exists()

    code, out, err = run(capsys, *cli_db.argv, "contacts", "export", str(target),
                         purpose="Invitation til dialogmøde")
    assert code == 0, err
    assert out == f"Eksporterede 2 kontakter til {target}\n"
    entry = listed(capsys, cli_db)[0]  # newest first
    assert (entry["action"], entry["record_type"], entry["purpose"]) == (
        "export", "contact", "Invitation til dialogmøde")
    assert entry["detail"] == "Kontakter (CSV): 2 kontakter, kontakter.csv"


@pytest.mark.server_only("roles are the server's")
def test_a_reader_is_refused_the_export_and_a_coordinator_the_log(capsys, cli_db, logins,
                                                                   tmp_path):
    from tryg_desktop.services import server_admin

    seed(cli_db)
    with cli_db.opened():
        server_admin.init_server()
        reader, coordinator = logins("laeser"), logins("koord")
        server_admin.add_user(reader, "laeser")
        server_admin.add_user(coordinator, "koordinator")
    target = tmp_path / "k.csv"
    code, out, err = run(capsys, "--server", as_login(cli_db.location, reader), "contacts",
                         "export", str(target), purpose="Telefonliste")
    assert code == 1 and out == "" and not target.exists()
    assert_one_error_line(err)
    assert "læser" in err
    code, out, err = run(capsys, "--server", as_login(cli_db.location, coordinator),
                         "access-log", "list", "--json")
    assert code == 1 and out == ""
    assert_one_error_line(err)
    assert "tryg_admin" in err
