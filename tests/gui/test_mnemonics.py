"""Alt+letter reaches one thing: no page of the main window and no tab of the meeting editor
shows two widgets with the same mnemonic (Qt then only moves the focus between them, so Alt+D
in the meeting editor went to the Deltagere tab, the date, the mødeleder and the documents in
turn and opened none). Also: a new meeting takes its forum's time and invitation list."""

import collections
import datetime as dt
import re

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar

from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.views.main_window import PAGES
from tryg_desktop.views.meetings.meeting_editor import MeetingEditor


def _letter(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def clashes(root, extra=()) -> dict[str, list[str]]:
    """The mnemonics shown more than once in root (buttons, labels with a buddy, tabs)."""
    seen = collections.defaultdict(list)
    for letter, text in extra:
        seen[letter].append(text)
    for widget in (root.findChildren(QAbstractButton) + root.findChildren(QLabel)
                   + root.findChildren(QGroupBox)):
        if not widget.isVisibleTo(root) or (isinstance(widget, QLabel) and not widget.buddy()):
            continue
        text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        if letter := _letter(text):
            seen[letter].append(text)
    for bar in root.findChildren(QTabBar):
        if bar.isVisibleTo(root):
            for index in range(bar.count()):
                if letter := _letter(bar.tabText(index)):
                    seen[letter].append(bar.tabText(index))
    return {letter: texts for letter, texts in seen.items() if len(texts) > 1}


def forum_with_member(template_id=None):
    org = O.create(O.OrganisationInput(name="Blå Kors", kind="ngo"))
    C.create(C.ContactInput(name="Bent Berg", organisation_id=org.id))
    forum = F.create(F.ForumInput(name="Netværksmøde Midtby", location="Huset, Hasserisgade 10",
                                  meeting_kind="netværksmøde", start_time="09:30",
                                  duration_minutes=90, template_id=template_id))
    F.add_member(forum.id, organisation_id=org.id)
    return forum


def test_every_page_of_the_main_window_has_one_widget_per_mnemonic(window):
    menus = [(_letter(action.text()), action.text()) for action in window.menuBar().actions()]
    for name in PAGES:
        window.stack.setCurrentWidget(window.page(name))
        assert clashes(window, menus) == {}, name


def test_every_tab_of_the_meeting_editor_has_one_widget_per_mnemonic(db, qtbot, prompts, settings):
    meeting = F.plan_next_meeting(forum_with_member().id)
    editor = MeetingEditor(meeting.id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        assert clashes(editor) == {}, editor.tabs.tabText(index)


def test_tab_runs_through_a_page_before_the_buttons(db, qtbot, prompts, settings):
    meeting = F.plan_next_meeting(forum_with_member().id)
    editor = MeetingEditor(meeting.id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.agenda)
    widget, order = editor.tabs.tabBar(), []
    for _ in range(2000):
        widget = widget.nextInFocusChain()
        if widget is editor.tabs.tabBar():
            break
        if (widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            order.append(widget)
    assert order.index(editor.agenda.add_button) < order.index(editor.save_button)
    assert order.index(editor.save_button) < order.index(editor.documents_button)


def test_a_new_meeting_takes_its_forums_time_invitation_list_and_agenda(db, qtbot, prompts,
                                                                        settings):
    from tryg_desktop.services.meetings import agenda as A

    forum = forum_with_member(A.standard_template_id())
    editor = MeetingEditor(None, prompts, settings, day=dt.date.today() + dt.timedelta(days=7))
    qtbot.addWidget(editor)
    editor.forum_combo.setCurrentIndex(editor.forum_combo.findData(forum.id))
    assert editor.title_edit.text() == "Netværksmøde Midtby"
    assert editor.location_edit.text() == "Huset, Hasserisgade 10"
    assert editor.kind_combo.currentData() == "netværksmøde"
    assert (editor.start_edit.time(), editor.end_edit.time()) == (QTime(9, 30), QTime(11, 0))
    assert editor.save()
    assert [p.name for p in P.of_meeting(editor.meeting_id)] == ["Bent Berg"]
    plan = A.time_plan(editor.meeting_id)  # the standard agenda, fitted to the 90 minutes
    assert A.items(editor.meeting_id)[0].title == "Velkomst" and plan.overrun_minutes == 0


def test_alt_letter_reaches_the_date_and_the_mødeleder(db, qtbot, prompts, settings):
    """A label's buddy that is a box (the date with its error line, the Vælg … row) takes the
    focus on to its field: before, Alt+O and Alt+L did nothing."""
    from PySide6.QtTest import QTest

    editor = MeetingEditor(None, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    QTest.keyClick(editor.title_edit, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert editor.date_edit.hasFocus()
    QTest.keyClick(editor.date_edit, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert editor.chair_field.choose.hasFocus()


def test_a_new_meeting_opened_in_a_forum_follows_another_forum_chosen(db, qtbot, prompts, settings):
    """Opened from a forum (Nyt møde on its page), the title and venue are the forum's, not
    typed: choosing another forum replaces them (they stayed the first forum's before)."""
    first = forum_with_member()
    other = F.create(F.ForumInput(name="Tryghedsforum Nørresundby", location="Biblioteket"))
    editor = MeetingEditor(None, prompts, settings, forum_id=first.id)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.title_edit.text() == "Netværksmøde Midtby"
    editor.forum_combo.setCurrentIndex(editor.forum_combo.findData(other.id))
    assert (editor.title_edit.text(), editor.location_edit.text()) == (
        "Tryghedsforum Nørresundby", "Biblioteket")
    prompts.choose_answers.append(1)  # closing: "Kassér ændringer"
    editor.reject()


def test_every_dialog_has_one_widget_per_mnemonic(db, qtbot, prompts, settings):
    """Each dialog, on each of its tabs: Alt+letter reaches one widget (issue 14)."""
    from PySide6.QtWidgets import QTabWidget

    from tests.gui.dialogs import every_dialog
    from tryg_desktop.services.demo.demo import load_demo

    load_demo()
    found = {}
    for name, make in every_dialog(prompts, settings).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        found[name] = clashes(dialog)
        for tabs in dialog.findChildren(QTabWidget):
            for index in range(tabs.count()):
                if tabs.isTabEnabled(index):
                    tabs.setCurrentIndex(index)
                    found[f"{name} / {tabs.tabText(index)}"] = clashes(dialog)
        dialog.hide()
    assert {where: letters for where, letters in found.items() if letters} == {}
