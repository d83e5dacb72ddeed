"""The data layer: connection, models, migrations. The only package that knows SQL."""

from tryg_desktop.db.connection import (
    DatabaseError,
    close_database,
    database,
    is_read_only,
    release_connection,
)
from tryg_desktop.db.dialect import danish, is_server, not_for_index, same_text_ignoring_case
from tryg_desktop.db.errors import (
    BusyDatabaseError,
    DamagedDatabaseError,
    DanishDatabaseError,
    DatabaseOpenError,
    DatabaseTooNewError,
    DiskFullError,
    ReadOnlyDatabaseError,
    danish_os_message,
    danish_sqlite_message,
)
from tryg_desktop.db.opening import open_database

__all__ = [
    "BusyDatabaseError", "DamagedDatabaseError", "DanishDatabaseError", "DatabaseError", "DatabaseOpenError",
    "DatabaseTooNewError", "DiskFullError", "ReadOnlyDatabaseError", "close_database",
    "danish", "danish_os_message", "danish_sqlite_message", "database", "is_read_only", "not_for_index",
    "is_server", "open_database", "release_connection", "same_text_ignoring_case",
]
