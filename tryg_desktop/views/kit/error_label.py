"""The red line under a form that says, in Danish, what must be put right."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_COLOUR = "#b00020"
ERROR_STYLE = f"color: {ERROR_COLOUR};"


def error_label() -> QLabel:
    """Hidden until there is something to say."""
    label = QLabel(styleSheet=ERROR_STYLE, wordWrap=True)
    label.hide()
    return label
