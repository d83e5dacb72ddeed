"""In-process GUI timings on one database; run.py starts one process per run and reads the JSON
this prints on stdout.

    python benchmarks/gui_probe.py --database benchmarks/data/tryg-20x.sqlite3 [--profile search]

It builds the real main window as run_gui does (Danish translators, the style sheet, the
database, MainWindow with settings in a temporary file), then times:
- the contacts list's first paint: navigation.setCurrentRow(1) (the page is built on first use)
  until the table has rows and has been painted;
- sorting by Navn and by Organisation, each direction, until repainted: with
  QTableView.sortByColumn and again as a header click does it (setSortIndicator), counting
  the model's reloads;
- search-as-you-type: each query typed a character at a time; per keystroke setText(prefix) and
  apply_search() (bypassing the 120 ms debounce, which only adds waiting) and a repaint of the
  table: the matching rows on screen. Then, until the worker has counted the matches and the
  label shows the total, as a second figure.
--profile PHASE writes a cProfile of that phase to benchmarks/out/profile-PHASE-<db>.pstats
and prints the top functions on stderr.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (what it stands for, the text typed). Shared with run.py, which prints the labels.
QUERIES = [
    ("almindeligt fornavn", "Mette"),
    ("fornavn og efternavn", "Mette Jensen"),
    ("efternavn med ø", "Østergaard"),
    ("ord i organisationsnavn", "Himmerland"),
    ("stykke af e-mail", "@politi.dk"),
    ("4 cifre af et telefonnummer", "9813"),
    ("ingen hits", "Zqxw"),
]
SORTS = [("Navn ↓", 0, "desc"), ("Navn ↑", 0, "asc"), ("Organisation ↑", 1, "asc"),
         ("Organisation ↓", 1, "desc")]
PHASES = ("first_paint", "sort", "search")
SERVER_SCHEMES = ("postgresql://", "postgres://")


def database_arg(text: str) -> Path | str:
    """--database: a SQLite file, or a postgresql:// URL (the team's server, issue 12), which
    stays a string (Path would fold its "//")."""
    return text if text.startswith(SERVER_SCHEMES) else Path(text)


def window_path(database: Path | str) -> Path | None:
    """MainWindow's db_path: the file, or None on the server."""
    return None if str(database).startswith(SERVER_SCHEMES) else Path(database)


def database_stem(database: Path | str) -> str:
    """A name for output files: the file's stem, or the server database's name."""
    if str(database).startswith(SERVER_SCHEMES):
        from urllib.parse import urlsplit

        return urlsplit(str(database)).path.lstrip("/") or "server"
    return Path(database).stem


class Profiler:
    """cProfile of one named phase; save() writes it to benchmarks/out/profile-PHASE-<db>."""

    def __init__(self, phase: str | None) -> None:
        self.phase = phase
        self.profile = cProfile.Profile() if phase else None

    def start(self, phase: str) -> None:
        if self.profile and phase == self.phase:
            self.profile.enable()

    def stop(self, phase: str) -> None:
        if self.profile and phase == self.phase:
            self.profile.disable()

    def save(self, db: Path) -> None:
        if not self.profile:
            return
        out = HERE / "out"
        out.mkdir(exist_ok=True)
        path = out / f"profile-{self.phase}-{database_stem(db)}.pstats"
        self.profile.dump_stats(str(path))
        text = io.StringIO()
        pstats.Stats(self.profile, stream=text).sort_stats("cumulative").print_stats(35)
        print(f"profile written to {path}\n{text.getvalue()}", file=sys.stderr)


