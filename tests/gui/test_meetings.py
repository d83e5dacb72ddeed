"""The Møder page and the meeting editor, driven as a coordinator would."""

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime

from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

SOON = dt.date.today() + dt.timedelta(days=10)


def planned_meeting():
    org = O.create(O.OrganisationInput(name="Blå Kors", kind="ngo"))
    C.create(C.ContactInput(name="Bent Berg", organisation_id=org.id))
    forum = F.create(F.ForumInput(name="Dialogmøde Kærby", location="Kærby Kulturhus"))
    F.add_member(forum.id, organisation_id=org.id)
    return F.plan_next_meeting(forum.id)


def open_editor(qtbot, prompts, settings, meeting_id=None):
    editor = MeetingEditor(meeting_id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def titles(builder):
    return [builder.model.item_at(r).title for r in range(builder.model.rowCount())]


def test_plan_from_template_and_reorder_by_keyboard(db, qtbot, prompts, settings):
    meeting = planned_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    editor.tabs.setCurrentWidget(editor.agenda)
    builder = editor.agenda
    assert titles(builder)[:2] == ["Velkomst", "Godkendelse af dagsorden"]
    assert builder.model.data(builder.model.index(1, 1)) == "14.05"  # the time plan
    builder.table.setFocus()
    builder.table.selectRow(0)
    qtbot.keyClick(builder.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(builder)[:2] == ["Godkendelse af dagsorden", "Velkomst"]
    assert builder.table.currentIndex().row() == 1  # the moved item stays selected
    qtbot.keyClick(builder.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [i.title for i in A.items(meeting.id)][:2] == ["Velkomst", "Godkendelse af dagsorden"]


def test_drag_and_drop_order_is_saved(db, qtbot, prompts, settings):
    meeting = planned_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    builder = editor.agenda
    editor.tabs.setCurrentWidget(builder)  # the Dagsorden tab is filled when first shown
    model = builder.model
    data = model.mimeData([model.index(7, 0)])  # "Næste møde" onto row 0
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    qtbot.waitUntil(lambda: titles(builder)[0] == "Næste møde")
    assert [i.title for i in A.items(meeting.id)][0] == "Næste møde"


def test_agenda_panel_autosaves_and_warns_on_overrun(db, qtbot, prompts, settings):
    meeting = planned_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    editor.tabs.setCurrentWidget(editor.agenda)
    builder = editor.agenda
    builder.add_button.click()
    assert titles(builder)[1] == "Nyt punkt"  # inserted after the selected item
    builder.title_edit.clear()
    qtbot.keyClicks(builder.title_edit, "Tryghedsvandring i Østre Anlæg")
    builder.minutes_spin.setValue(60)
    qtbot.waitUntil(lambda: "Tryghedsvandring i Østre Anlæg" in [
        i.title for i in A.items(meeting.id)], timeout=3000)
    assert builder.warning.isVisible()
    assert "længere end mødet" in builder.warning.text()


def test_add_guest_who_is_not_in_the_register(db, qtbot, prompts, settings):
    meeting = planned_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    panel = editor.participants

    def fill_guest(dialog):
        qtbot.keyClicks(dialog.ui.nameEdit, "Gæst Gæstesen")
        qtbot.keyClicks(dialog.ui.emailEdit, "gaest@example.dk")
        dialog.save()
        return dialog.result()

    prompts.dialog_handlers.append(fill_guest)
    panel.guest_button.click()
    assert [p.name for p in P.of_meeting(meeting.id)] == ["Bent Berg", "Gæst Gæstesen"]
    assert panel.table.rowCount() == 2
    assert "2 inviterede" in panel.count_label.text()


def test_new_meeting_details_then_tabs_open(db, qtbot, prompts, settings):
    editor = open_editor(qtbot, prompts, settings)
    assert not editor.tabs.isTabEnabled(2)
    qtbot.keyClicks(editor.title_edit, "Netværksmøde Midtby")
    editor.date_edit.setDate(QDate(SOON))
    editor.start_edit.setTime(QTime(16, 0))  # the end follows: the length is kept
    assert editor.end_edit.time() == QTime(18, 0)
    editor.end_edit.setTime(QTime(15, 0))
    assert not editor.save_button.isEnabled()
    assert "slutte efter" in editor.errors_label.text()
    editor.end_edit.setTime(QTime(17, 30))
    assert editor.save()
    assert editor.tabs.isTabEnabled(2)
    row = M.get(editor.meeting_id)
    assert (row.title, row.starts_at) == ("Netværksmøde Midtby", dt.datetime.combine(
        SOON, dt.time(16)))


def test_a_meeting_in_the_past_asks_first(db, qtbot, prompts, settings):
    editor = open_editor(qtbot, prompts, settings)
    qtbot.keyClicks(editor.title_edit, "Glemt møde")
    editor.date_edit.setDate(QDate(2024, 1, 10))
    prompts.confirm_answers.append(False)
    assert not editor.save()
    assert prompts.asked[-1][1] == "Mødet ligger i fortiden"
    assert M.count(M.MeetingFilter(when="all")) == 0
    prompts.choose_answers.append(1)  # closing: "Kassér ændringer"
    editor.reject()
    assert not editor.isVisible()


def test_meetings_page_lists_upcoming_and_month(db, qtbot, prompts, window):
    meeting = planned_meeting()
    window.navigation.setCurrentRow(3)
    page = window.meetings_page
    assert page.list.model.rowCount() == 1
    assert page.list.model.row_at(0).title == "Dialogmøde Kærby"
    page.tabs.setCurrentWidget(page.month)
    page.month.calendar.setSelectedDate(QDate(meeting.starts_at.date()))
    assert "Dialogmøde Kærby" in page.month.day_list.item(0).text()


def test_delete_meeting_with_minutes_says_so(db, qtbot, prompts, settings):
    from tryg_desktop.db.meeting_models import AgendaItem
    from tryg_desktop.views.meetings.meetings_page import MeetingList

    meeting = planned_meeting()
    AgendaItem.update(notes="Referat af velkomsten").where(
        AgendaItem.meeting == meeting.id).execute()
    page = MeetingList(prompts, settings)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    prompts.confirm_answers.append(True)
    page.delete_current()
    assert "har referat" in prompts.asked[-1][2]
    assert M.count(M.MeetingFilter(when="all")) == 0


def test_forums_page_plans_the_next_meeting_from_its_template(db, qtbot, prompts, window):
    org = O.create(O.OrganisationInput(name="Blå Kors", kind="ngo"))
    C.create(C.ContactInput(name="Bent Berg", organisation_id=org.id))
    window.navigation.setCurrentRow(4)
    page = window.forums_page

    def fill_forum(dialog):
        qtbot.keyClicks(dialog.name_edit, "Dialogmøde Kærby")
        qtbot.keyClicks(dialog.location_edit, "Kærby Kulturhus")
        dialog.save()
        return dialog.result()

    def pick_first(dialog):
        dialog.accept()
        return dialog.result()

    prompts.dialog_handlers.extend([fill_forum, pick_first])
    page.new_button.click()
    assert page.forum_list.currentItem().text() == "Dialogmøde Kærby"
    page.add_org_button.click()
    assert page.members.item(0).text() == "Blå Kors – hele organisationen"
    assert "Næste møde foreslås" in page.details.text()
    opened = {}

    def look_at_the_new_meeting(editor):
        opened["title"] = editor.title_edit.text()
        editor.tabs.setCurrentWidget(editor.agenda)  # each tab is filled when first shown
        opened["agenda"] = titles(editor.agenda)
        editor.tabs.setCurrentWidget(editor.participants)
        opened["people"] = [p.name for p in editor.participants.rows]
        return 0

    prompts.dialog_handlers.append(look_at_the_new_meeting)
    page.plan_button.click()
    assert opened["title"] == "Dialogmøde Kærby"
    assert opened["agenda"][0] == "Velkomst" and opened["agenda"][-1] == "Næste møde"
    assert opened["people"] == ["Bent Berg"]
    assert window.stack.currentWidget() is window.meetings_page


def test_documents_from_the_editor(db, qtbot, prompts, settings, tmp_path, monkeypatch):
    from email import message_from_bytes, policy

    from pypdf import PdfReader

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    meeting = planned_meeting()
    editor = open_editor(qtbot, prompts, settings, meeting.id)
    actions = {a.text().replace("&", ""): a for a in editor.documents_button.menu().actions()}

    prompts.save_paths.append(tmp_path / "dagsorden.pdf")
    actions["Gem dagsorden som PDF …"].trigger()
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "dagsorden.pdf").pages)
    assert "Dialogmøde Kærby" in text and "Velkomst" in text

    previewed = {}

    def look(dialog):
        previewed["title"] = dialog.windowTitle()
        dialog.show()  # the preview paints the pages through PDFium
        qtbot.wait(300)
        dialog.close()
        return 0

    prompts.dialog_handlers.append(look)
    qtbot.keyClick(editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert previewed["title"] == "Vis udskrift – Dagsorden"

    actions["Send invitation …"].trigger()
    opened = [a for a in prompts.asked if a[0] == "open"]
    assert opened and opened[0][1].endswith(".eml")
    mail = message_from_bytes(open(opened[0][1], "rb").read(), policy=policy.default)
    assert mail["X-Unsent"] == "1"
    kinds = {part.get_content_type() for part in mail.iter_attachments()}
    assert {"application/pdf", "text/calendar"} <= kinds
