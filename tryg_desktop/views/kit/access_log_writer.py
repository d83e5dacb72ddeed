"""Writes the access log's queue (services/data_protection/access_log.py) for the window:
every second in the thread pool, so a view or a search never waits for the database, and at
the window's close on the GUI thread, so nothing queued is left behind."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, QTimer

from tryg_desktop.workers import Task

_MODULE = "tryg_desktop.services.data_protection.access_log"
_log = logging.getLogger(__name__)
INTERVAL_MS = 1000


def _access_log():
    """The service module once something has been logged; None before (start-up need not load
    it: nothing can be queued until a page that logs has been used)."""
    return sys.modules.get(_MODULE)


class AccessLogWriter(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self._write_queued)
        self._timer.start()

    def _write_queued(self) -> None:
        log = _access_log()
        if self._task is not None or log is None or not log.pending():
            return
        task = Task(lambda progress, is_cancelled: log.flush())
        task.signals.finished.connect(self._done)
        task.signals.failed.connect(self._failed)
        self._task = task.start()

    def _done(self, _count) -> None:
        self._task = None

    def _failed(self, message: str) -> None:
        # The server out of reach: the entries stay queued, and the next tick tries again.
        self._task = None
        _log.warning("Adgangsloggen blev ikke skrevet nu; den prøves igen")

    def write_now(self) -> None:
        """At close (and before the database is replaced): whatever is queued, at once."""
        self._timer.stop()
        log = _access_log()
        if log is None:
            return
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(5000)  # a flush in the pool finishes first
        try:
            log.flush()
        except Exception as error:  # noqa: BLE001 - closing must go on; the log file says why
            _log.error("Adgangsloggen kunne ikke skrives ved lukning (%s)", type(error).__name__)
        self._timer.start()
