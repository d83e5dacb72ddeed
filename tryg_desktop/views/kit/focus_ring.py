"""The focus indicator (issue 14 point 2): a 2-px ring just outside whichever control has the
keyboard focus, in the palette's highlight (or its text colour where the highlight is pale),
at least 3:1 against the window.

Qt's own QFocusFrame does the work: it follows the widget as it moves, resizes, scrolls, hides
or changes parent, and with SH_FocusFrame_AboveWidget it lives in the window (or the nearest
scroll area's viewport) above the widget, so a field at the edge of its container is not cut.
The styles' own 1-px hints stay as they are; nothing in the controls' style changes, so no
size moves. One frame for the whole app; the module is imported after the first paint
(tryg_desktop/app.py), not on the start-up path."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QPainter, QRegion
from PySide6.QtWidgets import QApplication, QFocusFrame, QProxyStyle, QStyle, QWidget

from tryg_desktop.views.kit import colours

WIDTH = 2  # px; WCAG 2.2's focus appearance asks for a 2-px perimeter


class _FrameStyle(QProxyStyle):
    """The frame's own style (no other widget uses it): above the widget, WIDTH outside it."""

    def styleHint(self, hint, option=None, widget=None, returnData=None) -> int:
        if hint == QStyle.StyleHint.SH_FocusFrame_AboveWidget:
            return 1
        return super().styleHint(hint, option, widget, returnData)

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        if metric in (QStyle.PixelMetric.PM_FocusFrameHMargin,
                      QStyle.PixelMetric.PM_FocusFrameVMargin):
            return WIDTH
        return super().pixelMetric(metric, option, widget)


class FocusRing(QFocusFrame):
    """Paints only the ring; the rest is masked away, so the widget under it shows and takes
    its clicks."""

    def _ring(self) -> QRegion:
        inner = self.rect().adjusted(WIDTH, WIDTH, -WIDTH, -WIDTH)
        return QRegion(self.rect()).subtracted(QRegion(inner))

    def resizeEvent(self, event) -> None:
        self.setMask(self._ring())
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:
        if self.widget() is None:
            return
        # The ring lies on the window (or viewport) around the widget: its palette decides, not
        # the widget's own (the navigation's is dark blue, its text near white).
        painter = QPainter(self)
        painter.fillRect(self.rect(), colours.focus_colour(self.palette()))


class FocusRingTracker(QObject):
    """Moves the one ring to the focus widget (QApplication.focusChanged)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._style = _FrameStyle()  # kept here: a widget does not own the style it is given
        self._frame: FocusRing | None = None
        app.focusChanged.connect(self.follow)

    def frame(self) -> FocusRing:
        # The frame is a child of the window it last framed in; a closed dialog takes it along.
        if self._frame is None or not shiboken6.isValid(self._frame):
            self._frame = FocusRing()
            self._frame.setStyle(self._style)
        return self._frame

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = framed(new)
        if target is None and (self._frame is None or not shiboken6.isValid(self._frame)):
            return
        self.frame().setWidget(target)

    def uninstall(self) -> None:
        QApplication.instance().focusChanged.disconnect(self.follow)
        if self._frame is not None and shiboken6.isValid(self._frame):
            self._frame.setWidget(None)
            self._frame.deleteLater()
        self._frame = None


def framed(widget: QWidget | None) -> QWidget | None:
    """The widget to ring: the focus widget itself (Qt reports a combo box or a date edit, not
    the line edit inside it), and nothing for a window or a popup. Not a container whose focus
    proxy has the focus: a contact field's Vælg and Ryd must each show which one has it."""
    if widget is None or widget.isWindow():
        return None
    return widget


def install(app: QApplication) -> FocusRingTracker:
    tracker = FocusRingTracker(app)
    tracker.follow(None, app.focusWidget())  # installed after the window took the focus
    return tracker
