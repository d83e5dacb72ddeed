"""Formål med udtrækket: asked before a bulk export of the register (issue 13, point 1). The
text goes to the service, which keeps it in the access log with the export."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

EXPLANATION = ("Skriv kort, hvad udtrækket skal bruges til, fx »Invitation til dialogmøde i "
               "Kærby«. Formålet gemmes i adgangsloggen sammen med eksporten.")
MAX_LENGTH = 300


class PurposeDialog(QDialog):
    """A required line of text. Gem is disabled until something is written; Esc and
    Annuller cancel. After accept(), `purpose` holds the text (trimmed)."""

    def __init__(self, parent: QWidget | None = None,
                 title: str = "Formål med udtrækket") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("purposeDialog")
        self.explanation = QLabel(EXPLANATION, wordWrap=True)
        self.label = QLabel("&Formål med udtrækket:")
        self.field = QLineEdit(maxLength=MAX_LENGTH, objectName="purposeField")
        self.field.setPlaceholderText("Hvad skal listen bruges til?")
        self.label.setBuddy(self.field)
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton("&Gem")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("&Annuller")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._accept_if_filled)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.label)
        layout.addWidget(self.field)
        layout.addWidget(self.buttons)
        self.field.textChanged.connect(self._fit)
        self._fit()
        self.setMinimumWidth(420)

    @property
    def purpose(self) -> str:
        return " ".join(self.field.text().split())

    def _fit(self) -> None:
        filled = bool(self.purpose)
        self.save_button.setEnabled(filled)
        self.save_button.setToolTip("" if filled else "Skriv formålet først.")

    def _accept_if_filled(self) -> None:
        if self.purpose:  # Enter in an empty field does nothing
            self.accept()


def ask_purpose(prompts, parent: QWidget | None, title: str = "Formål med udtrækket") -> str:
    """The purpose, or "" when the user cancels (through the prompts' run_dialog seam)."""
    dialog = PurposeDialog(parent, title)
    try:
        if prompts.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return ""
        return dialog.purpose
    finally:
        dialog.deleteLater()
