"""Consent to be named (issue 13, point 5): services/data_protection/consent.py, and every
participant output through the real services: residents without consent are counted, not named;
with consent they are named; a withdrawal takes effect on the next print; the internal versions
name everyone. PDFs read back with pypdf, e-mail drafts with the email package, .ics with
icalendar. Both databases (the `db` fixture)."""

import datetime as dt
import email
from email import policy
from io import BytesIO

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from tryg_desktop.db.models import Contact
from tryg_desktop.db.privacy_models import AccessLogEntry
from tryg_desktop.services import audit
from tryg_desktop.services.data_protection import access_log, consent
from tryg_desktop.services.errors import (
    ConflictError,
    NotFoundError,
    ServiceError,
    ValidationError,
)
from tryg_desktop.services.meetings import calendar_invite as CI
from tryg_desktop.services.meetings import invitation_mail as IM
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import minutes as MIN
from tryg_desktop.services.meetings import minutes_mail as MM
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.meetings import printing
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.register import organisations as O

# Collected once; a run may cross midnight (CI did), so "future" checks keep a 2-day margin.
TODAY = dt.date.today()
NAMED = "Rikke Samtykkesen"  # a resident who consented
# Residents without consent: distinctive ASCII names, so a leak shows in raw bytes too.
HIDDEN = ["Quirin Hemmeligsen", "Zelda Skjultholm"]
HIDDEN_AFBUD = "Xenia Afbudsen"
ALL_HIDDEN = [*HIDDEN, HIDDEN_AFBUD]
HIDDEN_WORDS = ["Quirin", "Hemmeligsen", "Zelda", "Skjultholm", "Xenia", "Afbudsen"]


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in
                             PdfReader(BytesIO(data)).pages).split())


def assert_hidden(text: str) -> None:
    leaked = [word for word in HIDDEN_WORDS if word in text]
    assert not leaked, leaked


def make_meeting() -> dict:
    """A meeting a week ago (so it has a referat) with a partner, a resident with consent, two
    without (attending) and one without who sent afbud. Everyone attended but the afbud."""
    org = O.create(O.OrganisationInput(name="Aalborg Kommune", kind="kommune"))
    bent = C.create(C.ContactInput(name="Bent Partner", title="SSP-konsulent",
                                   organisation_id=org.id, email="bent@aalborg.example"))
    rikke = C.create(C.ContactInput(name=NAMED, is_private=True, email="rikke@beboer.example"))
    consent.give(rikke.id, TODAY - dt.timedelta(days=30), "Navn i referater fra dialogmøder",
                 rikke.version)
    hidden = [C.create(C.ContactInput(name=name, is_private=True,
                                      email=f"{name.split()[0].lower()}@beboer.example"))
              for name in ALL_HIDDEN]
    starts = dt.datetime.combine(TODAY - dt.timedelta(days=7), dt.time(14, 0))
    meeting = M.create(M.MeetingInput(title="Dialogmøde Vestbyen", starts_at=starts,
                                      ends_at=starts + dt.timedelta(hours=2),
                                      location="Medborgerhuset", chair_id=bent.id))
    for contact in (bent, rikke, *hidden):
        P.add_contact(meeting.id, contact.id, "afbud" if contact.name == HIDDEN_AFBUD
                      else "tilmeldt")
    for row in P.of_meeting(meeting.id):
        if row.name != HIDDEN_AFBUD:
            MIN.set_attendance(row.id, "deltog")
    return {"meeting": meeting.id, "rikke": rikke.id, "bent": bent.id}


def withdraw_rikke(ids) -> None:
    version = Contact.get_by_id(ids["rikke"]).version
    consent.withdraw(ids["rikke"], TODAY, version)


@pytest.fixture
def ids(db):
    return make_meeting()


# --- the rule ----------------------------------------------------------------------------------

@pytest.mark.parametrize("is_private, given, withdrawn, named", [
    (False, None, None, True),  # partners' staff: always
    (False, None, dt.date(2026, 1, 2), True),
    (True, None, None, False),  # a resident without consent: counted
    (True, dt.date(2026, 1, 1), None, True),
    (True, dt.date(2026, 1, 1), dt.date(2026, 2, 1), False),  # withdrawn
])
def test_the_rule(is_private, given, withdrawn, named):
    assert consent.may_be_named(is_private, given, withdrawn) is named


