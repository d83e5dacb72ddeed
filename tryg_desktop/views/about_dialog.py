"""Hjælp → Om: the version, the database, the log folder (opens in the file manager) and the
versions of Qt and Python, with "Kopiér" for whoever helps the user."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import APP_NAME, __version__
from tryg_desktop.views.kit.screen_fit import resize_within_screen


def versions() -> dict[str, str]:
    import platform

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    return {"Qt og PySide6": f"Qt {qVersion()}, PySide6 {pyside_version}",
            "Python": sys.version.split()[0], "System": platform.platform()}


def environment_lines() -> list[str]:
    """The program's and its platform's versions, one line each (for an error's details)."""
    return [f"{APP_NAME} {__version__}",
            *(f"{name}: {value}" for name, value in versions().items())]


class AboutDialog(QDialog):
    def __init__(self, database: str, log_folder: Path, prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Om {APP_NAME}")
        self.prompts = prompts
        self.log_folder = Path(log_folder)
        self.rows = [("Version", __version__), ("Database", database),
                     ("Logmappe", str(self.log_folder)), *versions().items()]

        intro = QLabel("Register, dialogmøder og opfølgning for "
                       "»Tryg Aalborg – en mere tryg kommune«.")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for name, value in self.rows:
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.labels[name] = label
            form.addRow(f"{name}:", label)
        # The log folder is a link: a click opens it in the file manager.
        folder = self.labels["Logmappe"]
        folder.setText(f'<a href="#">{_escape(str(self.log_folder))}</a>')
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        folder.setToolTip("Åbn logmappen")
        folder.linkActivated.connect(self.open_log_folder)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Kopiér", objectName="copy")
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("&Luk", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{APP_NAME} {__version__}</b>"))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)  # a path on one line where it fits
        resize_within_screen(self, self.minimumWidth(), self.heightForWidth(self.minimumWidth()))

    def text(self) -> str:
        return "\n".join(f"{name}: {value}" for name, value in self.rows)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText("Kopieret")

    def open_log_folder(self, _link: str = "") -> None:
        try:  # the folder exists once the log is written; before that, make it (the user's only)
            self.log_folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            pass
        if not self.prompts.open_with_default_program(self.log_folder):
            self.prompts.warn(self, "Logmappen kunne ikke åbnes",
                              f"Logmappen kunne ikke åbnes. Den ligger her:\n{self.log_folder}")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
