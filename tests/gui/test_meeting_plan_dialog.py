"""Meetings by the calendar in the window: the forum editor's rhythm chooser, "Planlæg næste
møde" saying why it moved a date, "Planlæg møder frem til …" reviewing before it creates, and
"Udskriv mødeplan". Dates in 2029 (after any real today): Easter 2029 is 1 April."""

import datetime as dt

from PySide6.QtCore import Qt

from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.views.meetings.forums_page import ForumDialog, ForumsPage
from tryg_desktop.views.meetings.meeting_plan_dialog import (
    MeetingPlanDialog,
    MeetingPlanPrintDialog,
    default_until,
)

QUARTER = "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=-1TH"


def forum_with_a_meeting(name="Tryghedsforum Nørresundby", rule=QUARTER):
    forum = F.create(F.ForumInput(name=name, location="Nørresundby Bibliotek", rhythm=rule,
                                  start_time="16:30", duration_minutes=120))
    starts = dt.datetime(2029, 1, 2, 16, 30)
    M.create(M.MeetingInput(title=name, forum_id=forum.id, starts_at=starts,
                            ends_at=starts + dt.timedelta(hours=2)))
    return forum


def all_meetings():
    return M.fetch(M.MeetingFilter(when="all"), 0, 100)


def test_the_rhythm_is_chosen_from_presets_and_a_weekday(db, qtbot, prompts):
    dialog = ForumDialog(None, prompts)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name_edit, "Netværksmøde Aalborg Midtby")
    dialog.rhythm_combo.setFocus()
    dialog.rhythm_combo.setCurrentIndex(dialog.rhythm_combo.findData("biweekly"))
    dialog.weekday_combo.setFocus()
    dialog.weekday_combo.setCurrentIndex(0)
    qtbot.keyClick(dialog.weekday_combo, Qt.Key.Key_Down)  # mandag → tirsdag
    assert dialog.rhythm_label.text() == "Hver anden tirsdag"
    dialog.rhythm_combo.setCurrentIndex(dialog.rhythm_combo.findData("quarter_last"))
    dialog.weekday_combo.setCurrentIndex(3)
    assert dialog.rhythm_label.text() == "Sidste torsdag i kvartalet"
    dialog.rhythm_combo.setCurrentIndex(dialog.rhythm_combo.findData("none"))
    assert dialog.rhythm_label.text() == "Ingen fast rytme"
    assert not dialog.weekday_combo.isEnabled()
    dialog.rhythm_combo.setCurrentIndex(dialog.rhythm_combo.findData("second"))
    dialog.weekday_combo.setCurrentIndex(1)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.saved_row.rhythm == "FREQ=MONTHLY;BYDAY=2TU"
    assert dialog.saved_row.rhythm_label == "Anden tirsdag i måneden"


def test_a_rule_outside_the_presets_is_kept(db, qtbot, prompts):
    forum = F.create(F.ForumInput(name="Styregruppen", rhythm="FREQ=MONTHLY;INTERVAL=3;BYDAY=3WE"))
    dialog = ForumDialog(forum.id, prompts)
    qtbot.addWidget(dialog)
    assert dialog.rhythm_combo.currentText() == "Egen regel"
    assert dialog.rhythm_label.text() == "Hvert kvartal, tredje onsdag"
    qtbot.keyClicks(dialog.location_edit, "Rådhuset")
    dialog.save()
    assert F.get(forum.id).rhythm == "FREQ=MONTHLY;INTERVAL=3;BYDAY=3WE"


def test_plan_next_says_when_it_moved_the_date(db, qtbot, prompts, settings):
    forum = forum_with_a_meeting()
    page = ForumsPage(prompts, settings)
    qtbot.addWidget(page)
    page.select_forum(forum.id)
    assert ("Næste møde foreslås:</b> onsdag den 28. marts 2029 (flyttet fra torsdag den "
            "29. marts (skærtorsdag))") in page.details.text()
    assert "Sidste torsdag i kvartalet" in page.details.text()
    with qtbot.waitSignal(page.meeting_planned):
        page.plan_button.click()
    assert prompts.asked[-1] == (
        "inform", "Planlæg næste møde", "Mødet er lagt onsdag den 28. marts 2029: rytmens "
        "dato er flyttet fra torsdag den 29. marts (skærtorsdag).")
    assert dt.date(2029, 3, 28) in {m.starts_at.date() for m in all_meetings()}


