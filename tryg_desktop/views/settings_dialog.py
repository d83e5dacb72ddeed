"""Indstillinger: the organisation line of the printed documents, who invitations are from, and
the team's shared database (Fælles database) on the tab Generelt; the team's retention
periods on the tab Slettefrister (views/data_protection/retention_settings.py, saved in the
database, not in this PC's settings). Validated like every other form: the e-mail must be an
e-mail address, and no field may hold a CPR number (each goes out on every document,
invitation and .ics). The server's password goes to the operating system's credential store
when saved, never into the settings file; "Test forbindelsen" runs off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import settings as S
from tryg_desktop.services import server_login, validation
from tryg_desktop.services.privacy import contains_cpr
from tryg_desktop.views.kit.error_label import error_label
from tryg_desktop.views.kit.colours import ERROR_TEXT, SUCCESS_TEXT, text_style
from tryg_desktop.views.kit.server_choice import saved_server_choice
from tryg_desktop.workers import Task
from tryg_desktop.views.kit.screen_fit import resize_within_screen

SSL_LABELS = {"": "Standard (libpq vælger)", "disable": "Ingen kryptering (disable)",
              "allow": "Hvis serveren kræver det (allow)", "prefer": "Helst krypteret (prefer)",
              "require": "Krypteret (require)",
              "verify-ca": "Krypteret, certifikatet kontrolleres (verify-ca)",
              "verify-full": "Krypteret, certifikat og servernavn kontrolleres (verify-full)"}


class SettingsDialog(QDialog):
    def __init__(self, settings: S.Settings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Indstillinger")
        self._task: Task | None = None  # "Test forbindelsen" while it runs
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
        self.server_box = self._build_server_box()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        general = QWidget()
        column = QVBoxLayout(general)
        column.addLayout(form)
        column.addWidget(hint)
        column.addWidget(self.server_box)
        from tryg_desktop.views.data_protection.retention_settings import RetentionSettings

        self.retention = RetentionSettings()
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "&Generelt")
        self.tabs.addTab(self.retention, "Slette&frister")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for edit in (self.header_edit, self.name_edit, self.email_edit, self.host_edit,
                     self.database_edit, self.login_edit):
            edit.textChanged.connect(self.check)
        self.port_spin.valueChanged.connect(self.check)
        self.retention.edited.connect(self.check)
        self.use_server.toggled.connect(self.check)
        resize_within_screen(self, 600, self.sizeHint().height())
        self.check()

    # -- Fælles database ------------------------------------------------------------------------
    def _build_server_box(self) -> QGroupBox:
        choice = saved_server_choice(self.settings)
        box = QGroupBox("Fælles database (PostgreSQL-server)")
        self.use_server = QCheckBox("&Brug den fælles database",
                                    checked=self.settings.get(S.SERVER_ENABLED))
        self.host_edit = QLineEdit(choice.host, placeholderText="fx tryg.kommune.local")
        self.port_spin = QSpinBox(minimum=1, maximum=65535, value=choice.port)
        self.database_edit = QLineEdit(choice.database)
        self.login_edit = QLineEdit(choice.login, placeholderText="tomt: dit eget brugernavn")
        self.password_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("Adgangskode")
        self.sslmode_combo = QComboBox()
        for mode in server_login.SSL_MODES:
            self.sslmode_combo.addItem(SSL_LABELS[mode], mode)
        self.sslmode_combo.setCurrentIndex(max(0, self.sslmode_combo.findData(choice.sslmode)))
        form = QFormLayout()
        form.addRow(self.use_server)
        form.addRow("Se&rver:", self.host_edit)
        form.addRow("&Port:", self.port_spin)
        form.addRow("&Database:", self.database_edit)
        form.addRow("&Login:", self.login_edit)
        form.addRow("Adgangs&kode:", self.password_edit)
        form.addRow("Kr&yptering:", self.sslmode_combo)
        self.test_button = QPushButton("&Test forbindelsen")
        self.test_button.clicked.connect(self.test_connection)
        self.forget_button = QPushButton("Gle&m den gemte adgangskode")
        self.forget_button.clicked.connect(self.forget_password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        self.test_result = QLabel(wordWrap=True, objectName="server_test_result")
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_result.setVisible(False)
        note = QLabel("Adgangskoden gemmes i styresystemets nøglering, aldrig i "
                      "indstillingerne. Lad feltet stå tomt for at beholde en gemt adgangskode, "
                      "eller hvis du logger ind med Kerberos eller en pgpass-fil. Skift til eller "
                      "fra den fælles database sker, næste gang Tryg Desktop startes.",
                      wordWrap=True)
        column = QVBoxLayout(box)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.test_result)
        column.addWidget(note)
        self._show_stored_password()
        return box

    def server_choice(self) -> server_login.ServerChoice:
        return server_login.ServerChoice(
            host=self.host_edit.text().strip(), port=self.port_spin.value(),
            database=self.database_edit.text().strip(), login=self.login_edit.text().strip(),
            sslmode=self.sslmode_combo.currentData() or "")

    def _show_stored_password(self) -> None:
        """A placeholder says whether a password is stored (it is never shown)."""
        choice = self.server_choice()
        try:
            stored = not choice.problems() and server_login.read_password(choice.url())
        except server_login.PasswordStoreError:
            self.password_edit.setPlaceholderText("ingen nøglering på denne computer")
            return
        self.password_edit.setPlaceholderText("gemt i nøgleringen" if stored else "")

    def show_result(self, text: str, ok: bool | None = None) -> None:
        self.test_result.setText(text)
        self.test_result.setAccessibleName(text)
        style = {True: text_style(SUCCESS_TEXT), False: text_style(ERROR_TEXT)}.get(ok, "")
        self.test_result.setStyleSheet(style)
        self.test_result.setVisible(True)

    def test_connection(self) -> Task | None:
        choice = self.server_choice()
        problems = choice.problems()
        if problems:
            self.show_result(" ".join(problems), False)
            return None
        url, typed = choice.url(), self.password_edit.text()

        def work(progress, is_cancelled):
            note = None
            password = typed or None
            if password is None:
                password, note = server_login.password_for_start(url)
            result = server_login.test_connection(url, password)
            return result if note is None or result.ok else \
                server_login.ConnectionTest(False, f"{result.text} ({note})")

        task = Task(work)
        task.signals.finished.connect(self._tested)
        # Methods of this dialog, not lambdas: if it closes first, Qt drops the call.
        task.signals.failed.connect(self._test_failed)
        self._task = task
        self.test_button.setEnabled(False)
        self.show_result(f"Forbinder til {server_login.shown_name(url)} …")
        return task.start()

    def _tested(self, result) -> None:
        self._task = None
        self.show_result(result.text, result.ok)
        self.check()

    def _test_failed(self, message: str) -> None:
        self._tested(server_login.ConnectionTest(False, message))

    def forget_password(self) -> None:
        choice = self.server_choice()
        if choice.problems():
            self.show_result(" ".join(choice.problems()), False)
            return
        try:
            forgotten = server_login.delete_password(choice.url())
        except server_login.PasswordStoreError as error:
            self.show_result(error.message, False)
            return
        self.password_edit.clear()
        self._show_stored_password()
        self.show_result("Den gemte adgangskode er slettet." if forgotten
                         else "Der var ingen gemt adgangskode for dette login.")

    # -- the whole form -------------------------------------------------------------------------
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
        server_problems = self.server_choice().problems()
        if self.use_server.isChecked():
            problems += [f"Fælles database: {each}" for each in server_problems]
        problems += [f"Slettefrister: {each}" for each in self.retention.problems()]
        self.test_button.setEnabled(not server_problems and self._task is None)
        self.error.setText(" ".join(problems))
        self.error.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)
        return not problems

    def save(self) -> None:
        if not self.check():
            return
        # The team's periods first (in the database): refused there, nothing else is saved.
        refused = self.retention.save()
        if refused:
            self.error.setText(refused)
            self.error.setVisible(True)
            return
        choice = self.server_choice()
        password = self.password_edit.text()
        if password:
            if not choice.login:
                self.show_result("Skriv et login, før adgangskoden kan gemmes.", False)
                return
            try:
                server_login.save_password(choice.url(), password)
            except server_login.PasswordStoreError as error:
                self.show_result(f"{error.message} Intet er gemt; tøm feltet Adgangskode for at "
                                 "gemme resten.", False)
                return
        self.settings.set(S.HEADER_ORGANISATION, " ".join(self.header_edit.text().split()))
        self.settings.set(S.ORGANIZER_NAME, self.name_edit.text().strip())
        self.settings.set(S.ORGANIZER_EMAIL, validation.email(self.email_edit.text())[0])
        self.settings.set(S.SERVER_ENABLED, self.use_server.isChecked())
        self.settings.set(S.SERVER_HOST, choice.host)
        self.settings.set(S.SERVER_PORT, choice.port)
        self.settings.set(S.SERVER_DATABASE, choice.database)
        self.settings.set(S.SERVER_LOGIN, choice.login)
        self.settings.set(S.SERVER_SSLMODE, choice.sslmode)
        self.settings.sync()
        self.accept()
