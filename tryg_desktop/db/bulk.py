"""Bulk inserts for imports. One multi-row INSERT per chunk, with the SQL written once per
chunk size: peewee's insert_many renders a node per value (about half a second for 10,000
contacts), and executemany runs the search-index trigger row by row (seven times slower)."""

from __future__ import annotations

from tryg_desktop.db.connection import database

CHUNK = 500  # rows per statement: 500 × ~16 columns stays far below SQLite's variable limit


def insert_rows(model, rows: list[dict]) -> list[int]:
    """Insert rows (dicts with the same field names as keys) and return the new ids, in order."""
    if not rows:
        return []
    db = database.obj
    names = list(rows[0])
    fields = [model._meta.fields[name] for name in names]
    # A field the rows leave out gets its model default, as Model.insert gives it (the
    # defaults are Python's, not the table's: left out, the column would be NULL).
    defaults = [f for f in model._meta.sorted_fields
                if f.name not in names and not f.primary_key and f.default is not None]
    if defaults:
        rows = [{**row, **{f.name: f.default() if callable(f.default) else f.default
                           for f in defaults}} for row in rows]
        names += [f.name for f in defaults]
        fields += defaults
    head = (f'INSERT INTO "{model._meta.table_name}" '
            f'({", ".join(chr(34) + f.column_name + chr(34) for f in fields)}) VALUES ')
    one_row = "(" + ", ".join([db.param] * len(fields)) + ")"
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        sql = head + ", ".join([one_row] * len(chunk)) + ' RETURNING "id"'
        params = [field.db_value(row[name]) for row in chunk
                  for field, name in zip(fields, names)]
        ids.extend(row[0] for row in db.execute_sql(sql, params).fetchall())
    return sorted(ids)  # RETURNING promises no order; ids grow with insertion order
