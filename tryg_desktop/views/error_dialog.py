"""What the user sees when the program meets an error nobody caught: a Danish sentence, where the
log is, and "Kopiér detaljer" for whoever helps them. The program keeps running. Loaded on the
first error (views/error_reporter.py): its widget classes cost start-up time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)



class ErrorDialog(QDialog):
    def __init__(self, type_name: str, details: str, log_path: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Uventet fejl")
        self.details = details
        where = ("Detaljerne er skrevet i logfilen:" if log_path
                 else "Detaljerne kunne ikke skrives i en logfil.")
        self.message = QLabel(
            f"Der opstod en uventet fejl ({type_name}).\n\n"
            "Programmet kører videre, men det, du lige gjorde, er måske ikke gennemført. "
            f"{where}", objectName="message")
        self.message.setWordWrap(True)
        # The path on a line of its own, never wrapped, and selectable to copy.
        self.location = QLabel(str(log_path or ""), objectName="location")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setVisible(log_path is not None)
        self.more = QLabel(objectName="more")
        self.more.hide()
        self.count = 1

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Kopiér detaljer", objectName="copy_details")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = QPushButton("&Luk", objectName="close")
        self.close_button.clicked.connect(self.accept)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.location)
        layout.addWidget(self.more)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Kopieret")

    def one_more(self) -> None:
        """Another error while this dialog is open: counted here, not a new dialog each time
        (an error in a paint event would otherwise open dialogs without end)."""
        self.count += 1
        self.more.setText(f"Der opstod {self.count - 1} fejl mere; de står også i logfilen.")
        self.more.show()
