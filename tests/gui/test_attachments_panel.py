"""Bilag in the agenda item editor: added with the (replaced) file picker or dropped on the
list, opened, saved, removed with Delete after a question; the list shows Danish sizes."""

import datetime as dt

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import attachments as AT
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.views.meetings.agenda_builder import AgendaBuilder
from tryg_desktop.views.meetings.attachments_panel import NO_ITEM, AttachmentsPanel

PDF = b"%PDF-1.4\n% Tryghedsvandring\n%%EOF\n"


def meeting_with_items():
    # A month ahead: saving a meeting that has begun asks first, and this test saves.
    starts = dt.datetime.combine(dt.date.today() + dt.timedelta(days=30), dt.time(14))
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=starts,
                                      ends_at=starts + dt.timedelta(hours=2)))
    first = A.add(meeting.id, A.ItemInput(title="Velkomst"))
    walk = A.add(meeting.id, A.ItemInput(title="Tryghedsvandring"))
    return meeting, first, walk


def make_panel(qtbot, prompts, settings, item_id):
    panel = AttachmentsPanel(prompts, settings)
    qtbot.addWidget(panel)
    panel.set_item(item_id)
    panel.show()
    return panel


def test_add_with_the_file_picker_shows_name_and_danish_size(db, qtbot, prompts, settings,
                                                             tmp_path):
    _, _, walk = meeting_with_items()
    panel = make_panel(qtbot, prompts, settings, walk.id)
    assert panel.names() == [] and not panel.remove_button.isEnabled()
    source = tmp_path / "Tryghedsvandring.pdf"
    source.write_bytes(PDF + b"x" * int(1.2 * AT.MB))
    prompts.open_paths.append(source)
    panel.add_button.click()
    qtbot.waitUntil(lambda: panel.names() == ["Tryghedsvandring.pdf (1,2\u00a0MB)"])
    assert panel.summary.text() == "1 bilag, i alt 1,2\u00a0MB"
    assert [r.file_name for r in AT.list_for_item(walk.id)] == ["Tryghedsvandring.pdf"]
    assert panel.remove_button.isEnabled()

    prompts.open_paths.append(None)  # the picker cancelled: nothing happens
    panel.add_button.click()
    assert len(panel.names()) == 1


def test_refused_file_is_explained_and_not_added(db, qtbot, prompts, settings, tmp_path):
    _, _, walk = meeting_with_items()
    panel = make_panel(qtbot, prompts, settings, walk.id)
    source = tmp_path / "Budget.pdf"
    source.write_bytes(b"%PDF-" + b"x" * int(12.4 * AT.MB))
    prompts.open_paths.append(source)
    panel.add_button.click()
    qtbot.waitUntil(lambda: bool(prompts.asked))
    assert prompts.asked[-1] == ("warn", "Bilaget kan ikke vedhæftes",
                                 "Filen »Budget.pdf« kan ikke vedhæftes. Filen er "
                                 "12,4\u00a0MB; grænsen er 10\u00a0MB.")
    assert panel.names() == []


