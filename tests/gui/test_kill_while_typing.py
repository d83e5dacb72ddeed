"""The minute-taker's app is killed (SIGKILL) while typing, again and again: the database stays
intact, and at most the last two seconds of typing are missing. The app here is the real
Referat panel with its autosave timer, in its own process on the offscreen platform."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

TYPIST = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from tryg_desktop.db import open_database
    from tryg_desktop.views.meetings.minutes_panel import MinutesPanel
    from tryg_desktop.workers import collect_garbage_on_gui_thread

    app = QApplication([])
    collect_garbage_on_gui_thread(app)
    open_database(sys.argv[1])
    panel = MinutesPanel(int(sys.argv[2]))
    panel.show()
    edit = panel.notes_edit
    words = iter(range(1000000))

    def type_a_word():  # about 25 words a second: a fast typist
        cursor = edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(f"ord{next(words)} ")
        print(f"{time.monotonic():.3f} {len(edit.toPlainText())}", flush=True)

    timer = QTimer(interval=40)
    timer.timeout.connect(type_a_word)
    timer.start()
    app.exec()
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_typing_loses_at_most_two_seconds(db_path):
    import datetime as dt

    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services.meetings import agenda, meetings

    open_database(db_path)
    start = dt.datetime(2026, 12, 3, 14)
    meeting = meetings.create(meetings.MeetingInput(title="Dialogmøde", starts_at=start,
                                                    ends_at=start + dt.timedelta(hours=2)))
    agenda.add(meeting.id, agenda.ItemInput(title="Velkomst"))
    close_database()

    rnd = random.Random(7)
    for _round in range(3):
        typist = subprocess.Popen([sys.executable, "-c", TYPIST, str(db_path), str(meeting.id)],
                                  stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + rnd.uniform(2.5, 4.0)
        typed = []  # (moment, length of the text on screen)
        for line in typist.stdout:
            moment, length = line.split()
            typed.append((float(moment), int(length)))
            if time.monotonic() > deadline:
                break
        killed_at = time.monotonic()
        os.kill(typist.pid, signal.SIGKILL)
        typist.wait()
        typist.stdout.close()

        raw = sqlite3.connect(db_path)
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        saved = raw.execute("SELECT notes FROM agenda_item WHERE meeting_id = ?",
                            (meeting.id,)).fetchone()[0]
        raw.close()
        # Everything on screen two seconds before the kill must be in the database.
        on_screen_then = max((n for moment, n in typed if moment <= killed_at - 2.0), default=0)
        assert len(saved) >= on_screen_then, (len(saved), on_screen_then)
