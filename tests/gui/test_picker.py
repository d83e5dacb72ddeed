""""Vælg ansvarlig" for an action lists the meeting's participants first, and the search still
finds everyone."""

import datetime as dt

from PySide6.QtCore import Qt

from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.views.meetings.action_dialog import ActionDialog


def meeting_with_two_of_four():
    park = O.create(O.OrganisationInput(name="Aalborg Kommune, Park og Natur", kind="kommune"))
    police = O.create(O.OrganisationInput(name="Nordjyllands Politi", kind="politi"))
    ids = {name: C.create(C.ContactInput(name=name, organisation_id=org.id)).id
           for name, org in (("Anders And", park), ("Bente Bøg", police),
                             ("Per Østergaard", park), ("Trine Hvidberg", police))}
    starts = dt.datetime(2027, 3, 9, 14)
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=starts,
                                      ends_at=starts + dt.timedelta(hours=2)))
    for name in ("Trine Hvidberg", "Per Østergaard"):
        P.add_contact(meeting.id, ids[name])
    return meeting, ids


def pick(qtbot, prompts, dialog, handler):
    seen = {}

    def run(picker):
        seen.update(handler(picker))
        picker.accept()
        return picker.result()

    prompts.dialog_handlers.append(run)
    dialog.responsible.choose.click()
    return seen


def test_participants_come_first_and_the_search_covers_everyone(db, qtbot, prompts):
    meeting, ids = meeting_with_two_of_four()
    dialog = ActionDialog(None, prompts, meeting_id=meeting.id)
    qtbot.addWidget(dialog)

    def look(picker):
        first = [label for _id, label in picker.choices()]
        current = picker.list.currentItem().text()
        qtbot.keyClicks(picker.edit, "bente")
        picker.refresh()
        return {"first": first, "current": current, "searched": picker.choices()}

    seen = pick(qtbot, prompts, dialog, look)
    assert seen["first"] == [
        "Mødets deltagere",  # as the participants list orders them (Aalborg = Ålborg)
        "Trine Hvidberg – Nordjyllands Politi",
        "Per Østergaard – Aalborg Kommune, Park og Natur",
        "Alle andre kontakter",
        "Anders And – Aalborg Kommune, Park og Natur",
        "Bente Bøg – Nordjyllands Politi",
    ]
    assert seen["current"].startswith("Trine Hvidberg")  # the heading is not chosen
    # Someone who is not at the meeting is still found.
    assert seen["searched"] == [(ids["Bente Bøg"], "Bente Bøg – Nordjyllands Politi")]
    assert dialog.responsible.contact_id == ids["Bente Bøg"]


def test_arrows_skip_the_headings(db, qtbot, prompts):
    meeting, ids = meeting_with_two_of_four()
    dialog = ActionDialog(None, prompts, meeting_id=meeting.id)
    qtbot.addWidget(dialog)

    def down_twice(picker):
        picker.list.setFocus()
        qtbot.keyClick(picker.list, Qt.Key.Key_Down)
        qtbot.keyClick(picker.list, Qt.Key.Key_Down)
        return {}

    pick(qtbot, prompts, dialog, down_twice)
    assert dialog.responsible.contact_id == ids["Anders And"]  # over "Alle andre kontakter"


def test_without_a_meeting_the_ordinary_search(db, qtbot, prompts):
    _meeting, ids = meeting_with_two_of_four()
    dialog = ActionDialog(None, prompts)
    qtbot.addWidget(dialog)
    seen = pick(qtbot, prompts, dialog, lambda picker: {"all": picker.choices()})
    assert [label for _id, label in seen["all"]][0].startswith("Anders And")
    assert all(record_id is not None for record_id, _label in seen["all"])
