"""Slet person (issue 13, point 4): the dialog shows what will happen, asks for a successor for
open actions, lists the mentions and the backups, never erases on Enter or Esc, and erases in a
worker on "Slet personen"."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import AgendaItem
from tryg_desktop.db.models import Contact
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import contacts as C
from tryg_desktop.views.data_protection.erasure_dialog import NEEDS_SUCCESSOR, erase_contact

NAME = "Zyxwunder Qualmbeck"
START = dt.datetime(2026, 12, 3, 14)


def seed():
    person = C.create(C.ContactInput(name=NAME))
    colleague = C.create(C.ContactInput(name="Bent Andersen"))
    meeting = M.create(M.MeetingInput(title="Dialogmøde", starts_at=START,
                                      ends_at=START + dt.timedelta(hours=2)))
    item = A.add(meeting.id, A.ItemInput(title="Belysning"))
    AgendaItem.update(notes=f"{NAME} fortalte om stien.").where(
        AgendaItem.id == item.id).execute()
    action = X.create(X.ActionInput(title="Bestil lamper", meeting_id=meeting.id,
                                    responsible_contact_id=person.id, due=dt.date(2026, 12, 20)),
                      today=dt.date(2026, 12, 1))
    return person.id, colleague.id, action.id


def test_successor_then_slet_personen_erases_and_shows_the_result(window, prompts, qtbot):
    person_id, colleague_id, action_id = seed()
    seen = {}

    def pick_successor(picker):
        seen["choices"] = [label for _id, label in picker.choices()]
        qtbot.keyClicks(picker.edit, "bent")
        picker.refresh()
        picker.accept()
        return picker.result()

    def drive(dialog):
        qtbot.addWidget(dialog)
        seen["erase_enabled_at_first"] = dialog.erase_button.isEnabled()
        seen["tooltip"] = dialog.erase_button.toolTip()
        seen["default"] = (dialog.cancel_button.isDefault(), dialog.erase_button.isDefault(),
                           dialog.erase_button.autoDefault())
        seen["what"] = dialog.what.text()
        seen["actions"] = [dialog.open_actions.item(n).text()
                           for n in range(dialog.open_actions.count())]
        seen["mentions"] = [dialog.mentions.item(n).text()
                            for n in range(dialog.mentions.count())]
        seen["backups"] = dialog.backups.text()
        prompts.dialog_handlers.append(pick_successor)
        dialog.successor.choose.click()
        seen["successor"] = dialog.successor.label.text()
        seen["erase_enabled_after"] = dialog.erase_button.isEnabled()
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    prompts.dialog_handlers.append(drive)
    assert erase_contact(window, person_id, prompts) is True
    assert seen["erase_enabled_at_first"] is False and seen["tooltip"] == NEEDS_SUCCESSOR
    assert seen["default"] == (True, False, False)
    assert "heraf 1 åben, som skal overtages af en anden" in seen["what"]
    assert seen["actions"] == ["Bestil lamper – frist 20.12.2026 – Dialogmøde 3. dec. 2026"]
    assert seen["mentions"] == ["Referat, Dialogmøde 3. dec. 2026, punkt 1 – Referat"]
    assert "Ældre sikkerhedskopier" in seen["backups"] and "backups" in seen["backups"]
    assert not any(NAME in label for label in seen["choices"])  # not their own successor
    assert seen["successor"] == "Bent Andersen" and seen["erase_enabled_after"]
    kind, title, text = prompts.asked[-1]
    assert (kind, title) == ("inform", "Personen er slettet")
    assert "står nu som »Slettet person«" in text
    assert "•  Referat, Dialogmøde 3. dec. 2026, punkt 1 – Referat" in text
    assert NAME not in text
    assert Contact.get_by_id(person_id).name == "Slettet person"
    assert ActionItem.get_by_id(action_id).responsible_contact_id == colleague_id


def test_enter_and_esc_leave_the_person_as_they_are(window, prompts, qtbot):
    person_id, _, _ = seed()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        def press(dialog, key=key):
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.keyClick(dialog, key)
            return dialog.result()

        prompts.dialog_handlers.append(press)
        assert erase_contact(window, person_id, prompts) is False
        assert prompts.dialogs[-1].result() == QDialog.DialogCode.Rejected
    assert Contact.get_by_id(person_id).name == NAME


def test_a_person_erased_already_is_said_so(window, prompts, qtbot):
    person = C.create(C.ContactInput(name="Karin Olsen"))

    def erase(dialog):
        qtbot.addWidget(dialog)
        assert dialog.successor is None and dialog.erase_button.isEnabled()
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    prompts.dialog_handlers.append(erase)
    assert erase_contact(window, person.id, prompts) is True
    assert erase_contact(window, person.id, prompts) is False
    assert prompts.asked[-1] == ("inform", "Slet person",
                                 f"Personen (id {person.id}) er allerede slettet.")
