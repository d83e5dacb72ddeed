"""Calendar invitations: each .ics is parsed back with icalendar and checked as a calendar
program would read it."""

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tryg_desktop.db.meeting_models import Meeting
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import calendar_invite as CI
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.errors import CprFoundError, NotFoundError

CPH = ZoneInfo("Europe/Copenhagen")
CLOSED_TITLE = "Politiets orientering om aktuelle sager"


def make_meeting(starts=dt.datetime(2026, 12, 3, 14, 0), title="Dialogmøde Kærby – Østre Anlæg"):
    """A meeting with an agenda (one closed item) and four participants: accepted, declined,
    not yet answered, and one without an e-mail address."""
    org = O.create(O.OrganisationInput(name="Blå Kors, Varmestuen Aalborg", kind="ngo"))
    people = [
        ("Åse Ærø", "aase.aeroe@blaakors.example", org.id, "tilmeldt"),
        ("Søren Østergård", "soeren@politi.example", None, "afbud"),
        ("Bo Kjær", "bo.kjaer@aalborg.example", org.id, "inviteret"),
        ("Yusuf Demir", "", None, "tilmeldt"),
    ]
    meeting = M.create(M.MeetingInput(
        title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=2),
        location="Beboerhuset Kærby, Kærbyvej 12, 9000 Aalborg"))
    A.add(meeting.id, A.ItemInput(title="Velkomst"))
    A.add(meeting.id, A.ItemInput(title="Belysning ved Kildeparken", kind="beslutning",
                                  proposal="Det indstilles, at der opsættes lys."))
    A.add(meeting.id, A.ItemInput(title=CLOSED_TITLE, closed=True))
    A.add(meeting.id, A.ItemInput(title="Næste møde", kind="beslutning"))
    for name, email, org_id, invitation in people:
        contact = C.create(C.ContactInput(name=name, email=email, organisation_id=org_id))
        P.add_contact(meeting.id, contact.id, invitation)
    return meeting


def parse(data: bytes):
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return calendar, events[0]


def test_request_with_the_standard_properties(db):
    meeting = make_meeting()
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    calendar, event = parse(CI.meeting_ics(meeting.id))

    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert "Tryg Desktop" in calendar["PRODID"]
    assert str(event["UID"]) == meeting.ics_uid
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    stamp = event.decoded("DTSTAMP")
    assert stamp.utcoffset() == dt.timedelta(0)
    assert before <= stamp <= dt.datetime.now(dt.timezone.utc)
    assert event["SUMMARY"] == "Dialogmøde Kærby – Østre Anlæg"
    assert event["LOCATION"] == "Beboerhuset Kærby, Kærbyvej 12, 9000 Aalborg"


def test_times_carry_the_copenhagen_zone_and_a_vtimezone(db):
    winter = make_meeting()
    summer = M.create(M.MeetingInput(title="Sommermøde", starts_at=dt.datetime(2026, 6, 18, 9, 30),
                                     ends_at=dt.datetime(2026, 6, 18, 11, 0)))
    for meeting, offset in ((winter, 1), (summer, 2)):
        data = CI.meeting_ics(meeting.id)
        calendar, event = parse(data)
        for key, local in (("DTSTART", meeting.starts_at), ("DTEND", meeting.ends_at)):
            assert event[key].params["TZID"] == "Europe/Copenhagen"
            assert event.decoded(key) == local.replace(tzinfo=CPH)
            assert event.decoded(key).utcoffset() == dt.timedelta(hours=offset)
        assert f"DTSTART;TZID=Europe/Copenhagen:{meeting.starts_at:%Y%m%dT%H%M%S}".encode() in data
        zones = list(calendar.walk("VTIMEZONE"))
        assert [str(z["TZID"]) for z in zones] == ["Europe/Copenhagen"]
        # The zone's rules give the same offset as the tz database on the meeting's day.
        offsets = {str(part["TZNAME"]): part["TZOFFSETTO"].td for part in zones[0].subcomponents}
        assert offsets == {"CET": dt.timedelta(hours=1), "CEST": dt.timedelta(hours=2)}


