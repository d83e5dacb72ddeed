"""Moving a team's data between a SQLite file and the server (issue 12, point 3): `server upload`
copies a local file into an empty server database, `backup` (on the server) copies the server's
data into a fresh, portable SQLite file. Table by table in foreign-key order (from the models),
ids kept, every column as it is (derived columns too: search text, sort keys,
from_closed_item), then counted on both sides.

The PostgreSQL pieces (triggers off, sequences, a read snapshot) are db/server/roles.py's; what
concerns the SQLite file alone is marked here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peewee import BlobField, sort_models

from tryg_desktop.db.server import roles as server_roles
from tryg_desktop.errors import ServiceError

_ROWS_PER_CHUNK = 500
_VALUES_PER_CHUNK = 15_000  # below SQLite's 32,766 and PostgreSQL's 65,535 parameters
_BLOB_ROWS_PER_CHUNK = 20  # bilag can be megabytes each


class TransferError(ServiceError):
    """Nothing was copied (or the copy was removed): the message says why, in Danish."""


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int


def data_models() -> list:
    """Every table of the current schema but schema_version, parents before children."""
    from tryg_desktop.db import (
        action_models,
        meeting_models,
        models,
        place_models,
        privacy_models,
    )

    found = []
    for module in (models, meeting_models, place_models, action_models, privacy_models):
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, models.BaseModel)
                    and value is not models.BaseModel and value is not models.SchemaVersion
                    and value not in found):
                found.append(value)
    return sort_models(found)


def table_names() -> list[str]:
    return [model._meta.table_name for model in data_models()]


def count_rows(db, table: str) -> int:
    return db.execute_sql(f"SELECT COUNT(*) FROM {server_roles.identifier(table)}").fetchone()[0]


def counts(db) -> dict[str, int]:
    return {table: count_rows(db, table) for table in table_names()}


# --- the seed every migrated database holds ---------------------------------------------------

_SEED_TABLES = ("agenda_template", "agenda_template_item")


def holds_only_the_seed(db) -> bool:
    """True when db has no data but what migration step 4 puts in every new database (the
    standard agenda template and its items, unchanged): then it counts as empty."""
    for table in table_names():
        if table not in _SEED_TABLES and count_rows(db, table):
            return False
    p = db.param
    row = db.execute_sql(
        'SELECT COUNT(*), COALESCE(SUM(CASE WHEN is_standard AND version = 1 THEN 1 ELSE 0 '
        'END), 0) FROM "agenda_template"').fetchone()
    templates, seeded = row
    if templates > 1 or templates != seeded:
        return False
    stray = db.execute_sql(
        f'SELECT COUNT(*) FROM "agenda_template_item" WHERE template_id NOT IN '
        f'(SELECT id FROM "agenda_template" WHERE is_standard = {p})', (True,)).fetchone()[0]
    return stray == 0


def remove_seed(db) -> None:
    """The standard template of a new database goes; the copy brings the source's own."""
    db.execute_sql('DELETE FROM "agenda_template_item"')
    db.execute_sql('DELETE FROM "agenda_template"')


# --- copying ----------------------------------------------------------------------------------

def _column_names(db, table: str) -> set[str]:
    return {column.name for column in db.get_columns(table)}


def _check_columns(source, target, model) -> list:
    """The model's fields, once both databases have exactly its columns: a column the app does
    not know would not be copied, and that must not pass silently."""
    table = model._meta.table_name
    fields = list(model._meta.sorted_fields)
    wanted = {field.column_name for field in fields}
    for db, side in ((source, "kilden"), (target, "målet")):
        found = _column_names(db, table)
        if found != wanted:
            odd = sorted(found ^ wanted)
            raise TransferError(
                f"Tabellen {table} i {side} har ikke de kolonner, denne version af Tryg "
                f"Desktop kender ({', '.join(odd)}). Brug samme version af programmet til "
                "begge databaser. Intet er kopieret.")
    return fields


