"""Ordered schema steps. A database made by any released version opens in every later one.

Each step is frozen: it declares the tables as they were at that step, never the live models,
so changing models.py later cannot change what an old step does. Append new steps; never edit
a released one.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from tryg_desktop.db.dialect import for_database
from tryg_desktop.db.errors import DatabaseTooNewError
from tryg_desktop.db.migrations.server import step_9_server
from tryg_desktop.db.migrations.live import step_10_live
from tryg_desktop.db.migrations.privacy import step_11_privacy
from tryg_desktop.db.migrations.erasure import step_12_erasure
from tryg_desktop.db.migrations.retention import step_13_retention
from tryg_desktop.db.migrations.comparison import step_14_comparison
from tryg_desktop.db.migrations.goals import step_15_goals
from tryg_desktop.db.migrations.measures import step_16_measures


def _bind(db, *models):
    for model in models:
        model._meta.set_database(db)


def _add_text_column(db, table: str, column: str) -> None:
    """Plain ALTER TABLE, valid on SQLite and PostgreSQL alike. (peewee's SQLite migrator
    rebuilds the table for a NOT NULL column, which drops the search triggers.)"""
    db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" TEXT NOT NULL DEFAULT \'\'')


def _step_1_register(db) -> None:
    """Organisations, contacts and the audit trail."""

    class Base(Model):
        class Meta:
            legacy_table_names = False

    class Organisation(Base):
        name = CharField()
        kind = CharField(default="andet")
        street = CharField(default="")
        postal_code = CharField(default="")
        city = CharField(default="")
        phone = CharField(default="")
        email = CharField(default="")
        website = CharField(default="")
        notes = TextField(default="")
        active = BooleanField(default=True)
        version = IntegerField(default=1)
        created_at = DateTimeField(default=dt.datetime.utcnow)
        updated_at = DateTimeField(default=dt.datetime.utcnow)

    class Contact(Base):
        name = CharField()
        title = CharField(default="")
        organisation = ForeignKeyField(Organisation, null=True, on_delete="SET NULL")
        phone = CharField(default="")
        mobile = CharField(default="")
        email = CharField(default="")
        notes = TextField(default="")
        active = BooleanField(default=True)
        is_private = BooleanField(default=False)
        version = IntegerField(default=1)
        created_at = DateTimeField(default=dt.datetime.utcnow)
        updated_at = DateTimeField(default=dt.datetime.utcnow)

    class AuditEntry(Base):
        at = DateTimeField(index=True)
        user = CharField()
        entity = CharField()
        record_id = IntegerField()
        action = CharField()
        label = CharField(default="")
        changes = TextField(default="{}")

        class Meta:
            indexes = ((("entity", "record_id"), False),)

    _bind(db, Organisation, Contact, AuditEntry)
    db.create_tables([Organisation, Contact, AuditEntry])
    # Danish-ordered indexes: sorting by name walks the index instead of sorting every row.
    # NOCASE (ASCII) suits e-mail addresses: duplicate checks look them up case-insensitively.
    dialect = for_database(db)
    for table, column in (("organisation", "name"), ("contact", "name"), ("contact", "title")):
        dialect.danish_index(db, f"{table}_{column}_danish", table, column)
    dialect.case_blind_index(db, "contact_email", "contact", "email")


def _step_2_contact_search(db) -> None:
    """search_text on contacts, and its trigram index (FTS5 with triggers on SQLite, pg_trgm
    on PostgreSQL)."""
    from tryg_desktop.db.derived import contact_search_text

    _add_text_column(db, "contact", "search_text")
    rows = db.execute_sql(
        'SELECT c.id, c.name, o.name, c.title, c.email, c.phone, c.mobile FROM "contact" c '
        'LEFT JOIN "organisation" o ON o.id = c.organisation_id').fetchall()
    p = db.param
    for contact_id, *fields in rows:
        db.execute_sql(f'UPDATE "contact" SET search_text = {p} WHERE id = {p}',
                       (contact_search_text(*fields), contact_id))
    for_database(db).contact_search_index(db)


def _step_3_sort_keys(db) -> None:
    """Danish sort keys as plain indexed columns. The step-1 indexes compared through the
    Python QCollator callback on every insert and every sort; at 100,000 contacts that made
    sorting by organisation take a third of a second and an import of 10,000 rows seconds."""
    from tryg_desktop.db.derived import contact_derived, organisation_derived

    for table, column in (("organisation", "sort_name"), ("organisation", "sort_city"),
                          ("contact", "sort_name"), ("contact", "sort_title"),
                          ("contact", "sort_organisation")):
        _add_text_column(db, table, column)
    p = db.param
    for org_id, name, city in db.execute_sql('SELECT id, name, city FROM "organisation"').fetchall():
        keys = organisation_derived(name, city)
        db.execute_sql(f'UPDATE "organisation" SET sort_name = {p}, sort_city = {p} WHERE id = {p}',
                       (keys["sort_name"], keys["sort_city"], org_id))
    rows = db.execute_sql(
        'SELECT c.id, c.name, o.name, c.title, c.email, c.phone, c.mobile FROM "contact" c '
        'LEFT JOIN "organisation" o ON o.id = c.organisation_id').fetchall()
    for contact_id, *fields in rows:
        keys = contact_derived(*fields)
        db.execute_sql(f'UPDATE "contact" SET sort_name = {p}, sort_title = {p}, '
                       f'sort_organisation = {p} WHERE id = {p}',
                       (keys["sort_name"], keys["sort_title"], keys["sort_organisation"],
                        contact_id))
    for index in ("organisation_name_danish", "contact_name_danish", "contact_title_danish"):
        db.execute_sql(f'DROP INDEX IF EXISTS "{index}"')
    for name, table, columns in (
            ("organisation_sort_name", "organisation", "sort_name"),
            ("organisation_sort_city", "organisation", "sort_city, sort_name"),
            ("organisation_active", "organisation", "active"),
            # search_text rides along so that a one- or two-letter search (LIKE, below the
            # trigram index's three letters) reads only the index while it walks it in order.
            ("contact_sort_name", "contact", "sort_name, search_text"),
            ("contact_sort_title", "contact", "sort_title, sort_name"),
            ("contact_sort_organisation", "contact", "sort_organisation, sort_name"),
            # The Oversigt counts contacts by these two at start-up: an index answers it.
            ("contact_active_private", "contact", "active, is_private")):
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})')


def _step_4_meetings(db) -> None:
    from tryg_desktop.db.migrations.meetings import step_4_meetings

    step_4_meetings(db)


def _step_5_actions(db) -> None:
    from tryg_desktop.db.migrations.actions import step_5_actions

    step_5_actions(db)


def _step_6_places(db) -> None:
    from tryg_desktop.db.migrations.places import step_6_places

    step_6_places(db)


def _step_7_meeting_work(db) -> None:
    from tryg_desktop.db.migrations.meeting_work import step_7_meeting_work

    step_7_meeting_work(db)


def _step_8_derived_text(db) -> None:
    from tryg_desktop.db.migrations.derived_text import step_8_derived_text

    step_8_derived_text(db)


STEPS = [_step_1_register, _step_2_contact_search, _step_3_sort_keys, _step_4_meetings,
         _step_5_actions, _step_6_places, _step_7_meeting_work, _step_8_derived_text,
         step_9_server, step_10_live, step_11_privacy, step_12_erasure, step_13_retention,
         step_14_comparison, step_15_goals, step_16_measures]
LATEST = len(STEPS)


def schema_version(db) -> int:
    # Created only when missing: PostgreSQL checks the right to create a table before it sees
    # that one exists, so a login that may only read (a tryg_laeser) failed here.
    if not for_database(db).table_exists(db, "schema_version"):
        db.execute_sql('CREATE TABLE "schema_version" ("version" INTEGER NOT NULL)')
    row = db.execute_sql('SELECT MAX("version") FROM "schema_version"').fetchone()
    return row[0] or 0


def stored_schema_version(db) -> int:
    """The schema version without writing anything (for a read-only file): 0 if unversioned."""
    if not for_database(db).table_exists(db, "schema_version"):
        return 0
    row = db.execute_sql('SELECT MAX("version") FROM "schema_version"').fetchone()
    return row[0] or 0


def check_version(current: int) -> None:
    if current > LATEST:
        raise DatabaseTooNewError(
            f"Databasen er lavet af en nyere version af Tryg Desktop (skemaversion {current}). "
            "Opdatér programmet for at åbne den.")


def migrate(db, target: int = LATEST) -> int:
    """Run the steps the file lacks, each in its own transaction; returns the new version."""
    dialect = for_database(db)
    current = schema_version(db)
    check_version(current)
    # Each step under the dialect's lock, and the version read again under it: two processes
    # opening an old database at once both saw the old version; the second ran a step the
    # first had just committed and failed with "duplicate column name".
    for number in range(current + 1, target + 1):
        with db.atomic(**dialect.migration_lock(db)):
            dialect.lock_for_migration(db)
            if schema_version(db) >= number:
                continue  # another process did this step meanwhile
            STEPS[number - 1](db)
            dialect.after_step(db)
            db.execute_sql('DELETE FROM "schema_version"')
            db.execute_sql(f'INSERT INTO "schema_version" ("version") VALUES ({db.param})',
                           (number,))
    return max(current, target)
