"""Issue 13, point 4: erasing a person (services/data_protection/erasure.py) on SQLite and
PostgreSQL: the tombstone keeps meetings, counts and approved minutes whole; open actions need
a successor; the history keeps that an erasure happened but not the values; on SQLite the name's
bytes are gone from the file and its WAL; on PostgreSQL the role rules and the server's scrub."""

import datetime as dt
import json

import pytest

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Meeting, Participant
from tryg_desktop.db.models import AuditEntry, Contact
from tryg_desktop.db.privacy_models import AccessLogEntry
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.data_protection import erasure as ER
from tryg_desktop.services.errors import NotFoundError
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import minutes
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.register import organisations as O

NAME = "Zyxwunder Qualmbeck"
EMAIL = "zyxwunder@qualmbeck.dk"
START = dt.datetime(2026, 12, 3, 14)
TODAY = dt.date(2026, 12, 1)


def build_world():
    """The person (chair, minute-taker, participant who attended, responsible for two open
    actions and a finished one, in approved minutes), a colleague to take over, and a
    bystander. Returns a dict of ids."""
    org = O.create(O.OrganisationInput(name="Boligselskabet Østerport"))
    person = C.create(C.ContactInput(name=NAME, title="Beboerrådgiver", organisation_id=org.id,
                                     phone="+4520304050", mobile="+4521314151", email=EMAIL,
                                     notes="Foretrækker sms."))
    Contact.update(consent_given_on=dt.date(2026, 1, 5), consent_purpose="Navn i referater").where(
        Contact.id == person.id).execute()
    colleague = C.create(C.ContactInput(name="Bent Andersen"))
    bystander = C.create(C.ContactInput(name="Karin Olsen"))
    meeting = M.create(M.MeetingInput(title="Dialogmøde", starts_at=START,
                                      ends_at=START + dt.timedelta(hours=2),
                                      chair_id=person.id, minute_taker_id=person.id))
    for who in (person.id, colleague.id, bystander.id):
        P.add_contact(meeting.id, who)
    for row in P.of_meeting(meeting.id):
        minutes.set_attendance(row.id, "deltog")
    open_1 = X.create(X.ActionInput(title="Bestil lamper", meeting_id=meeting.id,
                                    responsible_contact_id=person.id,
                                    due=dt.date(2026, 12, 20)), today=TODAY)
    open_2 = X.create(X.ActionInput(title="Skriv til boligselskabet", meeting_id=meeting.id,
                                    responsible_contact_id=person.id, status="i gang"),
                      today=TODAY)
    done = X.create(X.ActionInput(title="Booke lokale", meeting_id=meeting.id,
                                  responsible_contact_id=person.id, status="udført",
                                  completed_on=dt.date(2026, 11, 30)), today=TODAY)
    minutes.approve(meeting.id, at=dt.datetime(2026, 12, 4, 9))
    return dict(person=person.id, colleague=colleague.id, bystander=bystander.id,
                meeting=meeting.id, open=[open_1.id, open_2.id], done=done.id, org=org.id)


@pytest.fixture(autouse=True)
def after_the_meeting(monkeypatch):
    monkeypatch.setattr(minutes, "now", lambda: dt.datetime(2026, 12, 10, 12, 0))


def _audit_text() -> str:
    return "\n".join(f"{e.label}\n{e.changes}" for e in AuditEntry.select())


def test_preview_says_what_will_happen_and_changes_nothing(db):
    ids = build_world()
    before = _audit_text()
    seen = ER.preview(ids["person"])
    assert (seen.name, seen.invitations, seen.attended, seen.chaired, seen.minute_taker,
            seen.actions) == (NAME, 1, 1, 1, 1, 3)
    assert [a.id for a in seen.open_actions] == ids["open"]
    assert seen.needs_successor and not seen.already_erased
    assert seen.open_actions[0].meeting == "Dialogmøde 3. dec. 2026"
    assert any("2 åbne, som skal overtages" in line for line in seen.what_happens())
    assert "sikkerhedskopier" in seen.backups
    assert Contact.get_by_id(ids["person"]).name == NAME and _audit_text() == before


