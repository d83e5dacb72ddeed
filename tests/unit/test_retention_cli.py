"""`privacy due [--json]` and `privacy purge --yes` (issue 13 point 2) on a SQLite file and on
the server (cli_db); a koordinator refused on the server with one Danish line."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tryg_desktop import cli
from tryg_desktop.db.models import AuditEntry, Contact, utcnow
from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.db.privacy_models import AccessLogEntry

LONG_AGO = utcnow() - dt.timedelta(days=3 * 365)


def run(capsys, *argv):
    code = cli.run(cli.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


def plant(cli_db, person: bool = False) -> dict:
    """An episode with a note from long ago, one from last month, old history; optionally a
    privatperson with no activity for three years."""
    from tryg_desktop.services.register import contacts as C

    with cli_db.opened():
        place = Place.create(name="Østre Anlæg")
        old = Episode.create(occurred_on=LONG_AGO.date(), place=place, category="uro",
                             note="Gammel fritekst")
        new = Episode.create(occurred_on=(utcnow() - dt.timedelta(days=30)).date(), place=place,
                             category="uro", note="Ny fritekst")
        AuditEntry.create(at=utcnow() - dt.timedelta(days=7 * 365), user="anna",
                          entity="contact", record_id=1, action="update", label="x",
                          changes="{}")
        ids = {"old": old.id, "new": new.id}
        if person:
            row = C.create(C.ContactInput(name="Åse Quist", is_private=True))
            Contact.update(created_at=LONG_AGO, updated_at=LONG_AGO).where(
                Contact.id == row.id).execute()
            ids["person"] = row.id
    return ids


def test_due_as_json_lists_each_kind_with_its_items(cli_db, capsys):
    ids = plant(cli_db)
    code, out, err = run(capsys, *cli_db.argv, "privacy", "due", "--json")
    assert code == 0, err
    rows = {row["kind"]: row for row in json.loads(out)}
    assert list(rows) == ["private_inactive", "inactive_contacts", "episode_notes",
                          "change_history", "access_log", "minutes"]
    notes = rows["episode_notes"]
    assert notes["count"] == 1 and notes["period_months"] == 24
    assert notes["items"] == [{"record_type": "episode", "record_id": ids["old"],
                               "label": f"Østre Anlæg, {LONG_AGO.date():%d.%m.%Y}"}]
    assert rows["change_history"]["count"] == 1 and rows["change_history"]["items"] == []
    assert rows["minutes"]["period_months"] is None and rows["minutes"]["cutoff"] is None
    assert dt.date.fromisoformat(rows["access_log"]["cutoff"]) < dt.date.today()


def test_due_as_a_danish_table(cli_db, capsys):
    plant(cli_db)
    code, out, err = run(capsys, *cli_db.argv, "privacy", "due")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["Slettefrist", "Periode", "Ældre", "end", "Antal", "Status"]
    assert any(line.startswith("Fritekst i hændelser") and "1 skal slettes" in line
               for line in lines)
    assert any(line.startswith("Referater") and "gemmes (arkivloven)" in line for line in lines)
    assert "  hændelse " in out and "Østre Anlæg" in out
    assert "I alt 2 skal slettes eller anonymiseres." in out


def test_purge_clears_what_is_due_and_says_what_it_did(cli_db, capsys):
    ids = plant(cli_db)
    code, out, err = run(capsys, *cli_db.argv, "privacy", "purge", "--yes")
    assert code == 0, err
    assert "Fritekst i hændelser: 1 fritekst tømt." in out
    assert "Historik (ændringer): 1 linje slettet." in out
    assert "Ældre sikkerhedskopier indeholder stadig" in out
    with cli_db.opened():
        assert Episode.get_by_id(ids["old"]).note == ""
        assert Episode.get_by_id(ids["new"]).note == "Ny fritekst"
        details = {e.detail for e in AccessLogEntry.select().where(
            AccessLogEntry.action == "purge")}
        assert {"episode_notes: 1", "change_history: 1"} <= details
    code, out, err = run(capsys, *cli_db.argv, "privacy", "purge", "--yes")
    assert code == 0 and "intet er slettet" in out  # the second time: nothing left


def test_purge_without_yes_is_refused_by_the_parser(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        cli.parse_args(["--database", str(tmp_path / "t.sqlite3"), "privacy", "purge"])
    assert exc.value.code != 0
    assert "Fejl:" in capsys.readouterr().err


def test_purge_erases_a_quiet_privatperson(cli_db, capsys):
    pytest.importorskip("tryg_desktop.services.data_protection.erasure")
    ids = plant(cli_db, person=True)
    code, out, err = run(capsys, *cli_db.argv, "privacy", "purge", "--yes")
    assert code == 0, err
    assert "Privatpersoner uden aktivitet: 1 person slettet." in out
    with cli_db.opened():
        assert Contact.get_or_none(Contact.name == "Åse Quist") is None
        assert ids["person"]


def test_a_koordinator_is_refused_on_the_server(server_url, logins, capsys):
    from tests.support.server import as_login
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services import server_admin

    open_database(server_url)
    server_admin.init_server()
    login = logins("koord")
    server_admin.add_user(login, "koordinator")
    close_database()
    for command in (["due"], ["due", "--json"], ["purge", "--yes"]):
        code, out, err = run(capsys, "--server", as_login(server_url, login), "privacy",
                             *command)
        assert code != 0 and out == ""
        assert err.startswith("Fejl: Kun en administrator (rollen tryg_admin) kan ")
        assert len(err.strip().splitlines()) == 1
