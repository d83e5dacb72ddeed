from peewee import SqliteDatabase

from tryg_desktop.db import close_database, migrations, open_database
from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Forum, Meeting
from tryg_desktop.db.models import BaseModel, SchemaVersion
from tryg_desktop.l10n import COLLATION_NAME, danish_compare


def _make_version_5(path):
    old = SqliteDatabase(str(path))
    old.register_collation(danish_compare, COLLATION_NAME)
    old.connect()
    assert migrations.migrate(old, target=5) == 5
    old.execute_sql(
        "INSERT INTO meeting (title, kind, starts_at, ends_at, location, purpose, status, ics_uid,"
        " ics_sequence, version, created_at, updated_at, search_text) VALUES "
        "('Dialogmøde Kildeparken', 'dialogmøde', '2026-12-03 14:00:00', '2026-12-03 16:00:00',"
        " 'Kildeparken', '', 'planlagt', 'abc@tryg-desktop', 0, 1, '2026-01-01',"
        " '2026-01-01', 'dialogmøde kildeparken')")
    old.close()


def test_version_5_database_migrates_to_6_keeping_meetings(db_path):
    _make_version_5(db_path)
    db = open_database(db_path)
    try:
        assert migrations.schema_version(db) == migrations.LATEST >= 6
        meeting = Meeting.get_by_id(1)
        assert (meeting.title, meeting.place_id, meeting.effort_id) == (
            "Dialogmøde Kildeparken", None, None)
    finally:
        close_database()


def test_every_model_column_exists_in_the_migrated_schema(db):
    """The live models and the frozen steps must agree, column for column."""
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    import tryg_desktop.db.action_models  # noqa: F401  (registers the models)
    import tryg_desktop.db.place_models  # noqa: F401

    for model in subclasses(BaseModel):
        if model is SchemaVersion:  # a one-row table without an id
            continue
        table = model._meta.table_name
        columns = {column.name for column in db.get_columns(table)}
        wanted = {f.column_name for f in model._meta.sorted_fields}
        assert wanted <= columns, (table, wanted - columns)


def test_links_to_a_deleted_place_are_cleared(db):
    db.execute_sql("INSERT INTO place (name, district, kind, notes, active, version, created_at,"
                   " updated_at, sort_name) VALUES ('Budolfi Plads', 'Aalborg Midtby', 'plads',"
                   " '', TRUE, 1, '2026-01-01', '2026-01-01', '')")
    Forum.insert(name="Tryghedsforum", place=1).execute()
    ActionItem.insert(title="Bænke", place=1).execute()
    db.execute_sql("DELETE FROM place WHERE id = 1")
    assert Forum.get_by_id(1).place_id is None
    assert ActionItem.get_by_id(1).place_id is None
