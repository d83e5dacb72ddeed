"""The agenda builder's live total and the chair's notes (issue 9, points 4 and 12)."""

import datetime as dt

from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.views.meetings.agenda_builder import AgendaBuilder


def meeting_with_items():
    meeting = M.create(M.MeetingInput(title="Netværksmøde",
                                      starts_at=dt.datetime(2027, 1, 12, 9, 30),
                                      ends_at=dt.datetime(2027, 1, 12, 11, 0)))
    for title, minutes in (("Velkomst", 5), ("Opfølgning på handlinger", 15), ("Eventuelt", 10)):
        A.add(meeting.id, A.ItemInput(title=title, minutes=minutes))
    return meeting


def open_builder(qtbot, prompts, settings, meeting_id):
    builder = AgendaBuilder(meeting_id, prompts, settings)
    qtbot.addWidget(builder)
    builder.show()
    return builder


def test_total_follows_every_change_of_length_at_once(db, qtbot, prompts, settings):
    meeting = meeting_with_items()
    builder = open_builder(qtbot, prompts, settings, meeting.id)
    assert "3 punkter, i alt 30 minutter; slutter kl. 10.00." == builder.summary.text()
    assert not builder.warning.isVisible()
    builder.table.selectRow(1)
    builder.minutes_spin.setFocus()
    builder.minutes_spin.selectAll()
    qtbot.keyClicks(builder.minutes_spin, "80")
    # Before the autosave: the total, the end, the next item's start and the warning.
    assert builder.summary.text() == "3 punkter, i alt 95 minutter; slutter kl. 11.05."
    assert builder.model.data(builder.model.index(2, 1)) == "10.55"
    assert builder.warning.isVisible()
    assert builder.warning.text() == ("Punkterne varer 5 minutter længere end mødet. "
                                      "Forkort punkterne, eller flyt mødets sluttidspunkt.")
    assert builder.table.currentIndex().row() == 1  # still editing the same item
    qtbot.waitUntil(lambda: A.items(meeting.id)[1].minutes == 80, timeout=3000)
    assert builder.summary.text() == "3 punkter, i alt 95 minutter; slutter kl. 11.05."
    # Shorter again: the warning goes.
    builder.minutes_spin.setValue(15)
    assert builder.summary.text().startswith("3 punkter, i alt 30 minutter")
    assert not builder.warning.isVisible()


def test_total_follows_add_remove_and_move(db, qtbot, prompts, settings):
    meeting = meeting_with_items()
    builder = open_builder(qtbot, prompts, settings, meeting.id)
    builder.table.selectRow(0)
    builder.add_button.click()  # a new item lasts 10 minutes
    assert builder.summary.text() == "4 punkter, i alt 40 minutter; slutter kl. 10.10."
    builder.minutes_spin.setValue(25)
    builder.down_button.click()
    assert builder.summary.text() == "4 punkter, i alt 55 minutter; slutter kl. 10.25."
    assert [i.title for i in A.items(meeting.id)][2] == "Nyt punkt"
    prompts.confirm_answers.append(True)
    builder.delete_button.click()
    assert builder.summary.text() == "3 punkter, i alt 30 minutter; slutter kl. 10.00."


def test_chair_notes_are_saved_with_the_item(db, qtbot, prompts, settings):
    meeting = meeting_with_items()
    builder = open_builder(qtbot, prompts, settings, meeting.id)
    builder.table.selectRow(1)
    builder.chair_notes_edit.setFocus()
    qtbot.keyClicks(builder.chair_notes_edit, "Spørg politiet om weekenden")
    qtbot.waitUntil(lambda: A.items(meeting.id)[1].chair_notes == "Spørg politiet om weekenden",
                    timeout=3000)
    builder.table.selectRow(0)
    assert builder.chair_notes_edit.toPlainText() == ""
    builder.table.selectRow(1)
    assert builder.chair_notes_edit.toPlainText() == "Spørg politiet om weekenden"