def test_participant_rows_carry_the_rule(ids):
    rows = {p.name: p.may_be_named for p in P.of_meeting(ids["meeting"])}
    assert rows == {"Bent Partner": True, NAMED: True, **{n: False for n in ALL_HIDDEN}}


def test_a_row_built_by_hand_names_no_resident():
    row = P.ParticipantRow(1, 1, 1, "X", "", "", "", True, "inviteret", "")
    assert row.may_be_named is False
    assert P.ParticipantRow(1, 1, 1, "X", "", "", "", False, "inviteret", "").may_be_named


# --- the service -------------------------------------------------------------------------------

def resident(name="Beboer Testesen"):
    return C.create(C.ContactInput(name=name, is_private=True))


def test_give_and_withdraw_write_the_contact_with_version_and_audit(db):
    row = resident()
    v2 = consent.give(row.id, TODAY - dt.timedelta(days=3), "  Navn i referater ", row.version)
    assert v2 == row.version + 1 == C.get(row.id).version
    assert consent.get(row.id) == consent.ConsentRecord(TODAY - dt.timedelta(days=3),
                                                        "Navn i referater", None)
    assert consent.get(row.id).in_force
    v3 = consent.withdraw(row.id, TODAY, v2)
    assert v3 == v2 + 1 == C.get(row.id).version
    assert consent.get(row.id).withdrawn_on == TODAY
    assert not consent.get(row.id).in_force
    newest = audit.history("contact", row.id)[0]
    assert newest.changes == {"consent_withdrawn_on": [None, TODAY.isoformat()]}
    given = audit.history("contact", row.id)[1]
    assert given.changes["consent_purpose"] == [None, "Navn i referater"]
    # A new consent after a withdrawal starts over: the withdrawal is cleared.
    consent.give(row.id, TODAY, "Igen", v3)
    assert consent.get(row.id).in_force


def test_validation_in_danish(db):
    row = resident()
    with pytest.raises(ValidationError) as error:
        consent.give(row.id, TODAY, "   ", row.version)
    assert error.value.errors == {"purpose": "Skriv, hvad samtykket gælder (formålet)."}
    with pytest.raises(ValidationError) as error:
        consent.give(row.id, TODAY + dt.timedelta(days=2), "Formål", row.version)
    assert error.value.errors["given_on"] == "Samtykkets dato kan ikke ligge i fremtiden."
    with pytest.raises(ServiceError, match="Der er intet samtykke at trække tilbage."):
        consent.withdraw(row.id, TODAY, row.version)
    version = consent.give(row.id, TODAY - dt.timedelta(days=2), "Formål", row.version)
    with pytest.raises(ValidationError) as error:
        consent.withdraw(row.id, TODAY - dt.timedelta(days=5), version)
    assert error.value.errors["withdrawn_on"] == ("Samtykket kan ikke trækkes tilbage før det "
                                                  "blev givet.")
    with pytest.raises(ValidationError) as error:
        consent.withdraw(row.id, TODAY + dt.timedelta(days=2), version)
    assert "fremtiden" in error.value.errors["withdrawn_on"]
    assert consent.get(row.id).in_force  # nothing was written
    assert C.get(row.id).version == version


def test_only_a_privatperson_has_a_consent(db):
    partner = C.create(C.ContactInput(name="Partner Person"))
    with pytest.raises(ServiceError, match="kun for privatpersoner"):
        consent.give(partner.id, TODAY, "Formål", partner.version)
    # The editor's save of a contact that is not a privatperson clears any consent.
    row = resident()
    version = consent.give(row.id, TODAY, "Formål", row.version)
    changed = C.update(row.id, C.ContactInput(name=row.name, is_private=False), version)
    consent.save(row.id, consent.ConsentRecord(TODAY, "Formål", None), changed.version)
    assert consent.get(row.id) == consent.ConsentRecord()


def test_a_stale_version_is_a_conflict_and_writes_nothing(db):
    row = resident()
    C.update(row.id, C.ContactInput(name="Beboer Ændret", is_private=True), row.version)
    with pytest.raises(ConflictError):
        consent.give(row.id, TODAY, "Formål", row.version)
    assert consent.get(row.id) == consent.ConsentRecord()
    assert not any("consent_purpose" in e.changes for e in audit.history("contact", row.id))
    with pytest.raises(NotFoundError):
        consent.get(row.id + 999)


