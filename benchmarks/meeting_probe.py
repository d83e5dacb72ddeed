"""In-process GUI timings of the meetings (issue 3) on one database; run.py starts one process
per run and reads the JSON this prints on stdout.

    python benchmarks/meeting_probe.py --database benchmarks/data/tryg-20x.sqlite3 \
        [--meetings ID …] [--agenda-meeting ID] [--profile meetings_page|editor|agenda_tab]

It builds the main window as gui_probe.py does (the way run_gui does), in a fresh process, so
that the Møder page is the first register page opened. Then it times:
- the Møder page's first paint: navigation.setCurrentRow(3) (the page is built on first use)
  until its list has rows and has been painted;
- opening meetings in the editor, each a different meeting: the Møder list's make_dialog(id)
  (MeetingEditor(id, prompts, settings, list), as a double-click does, without exec()), show() and
  processEvents() + repaint() of the dialog; then the editor is closed. The first open in the
  process also loads the editor's modules;
- once, in the meeting with the printed agenda: switching to the Dagsorden tab until painted.
The meetings default to the ones generate.py recorded in the database's JSON side file
(editor_meeting_ids, pdf_meeting_id). --profile PHASE writes a cProfile of that phase to
benchmarks/out/profile-PHASE-<db>.pstats and prints the top functions on stderr.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gui_probe import Profiler, database_arg, start_app  # noqa: E402

PHASES = ("meetings_page", "editor", "agenda_tab")
MEETINGS_ROW = 3  # "Møder" in the navigation


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=database_arg, required=True)
    parser.add_argument("--meetings", type=int, nargs="+",
                        help="meeting ids to open (default: editor_meeting_ids of the side file)")
    parser.add_argument("--agenda-meeting", type=int,
                        help="the meeting whose Dagsorden tab is opened (default: pdf_meeting_id)")
    parser.add_argument("--profile", choices=PHASES)
    args = parser.parse_args()
    if args.meetings is None or args.agenda_meeting is None:
        import generate

        recorded = generate.read_stamp(args.database)
        args.meetings = args.meetings or recorded["editor_meeting_ids"]
        args.agenda_meeting = args.agenda_meeting or recorded["pdf_meeting_id"]
    if args.agenda_meeting not in args.meetings:
        args.meetings.append(args.agenda_meeting)
    profiler = Profiler(args.profile)
    app, window, settle, window_ms = start_app(args.database)

    from PySide6.QtCore import QEvent, QThreadPool

    # -- the Møder page, first time ------------------------------------------------------------
    profiler.start("meetings_page")
    started = time.perf_counter()
    window.navigation.setCurrentRow(MEETINGS_ROW)
    page = window.meetings_page
    settle(page.list.table.viewport())
    page_ms = (time.perf_counter() - started) * 1000
    profiler.stop("meetings_page")
    page_rows = page.list.model.rowCount()
    if not page_rows:
        raise SystemExit("the Møder list has no rows after the first paint")
    QThreadPool.globalInstance().waitForDone()  # the total, counted by a worker
    app.processEvents()
    page_label = page.list.count_label.text()

    # -- the meeting editor ----------------------------------------------------------------------
    opens, agenda_tab = [], None
    for number, meeting_id in enumerate(args.meetings):
        profiler.start("editor")
        started = time.perf_counter()
        editor = page.list.make_dialog(meeting_id)
        editor.show()
        settle(editor)
        ms = (time.perf_counter() - started) * 1000
        profiler.stop("editor")
        opens.append({
            "meeting_id": meeting_id, "ms": ms, "first": number == 0,
            "participants": editor.participants.table.rowCount(),
            "agenda_items": editor.agenda.model.rowCount(),
            "history": editor.history.topLevelItemCount(), "title": editor.windowTitle()})
        if meeting_id == args.agenda_meeting:
            profiler.start("agenda_tab")
            started = time.perf_counter()
            editor.tabs.setCurrentWidget(editor.agenda)
            settle(editor)
            agenda_tab = {"meeting_id": meeting_id, "ms": (time.perf_counter() - started) * 1000,
                          "items": editor.agenda.model.rowCount(),
                          "summary": editor.agenda.summary.text()}
            profiler.stop("agenda_tab")
            if editor.tabs.currentWidget() is not editor.agenda or not agenda_tab["items"]:
                raise SystemExit("the Dagsorden tab is not showing the agenda")
        editor.reject()
        if editor.isVisible():
            raise SystemExit(f"the editor of meeting {meeting_id} did not close")
        editor.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    profiler.save(args.database)

    window.close()
    json.dump({
        "window_ms": window_ms, "meetings_page_ms": page_ms, "meetings_page_rows": page_rows,
        "meetings_page_label": page_label, "opens": opens, "agenda_tab": agenda_tab,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "platform": app.platformName(),
    }, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
