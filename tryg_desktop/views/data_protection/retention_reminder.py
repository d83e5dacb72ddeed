"""The start-up reminder of overdue retention (issue 13 point 2): after the main window's first
paint, for an administrator only, what has passed its retention period is counted in a worker
(counts, not lists: cheap); when anything is overdue, a banner across the top of the window
says so, with a button that opens the Slettefrister page and one that closes the banner.
Non-modal: nothing waits for it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from tryg_desktop.views.kit.colours import BANNER_BACKGROUND, BANNER_BORDER, BANNER_TEXT, hex_of
from tryg_desktop.workers import Task

TEXT = "Der er data, som har passeret sin slettefrist – se Slettefrister"
PAGE = "Slettefrister"


def _style() -> str:
    return (f"#retention_banner {{ background: {hex_of(BANNER_BACKGROUND)}; "
            f"border-bottom: 1px solid {hex_of(BANNER_BORDER)}; }} "
            f"#retention_banner QLabel {{ color: {hex_of(BANNER_TEXT)}; }}")


class RetentionReminder(QObject):
    """Counts in a worker and shows the banner; open_page is emitted when the user asks to see
    the page (connected to the window's page switch by remind_when_due)."""

    open_page = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.banner: QFrame | None = None
        self.count: int | None = None
        self.task: Task | None = None

    def start(self) -> Task:
        from tryg_desktop.services.data_protection import retention

        task = Task(lambda progress, is_cancelled: retention.overdue_count())
        # Methods of this object, not lambdas: if the window closes first, Qt drops the call.
        task.signals.finished.connect(self._counted)
        task.signals.failed.connect(self._failed)
        self.task = task
        return task.start()

    def _counted(self, count: int) -> None:
        self.task = None
        self.count = count
        if count and self.banner is None:
            self._show_banner(count)

    def _failed(self, _message: str) -> None:
        self.task = None  # a reminder only: the page itself says what went wrong

    def _show_banner(self, count: int) -> None:
        banner = QFrame(objectName="retention_banner", styleSheet=_style())
        label = QLabel(f"{TEXT} ({count} {'post' if count == 1 else 'poster'}).",
                       wordWrap=True, objectName="retention_banner_text")
        label.setAccessibleName(label.text())
        go = QPushButton("Vis Slettefrister")
        go.setToolTip("Åbn siden Slettefrister og se, hvad der skal slettes")
        go.clicked.connect(self._go)
        close = QPushButton("Luk")
        close.setToolTip("Skjul påmindelsen (den vises igen ved næste start)")
        close.setAccessibleName("Luk påmindelsen om slettefrister")
        close.clicked.connect(self.dismiss)
        row = QHBoxLayout(banner)
        row.setContentsMargins(10, 4, 10, 4)
        row.addWidget(label, 1)
        row.addWidget(go)
        row.addWidget(close)
        self.banner = banner
        self.window.banners.addWidget(banner)
        self.window.statusBar().showMessage(TEXT, 15000)

    def _go(self) -> None:
        self.open_page.emit()
        self.dismiss()

    def dismiss(self) -> None:
        if self.banner is not None:
            self.banner.hide()
            self.banner.deleteLater()
            self.banner = None


def remind_when_due(window, open_page: Callable[[], None] | None = None
                    ) -> RetentionReminder | None:
    """Call once after the main window's first paint. Nothing for a non-administrator (on the
    server anyone but tryg_admin); else the count runs in a worker and the banner appears if
    anything is overdue. open_page: what "Vis Slettefrister" does (default: the window's
    show_named_page("Slettefrister"))."""
    from tryg_desktop.services.data_protection.access_log import is_admin

    if not is_admin():
        return None
    if getattr(window, "retention_reminder", None) is not None:
        return window.retention_reminder  # asked twice: one count, one banner
    reminder = RetentionReminder(window)
    reminder.open_page.connect(open_page or (lambda: window.show_named_page(PAGE)))
    window.retention_reminder = reminder
    reminder.start()
    return reminder
