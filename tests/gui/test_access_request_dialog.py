"""Indsigt and Fortegnelse from the window (views/data_protection/access_request_dialog.py): the
real main window on a SQLite file, the prompts answered by the test double; the files written
by the worker are read back (JSON parsed, PDF text extracted)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.register import contacts as C
from tryg_desktop.views.data_protection.access_request_dialog import (
    AccessRequestDialog,
    answer_access_request,
    print_processing_record,
)


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def _tick_json_and_save(qtbot):
    def handle(dialog: AccessRequestDialog):
        assert dialog.windowTitle() == "Indsigt (art. 15)"
        assert any("Åse Ølgaard" in label.text() for label in dialog.findChildren(QLabel))
        qtbot.keyClick(dialog.json_box, Qt.Key.Key_Space)  # as a user ticks it
        assert dialog.json_box.isChecked()
        dialog.save_button.click()
        return dialog.result()
    return handle


def test_answer_an_access_request_with_json(window, prompts, qtbot, tmp_path):
    person = C.create(C.ContactInput(name="Åse Ølgaard", is_private=True))
    access_log.record_now("view", "contact", person.id)
    prompts.dialog_handlers.append(_tick_json_and_save(qtbot))
    prompts.save_paths.append(tmp_path / "Indsigt Åse")  # typed without .pdf
    prompts.confirm_answers.append(True)  # open the PDF
    answer_access_request(window, person.id, prompts)
    pdf = tmp_path / "Indsigt Åse.pdf"
    qtbot.waitUntil(lambda: ("open", str(pdf), "") in prompts.asked, timeout=15000)
    [question] = [a for a in prompts.asked if a[0] == "confirm"]
    assert question[1] == "Indsigt (art. 15)" and str(pdf) in question[2]
    assert "Åse Ølgaard" in pdf_text(pdf)
    data = json.loads((tmp_path / "Indsigt Åse.json").read_text("utf-8"))
    assert data["contact"]["name"] == "Åse Ølgaard"
    assert [e["action"] for e in data["access_log"]] == ["view"]
    assert access_log.about_contact(person.id)[-1].detail == "Indsigt: PDF og JSON"


def test_the_dialog_closes_on_escape_and_nothing_is_made(window, prompts, qtbot, tmp_path):
    person = C.create(C.ContactInput(name="Åse Ølgaard"))

    def press_escape(dialog):
        dialog.show()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return dialog.result()

    prompts.dialog_handlers.append(press_escape)
    answer_access_request(window, person.id, prompts)
    assert prompts.save_paths == [] and prompts.asked == []  # no file asked for
    assert [e.action for e in access_log.about_contact(person.id)] == []


def test_pdf_only_and_declining_to_open(window, prompts, qtbot, tmp_path):
    person = C.create(C.ContactInput(name="Åse Ølgaard"))
    prompts.dialog_handlers.append(lambda dialog: QDialog.DialogCode.Accepted)
    prompts.save_paths.append(tmp_path / "indsigt.pdf")
    prompts.confirm_answers.append(False)
    answer_access_request(window, person.id, prompts)
    qtbot.waitUntil(lambda: any(a[0] == "confirm" for a in prompts.asked), timeout=15000)
    assert (tmp_path / "indsigt.pdf").exists() and not (tmp_path / "indsigt.json").exists()
    assert not any(a[0] == "open" for a in prompts.asked)


def test_a_failure_is_a_danish_warning(window, prompts, qtbot, tmp_path):
    person = C.create(C.ContactInput(name="Åse Ølgaard"))
    prompts.dialog_handlers.append(lambda dialog: QDialog.DialogCode.Accepted)
    prompts.save_paths.append(tmp_path / "mangler" / "indsigt.pdf")  # no such folder
    answer_access_request(window, person.id, prompts)
    qtbot.waitUntil(lambda: any(a[0] == "warn" for a in prompts.asked), timeout=15000)
    [warning] = [a for a in prompts.asked if a[0] == "warn"]
    assert warning[1] == "Indsigt (art. 15)" and "Mappen" in warning[2] and "findes ikke" in \
        warning[2]


def test_print_the_processing_record(window, prompts, qtbot, tmp_path):
    prompts.save_paths.append(tmp_path / "fortegnelse.pdf")
    prompts.confirm_answers.append(True)
    print_processing_record(window, prompts)
    target = tmp_path / "fortegnelse.pdf"
    qtbot.waitUntil(lambda: ("open", str(target), "") in prompts.asked, timeout=15000)
    assert "Fortegnelse over behandlinger" in pdf_text(target)
    [entry] = access_log.entries(access_log.LogFilter(action="print"))
    assert entry.detail == "Fortegnelse"
    # The folder is remembered for the next file.
    from tryg_desktop import settings as S

    assert window.settings.get(S.LAST_EXPORT_DIR) == str(tmp_path)


def test_a_non_administrator_is_told_why_and_asked_nothing(window, prompts, monkeypatch):
    """On the server only tryg_admin answers (the service refuses the rest: see
    tests/unit/test_access_request.py); the window says so before any question."""
    person = C.create(C.ContactInput(name="Åse Ølgaard"))
    monkeypatch.setattr(access_log, "is_admin", lambda: False)
    answer_access_request(window, person.id, prompts)
    print_processing_record(window, prompts)
    assert [(a[0], a[1]) for a in prompts.asked] == [
        ("warn", "Indsigt (art. 15)"), ("warn", "Fortegnelse over behandlinger")]
    assert all("Kun en administrator (rollen tryg_admin)" in a[2] for a in prompts.asked)
    assert prompts.dialogs == []
