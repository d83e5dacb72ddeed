"""The access log (issue 13, point 1): every kind of access lands in it through the real
services, on SQLite and PostgreSQL; the database refuses to change it; the queue keeps what the
database refused."""

from __future__ import annotations

import pytest

from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.register import contacts, organisations


def _logged(**where) -> list[access_log.LogEntry]:
    access_log.flush()
    return list(reversed(access_log.entries(access_log.LogFilter(**where))))


def _contact(name: str = "Anna Jensen") -> contacts.ContactRow:
    return contacts.create(contacts.ContactInput(name=name, email="anna@example.dk"))


def test_viewing_a_contact_is_logged(db):
    anna = _contact()
    assert contacts.view(anna.id).name == "Anna Jensen"
    [entry] = _logged(action="view")
    assert (entry.record_type, entry.record_id, entry.action_label) == ("contact", anna.id,
                                                                          "Visning")
    assert entry.user and entry.at is not None


def test_get_alone_is_not_a_view(db):
    anna = _contact()
    contacts.get(anna.id)
    assert _logged(action="view") == []


def test_a_search_typed_letter_by_letter_is_one_entry(db):
    _contact()
    for typed in ("A", "An", "Ann", "Anna"):
        flt = contacts.ContactFilter(search=typed)
        contacts.count(flt)
        contacts.fetch(flt, 0, 200)
    contacts.fetch(contacts.ContactFilter(search="Anna"), 200, 200)  # scrolling
    [entry] = _logged(action="search")
    assert (entry.record_type, entry.detail) == ("contact", "Anna")


def test_the_same_search_run_again_soon_after_a_flush_is_not_a_new_entry(db):
    """The list reloads after a save or a colleague's change: the same look, one entry. The
    search after a different one, or a minute later, is logged again."""
    _contact()
    flt = contacts.ContactFilter(search="Anna")
    contacts.fetch(flt, 0, 200)
    access_log.flush()
    contacts.fetch(flt, 0, 200)  # reloaded
    access_log.flush()
    assert [e.detail for e in _logged(action="search")] == ["Anna"]
    contacts.fetch(contacts.ContactFilter(search="Bo"), 0, 200)
    contacts.fetch(flt, 0, 200)
    assert [e.detail for e in _logged(action="search")] == ["Anna", "Bo", "Anna"]


def test_listing_without_search_text_is_not_a_search(db):
    _contact()
    contacts.fetch(contacts.ContactFilter(), 0, 200)
    contacts.count(contacts.ContactFilter(active=True))
    assert _logged(action="search") == []


def test_two_different_searches_are_two_entries(db):
    _contact()
    contacts.fetch(contacts.ContactFilter(search="Anna"))
    contacts.fetch(contacts.ContactFilter(search="Bo"))
    organisations.fetch(organisations.OrganisationFilter(search="Politi"))
    assert [(e.record_type, e.detail) for e in _logged(action="search")] == [
        ("contact", "Anna"), ("contact", "Bo"), ("organisation", "Politi")]


def test_a_cpr_number_searched_for_is_masked_in_the_log(db):
    contacts.fetch(contacts.ContactFilter(search="010203-1234"))
    [entry] = _logged(action="search")
    assert "1234" not in entry.detail


def test_deleting_a_contact_is_logged_with_the_deletion(db):
    anna = _contact()
    contacts.delete(anna.id)
    [entry] = _logged(action="delete")
    assert (entry.record_type, entry.record_id, entry.detail) == ("contact", anna.id,
                                                                   "Kontakten")


def test_deleting_an_organisation_is_logged(db):
    org = organisations.create(organisations.OrganisationInput(name="Kærby Boligforening"))
    organisations.delete(org.id)
    [entry] = _logged(action="delete")
    assert (entry.record_type, entry.record_id) == ("organisation", org.id)


