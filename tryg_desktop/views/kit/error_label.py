"""The red line under a form that says, in Danish, what must be put right."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget

from tryg_desktop.views.kit.colours import ERROR_TEXT, text_style


def error_label() -> QLabel:
    """Hidden until there is something to say."""
    label = QLabel(styleSheet=text_style(ERROR_TEXT), wordWrap=True)
    label.hide()
    return label


def add_form_row(form: QFormLayout, label: str | QWidget, field: QWidget | QLayout,
                 error: QLabel, buddy: QWidget | None = None) -> None:
    """A form row whose field has its error label under it, so a hidden error leaves no gap.
    label: the row's text (its buddy: buddy, else the field) or a widget of its own (a tick
    box that switches the field on)."""
    if isinstance(label, str):
        label = QLabel(label)
        label.setBuddy(buddy or field)
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(field) if isinstance(field, QWidget) else box.addLayout(field)
    box.addWidget(error)
    form.addRow(label, box)