def test_plan_until_reviews_the_list_before_anything_is_created(db, qtbot, prompts):
    forum = forum_with_a_meeting()
    dialog = MeetingPlanDialog(forum.id, prompts, today=dt.date(2028, 12, 3))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.until_edit.date().toPython() == dt.date(2029, 12, 31)  # December: next year
    shown = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert shown == [
        "onsdag den 28. marts 2029 kl. 16.30–18.30  –  flyttet fra torsdag den 29. marts "
        "(skærtorsdag)",
        "torsdag den 28. juni 2029 kl. 16.30–18.30",
        "torsdag den 27. september 2029 kl. 16.30–18.30",
        "torsdag den 27. december 2029 kl. 16.30–18.30"]
    assert dialog.summary.text() == ("4 møder foreslås; 1 er flyttet væk fra en helligdag, "
                                     "lukkedag eller weekend.")
    assert dialog.create_button.text() == "&Opret 4 møder"
    assert len(all_meetings()) == 1  # nothing created yet
    # A shorter period, typed as a Dane writes it; Enter shows the list and creates nothing.
    dialog.until_edit.setFocus()
    dialog.until_edit.selectAll()
    qtbot.keyClicks(dialog.until_edit, "30.9.2029")
    qtbot.keyClick(dialog.until_edit, Qt.Key.Key_Return)
    assert dialog.list.count() == 3
    assert dialog.isVisible() and len(all_meetings()) == 1
    # Too early an end: a Danish sentence and nothing to create.
    dialog.until_edit.selectAll()
    qtbot.keyClicks(dialog.until_edit, "1.3.2029")
    qtbot.keyClick(dialog.until_edit, Qt.Key.Key_Enter)
    assert dialog.list.count() == 0 and not dialog.create_button.isEnabled()
    assert dialog.errors_label.text() == ("Rytmen »Sidste torsdag i kvartalet« giver ingen "
                                          "mødedato frem til 1. marts 2029.")
    dialog.until_edit.setDate(dt.date(2029, 12, 31))
    assert dialog.create_button.isEnabled() and dialog.errors_label.isHidden()
    dialog.create_button.setFocus()
    qtbot.keyClick(dialog.create_button, Qt.Key.Key_Space)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [m.starts_at.date() for m in dialog.created] == [
        dt.date(2029, 3, 28), dt.date(2029, 6, 28), dt.date(2029, 9, 27), dt.date(2029, 12, 27)]
    assert len(all_meetings()) == 5


def test_cancel_creates_nothing(db, qtbot, prompts):
    forum = forum_with_a_meeting()
    dialog = MeetingPlanDialog(forum.id, prompts, today=dt.date(2028, 6, 1))
    qtbot.addWidget(dialog)
    assert dialog.until_edit.date().toPython() == dt.date(2028, 12, 31)
    assert "Vælg en slutdato efter 2.1.2029" in dialog.errors_label.text()
    dialog.until_edit.setDate(dt.date(2029, 12, 31))
    assert dialog.list.count() == 4
    dialog.cancel_button.click()
    assert dialog.result() == dialog.DialogCode.Rejected and len(all_meetings()) == 1


def test_default_end_of_planning():
    assert default_until(dt.date(2026, 12, 3)) == dt.date(2027, 12, 31)
    assert default_until(dt.date(2027, 3, 1)) == dt.date(2027, 12, 31)


def test_the_page_opens_the_plan_dialog_and_prints_the_meeting_plan(db, qtbot, prompts, settings,
                                                                     tmp_path):
    from pypdf import PdfReader

    forum = forum_with_a_meeting()
    page = ForumsPage(prompts, settings)
    qtbot.addWidget(page)
    page.select_forum(forum.id)

    def create_all(dialog):
        dialog.until_edit.setDate(dt.date(2029, 12, 31))
        dialog.create_button.click()
        return dialog.result()

    prompts.dialog_handlers.append(create_all)
    with qtbot.waitSignal(page.changed):
        page.plan_many_button.click()
    assert len(all_meetings()) == 5
    assert prompts.asked[-1][0:2] == ("inform", "Planlæg møder")  # said, not only done
    assert prompts.asked[-1][2].startswith("4 møder er oprettet fra ")

    def save_pdf(dialog):
        assert isinstance(dialog, MeetingPlanPrintDialog)
        dialog.year_spin.setValue(2029)
        prompts.save_paths.append(tmp_path / "Mødeplan 2029")
        dialog.save_button.click()
        return 0

    prompts.dialog_handlers.append(save_pdf)
    page.print_plan_button.click()
    text = " ".join(PdfReader(tmp_path / "Mødeplan 2029.pdf").pages[0].extract_text().split())
    assert "Mødeplan 2029" in text and "Tryghedsforum Nørresundby" in text
    assert prompts.asked[-1][0:2] == ("inform", "Mødeplan gemt")


def test_the_file_menu_prints_the_meeting_plan(db, qtbot, prompts, window, tmp_path):
    from pypdf import PdfReader

    forum = forum_with_a_meeting()
    F.create_planned(forum.id, [p.date for p in F.plan_until(forum.id, dt.date(2029, 12, 31))])
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "Møde&plan …")

    def save_pdf(dialog):
        dialog.year_spin.setValue(2029)
        assert dialog.forum_combo.currentText() == "Alle mødefora"
        prompts.save_paths.append(tmp_path / "plan.pdf")
        dialog.save_button.click()
        return 0

    prompts.dialog_handlers.append(save_pdf)
    action.trigger()
    text = " ".join(PdfReader(tmp_path / "plan.pdf").pages[0].extract_text().split())
    assert "Mødeplan 2029" in text and "28.*" in text
