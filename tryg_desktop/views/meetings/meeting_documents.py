"""The meeting's documents from the editor: print preview and printing, "Gem som PDF", the
calendar invitation (.ics) and the e-mail draft with both attached ("Send invitation")."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from tryg_desktop import settings as S
from tryg_desktop.services.errors import ServiceError
from tryg_desktop.views.kit.prompts import Prompts, confirm_despite_cpr

DOCUMENTS = [("agenda", "Dagsorden"), ("runsheet", "Drejebog (kun til mødeleder)"),
             ("attendance", "Fremmødeliste"), ("minutes", "Referat"),
             # The internal version (services/meetings/disclosure.py): never sent, so its own entry.
             ("minutes_full", "Referat (intern udgave med lukkede punkter)")]


class MeetingDocuments(QObject):
    def __init__(self, parent: QWidget, meeting_id, prompts: Prompts,
                 settings: S.Settings) -> None:
        super().__init__(parent)
        self.widget = parent
        self.meeting_id = meeting_id  # a function: the editor's meeting may be new
        self.prompts = prompts
        self.settings = settings

    def menu(self) -> QMenu:
        menu = QMenu(self.widget)
        for document, label in DOCUMENTS:
            action = menu.addAction(f"Vis og udskriv {label[0].lower()}{label[1:]} …",
                                    lambda d=document: self.preview(d))
            if document == "agenda":
                action.setShortcut(QKeySequence.StandardKey.Print)
        menu.addSeparator()
        for document, label in DOCUMENTS:
            menu.addAction(f"Gem {label[0].lower()}{label[1:]} som PDF …",
                           lambda d=document: self.save_pdf(d))
        menu.addSeparator()
        # Alt+U, then K, I or R (the dagsorden has Ctrl+P)
        menu.addAction("Gem &kalenderinvitation (.ics) …", self.save_ics)
        menu.addAction("Send &invitation …", self.send_invitation)
        menu.addAction("Send &referat …", self.send_minutes)
        return menu

    # -- building --------------------------------------------------------------------------
    def _header(self) -> str:
        return self.settings.get(S.HEADER_ORGANISATION)

    def _organizer(self) -> tuple[str, str]:
        return self.settings.get(S.ORGANIZER_NAME), self.settings.get(S.ORGANIZER_EMAIL)

    def pdf_bytes(self, document: str, allow_cpr: bool = False) -> bytes:
        from tryg_desktop.services.meetings import printing

        if document == "attendance":
            return printing.attendance_pdf_bytes(self.meeting_id(), header=self._header(),
                                                 allow_cpr=allow_cpr)
        if document in ("minutes", "minutes_full"):
            return printing.minutes_pdf_bytes(self.meeting_id(), header=self._header(),
                                              full=document == "minutes_full",
                                              allow_cpr=allow_cpr)
        return printing.agenda_pdf_bytes(self.meeting_id(), runsheet=document == "runsheet",
                                         header=self._header(), allow_cpr=allow_cpr)

    def checked_pdf(self, document: str) -> bytes | None:
        """The document, after the CPR check. Where numbers that look like CPR numbers are
        found, the user sees each place and may stop (the default) or print anyway, which the
        audit trail records."""
        from tryg_desktop.services.errors import CprFoundError

        if not self.saved_first():
            return None
        try:
            with self._wait_cursor():
                return self.pdf_bytes(document)
        except CprFoundError as error:
            if not confirm_despite_cpr(self.prompts, self.widget, "dokumentet", "det",
                                       error.where):
                return None
            return self._busy(lambda: self.pdf_bytes(document, allow_cpr=True))
        except ServiceError as error:
            self.prompts.warn(self.widget, "Dokumentet kan ikke laves", error.message)
            return None

    @contextmanager
    def _wait_cursor(self):
        """Building a document takes a moment the first time (reportlab loads)."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            yield
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _busy(self, work):
        try:
            with self._wait_cursor():
                return work()
        except ServiceError as error:
            self.prompts.warn(self.widget, "Dokumentet kan ikke laves", error.message)
            return None
        except OSError as error:
            from tryg_desktop.services.files import os_error_text

            self.prompts.warn(self.widget, "Filen kan ikke gemmes", os_error_text(error))
            return None

    # -- actions ---------------------------------------------------------------------------
    def preview(self, document: str) -> None:
        from tryg_desktop.views.kit.pdf_printing import preview_dialog

        pdf = self.checked_pdf(document)
        if pdf is not None:
            self.prompts.run_dialog(preview_dialog(self.widget, pdf, dict(DOCUMENTS)[document]))

    def save_pdf(self, document: str) -> Path | None:
        from tryg_desktop.services.meetings import printing

        folder = Path(self.settings.get(S.LAST_EXPORT_DIR) or Path.home())
        path = self.prompts.save_file(
            self.widget, "Gem som PDF",
            str(folder / printing.suggested_file_name(self.meeting_id(), document)), "PDF (*.pdf)")
        if path is None:
            return None
        path = path.with_suffix(".pdf")
        self.settings.set(S.LAST_EXPORT_DIR, str(path.parent))
        pdf = self.checked_pdf(document)
        if pdf is None:
            return None
        from tryg_desktop.services.files import write_atomically

        return self._busy(lambda: write_atomically(path, pdf))

    def saved_first(self) -> bool:
        """The editor's unsaved changes are saved before any document is made, so it never
        shows older data than the screen; False (nothing is made) when they cannot be."""
        save = getattr(self.widget, "save_pending", None)
        return save() if save is not None else True

    def save_ics(self) -> Path | None:
        from tryg_desktop.services.meetings import calendar_invite, meetings

        if not self.saved_first():
            return None
        meeting = meetings.get(self.meeting_id())
        folder = Path(self.settings.get(S.LAST_EXPORT_DIR) or Path.home())
        path = self.prompts.save_file(self.widget, "Gem kalenderinvitation",
                                      str(folder / f"{meeting.title}.ics"),
                                      "Kalenderinvitation (*.ics)")
        if path is None:
            return None
        path = path.with_suffix(".ics")
        self.settings.set(S.LAST_EXPORT_DIR, str(path.parent))
        written = self._busy(lambda: calendar_invite.write_ics(self.meeting_id(), path,
                                                               *self._organizer()))
        if written is not None:  # the invitation is out: "Udsendt den …" on the Dagsorden
            meetings.mark_invitation_sent(self.meeting_id())
        return written

    def _draft_path(self, prefix: str) -> Path:
        from tryg_desktop import paths
        from tryg_desktop.services.meetings import printing

        folder = paths.app_data_dir() / "Udkast"
        folder.mkdir(parents=True, exist_ok=True)
        name = printing.suggested_file_name(self.meeting_id(), "agenda").replace(
            "Dagsorden ", f"{prefix} ")
        return folder / Path(name).with_suffix(".eml").name

    def _open_draft(self, path: Path | None, title: str) -> Path | None:
        if path is not None and not self.prompts.open_with_default_program(path):
            self.prompts.inform(self.widget, title,
                                f"Udkastet er gemt her, men kunne ikke åbnes:\n{path}")
        return path

    def send_minutes(self) -> Path | None:
        """The referat as PDF in an e-mail draft to everyone invited."""
        from email.headerregistry import Address

        from tryg_desktop.services.meetings import minutes_mail

        name, email = self._organizer()
        target = self._draft_path("Referat")
        pdf = self.checked_pdf("minutes")
        if pdf is None:
            return None
        path = self._busy(lambda: minutes_mail.draft_eml(
            self.meeting_id(), target, pdf,
            sender=str(Address(name, addr_spec=email)), header=self._header()))
        return self._open_draft(path, "Send referat")

    def send_invitation(self) -> Path | None:
        """An e-mail draft (.eml, X-Unsent) with the agenda PDF and the .ics, opened in the
        default mail program, where the user reads it through and sends it."""
        from tryg_desktop.services.meetings import calendar_invite, invitation_mail, meetings

        meeting_id = self.meeting_id()
        target = self._draft_path("Invitation")

        name, email = self._organizer()
        # The attached Dagsorden says "Udsendt den <today>"; undone if no draft is made.
        previous = meetings.mark_invitation_sent(meeting_id)
        pdf = self.checked_pdf("agenda")
        if pdf is None:
            meetings.set_invitation_sent(meeting_id, previous)
            return None

        def build():
            from email.headerregistry import Address

            return invitation_mail.draft_eml(
                meeting_id, target, pdf,
                calendar_invite.meeting_ics(meeting_id, name, email),
                sender=str(Address(name, addr_spec=email)), header=self._header())

        draft = self._busy(build)
        if draft is None:
            meetings.set_invitation_sent(meeting_id, previous)
        return self._open_draft(draft, "Send invitation")
