"""The main window's pages: one at a time, and only the one in view sets the window's minimum.

A QStackedWidget asks for the largest minimum of all the pages it ever held, so one tall page
(an effort's page) kept the window taller than a 1366×768 screen for the rest of the session.
Here the page in view decides, and a page that needs more room than the window has scrolls
(`scrolled`) instead of pushing the window, its status bar and buttons past the screen's edge."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QWidget,
)


class PageStack(QStackedWidget):
    """Qt's own idiom: the pages not in view get the Ignored size policy, which the stack's
    layout leaves out of its size hint and minimum. (Overriding sizeHint/minimumSizeHint in
    Python ran on every layout pass and cost ~30 ms of start-up.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._policies: dict[int, QSizePolicy] = {}  # each page's own, while it is hidden
        self.currentChanged.connect(self._fit)

    def addWidget(self, page: QWidget) -> int:
        index = super().addWidget(page)
        self._fit()
        return index

    def removeWidget(self, page: QWidget) -> None:
        self._policies.pop(id(page), None)
        super().removeWidget(page)

    def _fit(self, *_args) -> None:
        current = self.currentWidget()
        for index in range(self.count()):
            page = self.widget(index)
            key = id(page)
            if page is current:
                if key in self._policies:
                    page.setSizePolicy(self._policies.pop(key))
            elif key not in self._policies:
                self._policies[key] = page.sizePolicy()
                page.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.updateGeometry()


class _DownOnly(QScrollArea):
    """Scrolls up and down only: as wide as its widget needs, plus the scroll bar."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        widget = self.widget()
        if widget is None:
            return hint
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(widget.minimumSizeHint().width() + bar, hint.height())


def scrolled(widget: QWidget, across: bool = True) -> QScrollArea:
    """widget in a frameless scroll area that fills out the space it is given and scrolls
    only when widget's minimum is larger (across=False: only up and down). The area itself
    takes no focus (Tab goes to the widget's fields)."""
    area = QScrollArea() if across else _DownOnly()
    if not across:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area
