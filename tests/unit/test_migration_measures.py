"""Migration step 16: the safety_measure table, added to a version-15 database."""

import datetime as dt

from peewee import SqliteDatabase

from tryg_desktop.db import close_database, migrations, open_database
from tryg_desktop.db.place_models import Place, SafetyMeasure
from tryg_desktop.l10n import COLLATION_NAME, danish_compare


def test_version_15_database_gains_safety_measures_keeping_places(db_path):
    old = SqliteDatabase(str(db_path))
    old.register_collation(danish_compare, COLLATION_NAME)
    old.connect()
    assert migrations.migrate(old, target=15) == 15
    old.execute_sql("INSERT INTO place (name, district, kind, notes, active, version, created_at,"
                    " updated_at, sort_name) VALUES ('Kildeparken', 'Aalborg Midtby', 'park', '',"
                    " 1, 1, '2026-01-01', '2026-01-01', '')")
    old.close()
    db = open_database(db_path)
    try:
        assert migrations.schema_version(db) == migrations.LATEST >= 16
        assert Place.get_by_id(1).name == "Kildeparken"
        SafetyMeasure.create(kind="undersøgelse", place=1, period_start=dt.date(2025, 1, 1),
                             period_end=dt.date(2025, 12, 31), source="Beboerne", value=58.5)
        SafetyMeasure.create(kind="tryghedsvandring", district="Aalborg Midtby",
                             period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 3, 1),
                             findings="Mørk sti")
        walk = SafetyMeasure.get(SafetyMeasure.kind == "tryghedsvandring")
        assert (walk.place_id, walk.value, walk.respondents, walk.version) == (None, None, None, 1)
        # Deleting the place takes its own measures along; the district's stays.
        Place.delete_by_id(1)
        assert [m.kind for m in SafetyMeasure.select()] == ["tryghedsvandring"]
    finally:
        close_database()
