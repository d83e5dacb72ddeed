"""Every question to the user, file picker and "open with default program" goes through here,
so that tests can replace one object instead of blocking on exec()."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def with_mnemonics(texts: list[str]) -> list[str]:
    """Button texts with a unique Alt letter each ("Gem" -> "&Gem", "Kassér ændringer" ->
    "&Kassér ændringer"): the first letter of a word not yet taken, else any letter. A text
    that already has one keeps it; one with no free letter stays without."""
    taken = {text[text.index("&") + 1].lower() for text in texts
             if "&" in text and text.index("&") + 1 < len(text)}
    out = []
    for text in texts:
        if "&" in text:
            out.append(text)
            continue
        starts = [i for i, char in enumerate(text) if char.isalpha()
                  and (i == 0 or not text[i - 1].isalpha())]
        rest = [i for i, char in enumerate(text) if char.isalpha() and i not in starts]
        free = next((i for i in starts + rest if text[i].lower() not in taken), None)
        if free is None:
            out.append(text)
            continue
        taken.add(text[free].lower())
        out.append(f"{text[:free]}&{text[free:]}")
    return out


class Prompts:
    def confirm(self, parent: QWidget | None, title: str, text: str,
                yes: str = "Ja", no: str = "Nej", destructive: bool = False) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
                          title, text, parent=parent)
        yes, no = with_mnemonics([yes, no])  # a keyboard user answers with Alt+letter
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no_button if destructive else yes_button)
        box.exec()
        return box.clickedButton() is yes_button

    def choose(self, parent: QWidget | None, title: str, text: str,
               options: list[str], cancel: str = "Annuller") -> int | None:
        """Index of the chosen option, or None when the user cancels."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        *options, cancel = with_mnemonics([*options, cancel])  # Alt+letter per answer
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

    def open_file(self, parent: QWidget | None, title: str, folder: str,
                  filters: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
        return Path(path) if path else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str,
                  filters: str) -> Path | None:
        """The path to write, after the dialog has asked whether to replace an existing file."""
        dialog = save_dialog(parent, title, suggested, filters)
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return None
        chosen = dialog.selectedFiles()
        if not chosen:
            return None
        return self.finish_save(parent, title, Path(chosen[0]), filters, dialog.defaultSuffix())

    def finish_save(self, parent: QWidget | None, title: str, chosen: Path, filters: str,
                    suffix: str) -> Path | None:
        """The dialog adds the suffix only to a name without one; "Dagsorden 5.3.2026" gets
        ".pdf" here, and since Qt asked about the name without it, the question is asked
        again for the name that will be written."""
        path = with_expected_suffix(chosen, filters, suffix)
        if path != chosen and path.exists() and not self.confirm(
                parent, title, f"{path.name} findes allerede.\nVil du erstatte den?",
                yes="Erstat", no="Annuller", destructive=True):
            return None
        return path

    def run_dialog(self, dialog) -> int:
        """Shows a modal dialog and returns its result (tests drive the dialog instead)."""
        return dialog.exec()

    def open_with_default_program(self, path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def save_dialog(parent: QWidget | None, title: str, suggested: str, filters: str) -> QFileDialog:
    """A save dialog that asks before replacing a file (Qt's own question; it is on unless
    DontConfirmOverwrite is set, and here it is switched on explicitly). The filter's suffix
    is added to a name typed without one before that question, so the file asked about is
    the file written: the views write "x" as "x.pdf"."""
    dialog = QFileDialog(parent, title, suggested, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, False)
    dialog.setDefaultSuffix(_first_suffix(filters))
    # "x" with the vCard filter chosen is "x.vcf", not the first filter's "x.csv".
    dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix(_first_suffix(chosen)))
    return dialog


def with_expected_suffix(path: Path, filters: str, suffix: str) -> Path:
    """path with ".suffix" added, unless it already ends as one of the filters' patterns
    (or there is no suffix to add, as with "Alle filer (*)")."""
    endings = {ending.lower() for ending in re.findall(r"\*(\.\w+)", filters)}
    if not suffix or path.suffix.lower() in endings:
        return path
    return path.with_name(f"{path.name}.{suffix}")


def _first_suffix(filters: str) -> str:
    """'PDF (*.pdf)' → 'pdf'; '' when the (first) filter names no suffix, as 'Alle filer (*)'."""
    first = filters.split(";;", 1)[0]
    found = re.search(r"\*\.(\w+)", first)
    return found.group(1) if found else ""


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
