"""Keyboard only: Tab leaves a list's table (the arrows move inside it), a new-record dialog
opens with the focus in its first field so that typing after Ctrl+N lands there, and the
episode form's Alt+letters reach their fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from tryg_desktop.services.demo.demo import load_demo
from tryg_desktop.views.kit.list_page import RecordTable

LIST_PAGES = ["Kontakter", "Organisationer", "Møder", "Handlinger", "Hændelser", "Steder",
              "Indsatser"]


def active(widget, qtbot) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def test_tab_and_shift_tab_leave_every_lists_table(window, qtbot):
    load_demo()
    window.refresh_all()
    active(window, qtbot)
    for name in LIST_PAGES:
        window.stack.setCurrentWidget(window.page(name))
        table = next(t for t in window.page(name).findChildren(RecordTable) if t.isVisible())
        assert table.model().rowCount() > 1, name
        table.setFocus()
        table.selectRow(0)
        top = table.mapTo(window, table.rect().topLeft()).y()
        QTest.keyClick(table, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        assert after is not table and after.mapTo(window, after.rect().topLeft()).y() > top, name
        table.setFocus()
        QTest.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        before = QApplication.focusWidget()
        assert before is not table and before.mapTo(window, before.rect().topLeft()).y() < top, name
        table.setFocus()
        QTest.keyClick(table, Qt.Key.Key_Down)  # the arrows still move inside the table
        assert table.hasFocus() and table.currentIndex().row() == 1, name


def test_typing_after_ctrl_n_lands_in_the_first_field(window, qtbot, prompts):
    """Ctrl+N on a register page opens the new record's dialog; what is typed at once is its
    name (it went to the tab bar before, and was lost)."""
    typed = {}

    def type_a_name(dialog: QDialog) -> int:
        dialog.show()
        active(dialog, qtbot)
        QTest.keyClicks(QApplication.focusWidget(), "Blå Kors")
        typed[type(dialog).__name__] = dialog.editors()[next(iter(dialog.editors()))].text()
        prompts.choose_answers.append(1)  # closing: "Kassér"
        dialog.reject()
        return QDialog.DialogCode.Rejected

    for name in ("Kontakter", "Organisationer", "Steder", "Indsatser"):
        window.stack.setCurrentWidget(window.page(name))
        table = next(t for t in window.page(name).findChildren(RecordTable) if t.isVisible())
        active(window, qtbot)  # again after the last dialog
        table.setFocus()
        prompts.dialog_handlers.append(type_a_name)
        QTest.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert typed == {"ContactDialog": "Blå Kors", "OrganisationDialog": "Blå Kors",
                     "PlaceDialog": "Blå Kors", "EffortDialog": "Blå Kors"}


def test_alt_letters_of_the_episode_form_reach_their_fields(db, qtbot, prompts):
    from tryg_desktop.views.safety.episode_dialog import EpisodeDialog

    dialog = EpisodeDialog(None, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    active(dialog, qtbot)
    for key, field in ((Qt.Key.Key_K, dialog.category_combo), (Qt.Key.Key_T, dialog.time_edit),
                       (Qt.Key.Key_D, dialog.date_edit), (Qt.Key.Key_E, dialog.note_edit),
                       (Qt.Key.Key_S, dialog.place_field), (Qt.Key.Key_F, dialog.reporter_combo)):
        QTest.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is field, key


def tab_stops(dialog, start, qtbot, count: int) -> list:
    """The widgets Tab reaches from start, in order."""
    start.setFocus()
    stops = []
    for _ in range(count):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    return stops


def test_tab_walks_the_statusrapport_dates_and_its_buttons(db, qtbot, prompts, settings):
    """The dates were no Tab stop (their wrapper's focus policy passed on to them), and the
    buttons must be reached too."""
    from tryg_desktop.views.safety.report_dialog import ReportDialog

    dialog = ReportDialog(prompts, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    active(dialog, qtbot)
    dialog.period.setCurrentIndex(dialog.period.count() - 1)  # Valgfri periode: dates open
    stops = tab_stops(dialog, dialog.period, qtbot, 8)
    for widget in (dialog.start, dialog.end, dialog.scope, dialog.preview_button,
                   dialog.pdf_button, dialog.csv_button):
        assert widget in stops, [w.accessibleName() or getattr(w, "text", str)() for w in stops]
    assert stops.index(dialog.start) < stops.index(dialog.end) < stops.index(dialog.scope)


def test_enter_in_the_statusrapport_saves_the_pdf(db, qtbot, prompts, settings):
    """Gem som PDF is the default button: set before it was in the dialog, Qt ignored it and
    Enter gave the first button of the Tab order (Luk) instead."""
    from tryg_desktop.views.safety.report_dialog import ReportDialog

    dialog = ReportDialog(prompts, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    active(dialog, qtbot)
    prompts.save_paths.append(None)  # the file dialog is asked for, and cancelled
    QTest.keyClick(dialog.scope, Qt.Key.Key_Return)
    assert prompts.save_paths == [] and dialog.isVisible()


def test_tab_leaves_the_tables_of_the_meeting_editor(db, qtbot, prompts, settings):
    """Deltagere, Dagsorden and the other tables of a held meeting: Tab goes on to the next
    control, it does not walk the cells."""
    import datetime as dt

    from PySide6.QtWidgets import QAbstractItemView, QTableView

    from tryg_desktop.db import meeting_models as MM
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    load_demo()
    held = (MM.Meeting.select().where(MM.Meeting.starts_at < dt.datetime.now())
            .order_by(MM.Meeting.starts_at.desc()).first())
    editor = MeetingEditor(held.id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    active(editor, qtbot)
    checked = []
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        for table in editor.findChildren(QAbstractItemView):
            if not table.isVisible() or not isinstance(table, QTableView) \
                    or table.model().rowCount() < 2:
                continue
            table.setFocus()
            table.setCurrentIndex(table.model().index(0, 0))
            QTest.keyClick(table, Qt.Key.Key_Tab)
            assert not table.hasFocus(), table.accessibleName()
            checked.append(table.accessibleName())
    assert {"Deltagere", "Dagsorden"} <= set(checked), checked
