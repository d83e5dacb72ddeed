"""Issue 10 points 7-9: CPR numbers through side doors. A number typed with an en dash, one
that is an e-mail address, and messages that repeat what they refuse."""

from __future__ import annotations

import datetime as dt

import pytest

from tryg_desktop import cli
from tryg_desktop.db import close_database, open_database
from tryg_desktop.db.meeting_models import Meeting
from tryg_desktop.db.models import Contact
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import calendar_invite as CI
from tryg_desktop.services.meetings import invitation_mail, minutes_mail, printing
from tryg_desktop.services.register import contact_export
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services import validation
from tryg_desktop.services.errors import CprFoundError, ValidationError

EN_DASH_CPR = "010190\u20131234"
CPR_ADDRESS = "0101901234@borger.example"
PDF = b"%PDF-1.4\n%%EOF\n"


def no_number(text: str) -> bool:
    """The message does not repeat the number (the birth date alone may show, masked)."""
    return "1234" not in text and "0101901234" not in text


def make_meeting(title="Dialogmøde Kærby") -> int:
    start = dt.datetime(2026, 12, 3, 14)
    meeting = M.create(M.MeetingInput(title=title, starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    A.add(meeting.id, A.ItemInput(title="Velkomst"))
    partner = C.create(C.ContactInput(name="Åse Ærø", email="aase@blaakors.example"))
    resident = C.create(C.ContactInput(name="Beboer", email="beboer@privat.example",
                                       is_private=True))
    P.add_contact(meeting.id, partner.id)
    P.add_contact(meeting.id, resident.id)
    return meeting.id


# --- point 7: an en-dash CPR in a meeting title ------------------------------------------------

def test_en_dash_cpr_in_a_meeting_title_is_refused_when_saved(db):
    start = dt.datetime(2026, 12, 3, 14)
    with pytest.raises(ValidationError) as err:
        M.create(M.MeetingInput(title=f"Samtale {EN_DASH_CPR}", starts_at=start,
                                ends_at=start + dt.timedelta(hours=1)))
    assert "title" in err.value.errors and no_number(err.value.message)


def test_en_dash_cpr_in_a_stored_title_stops_the_agenda_pdf_and_the_ics(db, tmp_path):
    meeting_id = make_meeting()
    # Stored before the rule knew en dashes: the documents must still refuse it.
    Meeting.update(title=f"Samtale {EN_DASH_CPR}").where(Meeting.id == meeting_id).execute()
    target = tmp_path / "dagsorden.pdf"
    with pytest.raises(CprFoundError) as err:
        printing.agenda_pdf(meeting_id, target)
    assert no_number(err.value.message)
    assert not target.exists()
    with pytest.raises(CprFoundError) as err:
        CI.write_ics(meeting_id, tmp_path / "møde.ics")
    assert err.value.where == ["mødets titel"]
    assert not (tmp_path / "møde.ics").exists()


# --- point 8: e-mail addresses -----------------------------------------------------------------

@pytest.mark.parametrize("private", [False, True])
def test_cpr_email_address_is_refused_for_a_contact(db, private):
    with pytest.raises(ValidationError) as err:
        C.create(C.ContactInput(name="Borger", email=CPR_ADDRESS, is_private=private))
    assert "CPR" in err.value.errors["email"] and no_number(err.value.message)


def test_cpr_email_address_is_refused_for_an_organisation(db):
    with pytest.raises(ValidationError) as err:
        O.create(O.OrganisationInput(name="Forening", kind="ngo", email=CPR_ADDRESS))
    assert "CPR" in err.value.errors["email"] and no_number(err.value.message)


@pytest.mark.parametrize("address", [CPR_ADDRESS, "010190-1234@borger.example",
                                     "borger.010190\u20131234@x.example",
                                     "borger0101901234@kommune.example",
                                     "jens_010190_1234@kommune.example"])
def test_email_validator_refuses_cpr_addresses(address):
    value, error = validation.email(address)
    assert error and "CPR" in error and no_number(error)


def test_ordinary_addresses_still_pass():
    for address in ("aase.aeroe@blaakors.example", "tryg2026@aalborg.example",
                    "98313131@sms.example", "team20261203@aalborg.example"):
        assert validation.email(address)[1] is None


def _sneak_email(name: str, address: str) -> None:
    """Write past validation, as data stored before this check might be."""
    Contact.update(email=address).where(Contact.name == name).execute()


@pytest.mark.parametrize("name", ["Åse Ærø", "Beboer"])
def test_cpr_address_of_a_participant_stops_ics_and_mails(db, name):
    meeting_id = make_meeting()
    ics = CI.meeting_ics(meeting_id)
    _sneak_email(name, CPR_ADDRESS)
    if name == "Åse Ærø":  # residents are no ics attendees (they get the mail by Bcc)
        with pytest.raises(CprFoundError) as err:
            CI.meeting_ics(meeting_id)
        assert no_number(err.value.message)
    with pytest.raises(CprFoundError) as err:
        invitation_mail.invitation_message(meeting_id, None, ics)
    assert no_number(err.value.message)
    with pytest.raises(CprFoundError) as err:
        minutes_mail.minutes_message(meeting_id, PDF)
    assert no_number(err.value.message)


def test_cpr_in_the_organiser_address_or_sender(db):
    meeting_id = make_meeting()
    with pytest.raises(CprFoundError) as err:
        CI.meeting_ics(meeting_id, organizer_email=CPR_ADDRESS)
    assert err.value.where == ["arrangørens e-mail"]
    ics = CI.meeting_ics(meeting_id)
    for build in (lambda s: invitation_mail.invitation_message(meeting_id, None, ics, sender=s),
                  lambda s: minutes_mail.minutes_message(meeting_id, PDF, sender=s)):
        with pytest.raises(CprFoundError) as err:
            build(f"Tryg <{CPR_ADDRESS}>")
        assert no_number(err.value.message)


def test_letter_glued_cpr_address_stops_the_ics(db):
    meeting_id = make_meeting()
    _sneak_email("Åse Ærø", "aase0101901234@blaakors.example")
    with pytest.raises(CprFoundError):
        CI.meeting_ics(meeting_id)
    with pytest.raises(CprFoundError):
        CI.meeting_ics(make_meeting("Andet møde"), organizer_email="tryg0101901234@x.example")
    ics = CI.meeting_ics(make_meeting("Tredje møde"))
    with pytest.raises(CprFoundError):
        invitation_mail.invitation_message(meeting_id, None, ics,
                                           sender="Tryg <tryg0101901234@x.example>")


def test_cpr_address_stops_the_contact_export(db, tmp_path):
    C.create(C.ContactInput(name="Borger", email="borger@privat.example"))
    _sneak_email("Borger", "010190\u00a01234@borger.example")
    with pytest.raises(CprFoundError):
        contact_export.export_file(tmp_path / "k.csv")
    assert not (tmp_path / "k.csv").exists()
    _sneak_email("Borger", "borger0101901234@kommune.example")
    with pytest.raises(CprFoundError):
        contact_export.export_file(tmp_path / "k.vcf")
    assert not (tmp_path / "k.vcf").exists()


def test_the_error_never_names_a_place_by_its_number(db):
    meeting_id = make_meeting()
    Contact.update(name="Borger 0101901234").where(Contact.name == "Åse Ærø").execute()
    with pytest.raises(CprFoundError) as err:
        CI.meeting_ics(meeting_id)
    assert "010190-XXXX" in err.value.message and no_number(err.value.message)


# --- point 9: messages never repeat a refused value whole --------------------------------------

@pytest.mark.parametrize("check", [validation.phone, validation.email, validation.website])
def test_validation_messages_mask_and_cut(check):
    _, error = check("010190-1234")
    assert error and ("010190-XXXX" in error or "CPR-nummer" in error) and no_number(error)
    _, error = check("x" * 1_000_000)
    assert error and len(error) < 300


def run_cli(capsys, *argv):
    code = cli.run(cli.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


def test_contact_import_does_not_echo_a_cpr_or_a_huge_value(capsys, tmp_path):
    source = tmp_path / "kontakter.csv"
    huge = "9" * 100_000  # under the reader's field limit, so the row is read and refused
    source.write_text(f"Navn;Telefon;Aktiv\nÅse;010190-1234;Ja\nBo;{huge};Ja\n"
                      f"Yusuf;;{EN_DASH_CPR}\n", encoding="utf-8")
    database = tmp_path / "tryg.sqlite3"
    code, out, err = run_cli(capsys, "--database", str(database), "contacts", "import",
                             str(source))
    text = out + err
    assert "010190-XXXX" in text and no_number(text)
    assert "linje 2" in text and "linje 3" in text and "linje 4" in text
    assert len(text) < 2_000


def test_cli_id_message_masks_the_value(capsys, tmp_path):
    database = tmp_path / "tryg.sqlite3"
    open_database(database)
    close_database()
    code, out, err = run_cli(capsys, "--database", str(database), "meetings", "ics",
                             "010190-1234", str(tmp_path / "m.ics"))
    assert code != 0 and "010190-XXXX" in err and no_number(err)


@pytest.mark.parametrize("create", [True, False])
def test_a_file_name_with_a_cpr_number_is_masked(capsys, tmp_path, create):
    source = tmp_path / "Borger 010190-1234.csv"
    if create:
        source.write_bytes(b"")  # empty: refused by the reader, which names the file
    code, out, err = run_cli(capsys, "--database", str(tmp_path / "tryg.sqlite3"), "contacts",
                             "import", str(source))
    assert code != 0 and "010190-XXXX" in err and no_number(err)



@pytest.mark.parametrize("argv", [["010190-1234"], ["contacts", "list", "010190-1234"],
                                  ["contacts", "list", "--sort=010190-1234"]])
def test_argument_errors_mask_the_value(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        cli.parse_args(argv)
    err = capsys.readouterr().err
    assert exc.value.code != 0 and "Traceback" not in err and no_number(err)


def test_cli_refuses_agenda_and_ics_for_an_en_dash_cpr_title(capsys, tmp_path):
    database = tmp_path / "tryg.sqlite3"
    open_database(database)
    meeting_id = make_meeting()
    Meeting.update(title=f"Samtale {EN_DASH_CPR}").where(Meeting.id == meeting_id).execute()
    close_database()
    for argv in (["print", "agenda", str(meeting_id), str(tmp_path / "d.pdf")],
                 ["meetings", "ics", str(meeting_id), str(tmp_path / "m.ics")]):
        code, out, err = run_cli(capsys, "--database", str(database), *argv)
        assert code != 0 and "CPR" in err and no_number(err) and "Traceback" not in err
    assert not (tmp_path / "d.pdf").exists() and not (tmp_path / "m.ics").exists()