def test_a_refused_deletion_leaves_no_trace(db):
    from tryg_desktop.services.errors import ConflictError

    anna = _contact()
    with pytest.raises(ConflictError):
        contacts.delete(anna.id, version=anna.version + 7)
    assert _logged(action="delete") == []


# --- prints, exports, backups -----------------------------------------------------------------

def _meeting_id(item) -> int:
    from tryg_desktop.db.meeting_models import AgendaItem

    return AgendaItem.get_by_id(item.id).meeting_id


def test_each_meeting_document_printed_is_logged(item, tmp_path):
    from tryg_desktop.services.meetings import printing

    meeting_id = _meeting_id(item)
    printing.agenda_pdf(meeting_id, tmp_path / "dagsorden.pdf")
    printing.agenda_pdf_bytes(meeting_id, runsheet=True)  # a preview
    printing.attendance_pdf(meeting_id, tmp_path / "fremmøde.pdf")
    printing.actions_pdf(tmp_path / "handlinger.pdf", full=True)
    got = [(e.action, e.record_type, e.record_id, e.detail) for e in _logged()]
    assert got == [
        ("print", "meeting", meeting_id, "Dagsorden (deltagerudgave)"),
        ("print", "meeting", meeting_id, "Drejebog (intern udgave)"),
        ("print", "meeting", meeting_id, "Fremmødeliste"),
        ("print", "", None, "Handlingsliste (intern udgave)")]


def test_the_referat_printed_is_logged_with_its_version(item, tmp_path):
    import datetime as dt

    from tryg_desktop.db.meeting_models import Meeting
    from tryg_desktop.services.meetings import printing

    meeting_id = _meeting_id(item)
    # The meeting has begun: a referat can be printed.
    Meeting.update(starts_at=dt.datetime(2020, 1, 6, 14), ends_at=dt.datetime(2020, 1, 6, 16)
                   ).where(Meeting.id == meeting_id).execute()
    printing.minutes_pdf(meeting_id, tmp_path / "referat.pdf", full=True)
    [entry] = _logged(action="print")
    assert (entry.record_type, entry.record_id) == ("meeting", meeting_id)
    assert entry.detail.startswith("Referat (intern udgave)")


def test_a_document_refused_for_a_cpr_number_is_not_logged(db):
    from tryg_desktop.services.errors import CprFoundError
    from tryg_desktop.services.meetings import actions, printing

    from tryg_desktop.db.action_models import ActionItem

    row = actions.create(actions.ActionInput(title="Ring til Anna"))
    # Typed before the guard existed, or by hand: the document must still refuse it.
    ActionItem.update(title="Ring til 010203-1234").where(ActionItem.id == row.id).execute()
    with pytest.raises(CprFoundError):
        printing.actions_pdf_bytes()
    assert _logged(action="print") == []


def test_meeting_plan_and_status_report_printed_and_exported(db, tmp_path):
    import datetime as dt

    from tryg_desktop.services.meetings import meeting_plan_printing
    from tryg_desktop.services.safety import report_printing

    from tryg_desktop.services.meetings import forums, meetings

    forum = forums.create(forums.ForumInput(name="Dialogmøde Kærby", location="Kærby Skole",
                                            rhythm="FREQ=MONTHLY;BYDAY=1TH", start_time="14:00",
                                            duration_minutes=120))
    start_at = dt.datetime(2026, 12, 3, 14)
    meetings.create(meetings.MeetingInput(title="Dialogmøde Kærby", forum_id=forum.id,
                                          starts_at=start_at,
                                          ends_at=start_at + dt.timedelta(hours=2)))
    meeting_plan_printing.meeting_plan_pdf(tmp_path / "plan.pdf", 2026)
    start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    report_printing.print_status_report(tmp_path / "status.pdf", start, end)
    report_printing.write_monthly_csv(tmp_path / "tal.csv", start, end)
    got = [(e.action, e.detail) for e in _logged()]
    assert got == [("print", "Mødeplan 2026"),
                   ("print", "Statusrapport 01.01.2026–30.06.2026"),
                   ("export", "Statusrapport, månedstal (CSV) 01.01.2026–30.06.2026: tal.csv")]


