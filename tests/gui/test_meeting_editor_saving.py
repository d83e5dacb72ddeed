"""Issue 9 point 3 ("what you print is what you see") and point 10 (role clashes) in the real
meeting editor: the Mødet tab saves itself, printing right after an edit prints the edit, an
invalid edit stops the print with a message, and a role held by someone with afbud is said."""

import datetime as dt
from io import BytesIO

from pypdf import PdfReader
from PySide6.QtCore import QTime

from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

DAY = dt.date.today() + dt.timedelta(days=30)


def a_meeting():
    start = dt.datetime.combine(DAY, dt.time(14))
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    A.add(meeting.id, A.ItemInput(title="Velkomst"))
    return meeting


def open_editor(qtbot, prompts, settings, meeting_id):
    editor = MeetingEditor(meeting_id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def pdf_text(path) -> str:
    reader = PdfReader(BytesIO(path.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\xa0", " ").split())


def test_printing_right_after_an_edit_prints_the_edit(db, qtbot, prompts, settings, tmp_path):
    meeting = a_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    editor.date_edit.setFocus()
    editor.date_edit.selectAll()
    qtbot.keyClicks(editor.date_edit, "2.3.2027")  # typed, the field not left yet
    editor.start_edit.setTime(QTime(9, 30))
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Dialogmøde Kærby, ekstra")
    assert M.get(meeting.id).starts_at.date() == DAY  # not saved yet: the pause is not over
    target = tmp_path / "dagsorden.pdf"
    prompts.save_paths.append(target)
    actions = {a.text().replace("&", ""): a for a in editor.documents_button.menu().actions()}
    actions["Gem dagsorden som PDF …"].trigger()  # at once, as a user would
    text = pdf_text(target)
    assert "tirsdag den 2. marts 2027 kl. 09.30" in text
    assert "Dialogmøde Kærby, ekstra" in text
    assert M.get(meeting.id).starts_at == dt.datetime(2027, 3, 2, 9, 30)
    assert editor.saved_label.text().startswith("Gemt kl.")
    assert not [a for a in prompts.asked if a[0] in ("warn", "confirm", "choose")]


def test_the_moedet_tab_saves_itself_after_a_pause(db, qtbot, prompts, settings):
    meeting = a_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    qtbot.keyClicks(editor.location_edit, "Kærby Kulturhus, sal 2")
    assert M.get(meeting.id).location == ""
    qtbot.waitUntil(lambda: M.get(meeting.id).location == "Kærby Kulturhus, sal 2",
                    timeout=3000)
    assert editor.location_edit.text() == "Kærby Kulturhus, sal 2"  # the field was not refilled
    entry = audit.history("meeting", meeting.id)[0]
    assert entry.changes == {"location": ["", "Kærby Kulturhus, sal 2"]}  # one entry, not 22
    # Changed elsewhere meanwhile: the next autosave is a conflict, explained, nothing lost.
    M.update(meeting.id, M.get(meeting.id).as_input(), M.get(meeting.id).version)
    qtbot.keyClicks(editor.purpose_edit, "Tryghed")
    prompts.choose_answers.append(0)  # "Genindlæs"
    qtbot.waitUntil(lambda: any("ændret et andet sted" in a[2] for a in prompts.asked),
                    timeout=3000)
    assert M.get(meeting.id).purpose == ""
    assert editor.version == M.get(meeting.id).version and not editor._dirty


def test_an_invalid_edit_stops_the_print(db, qtbot, prompts, settings, tmp_path):
    meeting = a_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    editor.end_edit.setTime(QTime(13, 0))  # before the start
    target = tmp_path / "dagsorden.pdf"
    prompts.save_paths.append(target)
    actions = {a.text().replace("&", ""): a for a in editor.documents_button.menu().actions()}
    actions["Gem dagsorden som PDF …"].trigger()
    assert not target.exists()
    kind, title, text = prompts.asked[-1]
    assert (kind, title) == ("warn", "Mødet er ikke gemt")
    assert "Mødet skal slutte efter, det er begyndt." in text
    assert M.get(meeting.id).ends_at.time() == dt.time(16)
    prompts.choose_answers.append(1)  # closing: "Kassér ændringer"
    editor.reject()
    assert not editor.isVisible()


def test_role_clashes_are_shown_next_to_the_roles(db, qtbot, prompts, settings):
    meeting = a_meeting()
    chair = C.create(C.ContactInput(name="Fatima Ali"))
    data = M.get(meeting.id).as_input()
    data.chair_id = chair.id
    M.update(meeting.id, data, M.get(meeting.id).version)
    row = P.add_contact(meeting.id, chair.id)
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    assert not editor.clash_label.isVisible()
    editor.tabs.setCurrentWidget(editor.participants)
    answer = editor.participants.table.cellWidget(0, 3)
    answer.setCurrentIndex(answer.findData("afbud"))  # in the Deltagere tab
    assert P.get(row.id).invitation == "afbud"
    assert not editor.clash_label.isHidden()  # on the Mødet tab, behind the Deltagere tab
    assert editor.clash_label.text() == "⚠ Mødelederen, Fatima Ali, har meldt afbud."
    assert editor.participants.clash_label.text() == editor.clash_label.text()  # seen there too
    assert not editor.participants.clash_label.isHidden()


def test_unsaveable_minutes_stop_the_print_with_a_message(db, qtbot, prompts, settings, tmp_path):
    meeting = a_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    editor.show_minutes()
    qtbot.keyClicks(editor.minutes.notes_edit, "Borger 010203-1234 nævnt")
    target = tmp_path / "dagsorden.pdf"
    prompts.save_paths.append(target)
    actions = {a.text().replace("&", ""): a for a in editor.documents_button.menu().actions()}
    actions["Gem dagsorden som PDF …"].trigger()
    assert not target.exists()
    kind, title, text = prompts.asked[-1]
    assert (kind, title) == ("warn", "Ikke gemt") and text.startswith("Fanen Referat kan ikke")
    assert "010203" not in text
    editor.minutes.notes_edit.clear()


def test_the_historik_is_read_when_shown_and_follows_the_autosave(db, qtbot, prompts, settings):
    """Not read at every autosave of a page (once a second while minutes are typed): when the
    tab is shown, and then after each save while it stays shown."""
    editor = open_editor(qtbot, prompts, settings, a_meeting().id)
    assert editor.history.topLevelItemCount() == 0  # not read yet
    editor.tabs.setCurrentWidget(editor.history)
    created = editor.history.topLevelItemCount()
    assert created >= 1
    qtbot.keyClicks(editor.title_edit, " Øst")  # typed: the Mødet tab's autosave saves it
    assert editor.save_pending(ask=False)
    assert editor.history.topLevelItemCount() == created + 1  # the title change, shown at once
