"""Migration step 14: an effort's comparison places, added to a version-13 database."""

from peewee import SqliteDatabase

from tryg_desktop.db import close_database, migrations, open_database
from tryg_desktop.db.place_models import Effort, EffortComparisonPlace, Place
from tryg_desktop.l10n import COLLATION_NAME, danish_compare


def test_version_13_database_gains_comparison_places_keeping_efforts(db_path):
    old = SqliteDatabase(str(db_path))
    old.register_collation(danish_compare, COLLATION_NAME)
    old.connect()
    assert migrations.migrate(old, target=13) == 13
    old.execute_sql("INSERT INTO place (name, district, kind, notes, active, version, created_at,"
                    " updated_at, sort_name) VALUES ('Kildeparken', '', 'park', '', 1, 1,"
                    " '2026-01-01', '2026-01-01', ''), ('Budolfi Plads', '', 'plads', '', 1, 1,"
                    " '2026-01-01', '2026-01-01', '')")
    old.execute_sql("INSERT INTO effort (title, strand, goal, starts_on, status, version,"
                    " created_at, updated_at, sort_title) VALUES ('Lys', 'byrum', '',"
                    " '2026-02-15', 'i gang', 1, '2026-01-01', '2026-01-01', '')")
    old.close()
    db = open_database(db_path)
    try:
        assert migrations.schema_version(db) == migrations.LATEST >= 14
        assert Effort.get_by_id(1).title == "Lys"
        EffortComparisonPlace.create(effort=1, place=2)
        # Deleting the place (or the effort) takes its comparison link along.
        Place.delete_by_id(2)
        assert EffortComparisonPlace.select().count() == 0
    finally:
        close_database()
