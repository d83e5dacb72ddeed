"""The one seam between the two databases: services and the db layer ask here, and the module
for the open database (db/sqlite_dialect.py or db/postgres_dialect.py) answers. Nothing outside
those two modules writes SQL that only one of them understands."""

from __future__ import annotations

from peewee import PostgresqlDatabase

from tryg_desktop.db import postgres_dialect, sqlite_dialect
from tryg_desktop.db.connection import database


def for_database(db=None):
    """The dialect module of db (default: the open database)."""
    db = db if db is not None else database.obj
    return postgres_dialect if isinstance(db, PostgresqlDatabase) else sqlite_dialect


def is_server(db=None) -> bool:
    return for_database(db) is postgres_dialect


def login() -> str | None:
    """Who the server knows the user as (session_user), read once per connection; None on
    SQLite, where the OS user signs the history."""
    db = database.obj
    if not is_server(db):
        return None
    cached = getattr(db, "_tryg_login", None)
    if cached is None:
        cached = db.execute_sql("SELECT session_user").fetchone()[0]
        db._tryg_login = cached
    return cached


def not_for_index(node):
    return for_database().not_for_index(node)


def same_text_ignoring_case(field, value: str):
    return for_database().same_text_ignoring_case(field, value)


def month_key(column):
    return for_database().month_key(column)


def danish(column):
    return for_database().danish(column)


def count_if(condition):
    return for_database().count_if(condition)
