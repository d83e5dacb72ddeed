"""psycopg, the PostgreSQL driver, only in a process that talks to a server.

peewee imports psycopg at its own import whenever it is installed: 100–300 ms, more than a
quarter of the start-up of a window on the local SQLite file, which never uses it. A process
that knows it works on a file calls defer() before anything imports peewee; a process that
turns to a server after all (Test forbindelsen, Prøv igen on the server) calls load(), which
imports the driver and hands it to peewee as its own import would have."""

from __future__ import annotations

import sys


def defer() -> None:
    """Keep peewee from importing psycopg (this process starts on a SQLite file). Does
    nothing when peewee is imported already."""
    if "peewee" not in sys.modules:
        sys.modules.setdefault("psycopg", None)  # None in sys.modules: `import` fails at once


def load() -> None:
    """Make psycopg importable again and give peewee what its import would have set."""
    if "psycopg" in sys.modules and sys.modules["psycopg"] is None:
        del sys.modules["psycopg"]
    import peewee
    import psycopg

    if peewee.psycopg is not None:
        return
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    peewee.psycopg, peewee.TransactionStatus = psycopg, TransactionStatus
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
