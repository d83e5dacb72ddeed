"""A one-line label that elides what does not fit ("…") and then carries its full text as
the tooltip; text() stays the full text. For the status bar, where a long database path and a
long message once ran into each other ("…10 steder.Database: …")."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
                 parent=None, **kwargs) -> None:
        super().__init__(text, parent, **kwargs)
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._update_tooltip()

    def shown_text(self) -> str:
        """The text as painted: the whole text, or elided to the label's width."""
        return self.fontMetrics().elidedText(self.text(), self._mode, self.contentsRect().width())

    def minimumSizeHint(self) -> QSize:
        # A few letters and the ellipsis: the layout may shrink the label that far.
        return QSize(self.fontMetrics().horizontalAdvance("Xxxx…"), super().minimumSizeHint().height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        self.setToolTip(self.text() if self.shown_text() != self.text() else "")

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(),
                                  int(self.alignment()) | Qt.TextFlag.TextSingleLine,
                                  self.palette(), self.isEnabled(), self.shown_text(),
                                  self.foregroundRole())