def test_saving_the_same_consent_again_writes_nothing(db):
    row = resident()
    record = consent.ConsentRecord(TODAY, "Formål", None)
    version = consent.save(row.id, record, row.version)
    entries = len(audit.history("contact", row.id))
    assert consent.save(row.id, record, version) == version
    assert len(audit.history("contact", row.id)) == entries
    with pytest.raises(ConflictError):  # unchanged, but read at an old version
        consent.save(row.id, record, row.version)


# --- every participant output ------------------------------------------------------------------

def test_dagsorden_counts_residents_without_consent(ids):
    text = pdf_text(printing.agenda_pdf_bytes(ids["meeting"]))
    invited = text[text.index("Inviterede"):]
    assert "Privatpersoner: Rikke Samtykkesen" in invited
    assert "Desuden 2 beboere." in invited
    assert "Afbud: 1 beboer" in invited
    assert_hidden(text)


def test_drejebog_names_everyone(ids):
    text = pdf_text(printing.agenda_pdf_bytes(ids["meeting"], runsheet=True))
    for name in [NAMED, *ALL_HIDDEN]:
        assert name in text


def test_referat_for_participants_counts_and_full_names(ids):
    text = pdf_text(printing.minutes_pdf_bytes(ids["meeting"]))
    present = text[text.index("Til stede"):text.index("Afbud")]
    assert NAMED in present and "Privatpersoner 2 beboere" in present
    declined = text[text.index("Afbud"):text.index("Punkterne")]
    assert "1 beboer" in declined
    assert_hidden(text)
    full = pdf_text(printing.minutes_pdf_bytes(ids["meeting"], full=True))
    for name in [NAMED, *ALL_HIDDEN]:
        assert name in full
    assert "beboere" not in full.split("Punkterne")[0]


def test_fremmoedeliste_counts_and_names(ids):
    text = pdf_text(printing.attendance_pdf_bytes(ids["meeting"]))
    assert NAMED in text and "Bent Partner" in text
    assert "2 beboere er inviteret og skriver sig selv på listen." in text
    assert_hidden(text)


def test_ics_lists_no_resident_as_attendee_and_counts_them(ids):
    raw = CI.meeting_ics(ids["meeting"])
    event = next(iter(Calendar.from_ical(raw).walk("VEVENT")))
    attendees = event.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert [str(a) for a in attendees] == ["mailto:bent@aalborg.example"]
    description = str(event["DESCRIPTION"])
    assert "Inviterede beboere: Rikke Samtykkesen og 2 beboere." in description
    assert "Afbud fra beboere: 1 beboer." in description
    assert_hidden(raw.decode())
    assert b"beboer.example" not in raw  # no resident's address, with consent or without


def test_invitation_draft_names_only_residents_with_consent(ids, tmp_path):
    pdf = printing.agenda_pdf_bytes(ids["meeting"])
    path = IM.draft_eml(ids["meeting"], tmp_path / "invitation.eml", pdf,
                        CI.meeting_ics(ids["meeting"]))
    raw = path.read_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert [(a.display_name, a.addr_spec) for a in msg["To"].addresses] == [
        ("Bent Partner", "bent@aalborg.example")]
    bcc = {a.addr_spec: a.display_name for a in msg["Bcc"].addresses}
    assert bcc == {"rikke@beboer.example": NAMED, "quirin@beboer.example": "",
                   "zelda@beboer.example": ""}  # the afbud gets no invitation
    assert_hidden(raw.decode("ascii"))
    attached = next(p for p in msg.iter_attachments() if p.get_filename().endswith(".pdf"))
    assert_hidden(pdf_text(attached.get_content()))
    assert "2 beboere" in pdf_text(attached.get_content())


def test_minutes_draft_names_only_residents_with_consent(ids, tmp_path):
    pdf = printing.minutes_pdf_bytes(ids["meeting"])
    path = MM.draft_eml(ids["meeting"], tmp_path / "referat.eml", pdf)
    raw = path.read_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    bcc = {a.addr_spec: a.display_name for a in msg["Bcc"].addresses}
    assert bcc == {"rikke@beboer.example": NAMED, "quirin@beboer.example": "",
                   "zelda@beboer.example": "", "xenia@beboer.example": ""}
    assert_hidden(raw.decode("ascii"))
    attached = next(msg.iter_attachments())
    assert_hidden(pdf_text(attached.get_content()))


