"""In-process GUI timings of issue 4 (action items and minutes) on one database; run.py starts
one process per run, on a fresh copy of the database (the probe types into a referat and so
writes to it), and reads the JSON this prints on stdout.

    python benchmarks/action_probe.py --database COPY.sqlite3 [--meeting ID] [--chars 300]
        [--save-every 20] [--profile actions_page|typing]

It builds the main window as gui_probe.py does (gui_probe.start_app), in a fresh process, so
that the Handlinger page is the first register page opened. Then it times:
- the Handlinger page's first paint: navigation.setCurrentRow(5) (the page is built on first
  use) until its list has rows and has been painted;
- autosave while typing: the meeting (default: minutes_meeting_id of the side file, the latest
  held meeting with 12 items) is opened in the editor (not timed), editor.show_minutes() shows
  the Referat tab, the first theme item is chosen, and --chars characters are typed into its
  referat (minutes.notes_edit) one at a time with QTest.keyClicks; after every --save-every
  characters the keystroke is followed by minutes.save_now() (the autosave's write, forced
  rather than waited for). Each keystroke is timed from keyClicks until processEvents() has
  run, including the save when there is one: how late the next keystroke could be handled.
--profile PHASE writes a cProfile of that phase to benchmarks/out/ and prints the top functions.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gui_probe import Profiler, database_arg, start_app  # noqa: E402

PHASES = ("actions_page", "typing")
ACTIONS_ROW = 5  # "Handlinger" in the navigation
MEETINGS_ROW = 3
# Danish minutes as they are typed: letters, æøå, spaces, punctuation.
TEXT = ("Politiet orienterede om situationen på stien ved Østre Anlæg. Der er færre "
        "henvendelser end sidst, men beboerne oplever stadig utryghed om aftenen. Park og "
        "Natur undersøger belysningen, og boligforeningen følger op på hærværket i opgangene. "
        "Det blev aftalt at gå en tryghedsvandring i Kærby inden sommerferien, med deltagelse "
        "af SSP og de lokale butikker. ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=database_arg, required=True)
    parser.add_argument("--meeting", type=int, help="default: minutes_meeting_id of the side file")
    parser.add_argument("--chars", type=int, default=300)
    parser.add_argument("--save-every", type=int, default=20)
    parser.add_argument("--profile", choices=PHASES)
    args = parser.parse_args()
    stamp_db = args.database
    if args.meeting is None:
        side = stamp_db.with_suffix(".json")
        if not side.is_file():
            raise SystemExit(f"no side file {side}: pass --meeting")
        args.meeting = json.loads(side.read_text(encoding="utf-8"))["minutes_meeting_id"]
    profiler = Profiler(args.profile)
    app, window, settle, window_ms = start_app(args.database)

    from PySide6.QtCore import QEvent, Qt, QThreadPool
    from PySide6.QtTest import QTest

    # -- the Handlinger page, first time -------------------------------------------------------
    profiler.start("actions_page")
    started = time.perf_counter()
    window.navigation.setCurrentRow(ACTIONS_ROW)
    page = window.actions_page
    settle(page.table.viewport())
    page_ms = (time.perf_counter() - started) * 1000
    profiler.stop("actions_page")
    page_rows = page.model.rowCount()
    if not page_rows:
        raise SystemExit("the Handlinger list has no rows after the first paint")
    QThreadPool.globalInstance().waitForDone()  # the total, counted by a worker
    app.processEvents()
    page_label = page.count_label.text()

    # -- autosave while typing in the referat ----------------------------------------------------
    window.navigation.setCurrentRow(MEETINGS_ROW)
    meetings_list = window.meetings_page.list
    settle(window)
    editor = meetings_list.make_dialog(args.meeting)
    editor.show()
    settle(editor)
    editor.show_minutes()
    settle(editor)
    panel = editor.minutes
    if editor.tabs.currentWidget() is not panel:
        raise SystemExit("show_minutes() did not show the Referat tab")
    row = next((n for n, item in enumerate(panel._rows) if item.number > 4 and not item.closed),
               0)  # the first theme item, after the four opening items
    panel.items.setCurrentRow(row)
    settle(editor)
    item = panel._item
    if item is None or panel.notes_edit.isReadOnly():
        raise SystemExit(f"no writable referat item in meeting {args.meeting}")
    before = panel.notes_edit.toPlainText()
    edit = panel.notes_edit
    editor.activateWindow()
    edit.setFocus()
    cursor = edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    if before and not before.endswith("\n"):
        QTest.keyClick(edit, Qt.Key.Key_Return)  # type a new paragraph (not timed)
        panel.save_now()
        app.processEvents()
        before = panel.notes_edit.toPlainText()
    text = (TEXT * (args.chars // len(TEXT) + 1))[:args.chars]
    keystrokes, saves = [], []
    profiler.start("typing")
    for n, char in enumerate(text, start=1):
        save = n % args.save_every == 0
        started = time.perf_counter()
        QTest.keyClicks(edit, char)
        if save:
            save_started = time.perf_counter()
            if not panel.save_now():
                raise SystemExit(f"save_now() failed: {panel.saved_label.text()}")
            saves.append((time.perf_counter() - save_started) * 1000)
        app.processEvents()
        keystrokes.append({"n": n, "ms": (time.perf_counter() - started) * 1000, "save": save})
    profiler.stop("typing")
    panel.save_now()
    from tryg_desktop.db.meeting_models import AgendaItem

    stored = AgendaItem.get_by_id(item.id).notes
    if stored != before + text:
        raise SystemExit(f"the referat in the database is not what was typed: {stored[-80:]!r}")
    editor.reject()
    editor.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    profiler.save(args.database)
    window.close()

    plain = [k["ms"] for k in keystrokes if not k["save"]]
    with_save = [k["ms"] for k in keystrokes if k["save"]]
    worst = max(keystrokes, key=lambda k: k["ms"])
    json.dump({
        "window_ms": window_ms, "actions_page_ms": page_ms, "actions_page_rows": page_rows,
        "actions_page_label": page_label, "meeting_id": args.meeting, "item_id": item.id,
        "chars": len(text), "save_every": args.save_every,
        "typing": {"worst_ms": worst["ms"], "worst_n": worst["n"], "worst_was_save": worst["save"],
                   "plain_median_ms": statistics.median(plain),
                   "plain_worst_ms": max(plain),
                   "save_median_ms": statistics.median(with_save) if with_save else None,
                   "save_worst_ms": max(with_save) if with_save else None,
                   "save_now_ms": saves, "keystrokes": [k["ms"] for k in keystrokes]},
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "platform": app.platformName(),
    }, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