def test_organizer_and_attendees(db):
    meeting = make_meeting()
    _, event = parse(CI.meeting_ics(meeting.id, "Tryg Aalborg – sekretariatet",
                                     "trygaalborg@aalborg.example"))
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:trygaalborg@aalborg.example"
    assert organizer.params["CN"] == "Tryg Aalborg – sekretariatet"

    attendees = {str(a): dict(a.params) for a in event["ATTENDEE"]}
    assert attendees == {
        "mailto:aase.aeroe@blaakors.example": {
            "CN": "Åse Ærø", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED", "RSVP": "TRUE"},
        "mailto:soeren@politi.example": {
            "CN": "Søren Østergård", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "DECLINED",
            "RSVP": "TRUE"},
        "mailto:bo.kjaer@aalborg.example": {
            "CN": "Bo Kjær", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION",
            "RSVP": "TRUE"},
    }


def test_default_organizer(db):
    _, event = parse(CI.meeting_ics(make_meeting().id))
    assert str(event["ORGANIZER"]) == f"mailto:{CI.DEFAULT_ORGANIZER_EMAIL}"
    assert event["ORGANIZER"].params["CN"] == "Tryg Aalborg"


def test_description_is_the_agenda_without_the_closed_item(db):
    meeting = make_meeting()
    data = CI.meeting_ics(meeting.id)
    _, event = parse(data)
    assert event["DESCRIPTION"] == ("Dagsorden:\n"
                                    "1. Velkomst (orientering)\n"
                                    "2. Belysning ved Kildeparken (beslutning)\n"
                                    "3. Lukket punkt\n"
                                    "4. Næste møde (beslutning)")
    assert b"Politiets" not in data and b"indstilles" not in data


def test_danish_letters_survive_as_utf8_in_folded_lines(db):
    meeting = make_meeting(title="Tryghedsvandring i Østre Anlæg og ved Kærby Mølleå – "
                                 "opfølgning på belysning, affald og nabohjælp")
    data = CI.meeting_ics(meeting.id)
    text = data.decode("utf-8")  # raises if the letters were mangled
    assert "Østre Anlæg" in text.replace("\r\n ", "")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # octets, RFC 5545 3.1
    assert data.endswith(b"END:VCALENDAR\r\n")
    _, event = parse(data)
    assert event["SUMMARY"] == meeting.title
    assert {str(a.params["CN"]) for a in event["ATTENDEE"]} >= {"Åse Ærø", "Søren Østergård"}


def test_uid_is_stable_and_sequence_follows_calendar_changes(db):
    meeting = make_meeting()
    _, first = parse(CI.meeting_ics(meeting.id))
    _, again = parse(CI.meeting_ics(meeting.id))
    assert first["UID"] == again["UID"] == meeting.ics_uid
    assert first["SEQUENCE"] == again["SEQUENCE"] == 0

    # Only the purpose changes: the invitation is still current.
    meeting = M.update(meeting.id, replace(meeting.as_input(), purpose="Nyt formål"),
                       meeting.version)
    _, same = parse(CI.meeting_ics(meeting.id))
    assert same["SEQUENCE"] == 0

    later = meeting.starts_at + dt.timedelta(hours=1)
    meeting = M.update(meeting.id, replace(meeting.as_input(), starts_at=later,
                                           ends_at=later + dt.timedelta(hours=2)),
                       meeting.version)
    _, moved = parse(CI.meeting_ics(meeting.id))
    assert moved["UID"] == first["UID"]
    assert moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART") == dt.datetime(2026, 12, 3, 15, 0, tzinfo=CPH)


def test_cancelled_meeting_gives_cancel(db):
    meeting = make_meeting()
    meeting = M.update(meeting.id, replace(meeting.as_input(), status="aflyst"), meeting.version)
    calendar, event = parse(CI.meeting_ics(meeting.id))
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert str(event["UID"]) == meeting.ics_uid
    assert event["SEQUENCE"] == 1
    assert len(event["ATTENDEE"]) == 3  # the cancellation goes to everyone who was invited


def test_meeting_without_agenda_participants_or_place(db):
    meeting = M.create(M.MeetingInput(title="Kort møde", starts_at=dt.datetime(2027, 1, 5, 10),
                                      ends_at=dt.datetime(2027, 1, 5, 11)))
    _, event = parse(CI.meeting_ics(meeting.id))
    assert "ATTENDEE" not in event and "LOCATION" not in event and "DESCRIPTION" not in event
    assert event["SUMMARY"] == "Kort møde"


def test_cpr_number_stops_the_export(db, tmp_path):
    meeting = make_meeting()
    with pytest.raises(CprFoundError) as exc:
        CI.meeting_ics(meeting.id, organizer_name="Tryg 010203-1234")
    assert "arrangørens navn" in exc.value.message and "1234" not in exc.value.message

    # Text stored before the check existed (the services now refuse it) is caught too.
    Meeting.update(location="Hos borgeren 0102031234").where(Meeting.id == meeting.id).execute()
    target = tmp_path / "møde.ics"
    with pytest.raises(CprFoundError) as exc:
        CI.write_ics(meeting.id, target)
    assert exc.value.where == ["mødestedet"]
    assert not target.exists()


def test_write_ics_writes_the_file_whole(db, tmp_path):
    meeting = make_meeting()
    folder = tmp_path / "ud"
    folder.mkdir()
    target = folder / "Dialogmøde Kærby.ics"
    target.write_bytes(b"old")
    assert CI.write_ics(meeting.id, target) == target
    _, event = parse(target.read_bytes())
    assert str(event["UID"]) == meeting.ics_uid
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary file left


def test_unknown_meeting(db):
    with pytest.raises(NotFoundError, match=r"Mødet findes ikke \(id 99\)\."):
        CI.meeting_ics(99)
