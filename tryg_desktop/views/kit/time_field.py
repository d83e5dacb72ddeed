"""A time of day ("14.00") that Tab leaves at once, as every other field.

QTimeEdit's Tab walks its sections first (hours, then minutes), so a keyboard user needed
three Tabs to get past "fra 14.00" and typed the next field's text into the minutes. The
arrow keys ←/→ still move between hours and minutes, and typing "1430" fills both."""

from __future__ import annotations

from PySide6.QtWidgets import QTimeEdit, QWidget


class TimeField(QTimeEdit):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH.mm")

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 (Qt's name)
        return QWidget.focusNextPrevChild(self, next)
