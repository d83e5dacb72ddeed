"""The invitation e-mail draft: written to .eml and parsed back with the email package."""

import datetime as dt
import email
from dataclasses import replace
from email import policy

import pytest

from tests.unit.test_calendar_invite import CLOSED_TITLE, make_meeting
from tryg_desktop.services.meetings import calendar_invite as CI
from tryg_desktop.services.meetings import invitation_mail as IM
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.errors import CprFoundError, NotFoundError

PDF = b"%PDF-1.4\n% en dagsorden\n%%EOF\n"


def draft(tmp_path, meeting_id, pdf=PDF, **kwargs):
    path = tmp_path / "invitation.eml"
    ics = CI.meeting_ics(meeting_id)
    assert IM.draft_eml(meeting_id, path, pdf, ics, **kwargs) == path
    raw = path.read_bytes()
    return email.message_from_bytes(raw, policy=policy.default), raw, ics


def body_of(msg) -> str:
    # The file has CRLF line ends (policy SMTP); quoted-printable keeps them in the text.
    return msg.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def attachments(msg):
    return {part.get_filename(): part for part in msg.iter_attachments()}


def test_headers_make_an_unsent_draft_to_the_participants(db, tmp_path):
    meeting = make_meeting()
    msg, raw, _ = draft(tmp_path, meeting.id)
    assert raw.startswith(b"X-Unsent: 1\r\n")
    assert msg["X-Unsent"] == "1"
    assert msg["From"].addresses[0].addr_spec == CI.DEFAULT_ORGANIZER_EMAIL
    # The one who sent apologies and the one without an address are left out.
    assert [(a.display_name, a.addr_spec) for a in msg["To"].addresses] == [
        ("Bo Kjær", "bo.kjaer@aalborg.example"),
        ("Åse Ærø", "aase.aeroe@blaakors.example"),
    ]  # in the participant list's (Danish) order
    assert msg["Subject"] == "Invitation: Dialogmøde Kærby – Østre Anlæg 3. december 2026"
    assert raw.isascii()  # headers encoded, body transfer-encoded: safe for any mail path


def test_body_is_danish_with_the_open_agenda(db, tmp_path):
    meeting = make_meeting()
    msg, _, _ = draft(tmp_path, meeting.id)
    body = body_of(msg)
    assert "Tid: torsdag den 3. december 2026 kl. 14.00–16.00" in body
    assert "Sted: Beboerhuset Kærby, Kærbyvej 12, 9000 Aalborg" in body
    assert ("1. Velkomst (orientering)\n2. Belysning ved Kildeparken (beslutning)\n"
            "3. Lukket punkt\n4. Næste møde (beslutning)") in body
    assert "vedhæftet som PDF" in body
    assert CLOSED_TITLE not in body and "Politiets" not in body


def test_structure_alternative_calendar_pdf_and_ics(db, tmp_path):
    meeting = make_meeting()
    msg, _, ics = draft(tmp_path, meeting.id)
    assert msg.get_content_type() == "multipart/mixed"
    alternative = next(msg.iter_parts())
    assert alternative.get_content_type() == "multipart/alternative"
    plain, calendar = list(alternative.iter_parts())
    assert plain.get_content_type() == "text/plain"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_payload(decode=True) == ics

    files = attachments(msg)
    assert set(files) == {"Dagsorden Dialogmøde Kærby – Østre Anlæg.pdf", "invitation.ics"}
    pdf = files["Dagsorden Dialogmøde Kærby – Østre Anlæg.pdf"]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_content() == PDF
    attached = files["invitation.ics"]
    assert attached.get_content_type() == "text/calendar"
    assert attached.get_param("method") == "REQUEST"
    assert attached.get_payload(decode=True) == ics


def test_without_a_pdf(db, tmp_path):
    meeting = make_meeting()
    msg, _, _ = draft(tmp_path, meeting.id, pdf=None)
    assert list(attachments(msg)) == ["invitation.ics"]
    assert "PDF" not in body_of(msg)


def test_cancelled_meeting(db, tmp_path):
    meeting = make_meeting()
    meeting = M.update(meeting.id, replace(meeting.as_input(), status="aflyst"), meeting.version)
    msg, _, _ = draft(tmp_path, meeting.id, pdf=None)
    assert msg["Subject"] == "Aflyst: Dialogmøde Kærby – Østre Anlæg 3. december 2026"
    assert attachments(msg)["invitation.ics"].get_param("method") == "CANCEL"
    body = body_of(msg)
    assert "aflyst" in body and "Dagsorden:" not in body


