"""The data layer: connection, models, migrations. The only package that knows SQL."""

from tryg_desktop.db.connection import (
    DatabaseTooNewError,
    close_database,
    database,
    danish,
    open_database,
)

__all__ = ["DatabaseTooNewError", "close_database", "database", "danish", "open_database"]
