"""A worker's unexpected error reaches the user as a Danish sentence that does not repeat the
error's own words (they may hold a name), and the details go to the log, not to stderr."""

import logging

from tryg_desktop.workers import Task


def test_an_unexpected_error_is_logged_and_told_in_danish(qtbot, caplog):
    def fail(progress, is_cancelled):
        raise KeyError("Fatima Ali")

    task = Task(fail)
    with caplog.at_level(logging.ERROR, logger="tryg_desktop.workers"):
        with qtbot.waitSignal(task.signals.failed, timeout=5000) as failed:
            task.start()
    message = failed.args[0]
    assert message.startswith("Der opstod en uventet fejl") and "KeyError" in message
    assert "Fatima" not in message
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_a_full_disk_met_while_reading_rows_is_told_as_such(qtbot, tmp_path):
    """A raw sqlite3 error from a cursor (past peewee's wrapper) gets its Danish sentence, not
    "uventet fejl": here a real one, from a database capped at its current size."""
    import sqlite3

    from tryg_desktop.db.errors import DISK_FULL

    path = tmp_path / "lille.sqlite3"

    def fill(progress, is_cancelled):
        conn = sqlite3.connect(path)
        try:
            conn.execute("CREATE TABLE t (x TEXT)")
            conn.commit()
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
            conn.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
        finally:
            conn.close()

    task = Task(fill)
    with qtbot.waitSignal(task.signals.failed, timeout=5000) as failed:
        task.start()
    assert failed.args[0] == DISK_FULL


def _pool_size_after_a_task(qtbot) -> int:
    from PySide6.QtCore import QThreadPool

    task = Task(lambda progress, is_cancelled: None)
    with qtbot.waitSignal(task.signals.finished, timeout=5000):
        task.start()
    return QThreadPool.globalInstance().maxThreadCount()


def test_tasks_on_the_server_get_more_threads_than_cpus(qtbot, db, server_db):
    """A task on the team's server mostly waits for the network: the Oversigt's four parts
    must not run two by two on a two-CPU PC. On the SQLite file the pool keeps one thread
    per CPU (the work is in the CPU there)."""
    from PySide6.QtCore import QThread, QThreadPool

    from tryg_desktop import workers

    pool = QThreadPool.globalInstance()
    before = pool.maxThreadCount()
    try:
        pool.setMaxThreadCount(2)
        assert _pool_size_after_a_task(qtbot) >= workers.SERVER_THREADS  # server_db is open
        pool.setMaxThreadCount(2)
        from tryg_desktop.db import close_database

        close_database()
        from tryg_desktop.db import open_database

        open_database(db.file)  # the SQLite file of the `db` fixture
        assert _pool_size_after_a_task(qtbot) == 2
    finally:
        pool.setMaxThreadCount(max(before, QThread.idealThreadCount()))