def copy_table(source, target, model) -> int:
    """Every row of model's table from source into target, ids kept; returns rows copied."""
    fields = _check_columns(source, target, model)
    table = server_roles.identifier(model._meta.table_name)
    columns = ", ".join(server_roles.identifier(field.column_name) for field in fields)
    blobs = [isinstance(field, BlobField) for field in fields]
    per_chunk = _BLOB_ROWS_PER_CHUNK if any(blobs) else \
        max(1, min(_ROWS_PER_CHUNK, _VALUES_PER_CHUNK // len(fields)))
    read = (f"SELECT {columns} FROM {table} WHERE id > {source.param} "
            f"ORDER BY id LIMIT {per_chunk}")
    one_row = "(" + ", ".join([target.param] * len(fields)) + ")"
    copied, last = 0, 0
    while True:
        rows = source.execute_sql(read, (last,)).fetchall()
        if not rows:
            return copied
        params = []
        for row in rows:
            for field, blob, value in zip(fields, blobs, row):
                if value is None:
                    params.append(None)
                elif blob:
                    params.append(bytes(value))
                else:
                    params.append(field.db_value(field.python_value(value)))
        target.execute_sql(f"INSERT INTO {table} ({columns}) VALUES "
                           + ", ".join([one_row] * len(rows)), params)
        copied += len(rows)
        last = rows[-1][fields.index(model._meta.primary_key)]


def copy_all(source, target, leave_out: frozenset[str] = frozenset()) -> list[TableCount]:
    """Every data table but those in leave_out, parents first; then both sides counted. A
    difference is a TransferError (the caller's transaction then rolls back)."""
    models = [m for m in data_models() if m._meta.table_name not in leave_out]
    for model in models:
        copy_table(source, target, model)
    result = [TableCount(table, count_rows(source, table), count_rows(target, table))
              for table in (m._meta.table_name for m in models)]
    wrong = [row for row in result if row.source != row.target]
    if wrong:
        detail = ", ".join(f"{row.table}: {row.source} mod {row.target}" for row in wrong)
        raise TransferError(f"Antallet af rækker passer ikke efter kopieringen ({detail}). "
                            "Intet er gemt.")
    return result


# --- the two directions -----------------------------------------------------------------------

def open_beside(path: Path):
    """Open (create, migrate) the SQLite file at path as a second database. The app's (the
    models' proxy) is never switched, not even for a moment: the copy is written by a worker
    while the window's pages go on reading the server."""
    from tryg_desktop.db.opening import open_database

    return open_database(path, install=False)


def upload(server, source_path: Path) -> list[TableCount]:
    """Copy the SQLite file at source_path into the server database (empty: no data but the
    new database's standard agenda template), in one transaction: triggers off meanwhile (the
    audit trail keeps its authors), sequences set past the largest ids, counts verified."""
    tables = table_names()
    if not server_roles.owns_tables(server, tables):
        raise TransferError(
            f"Login {server_roles.session_login(server)} ejer ikke tabellerne i den fælles "
            "database. Kun ejeren (den login, der kørte »server init«) eller en superbruger "
            "kan lægge en lokal database op.")
    source = open_beside(source_path)
    try:
        with server.atomic():
            server_roles.lock_for_upload(server, tables)
            if not holds_only_the_seed(server):
                raise TransferError(
                    "Den fælles database er ikke tom, så intet er lagt op. En lokal database "
                    "kan kun lægges op i en tom fælles database (nyoprettet og kørt "
                    "»server init«).")
            remove_seed(server)
            result = copy_all(source, server)
            server_roles.set_sequences(server, tables)
            server_roles.unlock_after_upload(server, tables)
        # Statistics for the planner and the visibility map for index-only counts now, not
        # whenever autovacuum comes by: the team's first pages are read right after an upload.
        # Outside the transaction (VACUUM cannot run in one).
        server.execute_sql("VACUUM (ANALYZE) " + ", ".join(map(server_roles.identifier, tables)))
        return result
    finally:
        source.close()


def backup_to_sqlite(server, target_path: Path) -> list[TableCount]:
    """The server's data into a fresh SQLite file at target_path (which must not exist yet),
    read under one snapshot; counts verified. The file is closed as one self-contained file."""
    target = open_beside(target_path)
    try:
        with server.atomic():
            server_roles.read_snapshot(server)
            # The access log is the administrator's to read: a koordinator's copy has none.
            unreadable = frozenset(t for t in server_roles.LOGGED_BY_ALL
                                   if not server_roles.may_read(server, t))
            with target.atomic():
                remove_seed(target)
                result = copy_all(server, target, unreadable)
        # SQLite alone: a backup is one file, with no -wal beside it (as db/backup.py's).
        target.execute_sql("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
    return result
