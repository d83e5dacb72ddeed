"""Runs a benchmark probe (or main.py) in this process and counts the statements it sends to
PostgreSQL (issue 12: queries per operation). run_server.py starts the probes through it:

    TRYG_QUERY_LOG=FILE python benchmarks/query_counter.py [--mark MODULE:FUNCTION …] \
        PROBE.py|main.py [probe arguments …]

Every `execute`/`executemany` of a psycopg cursor is one statement and one round trip (peewee
runs psycopg in autocommit and sends BEGIN, COMMIT and ROLLBACK as statements of their own, so
they count too). Noted for each: its start on the monotonic clock, whether it ran on the main
thread, how long the call took (ms) and the statement's first 400 characters. Windows say when
an operation ran: every phase of the probes' Profiler (gui_probe.Profiler.start/stop, also
without --profile), every call of a --mark function and every call of the list pages'
apply_search (a search keystroke). At exit FILE gets {"statements": [[t, main_thread, verb,
ms, sql], …], "windows": {name: [[start, end], …]}}; the probe's own stdout is untouched.
Nothing is measured differently: the wrappers add microseconds. On a SQLite file nothing is
counted (psycopg is not used).
"""

from __future__ import annotations

import atexit
import functools
import importlib
import json
import os
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STATEMENTS: list[tuple[float, bool, str]] = []
WINDOWS: dict[str, list[list[float]]] = {}
_OPEN: dict[str, float] = {}
_MAIN = threading.main_thread()


def _note(sql) -> list:
    text = sql.as_string(None) if hasattr(sql, "as_string") else str(sql)
    verb = text.lstrip().split(None, 1)[0].upper() if text.strip() else ""
    entry = [time.monotonic(), threading.current_thread() is _MAIN, verb, None,
             " ".join(text.split())[:400]]
    STATEMENTS.append(entry)
    return entry


def _install_counter() -> None:
    import psycopg

    for name in ("execute", "executemany"):
        original = getattr(psycopg.Cursor, name)

        @functools.wraps(original)
        def counted(self, query, *args, __original=original, **kwargs):
            try:
                entry = _note(query)
            except Exception:  # noqa: BLE001 - counting must never change what runs
                entry = [time.monotonic(), threading.current_thread() is _MAIN, "?", None, ""]
                STATEMENTS.append(entry)
            try:
                return __original(self, query, *args, **kwargs)
            finally:
                entry[3] = (time.monotonic() - entry[0]) * 1000

        setattr(psycopg.Cursor, name, counted)


def _window(name: str, function):
    @functools.wraps(function)
    def marked(*args, **kwargs):
        start = time.monotonic()
        try:
            return function(*args, **kwargs)
        finally:
            WINDOWS.setdefault(name, []).append([start, time.monotonic()])
    return marked


def _mark(spec: str) -> None:
    module_name, _, attribute = spec.partition(":")
    owner = importlib.import_module(module_name)
    *path, last = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    setattr(owner, last, _window(spec.rsplit(":", 1)[1].rsplit(".", 1)[-1],
                                 getattr(owner, last)))


def _phases() -> None:
    """gui_probe.Profiler's phases as windows, whether or not --profile is given."""
    import gui_probe

    start, stop = gui_probe.Profiler.start, gui_probe.Profiler.stop

    def started(self, phase):
        _OPEN[phase] = time.monotonic()
        start(self, phase)

    def stopped(self, phase):
        stop(self, phase)
        WINDOWS.setdefault(phase, []).append([_OPEN.pop(phase, time.monotonic()),
                                              time.monotonic()])

    gui_probe.Profiler.start, gui_probe.Profiler.stop = started, stopped


def _write() -> None:
    target = os.environ.get("TRYG_QUERY_LOG")
    if target:
        Path(target).write_text(json.dumps({"statements": STATEMENTS, "windows": WINDOWS}),
                                encoding="utf-8")


def main() -> int:
    argv = sys.argv[1:]
    marks = []
    while argv and argv[0] == "--mark":
        marks.append(argv[1])
        argv = argv[2:]
    script, rest = Path(argv[0]), argv[1:]
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    _install_counter()
    atexit.register(_write)
    _phases()
    from tryg_desktop.views.kit import list_page

    list_page.ListPage.apply_search = _window("apply_search", list_page.ListPage.apply_search)
    for spec in marks:
        _mark(spec)
    sys.argv = [str(script), *rest]
    if script.name == "main.py":
        from tryg_desktop import app

        return app.main(rest) or 0
    module = importlib.import_module(script.stem)
    return module.main()


if __name__ == "__main__":
    sys.exit(main())
