"""Slettefrister (issue 13 point 2) on both databases: the periods in the database with their
defaults, reasons and the access log's legal minimum; what is due per kind (a privatperson's
activity defined by meetings, actions and changes); the purge of each kind, its access-log
trace and audit entries; roles on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tryg_desktop.db import database
from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.models import AuditEntry, Contact, utcnow
from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.db.privacy_models import AccessLogEntry, PrivacySetting
from tryg_desktop.services import audit
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.data_protection import retention as R
from tryg_desktop.services.data_protection.retention_purge import purge
from tryg_desktop.services.meetings import meetings, participants
from tryg_desktop.services.register import contacts as C

LONG_AGO = utcnow() - dt.timedelta(days=3 * 365)


def old_contact(name: str, private: bool = True, active: bool = True,
                when: dt.datetime = LONG_AGO) -> int:
    row = C.create(C.ContactInput(name=name, is_private=private, active=active))
    Contact.update(created_at=when, updated_at=when).where(Contact.id == row.id).execute()
    return row.id


def meeting_on(start: dt.datetime, *contact_ids: int) -> int:
    row = meetings.create(meetings.MeetingInput(title="Dialogmøde Kærby", starts_at=start,
                                                ends_at=start + dt.timedelta(hours=2)))
    for contact_id in contact_ids:
        participants.add_contact(row.id, contact_id)
    return row.id


def due_by_key(**kwargs) -> dict[str, R.Due]:
    return {d.kind.key: d for d in R.due(**kwargs)}


def purge_entries() -> list[str]:
    return [e.detail for e in AccessLogEntry.select().where(AccessLogEntry.action == "purge")
            .order_by(AccessLogEntry.id)]


# --- the periods ---------------------------------------------------------------------------

def test_defaults_reasons_and_a_period_kept_in_the_database(db):
    months = R.periods()
    assert months == {"private_inactive": 24, "inactive_contacts": 12, "episode_notes": 24,
                      "change_history": 60, "access_log": 24, "minutes": None}
    for kind in R.KINDS:
        assert kind.reason and kind.label
    assert "arkivloven" in R.months_text(months["minutes"])
    assert R.months_text(24) == "24 måneder (2 år)" and R.months_text(7) == "7 måneder"

    R.set_period("private_inactive", 18)
    assert R.period("private_inactive") == 18
    stored = PrivacySetting.get(PrivacySetting.key == "retention.private_inactive_months")
    assert stored.value == "18"
    trail = audit.history("privacy_setting", stored.id)
    assert trail[0].changes == {"months": [24, 18]}
    R.set_period("private_inactive", 30)  # changed again: the same row
    assert PrivacySetting.select().count() == 1 and R.period("private_inactive") == 30


def test_the_access_log_minimum_is_refused_with_the_reason_and_nothing_is_stored(db):
    with pytest.raises(R.RetentionError) as refused:
        R.set_period("access_log", 5)
    assert "Datatilsynet forventer, at logningen gemmes i mindst 6 måneder" in \
        refused.value.message
    R.set_period("access_log", 6)  # the minimum itself is allowed
    assert R.period("access_log") == 6
    for key, months in (("minutes", 12), ("change_history", 3), ("episode_notes", 0),
                        ("episode_notes", 121)):
        with pytest.raises(R.RetentionError):
            R.set_period(key, months)
    with pytest.raises(R.RetentionError, match="ingen slettefrist"):
        R.set_period("noget", 12)
    assert R.periods()["episode_notes"] == 24 and PrivacySetting.select().count() == 1


def test_months_before_and_the_logs_cutoff_never_inside_six_months():
    at = dt.datetime(2026, 8, 31, 12)
    assert R.months_before(at, 6) == dt.datetime(2026, 2, 28, 12)
    assert R.months_before(at, 24) == dt.datetime(2024, 8, 31, 12)
    assert R.months_before(dt.datetime(2026, 1, 15), 1) == dt.datetime(2025, 12, 15)
    # Six calendar months can be fewer days than the databases' 183 (28 August back to 28
    # February: 181), so the logs' cutoff is held at 183 days back at least.
    assert dt.datetime(2026, 8, 28) - R.months_before(dt.datetime(2026, 8, 28), 6) == \
        dt.timedelta(days=181)
    for day in (dt.datetime(2026, 8, 28), dt.datetime(2026, 8, 31), dt.datetime(2027, 3, 1)):
        for key in ("access_log", "change_history"):
            assert day - R.cutoff_for(key, 6, day) >= dt.timedelta(days=R.LEGAL_MIN_DAYS)
    assert R.cutoff_for("episode_notes", 1, dt.datetime(2027, 3, 1)) == dt.datetime(2027, 2, 1)


# --- what is due ---------------------------------------------------------------------------

def test_a_privatperson_is_due_only_without_any_activity_in_the_period(db):
    quiet = old_contact("Åse Quist")
    recent_meeting = old_contact("Bo Beboer")
    meeting_on(utcnow() - dt.timedelta(days=30), recent_meeting)
    old_meeting = old_contact("Carl Gammel")
    meeting_on(LONG_AGO, old_meeting)  # a meeting long ago is no activity now
    open_action = old_contact("Dorte Ansvarlig")
    action = ActionItem.create(title="Ryd op", responsible_contact=open_action, status="åben")
    ActionItem.update(created_at=LONG_AGO, updated_at=LONG_AGO).where(
        ActionItem.id == action.id).execute()
    done_action = old_contact("Erik Færdig")
    ActionItem.create(title="Lys", responsible_contact=done_action, status="udført",
                      created_at=LONG_AGO, updated_at=LONG_AGO)
    changed = old_contact("Frida Ny", when=utcnow() - dt.timedelta(days=10))
    chair = old_contact("Gert Ordstyrer")
    meetings.create(meetings.MeetingInput(
        title="Netværksmøde", starts_at=utcnow() - dt.timedelta(days=3),
        ends_at=utcnow() - dt.timedelta(days=3) + dt.timedelta(hours=1), chair_id=chair))
    staff = old_contact("Hanne Ansat", private=False)  # not a privatperson, and active

    found = due_by_key()["private_inactive"]
    ids = {item.record_id for item in found.items}
    assert ids == {quiet, old_meeting, done_action}
    assert found.count == 3
    assert [i.label for i in found.items] == ["Carl Gammel", "Erik Færdig", "Åse Quist"]
    assert not ids & {recent_meeting, open_action, changed, chair, staff}
    assert due_by_key(lists=False)["private_inactive"].count == 3
    assert due_by_key(lists=False)["private_inactive"].items == ()


def test_contacts_made_inactive_are_due_after_their_own_period(db):
    long_inactive = old_contact("Ib Inaktiv", private=False, active=False)
    lately = old_contact("Jens Nylig", private=False, active=False,
                         when=utcnow() - dt.timedelta(days=100))
    active = old_contact("Karen Aktiv", private=False)
    private = old_contact("Lis Beboer", active=False)  # listed once: as a privatperson
    found = due_by_key()
    assert {i.record_id for i in found["inactive_contacts"].items} == {long_inactive}
    assert private in {i.record_id for i in found["private_inactive"].items}
    R.set_period("inactive_contacts", 3)
    again = {i.record_id for i in due_by_key()["inactive_contacts"].items}
    assert again == {long_inactive, lately} and active not in again


def plant_episodes() -> tuple[int, int]:
    place = Place.create(name="Kildeparken")
    old = Episode.create(occurred_on=(utcnow() - dt.timedelta(days=800)).date(), place=place,
                         category="uro", severity=2, note="Mand på bænken råbte af forbipasserende")
    new = Episode.create(occurred_on=(utcnow() - dt.timedelta(days=20)).date(), place=place,
                         category="uro", note="Ny note")
    Episode.create(occurred_on=(utcnow() - dt.timedelta(days=900)).date(), place=place,
                   category="uro", note="")  # nothing to clear
    return old.id, new.id


def test_episode_notes_are_cleared_and_the_episode_stays(db):
    old, new = plant_episodes()
    for episode_id, text in ((old, "Mand på bænken råbte af forbipasserende"), (new, "Ny note")):
        AuditEntry.create(user="anna", entity="episode", record_id=episode_id, action="create",
                          label="Kildeparken", changes=json.dumps(
                              {"category": [None, "Uro"], "note": [None, text]}))
    AuditEntry.create(user="anna", entity="episode", record_id=old, action="update",
                      label="Kildeparken", changes=json.dumps(
                          {"note": ["Mand på bænken råbte af forbipasserende", "Råbte igen"]}))
    authors = {e.id: e.user for e in AuditEntry.select()}
    found = due_by_key()["episode_notes"]
    assert [i.record_id for i in found.items] == [old] and found.count == 1
    assert found.items[0].label.startswith("Kildeparken, ")

    done = {p.kind.key: p for p in purge(keys=["episode_notes"])}
    assert done["episode_notes"].count == 1 and list(done) == ["episode_notes"]
    cleared = Episode.get_by_id(old)
    assert cleared.note == "" and cleared.version == 2
    assert (cleared.category, cleared.severity) == ("uro", 2)
    assert Episode.get_by_id(new).note == "Ny note"
    trail = audit.history("episode", old)
    assert trail[0].changes["note"] == [R.NOTE_CLEARED, ""]
    # The text is gone from the whole history of the episode; the rest of it stays.
    assert [row.changes for row in trail[1:]] == [
        {"note": [R.NOTE_CLEARED, R.NOTE_CLEARED]},
        {"category": [None, "Uro"], "note": [None, R.NOTE_CLEARED]}]
    assert "Ny note" in json.dumps(audit.history("episode", new)[0].changes)
    assert {e.id: e.user for e in AuditEntry.select() if e.id in authors} == authors
    assert purge_entries() == ["episode_notes: 1"]
    assert due_by_key()["episode_notes"].count == 0


def test_old_change_history_is_deleted_and_the_recent_kept(db):
    C.create(C.ContactInput(name="Mads Ny"))
    for n in range(3):
        AuditEntry.create(at=utcnow() - dt.timedelta(days=6 * 365 + n), user="anna",
                          entity="contact", record_id=99, action="update", label="Gammel",
                          changes="{}")
    recent = AuditEntry.select().count() - 3
    assert due_by_key()["change_history"].count == 3

    done = {p.kind.key: p for p in purge(keys=["change_history"])}
    assert done["change_history"].count == 3
    assert AuditEntry.select().count() == recent
    assert AuditEntry.select().where(AuditEntry.label == "Gammel").count() == 0
    assert purge_entries() == ["change_history: 3"]


def old_access_log_rows(n: int, days: int) -> None:
    """Entries `days` old. On PostgreSQL the server stamps `at` itself, so as the table's
    owner (the test's login) its triggers are switched off for the planting."""
    from tryg_desktop.db.dialect import is_server

    rows = [dict(at=utcnow() - dt.timedelta(days=days), user="anna", action="view",
                 record_type="contact", record_id=n) for n in range(n)]
    with database.atomic():
        if is_server():
            database.execute_sql('ALTER TABLE "access_log" DISABLE TRIGGER USER')
        AccessLogEntry.insert_many(rows).execute()
        if is_server():
            database.execute_sql('ALTER TABLE "access_log" ENABLE TRIGGER USER')


def test_the_access_log_is_purged_by_its_period_and_never_inside_six_months(db):
    old_access_log_rows(4, days=800)
    old_access_log_rows(2, days=300)
    access_log.record_now("view", "contact", 1)
    assert due_by_key()["access_log"].count == 4
    R.set_period("access_log", 6)
    assert due_by_key()["access_log"].count == 6

    done = {p.kind.key: p for p in purge(keys=["access_log"])}
    assert done["access_log"].count == 6
    left = [(e.action, e.detail) for e in AccessLogEntry.select().order_by(AccessLogEntry.id)]
    assert left == [("view", ""), ("purge", "access_log: 6")]


def test_the_database_still_refuses_a_purge_inside_six_months(db):
    from peewee import DatabaseError

    from tryg_desktop.db.dialect import is_server

    old_access_log_rows(1, days=100)
    cutoff = utcnow() - dt.timedelta(days=30)
    with pytest.raises(DatabaseError):
        with database.atomic():
            if is_server():
                database.execute_sql("SELECT tryg_access_log_purge(%s)", (cutoff,))
            else:
                AccessLogEntry.delete().where(AccessLogEntry.at < cutoff).execute()
    assert AccessLogEntry.select().count() == 1


def test_minutes_are_kept_and_nothing_due_means_nothing_purged(db):
    found = due_by_key()
    assert found["minutes"].period_months is None and found["minutes"].status == "Slettes ikke"
    assert R.months_text(found["minutes"].period_months) == "gemmes (arkivloven)"
    results = purge()
    assert [p.kind.key for p in results] == ["private_inactive", "inactive_contacts",
                                             "episode_notes", "change_history", "access_log"]
    assert all(p.count == 0 for p in results)


def test_due_json_has_the_documented_fields(db):
    old, _ = plant_episodes()
    rows = R.due_json(R.due())
    notes = next(r for r in rows if r["kind"] == "episode_notes")
    assert set(notes) == {"kind", "label", "period_months", "cutoff", "count", "items"}
    assert notes["items"] == [{"record_type": "episode", "record_id": old,
                               "label": notes["items"][0]["label"]}]
    assert dt.date.fromisoformat(notes["cutoff"]) < dt.date.today()
    assert json.loads(json.dumps(rows, ensure_ascii=False)) == rows


def test_purged_persons_are_erased_through_the_erasure(db):
    erasure = pytest.importorskip("tryg_desktop.services.data_protection.erasure")
    quiet = old_contact("Åse Quist")
    meeting = meeting_on(LONG_AGO, quiet)
    busy = old_contact("Bo Beboer")
    meeting_on(utcnow() - dt.timedelta(days=30), busy)
    done = {p.kind.key: p for p in purge(keys=["private_inactive"])}
    assert done["private_inactive"].count == 1, done["private_inactive"].failed
    assert "Åse Quist" not in {c.name for c in Contact.select()}
    assert participants.of_meeting(meeting)  # the meeting stays whole
    assert "Bo Beboer" in {c.name for c in Contact.select()}
    assert purge_entries() == ["private_inactive: 1"]
    assert due_by_key()["private_inactive"].count == 0  # an erased person is not due again
    assert erasure


@pytest.mark.sqlite_only("the bytes of the SQLite file and its write-ahead log")
def test_a_purge_of_several_persons_leaves_no_name_in_the_file(db, db_path):
    """The purge erases person after person and rewrites the file once, at the end: the names
    are gone from the file and its WAL all the same."""
    names = ["Zyxwunder Qualmbeck", "Vexomir Prundtvig", "Ølstrup Kvaldmose"]
    for name in names:
        meeting_on(LONG_AGO, old_contact(name))
    wal = db_path.with_name(db_path.name + "-wal")
    raw = db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert all(name.encode() in raw for name in names)  # a test that can fail
    done = {p.kind.key: p for p in purge(keys=["private_inactive"])}
    assert done["private_inactive"].count == 3, done["private_inactive"].failed
    for name in names:
        for path in (db_path, wal):
            if path.exists():
                assert name.encode() not in path.read_bytes(), (name, path.name)


# --- roles on the server -------------------------------------------------------------------

def test_a_koordinator_can_neither_purge_nor_set_periods(server_url, logins):
    import psycopg

    from tests.support.server import as_login
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services import server_admin

    open_database(server_url)
    server_admin.init_server()
    login = logins("koord")
    server_admin.add_user(login, "koordinator")
    close_database()
    open_database(as_login(server_url, login))
    assert R.periods()["access_log"] == 24  # anyone reads the periods
    for attempt in (lambda: R.set_period("access_log", 12), purge, R.due):
        with pytest.raises(access_log.NotAllowedError) as refused:
            attempt()
        assert "tryg_admin" in refused.value.message
    close_database()
    with psycopg.connect(as_login(server_url, login), autocommit=True) as conn:
        for sql in ("SELECT tryg_audit_purge('2000-01-01')",
                    "SELECT tryg_access_log_purge('2000-01-01')",
                    "INSERT INTO privacy_setting (key, value) VALUES ('retention.x', '1')",
                    "DELETE FROM audit_entry"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)


def test_an_administrator_login_purges_every_kind_on_the_server(server_url, logins):
    """As tryg_admin (not the owner): the purges go through the SECURITY DEFINER functions
    granted to that role alone (needs tryg_audit_clear_episode_notes(integer[]) among
    db/server/roles.ADMIN_FUNCTIONS on a server whose roles were made after step 13)."""
    from tests.support.server import as_login
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services import server_admin

    open_database(server_url)
    server_admin.init_server()
    old, new = plant_episodes()
    AuditEntry.create(user="x", entity="episode", record_id=old, action="create", label="K",
                      changes=json.dumps({"note": [None, "Mand på bænken"]}))
    AuditEntry.create(at=utcnow() - dt.timedelta(days=6 * 365), user="x", entity="contact",
                      record_id=1, action="update", label="Gammel", changes="{}")
    old_access_log_rows(3, days=800)
    login = logins("admin")
    server_admin.add_user(login, "admin")
    close_database()
    open_database(as_login(server_url, login))
    done = {p.kind.key: p for p in purge()}
    assert (done["episode_notes"].count, done["change_history"].count,
            done["access_log"].count) == (1, 1, 3)
    assert not done["episode_notes"].notes, done["episode_notes"].notes
    assert "bænken" not in json.dumps([r.changes for r in audit.history("episode", old)])
    assert {e.user for e in AccessLogEntry.select().where(AccessLogEntry.action == "purge")} \
        == {login}
    close_database()