def test_actions_csv_exported_is_logged(db, tmp_path):
    from tryg_desktop.services.meetings import action_export, actions

    actions.create(actions.ActionInput(title="Lys i parken"))
    assert action_export.write_csv(tmp_path / "handlinger.csv") == 1
    [entry] = _logged(action="export")
    assert entry.detail == "Handlinger (CSV): 1 handlinger, handlinger.csv"


def test_a_bilag_saved_is_an_export_and_opened_a_view(item, tmp_path):
    from tryg_desktop.services.meetings import attachments

    bilag = attachments.add(item.id, ("kort.txt", "Kort over pladsen".encode()))
    attachments.save_to(bilag.id, tmp_path / "kort.txt")
    attachments.temporary_copy(bilag.id)
    got = [(e.action, e.record_type, e.record_id, e.detail) for e in _logged()]
    assert got == [("export", "attachment", bilag.id, "Bilag gemt: kort.txt"),
                   ("view", "attachment", bilag.id, "Bilag åbnet: kort.txt")]


def test_contacts_exported_with_their_purpose(db, tmp_path):
    from tryg_desktop.services.register import contact_export

    _contact()
    assert contact_export.export_file(tmp_path / "k.csv", purpose="  Invitation til  møde ") == 1
    contact_export.export_file(tmp_path / "k.vcf", contacts.ContactFilter(search="Anna"),
                               purpose="Telefonliste")
    got = [(e.action, e.record_type, e.detail, e.purpose) for e in _logged(action="export")]
    assert got == [
        ("export", "contact", "Kontakter (CSV): 1 kontakter, k.csv", "Invitation til møde"),
        ("export", "contact", "Kontakter (vCard): 1 kontakter, søgning »Anna«, k.vcf",
         "Telefonliste")]


def test_an_empty_purpose_is_refused_and_nothing_written(db, tmp_path):
    from tryg_desktop.services.register import contact_export

    with pytest.raises(contact_export.PurposeMissingError) as refused:
        contact_export.export_file(tmp_path / "k.csv", purpose="   ")
    assert "formålet" in refused.value.message
    assert not (tmp_path / "k.csv").exists()
    assert _logged(action="export") == []


@pytest.mark.sqlite_only("SQLite's own backup; the server's is tested with the roles")
def test_backups_are_logged(db, tmp_path):
    import datetime as dt

    from tryg_desktop.services import auto_backup, backup

    _contact()
    backup.make_backup(tmp_path / "kopi.sqlite3")
    assert auto_backup.take_daily_backup(today=dt.date(2026, 12, 3)) is not None
    got = [(e.action, e.detail) for e in _logged(action="backup")]
    assert got[0] == ("backup", "Sikkerhedskopi: kopi.sqlite3")
    assert got[1][1].startswith("Daglig sikkerhedskopi: ") and len(got) == 2


# --- the log cannot be changed -----------------------------------------------------------------

def test_the_database_refuses_to_change_or_delete_a_young_entry(db):
    from peewee import DatabaseError

    access_log.record_now("view", "contact", 1)
    with pytest.raises(DatabaseError), db.atomic():
        db.execute_sql("UPDATE access_log SET detail = 'ændret'")
    with pytest.raises(DatabaseError), db.atomic():
        db.execute_sql("DELETE FROM access_log")
    [entry] = _logged()
    assert (entry.action, entry.detail) == ("view", "")


