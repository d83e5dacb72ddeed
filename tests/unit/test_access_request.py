"""Indsigt (GDPR art. 15): services/data_protection/access_request.py and its PDF, on both
databases. A person is planted in the register with a history, a forum, two meetings (one
attended), chair role, an action, a mention in minutes, in an action's note and in an episode
note, and access-log entries; the JSON and the PDF must hold them, and a stranger's must not."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat

import pytest

from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.data_protection import access_request as AR
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.register import organisations as O

NAME = "Søren Ærø Åberg"


def pdf_text(path_or_bytes) -> str:
    """The PDF's text on one line (a heading may wrap)."""
    from pypdf import PdfReader

    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    return " ".join(" ".join(page.extract_text() for page in PdfReader(source).pages).split())


def plant() -> dict:
    """The person and everything about them; returns the ids."""
    from tryg_desktop.db.meeting_models import AgendaItem
    from tryg_desktop.services.meetings import (
        actions,
        agenda,
        forums,
        meetings,
        minutes,
        participants,
    )

    org = O.create(O.OrganisationInput(name="Blå Kors Ålborg", kind="ngo", city="Aalborg"))
    person = C.create(C.ContactInput(name=NAME, organisation_id=org.id, phone="98 31 31 31",
                                     email="soren@example.dk"))
    other = C.create(C.ContactInput(name="Bente Andersen"))
    # A change, for the history: the title, old → new.
    person = C.update(person.id, C.ContactInput(name=NAME, organisation_id=org.id,
                                                phone="98 31 31 31", email="soren@example.dk",
                                                title="Gadeplanschef"), person.version)
    forum = forums.create(forums.ForumInput(name="Netværksmøde Kildeparken"))
    forums.add_member(forum.id, contact_id=person.id)
    start = dt.datetime(2025, 11, 4, 14)
    past = meetings.create(meetings.MeetingInput(
        title="Dialogmøde Kildeparken", forum_id=forum.id, starts_at=start,
        ends_at=start + dt.timedelta(hours=2), chair_id=person.id))
    later = meetings.create(meetings.MeetingInput(
        title="Tryghedsvandring Øst", starts_at=start + dt.timedelta(days=30),
        ends_at=start + dt.timedelta(days=30, hours=2)))
    mine = participants.add_contact(past.id, person.id, "tilmeldt")
    participants.add_contact(later.id, person.id)
    participants.add_contact(past.id, other.id)
    minutes.set_attendance(mine.id, "deltog")
    item = agenda.add(past.id, agenda.ItemInput(title="Belysning på stien", kind="drøftelse"))
    minutes.save_item_minutes(item.id, f"{NAME} fortalte om lyset ved legepladsen.", "")
    action = actions.create(actions.ActionInput(
        title="Tjek lamperne ved åen", meeting_id=past.id, responsible_contact_id=person.id,
        due=dt.date(2025, 12, 1)))
    actions.create(actions.ActionInput(
        title="Ring til grundejerforeningen", meeting_id=past.id,
        responsible_contact_id=other.id, description=f"Aftalt med {NAME} i telefonen."))
    # Access-log entries about the person, and one about the other (not in the report).
    access_log.record_now("view", "contact", person.id)
    access_log.record_now("print", "contact", person.id, detail="Kontaktkort")
    access_log.record_now("view", "contact", other.id)
    assert AgendaItem.get_by_id(item.id).notes.startswith(NAME)
    return {"person": person.id, "other": other.id, "org": org.id, "forum": forum.id,
            "past": past.id, "later": later.id, "item": item.id, "action": action.id}


