import sqlite3

import pytest
from peewee import SqliteDatabase

from tryg_desktop.db import DatabaseTooNewError, close_database, migrations, open_database
from tryg_desktop.l10n import COLLATION_NAME, danish_compare
from tryg_desktop.services.register import contacts as C


def _make_version_1(path):
    """A database exactly as the first schema version left it, with data in it."""
    old = SqliteDatabase(str(path))
    old.register_collation(danish_compare, COLLATION_NAME)
    old.connect()
    assert migrations.migrate(old, target=1) == 1
    old.execute_sql("INSERT INTO organisation (name, kind, street, postal_code, city, phone, email,"
                    " website, notes, active, version, created_at, updated_at) VALUES "
                    "('Kirkens Korshær', 'ngo', '', '9000', 'Aalborg', '', '', '', '', 1, 1,"
                    " '2026-01-01', '2026-01-01')")
    old.execute_sql("INSERT INTO contact (name, title, organisation_id, phone, mobile, email, notes,"
                    " active, is_private, version, created_at, updated_at) VALUES "
                    "('Søren Ærbø', 'Leder', 1, '+4598123456', '', 'soren@kk.dk', 'Gammel note',"
                    " 1, 0, 3, '2026-01-01', '2026-01-01')")
    old.execute_sql("INSERT INTO contact (name, title, organisation_id, phone, mobile, email, notes,"
                    " active, is_private, version, created_at, updated_at) VALUES "
                    "('Aage Aabo', '', NULL, '', '', '', '', 1, 0, 1, '2026-01-01', '2026-01-01')")
    old.close()


def test_version_1_database_migrates_without_losing_data(db_path):
    _make_version_1(db_path)
    open_database(db_path)
    try:
        version = sqlite3.connect(db_path).execute("SELECT version FROM schema_version").fetchone()
        assert version == (migrations.LATEST,)
        rows = C.fetch(C.ContactFilter())
        # Step 3's sort keys are filled in for old rows: "Aa" sorts as Å, after Ø and S.
        assert [r.name for r in rows] == ["Søren Ærbø", "Aage Aabo"]
        row = rows[0]
        assert (row.name, row.organisation_name, row.notes, row.version) == (
            "Søren Ærbø", "Kirkens Korshær", "Gammel note", 3)
        # The step-2 search index covers the rows that existed before it.
        assert C.count(C.ContactFilter(search="korshær")) == 1
        assert C.count(C.ContactFilter(search="98 12 34")) == 1
        # And keeps up with new ones.
        C.create(C.ContactInput(name="Ny Kontakt", title="Korshær-frivillig"))
        assert C.count(C.ContactFilter(search="korshær")) == 2
    finally:
        close_database()


def test_reopening_is_idempotent(db_path):
    open_database(db_path)
    C.create(C.ContactInput(name="Ole"))
    close_database()
    open_database(db_path)
    assert C.count(C.ContactFilter()) == 1
    close_database()


def test_newer_database_is_refused_untouched(db_path):
    open_database(db_path)
    close_database()
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE schema_version SET version = 99")
    raw.commit()
    raw.close()
    with pytest.raises(DatabaseTooNewError) as err:
        open_database(db_path)
    assert "nyere version" in str(err.value)
    close_database()


@pytest.mark.sqlite_only("SQLite's pragmas")
def test_wal_and_foreign_keys_are_on(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
