"""`main.py privacy erase KONTAKT_ID --yes [--successor ID]` (issue 13, point 4) on SQLite and
PostgreSQL: what it prints, the Danish one-line errors, nothing changed on a refusal."""

import datetime as dt

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import AgendaItem
from tryg_desktop.db.models import Contact
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import contacts as C

from .test_cli import parse_error, run

NAME = "Zyxwunder Qualmbeck"
SECRET = "fortalte om sin misbrugsbehandling"
START = dt.datetime(2026, 12, 3, 14)


def seed(cli_db) -> dict:
    with cli_db.opened():
        person = C.create(C.ContactInput(name=NAME, email="zq@example.dk"))
        colleague = C.create(C.ContactInput(name="Bent Andersen"))
        meeting = M.create(M.MeetingInput(title="Dialogmøde", starts_at=START,
                                          ends_at=START + dt.timedelta(hours=2)))
        item = A.add(meeting.id, A.ItemInput(title="Belysning"))
        AgendaItem.update(notes=f"{NAME} {SECRET}.").where(AgendaItem.id == item.id).execute()
        action = X.create(X.ActionInput(title="Bestil lamper", meeting_id=meeting.id,
                                        responsible_contact_id=person.id),
                          today=dt.date(2026, 12, 1))
    return dict(person=person.id, colleague=colleague.id, action=action.id)


def _name_of(cli_db, contact_id: int) -> str:
    with cli_db.opened():
        return Contact.get_by_id(contact_id).name


def test_erase_prints_what_was_done_the_mentions_and_the_backups(capsys, cli_db):
    ids = seed(cli_db)
    code, out, err = run(capsys, *cli_db.argv, "privacy", "erase", str(ids["person"]), "--yes",
                         "--successor", str(ids["colleague"]))
    assert code == 0, err
    assert f"Personen (id {ids['person']}) er slettet og står nu som »Slettet person«." in out
    assert "1 åben handling er overtaget af kontakt id" in out
    assert "Personen nævnes i 1 tekstfelt, som skal rettes i hånden" in out
    assert "  Referat, Dialogmøde 3. dec. 2026, punkt 1: Referat" in out
    assert SECRET not in out and NAME not in out  # where and field, never the text
    assert "Ældre sikkerhedskopier indeholder stadig" in out
    assert ("IT's pg_dump" in out) if cli_db.on_server else ("backups" in out)
    assert _name_of(cli_db, ids["person"]) == "Slettet person"
    with cli_db.opened():
        assert ActionItem.get_by_id(ids["action"]).responsible_contact_id == ids["colleague"]


def test_open_actions_without_a_successor_is_one_danish_line_and_nothing_changes(capsys, cli_db):
    ids = seed(cli_db)
    code, out, err = run(capsys, *cli_db.argv, "privacy", "erase", str(ids["person"]), "--yes")
    assert code != 0 and out == ""
    assert err == ("Fejl: Personen er ansvarlig for 1 åben handling: vælg, hvem der overtager "
                   "dem. Angiv det med --successor KONTAKT_ID.\n")
    assert _name_of(cli_db, ids["person"]) == NAME


def test_erasing_twice_and_bad_ids_are_danish_errors(capsys, cli_db):
    ids = seed(cli_db)
    code, _, err = run(capsys, *cli_db.argv, "privacy", "erase", str(ids["colleague"]), "--yes")
    assert code == 0, err
    code, _, err = run(capsys, *cli_db.argv, "privacy", "erase", str(ids["colleague"]), "--yes")
    assert code != 0 and err == f"Fejl: Personen (id {ids['colleague']}) er allerede slettet.\n"
    code, _, err = run(capsys, *cli_db.argv, "privacy", "erase", "abc", "--yes")
    assert code != 0 and err.startswith("Fejl: Kontaktens id skal være et tal")
    code, _, err = run(capsys, *cli_db.argv, "privacy", "erase", "99999", "--yes")
    assert code != 0 and err == "Fejl: Kontakten findes ikke (id 99999).\n"


def test_yes_is_required(capsys, cli_db):
    ids = seed(cli_db)
    code, err = parse_error(capsys, *cli_db.argv, "privacy", "erase", str(ids["person"]))
    assert code != 0 and err.startswith("Fejl:") and "--yes" in err
    assert _name_of(cli_db, ids["person"]) == NAME
