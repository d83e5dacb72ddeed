"""The red line under a form that says, in Danish, what must be put right."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tryg_desktop.views.kit.colours import ERROR_TEXT, text_style


def error_label() -> QLabel:
    """Hidden until there is something to say."""
    label = QLabel(styleSheet=text_style(ERROR_TEXT), wordWrap=True)
    label.hide()
    return label