def test_flush_keeps_the_entries_when_the_database_refuses(db):
    from peewee import DatabaseError

    access_log.record("view", "contact", 1)
    access_log.record("search", "contact", detail="Anna")
    # The database refuses every insert for now (as a lost connection would).
    db.execute_sql("CREATE TABLE refuse_marker (x INTEGER)")
    trigger_sql = {
        "sqlite": ["CREATE TRIGGER refuse_log BEFORE INSERT ON access_log "
                   "BEGIN SELECT RAISE(ABORT, 'nej'); END"],
        "postgres": ["CREATE FUNCTION refuse_log() RETURNS trigger LANGUAGE plpgsql AS "
                     "$$ BEGIN RAISE EXCEPTION 'nej'; END $$",
                     "CREATE TRIGGER refuse_log BEFORE INSERT ON access_log "
                     "FOR EACH ROW EXECUTE FUNCTION refuse_log()"]}
    for sql in trigger_sql["sqlite" if _is_sqlite(db) else "postgres"]:
        db.execute_sql(sql)
    with pytest.raises(DatabaseError):
        access_log.flush()
    assert access_log.pending() == 2
    db.execute_sql("DROP TRIGGER refuse_log" + ("" if _is_sqlite(db) else " ON access_log"))
    assert access_log.flush() == 2
    assert [e.action for e in _logged()] == ["view", "search"]


def _is_sqlite(db) -> bool:
    from peewee import SqliteDatabase

    return isinstance(db, SqliteDatabase)


# --- reading it: filters, names, times, CSV ---------------------------------------------------

def test_filters_and_names(db):
    import datetime as dt

    anna = _contact()
    bo = _contact("Bo Berg")
    contacts.view(anna.id)
    contacts.view(bo.id)
    contacts.delete(bo.id)
    access_log.flush()
    rows = access_log.page(access_log.LogFilter(record_type="contact", record_id=anna.id))
    assert [(r.action, r.record_label) for r in rows] == [("view", f"Kontakt {anna.id} – "
                                                                   "Anna Jensen")]
    gone = access_log.page(access_log.LogFilter(record_type="contact", record_id=bo.id))
    assert [(r.action, r.record_label) for r in gone] == [("delete", f"Kontakt {bo.id}"),
                                                          ("view", f"Kontakt {bo.id}")]
    assert access_log.count(access_log.LogFilter(action="view")) == 2
    [user] = access_log.users()
    assert access_log.count(access_log.LogFilter(user=user)) == 3
    assert access_log.count(access_log.LogFilter(user="ingen")) == 0
    since, until = access_log.day_range(dt.date.today() - dt.timedelta(days=1), dt.date.today())
    assert access_log.count(access_log.LogFilter(since=since, until=until)) == 3
    since, until = access_log.day_range(None, dt.date.today() - dt.timedelta(days=2))
    assert access_log.count(access_log.LogFilter(since=since, until=until)) == 0


def test_local_time_text_is_danish():
    import datetime as dt

    text = access_log.local_time_text(dt.datetime(2026, 12, 3, 13, 5))
    assert text.startswith("03.12.2026 kl. ")  # as the Historik tab writes a time
    assert access_log.iso_utc(dt.datetime(2026, 12, 3, 13, 5, 7)) == "2026-12-03T13:05:07Z"


def test_csv_export_parses_back_and_is_itself_logged(db, tmp_path):
    import csv

    anna = _contact()
    contacts.view(anna.id)
    contacts.fetch(contacts.ContactFilter(search="=Anna"))  # a formula for Excel: guarded
    access_log.flush()
    path = tmp_path / "log.csv"
    assert access_log.write_csv(path, access_log.LogFilter(record_type="contact")) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == access_log.CSV_COLUMNS
    assert [(r[3], r[6], r[7]) for r in rows[1:]] == [
        ("Søgning", "Kontakt", "'=Anna"), ("Visning", f"Kontakt {anna.id} – Anna Jensen", "")]
    assert rows[1][0].endswith("Z")
    [entry] = _logged(action="export")
    assert entry.detail == "Adgangsloggen (CSV): 2 indgange, kontakt, log.csv"
