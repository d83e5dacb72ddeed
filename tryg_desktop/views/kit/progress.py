"""Run a service function off the GUI thread behind a Danish progress dialog with Annuller."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from tryg_desktop.workers import Task


def run_with_progress(parent: QWidget, title: str, label: str, fn: Callable[..., Any],
                      on_done: Callable[[Any], None], on_failed: Callable[[str], None],
                      cancellable: bool = True) -> Task:
    """fn(progress=, is_cancelled=) runs in the pool; on_done/on_failed run on the GUI thread."""
    dialog = QProgressDialog(label, "Annuller" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick work finishes without a flash of dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    task = Task(fn)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finished(result) -> None:
        dialog.close()
        on_done(result)

    def failed(message: str) -> None:
        dialog.close()
        on_failed(message)

    task.signals.progress.connect(progress)
    task.signals.finished.connect(finished)
    task.signals.failed.connect(failed)
    dialog.canceled.connect(task.cancel)
    dialog.canceled.connect(lambda: dialog.setLabelText("Annullerer …"))
    parent._running_task = task  # keep the task alive until its signals have arrived
    task.start()
    return task
