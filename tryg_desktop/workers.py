"""Long work off the GUI thread.

A Task runs a plain function on QThreadPool and only emits signals: progress(done, total),
finished(result) and failed(message). It never touches a widget; the GUI thread owns any
progress dialog. The function gets its own database connection, because peewee keeps one
connection per thread, and the task closes it when done.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal


def collect_garbage_on_gui_thread(app, interval_ms: int = 1000) -> QTimer:
    """Python's cyclic garbage collector runs in whichever thread happens to allocate when it
    is due: in a worker, it may free a Qt object of the GUI thread there, and Qt crashes.
    So automatic collection is off, and the GUI thread collects on a timer instead (the recipe
    pyqtgraph uses). Reference counting still frees everything without cycles at once."""
    import gc

    gc.disable()
    timer = QTimer(app)
    timer.timeout.connect(lambda: _collect(gc))
    timer.start(interval_ms)
    return timer


def _collect(gc) -> None:
    # Like the automatic collector: the young generation often, the older ones when due.
    first, second, third = gc.get_count()
    limit1, limit2, limit3 = gc.get_threshold()
    if third > limit3:
        gc.collect(2)
    elif second > limit2:
        gc.collect(1)
    elif first > limit1:
        gc.collect(0)


# Tasks on their way through the pool. Holding them here keeps each task's signal object alive
# until its thread is done, even if the widget that started it is closed meanwhile.
_running: set["Task"] = set()


_log = logging.getLogger(__name__)


class TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """Runs fn(progress=..., is_cancelled=...) in the thread pool."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the caller keeps the task until its signals have arrived

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # runs on a pool thread
        from tryg_desktop.db import release_connection

        try:
            result = self.fn(progress=self._progress, is_cancelled=self.is_cancelled)
        except Exception as error:  # noqa: BLE001 - reported to the GUI thread, never swallowed
            from tryg_desktop.db.errors import classify

            # A raw sqlite3 error met while reading rows (a full disk, a damaged page) slips
            # past peewee's wrapper; classify gives it its Danish sentence.
            error = classify(error)
            message = getattr(error, "message", None)
            if message is None:
                # Through logging, not stderr (a Windows GUI program has none): the details
                # for the log, a Danish sentence without the error's own words for the user
                # (they may hold names or notes).
                # The task's code name says which work it was (never its data).
                _log.exception("Opgaven %s fejlede (%s)",
                               getattr(self.fn, "__qualname__", "?"), type(error).__name__)
                message = ("Der opstod en uventet fejl, og opgaven blev ikke gennemført "
                           f"(fejltype {type(error).__name__}).")
            self._emit(self.signals.failed, message)
        else:
            self._emit(self.signals.finished, result)
        finally:
            release_connection()  # this thread's own: closed, or back in the server's pool

    def _progress(self, done: int, total: int) -> None:
        self._emit(self.signals.progress, done, total)

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            pass  # the window that asked is gone (the app is closing): nobody to tell

    def start(self) -> "Task":
        # Released on the GUI thread once the result has arrived there: never while run() is
        # still on the worker's stack.
        _running.add(self)
        for signal in (self.signals.finished, self.signals.failed):
            signal.connect(lambda *_args: _running.discard(self))
        pool = QThreadPool.globalInstance()
        _widen_for_the_server(pool)
        pool.start(self)
        return self


# Threads for tasks on the team's server. The pool's default is one per CPU, which suits
# SQLite (the work is in the CPU); a server task mostly waits for the network, and on a
# two-CPU PC the Oversigt's four parts ran two by two (its lists waited 260 ms at 20x with
# ~10 ms round trips). The connection pool (db/connection.POOL_MAX) has room for them.
SERVER_THREADS = 6


def _widen_for_the_server(pool: QThreadPool) -> None:
    from tryg_desktop.db import is_server

    if pool.maxThreadCount() < SERVER_THREADS and is_server():
        pool.setMaxThreadCount(SERVER_THREADS)
