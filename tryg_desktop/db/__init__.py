"""The data layer: connection, models, migrations. The only package that knows SQL."""

from tryg_desktop.db.connection import (
    DatabaseError,
    DatabaseOpenError,
    DatabaseTooNewError,
    close_database,
    danish_sqlite_message,
    database,
    not_for_index,
    open_database,
    same_text_ignoring_case,
)

__all__ = [
    "DatabaseError", "DatabaseOpenError", "DatabaseTooNewError", "close_database",
    "danish_sqlite_message", "database", "not_for_index", "open_database", "same_text_ignoring_case",
]
