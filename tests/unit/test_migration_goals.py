"""Migration step 15: an effort's goal columns, added to a version-14 database."""

import datetime as dt

from peewee import SqliteDatabase

from tryg_desktop.db import close_database, migrations, open_database
from tryg_desktop.db.place_models import Effort
from tryg_desktop.l10n import COLLATION_NAME, danish_compare


def test_version_14_database_gains_goal_columns_keeping_efforts(db_path):
    old = SqliteDatabase(str(db_path))
    old.register_collation(danish_compare, COLLATION_NAME)
    old.connect()
    assert migrations.migrate(old, target=14) == 14
    old.execute_sql("INSERT INTO effort (title, strand, goal, starts_on, status, version,"
                    " created_at, updated_at, sort_title) VALUES ('Lys', 'byrum',"
                    " 'færre råben og skænderier', '2026-02-15', 'i gang', 1, '2026-01-01',"
                    " '2026-01-01', '')")
    old.close()
    db = open_database(db_path)
    try:
        assert migrations.schema_version(db) == migrations.LATEST >= 15
        effort = Effort.get_by_id(1)
        # The old free-text goal stays; no indicator until one is stated.
        assert (effort.goal, effort.goal_change, effort.goal_due, effort.goal_categories) == (
            "færre råben og skænderier", None, None, "")
        Effort.update(goal_change=-20, goal_due=dt.date(2026, 12, 31),
                      goal_categories="råben").execute()
        assert Effort.get_by_id(1).goal_due == dt.date(2026, 12, 31)
    finally:
        close_database()