def test_sender_and_the_documents_header_signing_the_letter(db, tmp_path):
    meeting = make_meeting()
    msg, _, _ = draft(tmp_path, meeting.id)
    body = body_of(msg)
    assert body.startswith("Kære alle\n\nI inviteres hermed til Dialogmøde Kærby – Østre Anlæg."
                           "\n\nTid: ")
    assert body.endswith("Med venlig hilsen\nAalborg Kommune · Tryg Aalborg\n")

    msg, _, _ = draft(tmp_path, meeting.id,
                      sender="Tryg Aalborg – sekretariatet <trygaalborg@aalborg.example>",
                      header="  Aalborg Kommune ·\nSundheds- og Kulturforvaltningen ")
    assert msg["From"].addresses[0].display_name == "Tryg Aalborg – sekretariatet"
    assert msg["From"].addresses[0].addr_spec == "trygaalborg@aalborg.example"
    assert body_of(msg).endswith(
        "Med venlig hilsen\nAalborg Kommune · Sundheds- og Kulturforvaltningen\n")


def test_meeting_over_midnight_and_awkward_title(db, tmp_path):
    meeting = M.create(M.MeetingInput(
        title="Natteravne/gadeteam: \"nattevandring\"", starts_at=dt.datetime(2027, 3, 5, 22),
        ends_at=dt.datetime(2027, 3, 6, 2)))
    assert IM.when_text(meeting) == ("fredag den 5. marts 2027 kl. 22.00 til "
                                     "lørdag den 6. marts 2027 kl. 02.00")
    msg, _, _ = draft(tmp_path, meeting.id)
    assert "To" not in msg  # nobody invited yet: the user fills it in
    assert "Dagsorden Natteravne-gadeteam- -nattevandring-.pdf" in attachments(msg)


def test_cpr_in_the_text_writes_nothing(db, tmp_path):
    meeting = make_meeting()
    path = tmp_path / "invitation.eml"
    with pytest.raises(CprFoundError) as exc:
        IM.draft_eml(meeting.id, path, PDF, CI.meeting_ics(meeting.id),
                     header="Tryg Aalborg 010203-1234")
    assert exc.value.where == ["e-mailens tekst"]
    assert not path.exists()


def test_unknown_meeting(db, tmp_path):
    ics = CI.meeting_ics(make_meeting().id)
    with pytest.raises(NotFoundError):
        IM.draft_eml(999, tmp_path / "x.eml", None, ics)
    assert not (tmp_path / "x.eml").exists()


def test_residents_are_bcc_and_not_attendees(db):
    """Partners (shops, police, NGOs) must not see a resident's e-mail address."""
    import datetime as dt
    from email import message_from_bytes
    from email import policy as email_policy

    from icalendar import Calendar

    from tryg_desktop.services.meetings import calendar_invite, invitation_mail
    from tryg_desktop.services.register import contacts as C
    from tryg_desktop.services.meetings import meetings as M
    from tryg_desktop.services.meetings import participants as P

    start = dt.datetime(2026, 12, 3, 14)
    meeting = M.create(M.MeetingInput(title="Borgermøde", kind="borgermøde", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    partner = C.create(C.ContactInput(name="Butikschef", email="chef@butik.example"))
    resident = C.create(C.ContactInput(name="Beboer", email="beboer@privat.example",
                                       is_private=True))
    P.add_contact(meeting.id, partner.id)
    P.add_contact(meeting.id, resident.id)
    ics = calendar_invite.meeting_ics(meeting.id)
    event = next(c for c in Calendar.from_ical(ics).walk("VEVENT"))
    attendees = event.get("attendee")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert [str(a) for a in attendees] == ["mailto:chef@butik.example"]
    from tryg_desktop.services.meetings import minutes_mail

    # The invitation and the referat both: residents in Bcc, partners in To.
    for message in (invitation_mail.invitation_message(meeting.id, None, ics),
                    minutes_mail.minutes_message(meeting.id, b"%PDF-1.4\n%%EOF\n")):
        mail = message_from_bytes(message.as_bytes(), policy=email_policy.default)
        assert "chef@butik.example" in str(mail["To"])
        assert "beboer@privat.example" not in str(mail["To"])
        assert "beboer@privat.example" in str(mail["Bcc"])
