import datetime as dt

from peewee import SqliteDatabase

from tryg_desktop.db import close_database, migrations, open_database
from tryg_desktop.l10n import COLLATION_NAME, danish_compare
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import minutes as R


def _make_version_4(path):
    """A database as schema version 4 left it, with a meeting in it."""
    old = SqliteDatabase(str(path))
    old.register_collation(danish_compare, COLLATION_NAME)
    old.connect()
    assert migrations.migrate(old, target=4) == 4
    old.execute_sql(
        "INSERT INTO meeting (title, kind, starts_at, ends_at, location, purpose, status, ics_uid,"
        " ics_sequence, version, created_at, updated_at, search_text) VALUES "
        "('Dialogmøde Kærby', 'dialogmøde', '2026-12-03 14:00:00', '2026-12-03 16:00:00',"
        " 'Kærby Bibliotek', '', 'afholdt', 'abc@tryg-desktop', 2, 4, '2026-01-01',"
        " '2026-01-01', 'dialogmøde kærby')")
    old.execute_sql("INSERT INTO agenda_item (meeting_id, position, title, kind, presenter,"
                    " minutes, background, proposal, closed, notes, decision, version) VALUES "
                    "(1, 1, 'Belysning', 'beslutning', '', 10, '', '', 0, 'Referat', '', 1)")
    old.close()


def test_version_4_database_migrates_to_5_keeping_data(db_path):
    _make_version_4(db_path)
    db = open_database(db_path)
    try:
        assert migrations.schema_version(db) == migrations.LATEST >= 5
        row = M.get(1)
        assert (row.title, row.location, row.ics_sequence, row.version) == (
            "Dialogmøde Kærby", "Kærby Bibliotek", 2, 4)
        state = R.status(1)
        assert (state.status, state.comment_deadline, state.approved_on) == ("kladde", None, None)
        assert R.missing_decisions(1) == [1]
        action = X.create(X.ActionInput(title="Skift pærer", meeting_id=1, agenda_item_id=1,
                                        due=dt.date(2026, 12, 20)))
        assert (action.meeting_title, action.item_number) == ("Dialogmøde Kærby", 1)
        indexes = {r[1] for r in db.execute_sql("PRAGMA index_list('action_item')").fetchall()}
        assert {"action_item_status_due", "action_item_forum_id_status",
                "action_item_meeting_id"} <= indexes
    finally:
        close_database()
