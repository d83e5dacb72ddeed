"""Indstillinger: the organisation line of the printed documents, and who invitations are
from. Validated like every other form: the e-mail must be an e-mail address, and no field may
hold a CPR number (each goes out on every document, invitation and .ics)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from tryg_desktop import settings as S
from tryg_desktop.services import validation
from tryg_desktop.services.privacy import contains_cpr
from tryg_desktop.views.kit.error_label import error_label


class SettingsDialog(QDialog):
    def __init__(self, settings: S.Settings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Indstillinger")
        self.header_edit = QLineEdit(settings.get(S.HEADER_ORGANISATION))
        self.name_edit = QLineEdit(settings.get(S.ORGANIZER_NAME))
        self.email_edit = QLineEdit(settings.get(S.ORGANIZER_EMAIL))
        self.error = error_label()
        form = QFormLayout()
        form.addRow("&Sidehoved på dokumenter:", self.header_edit)
        form.addRow("Invitationer fra (&navn):", self.name_edit)
        form.addRow("Invitationer fra (&e-mail):", self.email_edit)
        hint = QLabel("Sidehovedet står øverst på dagsordener, drejebøger og fremmødelister. "
                      "Navn og e-mail står som arrangør i kalenderinvitationer og som afsender "
                      "på invitationsmails.", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for edit in (self.header_edit, self.name_edit, self.email_edit):
            edit.textChanged.connect(self.check)
        self.resize(560, 220)
        self.check()

    def check(self) -> bool:
        problems = []
        for edit, what in ((self.header_edit, "Sidehovedet"), (self.name_edit, "Arrangørens navn")):
            if not edit.text().strip():
                problems.append(f"{what} skal udfyldes.")
            elif contains_cpr(edit.text()):
                problems.append(f"{what} ser ud til at indeholde et CPR-nummer.")
        email, error = validation.email(self.email_edit.text())
        if error or not email:
            problems.append(error or "Arrangørens e-mail skal udfyldes.")
        self.error.setText(" ".join(problems))
        self.error.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)
        return not problems

    def save(self) -> None:
        if not self.check():
            return
        self.settings.set(S.HEADER_ORGANISATION, " ".join(self.header_edit.text().split()))
        self.settings.set(S.ORGANIZER_NAME, self.name_edit.text().strip())
        self.settings.set(S.ORGANIZER_EMAIL, validation.email(self.email_edit.text())[0])
        self.settings.sync()
        self.accept()
