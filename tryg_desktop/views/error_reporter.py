"""Catches what nobody caught, from any thread, and shows it on the GUI thread. Installed at
start-up, so it holds no widget code: the dialog (views/error_dialog.py) loads on the first
error."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from tryg_desktop import app_log


def details_text(exc_type, exc, tb) -> str:
    """Version, platform, the error's type and the traceback's frames: no message text, which
    may quote a name or a note."""
    from tryg_desktop.views.about_dialog import environment_lines

    return "\n".join([*environment_lines(), f"Fejltype: {app_log.type_name(exc_type)}", "",
                      app_log.describe_exception(exc_type, exc, tb)])


class ErrorReporter(QObject):
    """Lives on the GUI thread. report() may be called from any thread (the exception hooks):
    the signal carries the error to the GUI thread, where the dialog is shown, not exec()'d, so
    no nested event loop starts inside a hook."""

    occurred = Signal(str, str)  # type name, details

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog = None  # an ErrorDialog, made on the first error
        self.occurred.connect(self._show)

    def report(self, exc_type, exc, tb) -> None:
        self.occurred.emit(app_log.type_name(exc_type), details_text(exc_type, exc, tb))

    def _show(self, type_name: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.one_more()
            return
        from PySide6.QtWidgets import QApplication

        from tryg_desktop.views.error_dialog import ErrorDialog

        self.dialog = ErrorDialog(type_name, details, app_log.log_file(),
                                  QApplication.activeWindow())
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.show()

