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


# --- erasing a person (services/data_protection/erasure.py) -----------------------------------

def erase_audit(contact_id: int, tombstone: str) -> int:
    """Scrub the person's values from the audit trail (before the contact row is cleared)."""
    return for_database().erase_audit(database.obj, contact_id, tombstone)


def contact_logins(contact_id: int) -> list[str]:
    """The server logins linked to the contact (server_login); [] on SQLite."""
    return for_database().contact_logins(database.obj, contact_id)


def unlink_contact_logins(contact_id: int) -> int:
    return for_database().unlink_contact_logins(database.obj, contact_id)


def erasure_begins() -> object:
    return for_database().erasure_begins(database.obj)


def erased_from_search_index(contact_id: int) -> None:
    for_database().erased_from_search_index(database.obj, contact_id)


def erasure_ends(begun: object, tables: list[str]) -> list[str]:
    """After the erasure's commit: the physical clean-up; Danish notes on what was left."""
    return for_database().erasure_ends(database.obj, begun, tables)


# --- the retention purge (services/data_protection/retention_purge.py) -------------------------

def purge_audit(cutoff) -> int:
    """Delete the history entries older than cutoff; how many."""
    return for_database().purge_audit(database.obj, cutoff)


def purge_access_log(cutoff) -> int:
    """Delete the access-log entries older than cutoff (never younger than six months)."""
    return for_database().purge_access_log(database.obj, cutoff)


def clear_episode_notes_in_history(episode_ids: list[int], marker: str) -> bool:
    """The episodes' history entries' "note" values become marker; False when this login may
    not (the server's function not granted yet)."""
    return for_database().clear_episode_notes_in_history(database.obj, episode_ids, marker)