def test_delete_key_asks_before_removing(db, qtbot, prompts, settings):
    _, _, walk = meeting_with_items()
    AT.add(walk.id, ("Kort.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000))
    AT.add(walk.id, ("Program.pdf", PDF))
    panel = make_panel(qtbot, prompts, settings, walk.id)
    assert panel.names() == ["Kort.png (2\u00a0kB)", "Program.pdf (1\u00a0kB)"]
    panel.list.setFocus()
    panel.list.setCurrentRow(1)
    prompts.confirm_answers.append(False)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert prompts.asked[-1][:2] == ("confirm", "Fjern bilag")
    assert "Program.pdf" in prompts.asked[-1][2]
    assert len(panel.names()) == 2  # "Annuller" keeps it
    prompts.confirm_answers.append(True)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert panel.names() == ["Kort.png (2\u00a0kB)"]
    assert [r.file_name for r in AT.list_for_item(walk.id)] == ["Kort.png"]


def test_open_and_save_as(db, qtbot, prompts, settings, tmp_path):
    _, _, walk = meeting_with_items()
    AT.add(walk.id, ("Program.pdf", PDF))
    panel = make_panel(qtbot, prompts, settings, walk.id)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)  # Enter opens, as a double click does
    kind, opened, _ = prompts.asked[-1]
    assert kind == "open" and opened.endswith("Program.pdf")
    with open(opened, "rb") as handle:
        assert handle.read() == PDF
    target = tmp_path / "gemt.pdf"
    prompts.save_paths.append(target)
    panel.save_button.click()
    assert target.read_bytes() == PDF


def test_files_dropped_on_the_list_are_attached(db, qtbot, prompts, settings, tmp_path):
    _, _, walk = meeting_with_items()
    panel = make_panel(qtbot, prompts, settings, walk.id)
    files = []
    for name in ("Et.pdf", "To.pdf"):
        files.append(tmp_path / name)
        files[-1].write_bytes(PDF)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(QPointF(QPoint(5, 5)), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.list.dropEvent(event)
    qtbot.waitUntil(lambda: panel.names() == ["Et.pdf (1\u00a0kB)", "To.pdf (1\u00a0kB)"])


def test_item_editor_shows_the_current_items_bilag(db, qtbot, prompts, settings):
    meeting, first, walk = meeting_with_items()
    AT.add(walk.id, ("Program.pdf", PDF))
    builder = AgendaBuilder(meeting.id, prompts, settings)
    qtbot.addWidget(builder)
    builder.show()
    builder.table.selectRow(0)
    assert builder.attachments.item_id == first.id and builder.attachments.names() == []
    builder.table.selectRow(1)
    assert builder.attachments.names() == ["Program.pdf (1\u00a0kB)"]
    # The item's sagsnummer is saved with the item, as the other fields are.
    builder.case_number_edit.setText("27.00.00-A00-1-26")
    builder.case_number_edit.textEdited.emit("27.00.00-A00-1-26")
    assert builder.save_current()
    assert A.get(walk.id).case_number == "27.00.00-A00-1-26"


def test_without_an_item_the_panel_explains(db, qtbot, prompts, settings):
    panel = make_panel(qtbot, prompts, settings, None)
    assert panel.note.isVisible() and panel.note.text() == NO_ITEM
    assert not panel.add_button.isEnabled()
    panel.add_files([])
    assert prompts.asked[-1] == ("inform", "Bilag", NO_ITEM)


def test_meeting_editor_saves_the_case_number(db, qtbot, prompts, settings):
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    meeting, _, _ = meeting_with_items()
    editor = MeetingEditor(meeting.id, prompts, settings)
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.case_number_edit, "27.00.00-A00-1-26")
    assert editor.save()
    assert M.get(meeting.id).case_number == "27.00.00-A00-1-26"
    qtbot.keyClicks(editor.case_number_edit, " 010190-1234")
    assert "CPR-nummer" in editor.errors_label.text()
    prompts.choose_answers.append(1)  # closing: "Kassér ændringer"


def test_deleting_an_item_says_its_bilag_go_too(db, qtbot, prompts, settings):
    meeting, _, walk = meeting_with_items()
    AT.add(walk.id, ("Program.pdf", PDF))
    AT.add(walk.id, ("Kort.pdf", PDF))
    builder = AgendaBuilder(meeting.id, prompts, settings)
    qtbot.addWidget(builder)
    builder.table.selectRow(1)
    prompts.confirm_answers.append(True)
    builder.delete_button.click()
    assert prompts.asked[-1] == ("confirm", "Slet punkt", "Vil du slette punkt 2 "
                                 "»Tryghedsvandring«? Punktets 2 bilag slettes også.")
    assert AT.list_for_meeting(meeting.id) == []


def test_a_file_with_a_cpr_number_is_attached_only_when_the_user_says_so(db, qtbot, prompts,
                                                                        settings, tmp_path):
    _, _, walk = meeting_with_items()
    panel = make_panel(qtbot, prompts, settings, walk.id)
    source = tmp_path / "Noter.txt"
    source.write_text("Henvendelse fra borger 010190-1234 om belysningen", encoding="utf-8")
    prompts.confirm_answers += [False, True]
    panel.add_files([source])
    qtbot.waitUntil(lambda: bool(prompts.asked))
    kind, title, text = prompts.asked[-1]
    assert (kind, title) == ("confirm", "Mulige CPR-numre")
    assert "»Noter.txt« ser ud til at indeholde et CPR-nummer (teksten)" in text
    assert "010190" not in text
    assert panel.names() == [] and AT.list_for_item(walk.id) == []
    panel.add_files([source])
    qtbot.waitUntil(lambda: panel.names() == ["Noter.txt (1\u00a0kB)"])
    from tryg_desktop.services import audit

    entry = audit.history(AT.ENTITY, AT.list_for_item(walk.id)[0].id)[0]
    assert entry.changes["cpr_override"] == [None, "Vedhæftet trods mulige CPR-numre"]


def test_a_bilag_added_in_the_editor_goes_with_the_invitation(db, qtbot, prompts, settings,
                                                              tmp_path):
    """As a coordinator does it: Dagsorden tab, the item, Tilføj bilag …, then Send invitation.
    The closed item's bilag stays home."""
    from email import message_from_bytes, policy
    from pathlib import Path

    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    meeting, _, walk = meeting_with_items()
    closed = A.add(meeting.id, A.ItemInput(title="Politiets orientering", closed=True))
    AT.add(closed.id, ("Politiets notat.pdf", b"%PDF-1.4 fortroligt"))
    editor = MeetingEditor(meeting.id, prompts, settings)
    qtbot.addWidget(editor)
    editor.tabs.setCurrentWidget(editor.agenda)
    editor.agenda.table.selectRow(1)
    source = tmp_path / "Ruten.pdf"
    source.write_bytes(PDF)
    prompts.open_paths.append(source)
    editor.agenda.attachments.add_button.click()
    qtbot.waitUntil(lambda: editor.agenda.attachments.names() == ["Ruten.pdf (1\u00a0kB)"])

    draft = editor.documents.send_invitation()
    assert draft is not None
    mail = message_from_bytes(Path(draft).read_bytes(), policy=policy.default)
    names = [part.get_filename() for part in mail.iter_attachments()]
    assert "Ruten.pdf" in names and "Politiets notat.pdf" not in names
    assert next(part for part in mail.iter_attachments()
                if part.get_filename() == "Ruten.pdf").get_content() == PDF
