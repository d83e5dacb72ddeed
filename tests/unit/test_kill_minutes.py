"""Reliability: the process writing minutes is killed (SIGKILL) again and again, in the middle
of typing and saving; the database stays intact and every acknowledged save is still there."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tryg_desktop.db import close_database, open_database

WRITER = textwrap.dedent("""
    import sys
    from tryg_desktop.db import open_database
    from tryg_desktop.services.meetings import actions, minutes

    open_database(sys.argv[1])
    item_id, start = int(sys.argv[2]), int(sys.argv[3])
    text = "Referat " * start
    for n in range(start, start + 100000):
        text += f"ord{n} "  # a typist adding a word; the autosave writes the field
        minutes.save_item_minutes(item_id, text, f"Beslutning {n}")
        if n % 25 == 0:
            actions.create(actions.ActionInput(title=f"Handling {n}", agenda_item_id=item_id))
            print(f"action {n}", flush=True)
        print(f"saved {n}", flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_again_and_again_nothing_acknowledged_is_lost(db_path):
    import datetime as dt

    from tryg_desktop.services.meetings import agenda, meetings

    open_database(db_path)
    start = dt.datetime(2026, 12, 3, 14)
    meeting = meetings.create(meetings.MeetingInput(title="Dialogmøde", starts_at=start,
                                                    ends_at=start + dt.timedelta(hours=2)))
    item = agenda.add(meeting.id, agenda.ItemInput(title="Tryghed i Kildeparken"))
    close_database()

    rnd = random.Random(4)
    next_word, actions_made = 0, 0
    for _round in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), str(item.id), str(next_word)],
            stdout=subprocess.PIPE, text=True)
        kill_after = rnd.randint(30, 200)
        acknowledged, lines = next_word - 1, 0
        for line in writer.stdout:
            kind, n = line.split()
            if kind == "saved":
                acknowledged = int(n)
            else:
                actions_made += 1
            lines += 1
            if lines >= kill_after:
                break
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        writer.stdout.close()

        raw = sqlite3.connect(db_path)
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        notes, decision = raw.execute("SELECT notes, decision FROM agenda_item WHERE id = ?",
                                      (item.id,)).fetchone()
        saved_words = int(decision.split()[-1])
        assert saved_words >= acknowledged  # every acknowledged save survived the kill
        assert f"ord{acknowledged} " in notes
        count = raw.execute("SELECT COUNT(*) FROM action_item").fetchone()[0]
        assert count >= actions_made
        raw.close()
        next_word = saved_words + 1  # the next session types on from what was saved
