"""The data layer: connection, models, migrations. The only package that knows SQL."""

from tryg_desktop.db.connection import (
    DatabaseOpenError,
    DatabaseTooNewError,
    close_database,
    database,
    danish,
    open_database,
    same_text_ignoring_case,
)

__all__ = ["DatabaseOpenError", "DatabaseTooNewError", "close_database", "database", "danish", "open_database",
           "same_text_ignoring_case"]