def test_the_json_holds_everything_about_the_person(db):
    ids = plant()
    report = AR.gather(ids["person"])
    data = json.loads(json.dumps(AR.to_json(report)))  # as written: plain JSON
    assert data["contact_id"] == ids["person"]
    assert data["contact"]["name"] == NAME
    assert data["contact"]["title"] == "Gadeplanschef"
    assert data["contact"]["organisation"] == "Blå Kors Ålborg"
    assert data["organisation"] == {"id": ids["org"], "name": "Blå Kors Ålborg", "kind": "ngo",
                                    "city": "Aalborg"}
    assert set(data["consent"]) == {"consent_given_on", "consent_purpose",
                                    "consent_withdrawn_on"}
    # History: created, then the title changed, oldest first, with old → new.
    assert [h["action"] for h in data["history"]] == ["create", "update"]
    assert data["history"][1]["changes"]["title"] == {"old": "", "new": "Gadeplanschef"}
    assert data["history"][0]["at"].endswith("Z")
    dt.datetime.fromisoformat(data["history"][0]["at"][:-1])
    # Forum, meetings with invitation and attendance, the chair role, the action.
    assert [(f["forum"], f["via"]) for f in data["forums"]] == [("Netværksmøde Kildeparken",
                                                                 "person")]
    assert [(m["meeting_id"], m["invitation"], m["attendance"]) for m in data["meetings"]] == [
        (ids["past"], "tilmeldt", "deltog"), (ids["later"], "inviteret", "")]
    assert data["meetings"][0]["starts_at"] == "2025-11-04T14:00:00"
    assert [(r["meeting_id"], r["role"]) for r in data["roles"]] == [(ids["past"], "chair")]
    assert [(a["action_id"], a["title"], a["due"], a["status"]) for a in data["actions"]] == [
        (ids["action"], "Tjek lamperne ved åen", "2025-12-01", "åben")]
    # Mentions for review: the minutes and the other person's action note.
    mentions = data["mentions_for_review"]
    assert any((m["record_type"], m["record_id"]) == ("agenda_item", ids["item"])
               and "lyset ved legepladsen" in m["excerpt"] for m in mentions), mentions
    assert any(m["record_type"] == "action_item" and "Aftalt med" in m["excerpt"]
               for m in mentions), mentions
    assert set(mentions[0]) == {"record_type", "record_id", "where", "field", "excerpt"}
    # The access log: only the entries about this person, oldest first.
    assert [(e["action"], e["record_id"]) for e in data["access_log"]] == [
        ("view", ids["person"]), ("print", ids["person"])]
    assert data["access_log"][1]["detail"] == "Kontaktkort"
    # Nothing about the other person leaks in (their name only as mention context is fine).
    assert "Bente" not in json.dumps(data["meetings"] + data["forums"] + data["roles"]
                                     + data["actions"], ensure_ascii=False)


def test_a_person_with_nothing_but_a_name(db):
    person = C.create(C.ContactInput(name="Åse Ølgaard", is_private=True))
    data = AR.to_json(AR.gather(person.id))
    assert data["contact"]["is_private"] is True
    assert data["organisation"] is None
    assert data["server_logins"] == []
    for key in ("forums", "meetings", "roles", "actions", "efforts", "mentions_for_review",
                "access_log"):
        assert data[key] == [], key


def test_consent_is_in_the_report(db):
    from tryg_desktop.db.models import Contact

    person = C.create(C.ContactInput(name="Åse Ølgaard", is_private=True))
    Contact.update(consent_given_on=dt.date(2026, 3, 1),
                   consent_purpose="Navn i referater").where(Contact.id == person.id).execute()
    report = AR.gather(person.id)
    data = AR.to_json(report)
    assert data["consent"] == {"consent_given_on": "2026-03-01",
                               "consent_purpose": "Navn i referater",
                               "consent_withdrawn_on": None}
    text = pdf_text(AR.pdf_bytes(report))
    assert "Samtykke givet" in text and "01.03.2026" in text and "Navn i referater" in text


def test_the_history_writes_phones_as_the_register_does(db):
    """Stored as E.164; the PDF's history reads "98 14 80 12", as its first section and the
    Historik tab do (audit.value_text, one owner)."""
    person = C.create(C.ContactInput(name="Ole Hansen", phone="98148012"))
    C.update(person.id, C.ContactInput(name="Ole Hansen", phone="98 14 80 13"), person.version)
    text = pdf_text(AR.pdf_bytes(AR.gather(person.id)))
    assert "fra »98 14 80 12« til »98 14 80 13«" in text
    assert "+4598148012" not in text


def test_an_unknown_contact_is_a_danish_error(db):
    from tryg_desktop.services.errors import NotFoundError

    with pytest.raises(NotFoundError) as exc:
        AR.gather(99999)
    assert "Der findes ingen kontakt med id 99999" in exc.value.message


