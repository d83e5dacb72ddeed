"""Every question to the user, file picker and "open with default program" goes through here,
so that tests can replace one object instead of blocking on exec()."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Prompts:
    def confirm(self, parent: QWidget | None, title: str, text: str,
                yes: str = "Ja", no: str = "Nej", destructive: bool = False) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
                          title, text, parent=parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no_button if destructive else yes_button)
        box.exec()
        return box.clickedButton() is yes_button

    def choose(self, parent: QWidget | None, title: str, text: str,
               options: list[str], cancel: str = "Annuller") -> int | None:
        """Index of the chosen option, or None when the user cancels."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
        cancel_button = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel_button)
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else None

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str:
        """A line of text from the user; "" when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value.strip() if ok else ""

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def open_file(self, parent: QWidget | None, title: str, folder: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
        return Path(path) if path else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str,
                  filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(path) if path else None

    def run_dialog(self, dialog) -> int:
        """Shows a modal dialog and returns its result (tests drive the dialog instead)."""
        return dialog.exec()

    def open_with_default_program(self, path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def confirm_despite_cpr(prompts: Prompts, parent: QWidget | None, noun: str, pronoun: str,
                        where: list[str]) -> bool:
    """Possible CPR numbers in a document: each place is shown, and it is made only if the
    user says so (the caller then prints with allow_cpr, which the audit trail records).
    noun: "dokumentet" / "rapporten" …; pronoun: "det" / "den"."""
    places = "\n".join(f"• {place}" for place in where)
    return prompts.confirm(
        parent, "Mulige CPR-numre",
        f"{noun[0].upper()}{noun[1:]} ser ud til at indeholde CPR-numre her:\n\n{places}"
        f"\n\nRet teksten, før {noun} deles. Vil du alligevel lave {pronoun}? "
        "Det bliver skrevet i historikken.",
        yes=f"Lav {pronoun} alligevel", no="Stop", destructive=True)