def test_open_actions_need_a_successor_and_nothing_changes_without_one(db):
    ids = build_world()
    before = _audit_text()
    with pytest.raises(ER.SuccessorNeededError) as err:
        ER.erase(ids["person"])
    assert err.value.message == ("Personen er ansvarlig for 2 åbne handlinger: vælg, hvem der "
                                 "overtager dem.")
    with pytest.raises(ER.SuccessorNeededError, match="kan ikke være den person"):
        ER.erase(ids["person"], successor_id=ids["person"])
    with pytest.raises(ER.SuccessorNeededError, match="findes ikke"):
        ER.erase(ids["person"], successor_id=987_654)
    assert Contact.get_by_id(ids["person"]).name == NAME
    assert _audit_text() == before
    assert not ER.is_erased(ids["person"])


def test_erasure_keeps_meetings_counts_and_approved_minutes_whole(db):
    ids = build_world()
    participants_before = Participant.select().count()
    snapshot_before = json.loads(Meeting.get_by_id(ids["meeting"]).approved_actions)
    result = ER.erase(ids["person"], successor_id=ids["colleague"])
    assert result.moved_actions == ids["open"] and result.successor_id == ids["colleague"]

    person = Contact.get_by_id(ids["person"])
    assert (person.name, person.title, person.organisation_id, person.phone, person.mobile,
            person.email, person.notes, person.active, person.consent_given_on,
            person.consent_purpose, person.consent_withdrawn_on) == (
        "Slettet person", "", None, "", "", "", "", False, None, "", None)
    assert NAME.lower() not in person.search_text and "2030" not in person.search_text
    # participants, attendance, chair, minute-taker kept, pointing at the tombstone
    assert Participant.select().count() == participants_before
    rows = {r.contact_id: r for r in P.of_meeting(ids["meeting"])}
    assert rows[ids["person"]].name == "Slettet person"
    assert rows[ids["person"]].attendance == "deltog"
    meeting = Meeting.get_by_id(ids["meeting"])
    assert meeting.chair_id == meeting.minute_taker_id == ids["person"]
    # open actions moved, the finished one stays with the tombstone
    moved = ActionItem.select().where(ActionItem.id.in_(ids["open"]))
    assert {a.responsible_contact_id for a in moved} == {ids["colleague"]}
    assert all("bent andersen" in a.search_text for a in moved)
    done = ActionItem.get_by_id(ids["done"])
    assert done.responsible_contact_id == ids["person"]
    assert NAME.lower() not in done.search_text
    # approved minutes: still approved, same actions, the name replaced
    state = minutes.status(ids["meeting"])
    assert state.locked
    snapshot = minutes.approved_actions(ids["meeting"])
    assert [r.id for r in snapshot] == [r["id"] for r in snapshot_before]
    assert {r.responsible_name for r in snapshot if r.responsible_contact_id == ids["person"]} \
        == {"Slettet person"}
    assert NAME not in meeting.approved_actions


def test_history_keeps_the_erasure_and_not_the_values(db):
    ids = build_world()
    assert NAME in _audit_text()  # the services wrote the name into the history
    result = ER.erase(ids["person"], successor_id=ids["colleague"])
    assert result.audit_scrubbed >= 3
    text = _audit_text()
    for value in (NAME, EMAIL, "20304050", "Beboerrådgiver", "Foretrækker sms", "Navn i ref"):
        assert value not in text
    own = list(AuditEntry.select().where((AuditEntry.entity == "contact")
                                         & (AuditEntry.record_id == ids["person"]))
               .order_by(AuditEntry.id))
    assert [(e.label, e.changes) for e in own[:-1]] == [("Slettet person", "{}")] * (len(own) - 1)
    last = own[-1]
    assert (last.action, last.label, last.changes) == ("erase", "Slettet person", "{}")
    assert last.user and last.at
    # other records' entries: the name replaced, the rest kept
    assert "Bent Andersen" in text and "Karin Olsen" in text
    action_entries = AuditEntry.select().where(AuditEntry.entity == "action_item")
    assert any("Slettet person" in e.changes for e in action_entries)
    # the access log has its trace
    logged = AccessLogEntry.select().where((AccessLogEntry.action == "erase")
                                           & (AccessLogEntry.record_id == ids["person"]))
    assert logged.count() == 1
    # and a second erasure is refused in Danish
    with pytest.raises(ER.AlreadyErasedError, match="allerede slettet"):
        ER.erase(ids["person"])
    assert ER.preview(ids["person"]).already_erased


