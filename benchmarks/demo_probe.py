"""Times one demo load ("Indlæs demodata") on a fresh SQLite file and on a fresh PostgreSQL
database, and counts the statements sent to the server (each one a round trip), by verb and by
the demo function that sent them:

    python benchmarks/demo_probe.py [--server postgresql://postgres@127.0.0.1:5432/postgres]
                                    [--callers]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import functools
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

TODAY = dt.date(2026, 11, 27)  # as tests/unit/test_demo.py
VERBS: collections.Counter = collections.Counter()
CALLERS: collections.Counter = collections.Counter()
WANT_CALLERS = False


def _install_counter() -> None:
    import psycopg

    for name in ("execute", "executemany"):
        original = getattr(psycopg.Cursor, name)

        @functools.wraps(original)
        def counted(self, query, *args, __original=original, **kwargs):
            text = query.as_string(None) if hasattr(query, "as_string") else str(query)
            VERBS[text.lstrip().split(None, 1)[0].upper() if text.strip() else ""] += 1
            if WANT_CALLERS:
                frames = [f for f in traceback.extract_stack()[:-1]
                          if "tryg_desktop" in f.filename and "/db/" not in f.filename]
                services = [f for f in frames if "/demo/" not in f.filename]
                where = services[-1] if services else (frames[-1] if frames else None)
                CALLERS[f"{Path(where.filename).name}:{where.name}" if where else "?"] += 1
            return __original(self, query, *args, **kwargs)

        setattr(psycopg.Cursor, name, counted)


def _load(target: str) -> float:
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services.demo import demo

    open_database(target)
    try:
        start = time.perf_counter()
        summary = demo.load_demo(today=TODAY)
        took = time.perf_counter() - start
    finally:
        close_database()
    print(f"  {summary.summary()}")
    return took


def main() -> int:
    global WANT_CALLERS
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", default="")
    parser.add_argument("--callers", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    WANT_CALLERS = args.callers
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            print(f"SQLite: {_load(str(Path(folder) / 'demo.sqlite3')):.2f} s")
    if args.server:
        from support.server import ServerForTests

        _install_counter()
        server = ServerForTests(args.server, "_demo_probe")
        server._make_template()
        url = server.fresh_database()
        try:
            VERBS.clear()
            CALLERS.clear()
            took = _load(url)
            print(f"PostgreSQL: {took:.2f} s, {sum(VERBS.values())} statements")
            print("  by verb:", dict(VERBS.most_common()))
            for caller, n in CALLERS.most_common(25):
                print(f"  {n:6d}  {caller}")
        finally:
            server.drop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
