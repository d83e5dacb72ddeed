"""Migration step 7: a version-6 database keeps its forums and meetings, and the old rhythm
codes become calendar rules that keep the weekday of the forum's latest meeting."""

import datetime as dt

from peewee import SqliteDatabase

from tryg_desktop.db import close_database, migrations, open_database
from tryg_desktop.db.meeting_models import Forum, Meeting
from tryg_desktop.db.migrations.meeting_work import legacy_rule
from tryg_desktop.l10n import COLLATION_NAME, danish_compare


def _make_version_6(path):
    old = SqliteDatabase(str(path))
    old.register_collation(danish_compare, COLLATION_NAME)
    old.connect()
    assert migrations.migrate(old, target=6) == 6
    for name, rhythm in (("Netværket", "biweekly"), ("Styregruppen", "quarterly"),
                         ("Ad hoc", "none")):
        old.execute_sql(
            "INSERT INTO forum (name, description, location, rhythm, meeting_kind, start_time,"
            " duration_minutes, active, version, created_at, updated_at, sort_name) VALUES "
            "(?, '', '', ?, 'dialogmøde', '14:00', 120, 1, 1, '2026-01-01', '2026-01-01', '')",
            (name, rhythm))
    # The network met on Tuesday 1 December 2026, the steering group on the last Thursday of
    # September (the 24th, the fourth Thursday: so "fourth Thursday" is kept, not "last").
    for forum_id, starts in ((1, "2026-12-01 14:00:00"), (2, "2026-09-24 10:00:00")):
        old.execute_sql(
            "INSERT INTO meeting (title, forum_id, kind, starts_at, ends_at, location, purpose,"
            " status, ics_uid, ics_sequence, version, created_at, updated_at, search_text,"
            " minutes_status) VALUES ('Møde', ?, 'dialogmøde', ?, ?, '', '', 'planlagt', ?, 0, 1,"
            " '2026-01-01', '2026-01-01', '', 'kladde')",
            (forum_id, starts, starts, f"uid{forum_id}"))
    old.close()


def test_version_6_database_migrates_to_7_with_rules(db_path):
    _make_version_6(db_path)
    db = open_database(db_path)
    try:
        assert migrations.schema_version(db) == migrations.LATEST >= 7
        rules = {f.name: f.rhythm for f in Forum.select()}
        assert rules == {"Netværket": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
                         "Styregruppen": "FREQ=MONTHLY;INTERVAL=3;BYDAY=4TH",
                         "Ad hoc": ""}
        meeting = Meeting.get_by_id(1)
        assert (meeting.case_number, meeting.approved_actions, meeting.invitation_sent_at) == (
            "", "", None)
    finally:
        close_database()


def test_legacy_rule_keeps_weekday_and_week_of_month():
    assert legacy_rule("weekly", dt.date(2027, 1, 6)) == "FREQ=WEEKLY;INTERVAL=1;BYDAY=WE"
    assert legacy_rule("monthly", dt.date(2027, 1, 12)) == "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU"
    assert legacy_rule("bimonthly", dt.date(2027, 3, 30)) == "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"
    assert legacy_rule("FREQ=WEEKLY;BYDAY=MO", None) == "FREQ=WEEKLY;BYDAY=MO"