def test_withdrawal_takes_effect_on_the_next_print(ids, tmp_path):
    before = pdf_text(printing.agenda_pdf_bytes(ids["meeting"]))
    assert NAMED in before
    withdraw_rikke(ids)
    agenda = pdf_text(printing.agenda_pdf_bytes(ids["meeting"]))
    assert NAMED not in agenda and "Desuden 3 beboere." in agenda
    referat = pdf_text(printing.minutes_pdf_bytes(ids["meeting"]))
    assert NAMED not in referat and "Privatpersoner 3 beboere" in referat
    sheet = pdf_text(printing.attendance_pdf_bytes(ids["meeting"]))
    assert NAMED not in sheet and "3 beboere er inviteret" in sheet
    ics = CI.meeting_ics(ids["meeting"]).decode()
    assert "Samtykkesen" not in ics
    event = next(iter(Calendar.from_ical(ics).walk("VEVENT")))
    assert "Inviterede beboere: 3 beboere." in str(event["DESCRIPTION"])
    msg = email.message_from_bytes(
        IM.draft_eml(ids["meeting"], tmp_path / "i.eml", None, ics.encode()).read_bytes(),
        policy=policy.default)
    assert {a.display_name for a in msg["Bcc"].addresses} == {""}
    # Internal versions still name her.
    assert NAMED in pdf_text(printing.agenda_pdf_bytes(ids["meeting"], runsheet=True))


# --- the access log: e-mail drafts and .ics ----------------------------------------------------

def logged(action: str) -> list[tuple]:
    access_log.flush()
    return [(e.action, e.record_type, e.record_id, e.detail)
            for e in AccessLogEntry.select().where(AccessLogEntry.action == action)
            .order_by(AccessLogEntry.id)]


def test_drafts_and_ics_are_in_the_access_log(ids, tmp_path):
    meeting = ids["meeting"]
    ics = CI.meeting_ics(meeting)
    assert logged("export") == []  # building the bytes is no export; writing the file is
    CI.write_ics(meeting, tmp_path / "m.ics")
    assert logged("export") == [("export", "meeting", meeting, "Kalenderinvitation (.ics)")]
    IM.draft_eml(meeting, tmp_path / "i.eml", None, ics)
    MM.draft_eml(meeting, tmp_path / "r.eml", printing.minutes_pdf_bytes(meeting))
    assert logged("email") == [("email", "meeting", meeting, "Invitation (e-mailudkast)"),
                               ("email", "meeting", meeting, "Referat (e-mailudkast)")]


def test_residents_text():
    assert consent.residents_text([], 0) == ""
    assert consent.residents_text([], 1) == "1 beboer"
    assert consent.residents_text(["A"], 0) == "A"
    assert consent.residents_text(["A", "B"], 2) == "A, B og 2 beboere"


# --- actions: the responsible person -----------------------------------------------------------

def test_a_resident_responsible_for_an_action_is_beboer_for_participants(ids):
    from tryg_desktop.services.meetings import actions as ACT
    from tryg_desktop.services.meetings.disclosure import INTERNAL, PARTICIPANTS

    hidden = C.get(next(p.contact_id for p in P.of_meeting(ids["meeting"])
                        if p.name == HIDDEN[0]))
    for title, who in (("Rydde op i gården", hidden.id), ("Male bænke", ids["rikke"]),
                       ("Bestille lys", ids["bent"]), ("Ingen ansvarlig", None)):
        ACT.create(ACT.ActionInput(title=title, meeting_id=ids["meeting"],
                                   responsible_contact_id=who))
    rows = ACT.fetch(ACT.ActionFilter(meeting_id=ids["meeting"]))
    shown = {r.title: r.responsible_name for r in consent.actions(rows, PARTICIPANTS)}
    assert shown == {"Rydde op i gården": consent.RESIDENT, "Male bænke": NAMED,
                     "Bestille lys": "Bent Partner", "Ingen ansvarlig": ""}
    assert {r.title: r.responsible_name for r in consent.actions(rows, INTERNAL)} == \
        {r.title: r.responsible_name for r in rows}  # the internal versions name them
    withdraw_rikke(ids)  # at the next print, from the same (e.g. snapshot) rows
    shown = {r.title: r.responsible_name for r in consent.actions(rows, PARTICIPANTS)}
    assert shown["Male bænke"] == consent.RESIDENT
    summary = ACT.OpenActions(rows, len(rows), 0)
    assert consent.RESIDENT in {r.responsible_name for r in
                                consent.open_actions(summary, PARTICIPANTS).rows}
