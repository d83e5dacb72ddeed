"""Automatic daily backups: retention by dates, the folder and files, what is skipped."""

import os
import sqlite3
import stat
import sys
from datetime import date, datetime, timedelta

import pytest

from tryg_desktop.services import auto_backup as A
from tryg_desktop.services import backup
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.errors import ServiceError

pytestmark = pytest.mark.sqlite_only("daily copies of the SQLite file beside it")

THURSDAY = date(2026, 12, 3)  # ISO week 49


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# --- retention, a pure function -------------------------------------------------------------------

def test_every_day_keeps_seven_days_and_the_newest_of_four_weeks_before():
    kept = A.days_to_keep(_days(date(2026, 9, 1), THURSDAY))
    assert sorted(kept) == [
        date(2026, 11, 1), date(2026, 11, 8), date(2026, 11, 15), date(2026, 11, 22),  # Sundays
        *_days(date(2026, 11, 27), THURSDAY)]


def test_now_and_then_counts_days_with_a_backup_not_calendar_days():
    # Back from a holiday: the last seven backups are kept, however far apart.
    days = [date(2026, 6, 1), date(2026, 6, 2), date(2026, 6, 3), date(2026, 6, 10),
            date(2026, 6, 15), date(2026, 6, 29), date(2026, 8, 17), date(2026, 8, 18),
            date(2026, 8, 24), date(2026, 9, 1), date(2026, 10, 5), THURSDAY]
    kept = A.days_to_keep(days)
    # Of the older ones, the newest of each week (only three weeks are left).
    assert sorted(kept) == [date(2026, 6, 3), date(2026, 6, 10), date(2026, 6, 15), *days[5:]]


def test_configured_counts_and_the_newest_is_always_kept():
    days = _days(date(2026, 11, 1), THURSDAY)
    assert A.days_to_keep(days, daily=2, weekly=1) == {THURSDAY, date(2026, 12, 2),
                                                        date(2026, 11, 29)}
    assert A.days_to_keep(days, daily=0, weekly=0) == {THURSDAY}
    assert A.days_to_keep([], daily=7, weekly=4) == set()


# --- the daily backup ----------------------------------------------------------------------------

@pytest.fixture
def contact(db):
    return C.create(C.ContactInput(name="Åse Berg"))


def test_first_start_of_the_day_takes_a_private_backup_beside_the_database(contact, db_path):
    made = A.take_daily_backup(today=THURSDAY)
    folder = db_path.parent / "backups"
    assert made == folder / "tryg-2026-12-03.sqlite3"
    with sqlite3.connect(str(made)) as raw:
        assert raw.execute("SELECT name FROM contact").fetchall() == [("Åse Berg",)]
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(made).st_mode) == 0o600
    C.create(C.ContactInput(name="Bo Senere"))
    assert A.take_daily_backup(today=THURSDAY) is None  # the second start of the day
    with sqlite3.connect(str(made)) as raw:
        assert raw.execute("SELECT COUNT(*) FROM contact").fetchone() == (1,)


def test_old_backups_past_the_retention_go(contact, db_path):
    folder = db_path.parent / "backups"
    A.take_daily_backup(today=date(2026, 12, 2))
    for day in _days(date(2026, 9, 1), date(2026, 12, 1)):  # earlier days' backups
        (folder / f"tryg-{day.isoformat()}.sqlite3").write_bytes(b"kopi")
    (folder / "andet.txt").write_text("ikke vores")
    (folder / "kopi.sqlite3").write_text("heller ikke")
    A.take_daily_backup(daily=3, weekly=2, today=THURSDAY)
    assert sorted(p.name for p in folder.iterdir()) == [
        "andet.txt", "kopi.sqlite3", "tryg-2026-11-22.sqlite3", "tryg-2026-11-29.sqlite3",
        "tryg-2026-12-01.sqlite3", "tryg-2026-12-02.sqlite3", "tryg-2026-12-03.sqlite3"]


def test_no_backup_of_a_database_in_memory_or_read_only(tmp_path, db_path):
    from tryg_desktop.db import close_database, open_database

    open_database(":memory:")
    try:
        assert A.take_daily_backup(today=THURSDAY) is None
    finally:
        close_database()
    open_database(db_path)
    close_database()
    open_database(db_path, read_only=True)
    try:
        assert A.take_daily_backup(today=THURSDAY) is None
    finally:
        close_database()
    db_path.chmod(0o444)  # root opens it for writing, but it was marked read-only
    try:
        open_database(db_path, migrate=False)
        assert A.take_daily_backup(today=THURSDAY) is None
    finally:
        close_database()
        db_path.chmod(0o600)
    assert not (tmp_path / "backups").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_failure_is_a_danish_message_and_a_log_line(contact, db_path, caplog):
    folder = db_path.parent / "backups"
    folder.write_text("en fil, hvor mappen skulle være")
    with pytest.raises(ServiceError, match="Den daglige sikkerhedskopi kunne ikke gemmes"):
        A.take_daily_backup(today=THURSDAY)
    assert "Den daglige sikkerhedskopi mislykkedes (FileExistsError)" in caplog.text
    assert "Åse" not in caplog.text


def test_list_backups_newest_first_with_the_copies_kept_aside(contact, db_path):
    A.take_daily_backup(today=date(2026, 12, 1))
    A.take_daily_backup(today=date(2026, 12, 2))
    folder = db_path.parent / "backups"
    os.utime(folder / "tryg-2026-12-01.sqlite3", (1, datetime(2026, 12, 1, 8, 15).timestamp()))
    os.utime(folder / "tryg-2026-12-02.sqlite3", (1, datetime(2026, 12, 2, 9, 30).timestamp()))
    result = backup.restore_backup(folder / "tryg-2026-12-01.sqlite3",
                                   now=datetime(2026, 12, 3, 14, 5))
    os.utime(result.kept_aside, (1, datetime(2026, 12, 3, 14, 5).timestamp()))
    (db_path.parent / "andet-2026-12-01.sqlite3").write_text("en anden database")

    found = A.list_backups()
    assert [(b.path.name, b.taken_at, b.before_restore) for b in found] == [
        ("tryg.sqlite3.før-gendannelse-2026-12-03T1405", datetime(2026, 12, 3, 14, 5), True),
        ("tryg-2026-12-02.sqlite3", datetime(2026, 12, 2, 9, 30), False),
        ("tryg-2026-12-01.sqlite3", datetime(2026, 12, 1, 8, 15), False)]
    assert all(b.size == b.path.stat().st_size > 0 for b in found)


def test_the_daily_backup_clears_what_a_killed_one_left(contact, db_path):
    import subprocess

    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout)
    folder = db_path.parent / "backups"
    folder.mkdir()
    for suffix in ("", "-journal"):
        (folder / f".tryg-2026-12-02.sqlite3.tryg-kopi.{dead}.tmp{suffix}").write_bytes(b"halv")
    A.take_daily_backup(today=THURSDAY)
    assert [p.name for p in folder.iterdir()] == ["tryg-2026-12-03.sqlite3"]