def test_a_person_with_no_open_actions_is_erased_without_a_successor(db):
    ids = build_world()
    result = ER.erase(ids["bystander"])
    assert result.moved_actions == [] and result.successor_id is None
    assert Contact.get_by_id(ids["bystander"]).name == "Slettet person"
    assert "Karin Olsen" not in _audit_text()


def test_a_missing_contact_is_a_danish_error(db):
    with pytest.raises(NotFoundError, match="findes ikke"):
        ER.erase(424_242)


def test_forum_invitations_go_and_the_preview_says_so(db):
    from tryg_desktop.services.meetings import forums as F

    ids = build_world()
    forum = F.create(F.ForumInput(name="Tryghedsforum Vestbyen"))
    F.add_member(forum.id, contact_id=ids["person"])
    F.add_member(forum.id, contact_id=ids["colleague"])
    seen = ER.preview(ids["person"])
    assert seen.forums == 1
    assert any("invitationsliste i 1 mødeforum" in line for line in seen.what_happens())
    result = ER.erase(ids["person"], successor_id=ids["colleague"])
    assert result.forums_removed == 1
    assert [m.name for m in F.members(forum.id)] == ["Bent Andersen"]
    assert NAME not in _audit_text()


def _indexed(text: str) -> int:
    from tryg_desktop.db.search import contact_search_condition

    return Contact.select().where(contact_search_condition(Contact, text)).count()


@pytest.mark.sqlite_only("the file's raw bytes")
def test_the_name_is_gone_from_the_sqlite_file_and_its_wal(db, db_path):
    ids = build_world()
    # an earlier spelling, corrected: its old bytes lie in the file's free space
    row = C.get(ids["person"])
    C.update(ids["person"], C.ContactInput(name=NAME, title=row.title,
                                           organisation_id=row.organisation_id,
                                           phone=row.phone, mobile=row.mobile, email=row.email,
                                           notes=row.notes + " Ring efter kl. 10."),
             row.version)
    # the contact search's trigram index holds the name's tokens (asked without the access
    # log: a logged search keeps its text there, see the next test)
    assert _indexed("qualmbeck") == 1
    access_log.flush()
    wal = db_path.with_name(db_path.name + "-wal")
    raw = db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert NAME.encode() in raw or NAME.lower().encode() in raw  # a test that can fail
    setting = db.execute_sql("PRAGMA secure_delete").fetchone()[0]
    ER.erase(ids["person"], successor_id=ids["colleague"])
    for needle in (NAME, NAME.lower(), "Qualmbeck", "qualmbeck", "ualmbec", EMAIL,
                   "20304050", "Foretrækker sms"):
        for path in (db_path, wal):
            if path.exists():
                assert needle.encode() not in path.read_bytes(), (needle, path.name)
    assert not wal.exists() or wal.stat().st_size == 0
    assert _indexed("qualmbeck") == 0
    assert _indexed("slettet") == 1
    assert db.execute_sql("PRAGMA secure_delete").fetchone()[0] == setting  # as it was