def test_write_makes_the_pdf_and_json_private_and_logs_the_answer(db, tmp_path):
    ids = plant()
    pdf, js = tmp_path / "indsigt.pdf", tmp_path / "indsigt.json"
    written = AR.write(ids["person"], pdf, js)
    assert written.pdf == pdf and written.json == js
    for path in (pdf, js):
        assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0, path
    data = json.loads(js.read_text("utf-8"))
    assert data["contact"]["name"] == NAME
    text = pdf_text(str(pdf))
    for heading in ("Indsigt efter databeskyttelsesforordningens artikel 15",
                    "Oplysninger i registret", "Ændringer (historik)", "Mødefora",
                    "Invitationer og fremmøde", "Mødeleder og referent",
                    "Handlinger, du er ansvarlig for", "Til gennemsyn før udlevering",
                    "adgangslog", "Side 1 af"):
        assert heading in text, heading
    for value in (NAME, "Blå Kors Ålborg", "Gadeplanschef", "Netværksmøde Kildeparken",
                  "Tjek lamperne ved åen", "Deltog", "Tilmeldt", "Mødeleder",
                  "lyset ved legepladsen", "Kontaktkort", "01.12.2025"):
        assert value in text, value
    # The answer itself is in the access log, after the report was read.
    last = access_log.about_contact(ids["person"])[-1]
    assert (last.action, last.detail) == ("request", "Indsigt: PDF og JSON")
    AR.write(ids["person"], tmp_path / "kun.pdf")
    assert access_log.about_contact(ids["person"])[-1].detail == "Indsigt: PDF"
    assert not (tmp_path / "kun.json").exists()


def test_empty_sections_say_ingen(db):
    person = C.create(C.ContactInput(name="Åse Ølgaard", is_private=True))
    text = pdf_text(AR.pdf_bytes(AR.gather(person.id)))
    assert text.count("Ingen.") >= 8
    assert "Åse Ølgaard" in text and "æ" in text and "ø" in text and "å" in text


def test_a_cpr_number_in_the_record_stops_the_pdf(db, tmp_path):
    from tryg_desktop.db.models import Contact
    from tryg_desktop.services.errors import CprFoundError

    # The service refuses one now; an older version or an old import may have let it in.
    person = C.create(C.ContactInput(name="Åse Ølgaard"))
    Contact.update(notes="cpr 010203-1234").where(Contact.id == person.id).execute()
    with pytest.raises(CprFoundError):
        AR.write(person.id, tmp_path / "x.pdf", tmp_path / "x.json")
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.json").exists()


def test_suggested_file_name(db):
    person = C.create(C.ContactInput(name="Søren / Ærø"))
    assert AR.suggested_file_name(person.id, dt.date(2026, 12, 3)) == \
        "Indsigt Søren Ærø 2026-12-03.pdf"


# --- roles on the server ----------------------------------------------------------------------

@pytest.mark.parametrize("role", ["koordinator", "laeser"])
def test_only_an_administrator_answers_on_the_server(server_url, logins, role, tmp_path):
    from tests.support.server import as_login
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services import server_admin

    open_database(server_url)
    server_admin.init_server()
    person = C.create(C.ContactInput(name=NAME))
    login = logins(role)
    server_admin.add_user(login, role)
    close_database()
    open_database(as_login(server_url, login))
    try:
        with pytest.raises(access_log.NotAllowedError) as exc:
            AR.gather(person.id)
        assert "besvare en anmodning om indsigt" in exc.value.message
        with pytest.raises(access_log.NotAllowedError):
            AR.write(person.id, tmp_path / "x.pdf")
        assert not (tmp_path / "x.pdf").exists()
    finally:
        close_database()


def test_an_administrator_answers_on_the_server_with_the_linked_login(server_url, logins,
                                                                      tmp_path):
    from tests.support.server import as_login
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services import server_admin

    open_database(server_url)
    server_admin.init_server()
    person = C.create(C.ContactInput(name=NAME))
    linked = logins("soren")
    server_admin.add_user(linked, "referent", contact_id=person.id)
    admin = logins("admin")
    server_admin.add_user(admin, "admin")
    close_database()
    open_database(as_login(server_url, admin))
    try:
        written = AR.write(person.id, tmp_path / "x.pdf", tmp_path / "x.json")
        data = json.loads((tmp_path / "x.json").read_text("utf-8"))
        assert data["server_logins"] == [linked]
        assert data["generated_by"] == admin
        assert linked in pdf_text(str(written.pdf))
        [entry] = access_log.about_contact(person.id)
        assert (entry.action, entry.user) == ("request", admin)
    finally:
        close_database()
