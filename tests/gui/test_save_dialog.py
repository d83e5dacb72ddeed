"""Issue 10, "writing to an existing file asks in the GUI": every save goes through
Prompts.save_file, whose dialog asks before replacing a file, also one typed without suffix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tryg_desktop.views.kit.prompts import save_dialog


class _Answerer:
    """Answers the overwrite question from inside the dialog's accept(), which runs it modally,
    and records its text."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.questions: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._poke)
        self.timer.start(5)

    def _poke(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self.questions.append(box.text())
            box.button(self.answer).click()

    def stop(self) -> None:
        self.timer.stop()


def _dialog(qtbot, folder, filters="PDF (*.pdf)"):
    dialog = save_dialog(None, "Gem som PDF", str(folder / "Dagsorden.pdf"), filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the native one cannot be driven
    qtbot.addWidget(dialog)
    return dialog


def test_the_save_dialog_confirms_overwrite_and_suggests_the_name(qtbot, tmp_path):
    dialog = _dialog(qtbot, tmp_path)
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert not dialog.testOption(QFileDialog.Option.DontConfirmOverwrite)
    assert dialog.selectedFiles() == [str(tmp_path / "Dagsorden.pdf")]


@pytest.mark.parametrize("typed", ["referat.pdf", "referat"])
def test_replacing_an_existing_file_is_asked_and_no_keeps_it(qtbot, tmp_path, typed):
    """"referat" is written as referat.pdf, so the question must be about referat.pdf."""
    (tmp_path / "referat.pdf").write_bytes(b"old")
    dialog = _dialog(qtbot, tmp_path)
    dialog.selectFile(str(tmp_path / typed))
    answerer = _Answerer(QMessageBox.StandardButton.No)
    dialog.accept()
    answerer.stop()
    assert len(answerer.questions) == 1 and "referat.pdf" in answerer.questions[0]
    assert dialog.result() != QFileDialog.DialogCode.Accepted


def test_yes_replaces(qtbot, tmp_path):
    (tmp_path / "referat.pdf").write_bytes(b"old")
    dialog = _dialog(qtbot, tmp_path)
    dialog.selectFile(str(tmp_path / "referat"))
    answerer = _Answerer(QMessageBox.StandardButton.Yes)
    dialog.accept()
    answerer.stop()
    assert len(answerer.questions) == 1
    assert dialog.result() == QFileDialog.DialogCode.Accepted
    assert dialog.selectedFiles() == [str(tmp_path / "referat.pdf")]


def test_a_new_file_is_not_asked_about(qtbot, tmp_path):
    dialog = _dialog(qtbot, tmp_path)
    dialog.selectFile(str(tmp_path / "ny"))
    answerer = _Answerer(QMessageBox.StandardButton.No)
    dialog.accept()
    answerer.stop()
    assert answerer.questions == []
    assert dialog.selectedFiles() == [str(tmp_path / "ny.pdf")]


def test_the_chosen_filter_gives_the_suffix(qtbot, tmp_path):
    dialog = _dialog(qtbot, tmp_path, "CSV til Excel (*.csv);;vCard (*.vcf)")
    assert dialog.defaultSuffix() == "csv"
    dialog.selectNameFilter("vCard (*.vcf)")
    dialog.filterSelected.emit("vCard (*.vcf)")
    assert dialog.defaultSuffix() == "vcf"


def test_every_gui_save_goes_through_prompts_save_file():
    """A view that opened its own QFileDialog would bypass the question (and the tests' seam)."""
    from pathlib import Path

    import tryg_desktop.views as views

    offenders = [
        path.name for path in Path(views.__file__).parent.rglob("*.py")
        if path.name != "prompts.py" and "/forms/" not in path.as_posix()
        and any(word in path.read_text(encoding="utf-8")
                for word in ("getSaveFileName", "QFileDialog(", "DontConfirmOverwrite"))]
    assert offenders == []


@pytest.mark.parametrize(("typed", "written"), [
    ("Dagsorden 5.3.2026", "Dagsorden 5.3.2026.pdf"),  # Qt takes ".2026" for a suffix
    ("plan.PDF", "plan.PDF"),
    ("kontakter.vcf", "kontakter.vcf"),  # another filter's ending is kept
])
def test_the_expected_suffix_is_added(tmp_path, typed, written):
    from tryg_desktop.views.kit.prompts import with_expected_suffix

    filters = "PDF (*.pdf);;vCard (*.vcf)"
    assert with_expected_suffix(tmp_path / typed, filters, "pdf") == tmp_path / written
    assert with_expected_suffix(tmp_path / typed, "Alle filer (*)", "") == tmp_path / typed


@pytest.mark.parametrize("answer", [True, False])
def test_a_name_that_gets_its_suffix_here_is_asked_about_again(tmp_path, answer):
    from tryg_desktop.views.kit.prompts import Prompts

    class Answering(Prompts):
        asked: list[str] = []

        def confirm(self, parent, title, text, yes="Ja", no="Nej", destructive=False):
            self.asked.append(text)
            return answer

    (tmp_path / "Dagsorden 5.3.2026.pdf").write_bytes(b"old")
    prompts = Answering()
    chosen = prompts.finish_save(None, "Gem som PDF", tmp_path / "Dagsorden 5.3.2026",
                                 "PDF (*.pdf)", "pdf")
    assert prompts.asked == ["Dagsorden 5.3.2026.pdf findes allerede.\nVil du erstatte den?"]
    assert chosen == (tmp_path / "Dagsorden 5.3.2026.pdf" if answer else None)
    assert prompts.finish_save(None, "Gem", tmp_path / "ny", "PDF (*.pdf)", "pdf") == \
        tmp_path / "ny.pdf"
    assert len(prompts.asked) == 1  # a new file is not asked about