def start_app(database: Path | str):
    """The main window as run_gui builds it (Danish translators, the style sheet, the database,
    MainWindow with its settings in a temporary file), shown and painted. Returns (app, window,
    settle, milliseconds to build and paint the window); settle(widget) processes the pending
    events and repaints the widget."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from tryg_desktop import paths
    from tryg_desktop.app import apply_look, install_danish
    from tryg_desktop.db import open_database
    from tryg_desktop.settings import Settings
    from tryg_desktop.views.main_window import MainWindow

    tmp = Path(tempfile.mkdtemp(prefix="tryg-bench-"))
    paths.set_application_names()
    app = QApplication([sys.argv[0]])
    install_danish(app)
    apply_look(app)
    open_database(database)

    def settle(widget) -> None:
        app.processEvents()
        widget.repaint()

    started = time.perf_counter()
    window = MainWindow(window_path(database), Settings(str(tmp / "s.ini")))
    window.show()
    settle(window)
    window_ms = (time.perf_counter() - started) * 1000
    # As a user meets the app: the Oversigt's figures (workers, issue 5) are on screen before
    # another page is opened; the other pages' timings are not taken while they are counted.
    from tryg_desktop.services.register import register

    page = window.overview_page
    deadline = time.monotonic() + 60
    while not register.is_empty() and page.data is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    return app, window, settle, window_ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=database_arg, required=True)
    parser.add_argument("--profile", choices=PHASES)
    args = parser.parse_args()
    profiler = Profiler(args.profile)
    app, window, settle, window_ms = start_app(args.database)

    from PySide6.QtCore import Qt, QThreadPool

    # -- the contacts list, first time -------------------------------------------------------
    profiler.start("first_paint")
    started = time.perf_counter()
    window.navigation.setCurrentRow(1)
    page = window.contacts_page
    settle(page.table.viewport())
    first_paint_ms = (time.perf_counter() - started) * 1000
    profiler.stop("first_paint")
    first_rows = page.model.rowCount()
    if not first_rows:
        raise SystemExit("the contacts table has no rows after the first paint")
    first_label = page.count_label.text()

    # -- sorting ---------------------------------------------------------------------------------
    # Two ways in: QTableView.sortByColumn (what the brief asks for, and what code would call)
    # and QHeaderView.setSortIndicator, which is what a click on a column header does. Each
    # records how many times the model reloaded.
    reloads = []
    model_reload = page.model.reload

    def counting_reload():
        reloads.append(1)
        model_reload()

    page.model.reload = counting_reload
    header = page.table.horizontalHeader()
    sorts, header_sorts, sort_reloads, header_reloads = {}, {}, {}, {}
    profiler.start("sort")
    for way, sort_it, times, counts in (
            ("sortByColumn", page.table.sortByColumn, sorts, sort_reloads),
            ("header", header.setSortIndicator, header_sorts, header_reloads)):
        for label, column, direction in SORTS:
            order = (Qt.SortOrder.DescendingOrder if direction == "desc"
                     else Qt.SortOrder.AscendingOrder)
            reloads.clear()
            started = time.perf_counter()
            sort_it(column, order)
            settle(page.table.viewport())
            times[label] = (time.perf_counter() - started) * 1000
            counts[label] = len(reloads)
    profiler.stop("sort")
    page.model.reload = model_reload
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    settle(page.table.viewport())

    # -- search-as-you-type ----------------------------------------------------------------------
    timer = getattr(page, "_search_timer", None)  # the debounce; apply_search is called directly
    keystrokes = []
    profiler.start("search")
    for label, text in QUERIES:
        for length in range(1, len(text) + 1):
            prefix = text[:length]
            started = time.perf_counter()
            page.search_edit.setText(prefix)
            if timer is not None:
                timer.stop()
            page.apply_search()
            page.table.viewport().repaint()
            ms = (time.perf_counter() - started) * 1000  # the matching rows are on screen
            # The total ("1.234 kontakter") is counted by a worker when there is more than one
            # page of matches; time until it is shown too.
            QThreadPool.globalInstance().waitForDone()
            app.processEvents()
            page.count_label.repaint()
            count_ms = (time.perf_counter() - started) * 1000
            keystrokes.append({"query": label, "prefix": prefix, "ms": ms, "count_ms": count_ms,
                               "rows": page.model.rowCount(), "label": page.count_label.text()})
        page.search_edit.setText("")
        if timer is not None:
            timer.stop()
        page.apply_search()
        settle(page.table.viewport())
    profiler.stop("search")
    profiler.save(args.database)

    window.close()
    result = {
        "window_ms": window_ms, "first_paint_ms": first_paint_ms, "first_rows": first_rows,
        "first_label": first_label, "sorts": sorts, "sort_reloads": sort_reloads,
        "header_sorts": header_sorts, "header_reloads": header_reloads, "keystrokes": keystrokes,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "platform": app.platformName(),
    }
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
