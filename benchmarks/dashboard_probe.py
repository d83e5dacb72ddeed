"""The Oversigt (dashboard) after start-up, in one whole process (issue 5); run.py starts one
process per run and reads the JSON this prints on stdout.

    python benchmarks/dashboard_probe.py --database DB [--timeout 60] [--profile]

It starts the app as run_gui does (QApplication, Danish translators, the style sheet, the
garbage-collection timer, open_database, MainWindow with settings in a temporary file,
show()), and, as app.py does under TRYG_EXIT_WHEN_SHOWN, a zero timer after show() marks the
moment the window is shown. Then it runs the event loop until the Oversigt emits
`dashboard_ready` (every figure and chart is set), repaints the page at once and marks that
moment: "the dashboard is drawn". Times are on the monotonic clock, which run.py shares, so it
can also give the time from spawning this process.

It also checks that the dashboard does not delay the window: the window must be shown before
the figures are ready. views/overview_page.compute_part (the parts its workers fetch) is wrapped to
note when it starts and ends, on which thread, so the JSON says whether the figures were
computed off the GUI thread and after the window was shown.
--profile writes a cProfile of the GUI thread from show() until the dashboard is drawn.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gui_probe import database_arg, database_stem, window_path  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=database_arg, required=True)
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds to wait for dashboard_ready (default 60)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from tryg_desktop import paths
    from tryg_desktop.app import apply_look, install_danish
    from tryg_desktop.db import open_database
    from tryg_desktop.settings import Settings
    from tryg_desktop.views.safety import overview_page
    from tryg_desktop.views.main_window import MainWindow
    from tryg_desktop.workers import collect_garbage_on_gui_thread

    marks: dict[str, float] = {"started": started}
    computes: list[dict] = []
    gui_thread = threading.get_ident()
    # The page fetches its figures in parts, side by side (overview_page.compute_part).
    original_compute = getattr(overview_page, "compute_part", None)
    if original_compute is not None:
        def timed_compute(*a, **k):
            entry = {"start": time.monotonic(), "gui_thread": threading.get_ident() == gui_thread}
            computes.append(entry)
            try:
                return original_compute(*a, **k)
            finally:
                entry["end"] = time.monotonic()

        overview_page.compute_part = timed_compute

    tmp = Path(tempfile.mkdtemp(prefix="tryg-bench-"))
    paths.set_application_names()
    app = QApplication([sys.argv[0]])
    app.setApplicationDisplayName("Tryg Desktop")
    install_danish(app)
    apply_look(app)
    collect_garbage_on_gui_thread(app)
    open_database(args.database)

    profile = None
    marks["window_start"] = time.monotonic()
    window = MainWindow(window_path(args.database), Settings(str(tmp / "s.ini")))
    page = window.overview_page
    ready_signals: list[float] = []

    def ready() -> None:
        ready_signals.append(time.monotonic())
        if "drawn" in marks:
            return
        page.repaint()  # the charts just set, painted now rather than on the next turn
        marks["drawn"] = time.monotonic()
        if profile:
            profile.disable()
        QTimer.singleShot(0, app.quit)

    page.dashboard_ready.connect(ready)
    window.show()
    if args.profile:
        import cProfile

        profile = cProfile.Profile()
        profile.enable()

    def shown() -> None:  # as app.py's _shown_then_quit, without quitting
        marks["shown"] = time.monotonic()

    QTimer.singleShot(0, shown)
    QTimer.singleShot(int(args.timeout * 1000), app.quit)
    failure = QTimer(app)  # the page says when its worker failed: no use waiting on

    def check_failed() -> None:
        if "kunne ikke" in (page.status.text() if hasattr(page, "status") else ""):
            app.quit()

    failure.timeout.connect(check_failed)
    failure.start(100)
    app.exec()
    QThreadPool.globalInstance().waitForDone()

    if "drawn" not in marks:
        computed = page.__dict__.get("data") is not None
        status = page.status.text() if hasattr(page, "status") else ""
        raise SystemExit(
            f"no dashboard_ready within {args.timeout:g} s; the page says »{status}«"
            + (" (the figures are there: was the signal emitted before the window was shown?)"
               if computed else ""))
    if profile:
        import io
        import pstats

        out = HERE / "out"
        out.mkdir(exist_ok=True)
        path = out / f"profile-dashboard-{database_stem(args.database)}.pstats"
        profile.dump_stats(str(path))
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(35)
        print(f"profile written to {path}\n{text.getvalue()}", file=sys.stderr)

    first = ({"start": min(c["start"] for c in computes),
              "end": max(c.get("end", c["start"]) for c in computes),
              "gui_thread": any(c["gui_thread"] for c in computes)} if computes else None)
    result = {
        "shown_monotonic": marks["shown"], "drawn_monotonic": marks["drawn"],
        "started_monotonic": started,
        "imports_ms": (marks["window_start"] - started) * 1000,
        "window_to_shown_ms": (marks["shown"] - marks["window_start"]) * 1000,
        "shown_to_drawn_ms": (marks["drawn"] - marks["shown"]) * 1000,
        "ready_signals": len(ready_signals),
        "ready_before_shown": ready_signals[0] < marks["shown"],
        "compute_ms": (first["end"] - first["start"]) * 1000 if first else None,
        "compute_on_gui_thread": first["gui_thread"] if first else None,
        "computed_before_shown": first["end"] < marks["shown"] if first else None,
        "computes": len(computes),
        "chart_count": len(getattr(page, "charts", {}) or {}),
        "status": page.status.text() if hasattr(page, "status") else "",
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "platform": app.platformName(),
    }
    window.close()
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
