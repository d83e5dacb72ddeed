"""Indsigt (art. 15) and the Fortegnelse (art. 30) from the window: where to save, the PDF (and
JSON) built in a worker behind a progress dialog, then an offer to open the PDF.

answer_access_request(parent, contact_id, prompts): for the contact chosen on Kontakter.
print_processing_record(parent, prompts): for the Databeskyttelse menu.
Both are for an administrator (tryg_admin on the server; on a SQLite file the PC's user); the
services refuse anyone else, and so do these, before any question is asked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tryg_desktop import settings as S

REQUEST_TITLE = "Indsigt (art. 15)"
RECORD_TITLE = "Fortegnelse over behandlinger"


class AccessRequestDialog(QDialog):
    """What an access request makes, and whether a JSON file goes with the PDF."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(REQUEST_TITLE)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Indsigt for <b>{_escaped(name)}</b>: alt, hvad registret har om personen, samles i "
            "en PDF til udlevering: oplysninger og deres historik, organisation, mødefora, "
            "invitationer og fremmøde, handlinger og adgangsloggen.<br/><br/>"
            "Omtaler af navnet i referater, handlinger og hændelser er med under "
            "»Til gennemsyn før udlevering«: gennemgå dem, før PDF'en sendes.")
        intro.setWordWrap(True)
        intro.setMinimumWidth(420)
        layout.addWidget(intro)
        self.json_box = QCheckBox("Gem også som &JSON (maskinlæsbar kopi, samme navn)")
        self.json_box.setToolTip("En JSON-fil ved siden af PDF'en med de samme oplysninger, "
                                 "fx til personen selv eller til kommunens journal.")
        layout.addWidget(self.json_box)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("&Gem …", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuller", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.json_box.setFocus()


def _escaped(text: str) -> str:
    from html import escape

    return escape(text or "")


def _settings(parent: QWidget | None) -> S.Settings | None:
    """The window's settings (the document header, the last folder), if it has them."""
    window = parent.window() if parent is not None else None
    found = getattr(window, "settings", None) or getattr(parent, "settings", None)
    return found if isinstance(found, S.Settings) else None


def _folder(settings: S.Settings | None) -> Path:
    stored = settings.get(S.LAST_EXPORT_DIR) if settings is not None else ""
    return Path(stored) if stored else Path.home()


def _header(settings: S.Settings | None) -> str | None:
    return settings.get(S.HEADER_ORGANISATION) if settings is not None else None


def _allowed(parent, prompts, title: str, what: str) -> bool:
    from tryg_desktop.services.data_protection import access_log

    if access_log.is_admin():
        return True
    prompts.warn(parent, title, f"Kun en administrator (rollen tryg_admin) kan {what}.")
    return False


def _offer_to_open(parent, prompts, title: str, text: str, pdf: Path) -> None:
    wanted = prompts.confirm(parent, title, text + "\n\nVil du åbne PDF'en nu?",
                             yes="&Åbn PDF", no="&Luk")
    if wanted and not prompts.open_with_default_program(pdf):
        prompts.inform(parent, title, f"PDF'en er gemt her, men kunne ikke åbnes:\n{pdf}")


def answer_access_request(parent: QWidget, contact_id: int, prompts) -> None:
    """Ask where to save, build the indsigt in a worker, then offer to open the PDF."""
    from tryg_desktop.services.data_protection import access_request
    from tryg_desktop.services.errors import ServiceError
    from tryg_desktop.views.kit.progress import run_with_progress

    if not _allowed(parent, prompts, REQUEST_TITLE, access_request.WHAT):
        return
    from tryg_desktop.services.register import contacts

    try:
        contact = contacts.get(contact_id)
    except ServiceError as error:
        prompts.warn(parent, REQUEST_TITLE, error.message)
        return
    dialog = AccessRequestDialog(contact.name, parent)
    if prompts.run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return
    with_json = dialog.json_box.isChecked()
    settings = _settings(parent)
    suggested = _folder(settings) / access_request.suggested_file_name(contact_id)
    path = prompts.save_file(parent, "Gem indsigt som PDF", str(suggested), "PDF (*.pdf)")
    if path is None:
        return
    pdf = Path(path).with_suffix(".pdf")
    json_path = pdf.with_suffix(".json") if with_json else None
    if json_path is not None and json_path.exists() and not prompts.confirm(
            parent, REQUEST_TITLE, f"{json_path.name} findes allerede.\nVil du erstatte den?",
            yes="Erstat", no="Annuller", destructive=True):
        return
    if settings is not None:
        settings.set(S.LAST_EXPORT_DIR, str(pdf.parent))
    header = _header(settings)

    def work(progress, is_cancelled):
        return access_request.write(contact_id, pdf, json_path, header=header,
                                    progress=progress)

    def done(written) -> None:
        text = f"Indsigten er gemt:\n{written.pdf}"
        if written.json is not None:
            text += f"\n{written.json}"
        count = len(written.report.mentions)
        if count:
            text += (f"\n\n{count} {'omtale' if count == 1 else 'omtaler'} i fritekst er med "
                     "til gennemsyn: gennemgå dem, før indsigten udleveres.")
        _offer_to_open(parent, prompts, REQUEST_TITLE, text, written.pdf)

    def failed(message: str) -> None:
        prompts.warn(parent, REQUEST_TITLE, message)

    run_with_progress(parent, REQUEST_TITLE, "Samler oplysningerne og laver PDF'en …", work,
                      done, failed, cancellable=False)


def print_processing_record(parent: QWidget, prompts) -> None:
    """The Fortegnelse as PDF: where to save, built in a worker, then offer to open it."""
    from tryg_desktop.services.data_protection import processing_record
    from tryg_desktop.views.kit.progress import run_with_progress

    if not _allowed(parent, prompts, RECORD_TITLE, processing_record.WHAT):
        return
    settings = _settings(parent)
    suggested = _folder(settings) / processing_record.suggested_file_name()
    path = prompts.save_file(parent, "Gem fortegnelsen som PDF", str(suggested), "PDF (*.pdf)")
    if path is None:
        return
    pdf = Path(path).with_suffix(".pdf")
    if settings is not None:
        settings.set(S.LAST_EXPORT_DIR, str(pdf.parent))
    header = _header(settings)

    def work(progress, is_cancelled):
        progress(0, 1)
        written = processing_record.write(pdf, header=header)
        progress(1, 1)
        return written

    def done(written) -> None:
        _offer_to_open(parent, prompts, RECORD_TITLE,
                       f"Fortegnelsen er gemt:\n{written}\n\nDen er et udgangspunkt for "
                       "kommunens egen fortegnelse: den dataansvarlige, "
                       "databeskyttelsesrådgiveren og retsgrundlaget udfyldes af kommunen.",
                       Path(written))

    run_with_progress(parent, RECORD_TITLE, "Laver fortegnelsen …", work, done,
                      lambda message: prompts.warn(parent, RECORD_TITLE, message),
                      cancellable=False)