def test_searches_for_the_person_stay_in_the_access_log_and_the_result_says_so(db):
    ids = build_world()
    C.count(C.ContactFilter(search="Qualmbeck"))
    access_log.flush()
    assert ER.preview(ids["person"]).access_log_searches == 1
    result = ER.erase(ids["person"], successor_id=ids["colleague"])
    assert result.access_log_searches == 1
    assert any("Adgangsloggen" in line and "1 søgning" in line for line in result.summary())
    details = [e.detail for e in AccessLogEntry.select().where(AccessLogEntry.action == "search")]
    assert details == ["Qualmbeck"]  # append-only: kept until the log's retention period


@pytest.mark.server_only("the server's function and VACUUM")
def test_on_the_server_the_scrub_runs_in_the_database_and_vacuum_follows(db):
    ids = build_world()
    before = db.execute_sql("SELECT coalesce(vacuum_count, 0) FROM pg_stat_user_tables "
                            "WHERE relname = 'contact'").fetchone()[0]
    result = ER.erase(ids["person"], successor_id=ids["colleague"])
    assert result.notes == []  # the test's login owns the tables: it may VACUUM
    assert NAME not in _audit_text()
    # the old authors are kept (the trigger of step 9 no longer restamps on UPDATE)
    assert {e.user for e in AuditEntry.select()} == {db.execute_sql(
        "SELECT session_user").fetchone()[0]}
    db.execute_sql("SELECT pg_stat_force_next_flush()")
    after = db.execute_sql("SELECT coalesce(vacuum_count, 0) FROM pg_stat_user_tables "
                           "WHERE relname = 'contact'").fetchone()[0]
    assert after > before
    has_pageinspect = db.execute_sql(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'pageinspect'").fetchone()
    if has_pageinspect:
        db.execute_sql("CREATE EXTENSION IF NOT EXISTS pageinspect")
        tuples = db.execute_sql(
            "SELECT t_data FROM heap_page_items(get_raw_page('contact', 0)) "
            "WHERE t_data IS NOT NULL").fetchall()
        assert tuples and not any(NAME.encode() in bytes(t[0]) for t in tuples)


@pytest.mark.parametrize("role", ["koordinator"])
def test_only_an_administrator_erases_on_the_server(server_url, logins, role):
    import psycopg

    from tests.support.server import as_login
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services import server_admin

    open_database(server_url)
    server_admin.init_server()
    person = C.create(C.ContactInput(name=NAME))
    login = logins(role)
    server_admin.add_user(login, role)
    admin_login = logins("admin")
    server_admin.add_user(admin_login, "admin")
    close_database()
    open_database(as_login(server_url, login))
    try:
        with pytest.raises(access_log.NotAllowedError) as err:
            ER.erase(person.id)
        assert err.value.message == "Kun en administrator (rollen tryg_admin) kan slette en person."
        with pytest.raises(access_log.NotAllowedError):
            ER.preview(person.id)
    finally:
        close_database()
    with psycopg.connect(as_login(server_url, login), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT tryg_erase_audit(%s)", (person.id,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE audit_entry SET label = 'x'")
        assert conn.execute("SELECT name FROM contact WHERE id = %s",
                            (person.id,)).fetchone()[0] == NAME
    # an administrator's login erases, and the server's scrub runs for it; the person's own
    # login is unlinked from the erased contact (the login itself stays: IT removes it)
    linked = logins("person")
    open_database(server_url)
    server_admin.add_user(linked, "laeser", contact_id=person.id)
    close_database()
    open_database(as_login(server_url, admin_login))
    try:
        assert ER.preview(person.id).logins == [linked]
        result = ER.erase(person.id)
        assert result.logins_unlinked == [linked]
        assert result.notes and "VACUUM" in result.notes[0]  # not the tables' owner
        assert Contact.get_by_id(person.id).name == "Slettet person"
        assert NAME not in _audit_text()
    finally:
        close_database()
    with psycopg.connect(server_url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM server_login WHERE contact_id = %s",
                            (person.id,)).fetchone()[0] == 0
