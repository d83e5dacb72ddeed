"""Issue 10 point 6 in the Referat panel: two panels on one database write the same agenda item.
The second writer sees both texts and chooses; nothing is silently overwritten or lost."""

import datetime as dt

from PySide6.QtCore import Qt

from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import minutes as MIN
from tryg_desktop.views.meetings.minutes_conflict import UNDECIDED, MinutesConflictDialog
from tryg_desktop.views.meetings.minutes_panel import MinutesPanel


def two_panels(qtbot, prompts):
    """Anne's and Bo's Referat panels on the same meeting, both on item 2."""
    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(14))
    meeting = M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    A.add(meeting.id, A.ItemInput(title="Velkomst"))
    item = A.add(meeting.id, A.ItemInput(title="Belysning", kind="beslutning"))
    panels = []
    for _ in range(2):
        panel = MinutesPanel(meeting.id, prompts)
        qtbot.addWidget(panel)
        panel.show()
        panel.items.setCurrentRow(1)
        panels.append(panel)
    return item, panels


def entries(item_id, action):
    return [e.changes for e in audit.history("agenda_item", item_id) if e.action == action]


def choose(qtbot, button_name, seen=None):
    def handler(dialog):
        assert isinstance(dialog, MinutesConflictDialog)
        if seen is not None:
            seen.update(mine=dialog.texts["mine"].toPlainText(),
                        theirs=dialog.texts["theirs"].toPlainText(),
                        readonly=all(t.isReadOnly() for t in dialog.texts.values()))
        if button_name == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            getattr(dialog, button_name).click()
        return dialog.result()
    return handler


def test_the_autosave_meets_a_conflict_and_keep_mine_saves_over_theirs(db, qtbot, prompts):
    item, (anne, bo) = two_panels(qtbot, prompts)
    qtbot.keyClicks(anne.notes_edit, "Anne: lyset er skiftet")
    assert anne.save_now()
    seen = {}
    prompts.dialog_handlers.append(choose(qtbot, "keep_button", seen))
    qtbot.keyClicks(bo.notes_edit, "Bo: to lamper mangler")
    qtbot.waitUntil(lambda: bool(prompts.dialogs), timeout=3000)  # Bo's own autosave found it
    assert "Anne: lyset er skiftet" in seen["theirs"] and "Bo: to lamper" in seen["mine"]
    assert seen["readonly"]
    assert A.get(item.id).notes == "Bo: to lamper mangler"
    assert bo.saved_label.text().startswith("Gemt kl.")
    # Anne's text was only autosaved (no entry of its own): it is in the history now.
    assert entries(item.id, MIN.SAVED_ELSEWHERE) == [{"notes": ["", "Anne: lyset er skiftet"]}]


def test_take_theirs_loads_their_text_and_undo_brings_mine_back(db, qtbot, prompts):
    item, (anne, bo) = two_panels(qtbot, prompts)
    qtbot.keyClicks(anne.notes_edit, "Anne skrev først")
    anne.save_now()
    qtbot.keyClicks(bo.notes_edit, "Bo skrev")
    qtbot.keyClicks(bo.decision_edit, "Bo besluttede")
    prompts.dialog_handlers.append(choose(qtbot, "take_button"))
    assert bo.save_now()
    assert (bo.notes_edit.toPlainText(), bo.decision_edit.toPlainText()) == (
        "Anne skrev først", "")
    assert (A.get(item.id).notes, A.get(item.id).decision) == ("Anne skrev først", "")
    assert entries(item.id, MIN.NOT_SAVED) == [
        {"notes": ["Anne skrev først", "Bo skrev"], "decision": ["", "Bo besluttede"]}]
    bo.decision_edit.undo()  # Ctrl+Z: my text is back, and saved over theirs as typing is
    assert bo.decision_edit.toPlainText() == "Bo besluttede"
    assert bo.save_now() and A.get(item.id).decision == "Bo besluttede"
    assert A.get(item.id).notes == "Anne skrev først"


def test_one_writes_the_notes_and_the_other_the_decision_both_are_kept(db, qtbot, prompts):
    item, (anne, bo) = two_panels(qtbot, prompts)
    qtbot.keyClicks(anne.notes_edit, "Anne skriver referatet")
    anne.save_now()
    qtbot.keyClicks(bo.decision_edit, "Bo skriver beslutningen")
    assert bo.save_now() and prompts.dialogs == []  # no question: nothing collides
    row = A.get(item.id)
    assert (row.notes, row.decision) == ("Anne skriver referatet", "Bo skriver beslutningen")
    assert bo.notes_edit.toPlainText() == "Anne skriver referatet"
    qtbot.keyClicks(anne.notes_edit, ".")  # Anne's next save meets Bo's: kept as well
    assert anne.save_now() and prompts.dialogs == []
    assert (A.get(item.id).notes, A.get(item.id).decision) == (
        "Anne skriver referatet.", "Bo skriver beslutningen")


def test_merge_puts_both_texts_in_the_editor_between_markers(db, qtbot, prompts):
    item, (anne, bo) = two_panels(qtbot, prompts)
    qtbot.keyClicks(anne.notes_edit, "Anne")
    anne.save_now()
    qtbot.keyClicks(bo.notes_edit, "Bo")
    prompts.dialog_handlers.append(choose(qtbot, "merge_button"))
    assert bo.save_now()
    merged = "--- Min tekst ---\nBo\n--- Deres tekst ---\nAnne"
    assert bo.notes_edit.toPlainText() == merged == A.get(item.id).notes
    qtbot.keyClicks(bo.notes_edit, " og enighed")  # edited on, saved on as usual
    assert bo.save_now() and A.get(item.id).notes == merged + " og enighed"
    bo.notes_edit.undo()
    bo.notes_edit.undo()
    assert bo.notes_edit.toPlainText() == "Bo"  # before the merge


def test_escape_decides_later_and_nothing_is_saved_for_the_item_until_chosen(
        db, qtbot, prompts):
    item, (anne, bo) = two_panels(qtbot, prompts)
    qtbot.keyClicks(anne.notes_edit, "Anne")
    anne.save_now()
    qtbot.keyClicks(bo.notes_edit, "Bo")
    prompts.dialog_handlers.append(choose(qtbot, "escape"))
    assert not bo.save_now()
    assert bo.notes_edit.toPlainText() == "Bo"  # my text stays in the editor
    assert bo.saved_label.text() == UNDECIDED and bo.conflict_button.isVisible()
    qtbot.keyClicks(bo.notes_edit, " mere")
    assert not bo.save_now()  # autosave is off for the item: no second dialog either
    assert len(prompts.dialogs) == 1 and A.get(item.id).notes == "Anne"
    prompts.dialog_handlers.append(choose(qtbot, "keep_button"))
    bo.conflict_button.click()
    assert A.get(item.id).notes == "Bo mere" and not bo.conflict_button.isVisible()


def test_leaving_an_undecided_item_keeps_theirs_and_records_mine(db, qtbot, prompts):
    item, (anne, bo) = two_panels(qtbot, prompts)
    qtbot.keyClicks(anne.notes_edit, "Anne")
    anne.save_now()
    qtbot.keyClicks(bo.notes_edit, "Bo")
    prompts.dialog_handlers.append(choose(qtbot, "escape"))
    bo.save_now()
    prompts.dialog_handlers.append(choose(qtbot, "escape"))  # asked once more on leaving
    bo.items.setCurrentRow(0)
    assert len(prompts.dialogs) == 2
    assert A.get(item.id).notes == "Anne"
    assert entries(item.id, MIN.NOT_SAVED) == [{"notes": ["Anne", "Bo"]}]
    assert not bo.conflict_button.isVisible()
    bo.items.setCurrentRow(1)
    assert bo.notes_edit.toPlainText() == "Anne"


def test_a_change_of_title_elsewhere_is_no_conflict_for_the_text(db, qtbot, prompts):
    item, (anne, _bo) = two_panels(qtbot, prompts)
    qtbot.keyClicks(anne.notes_edit, "Før")
    anne.save_now()
    row = A.get(item.id)
    A.update(item.id, A.ItemInput(**{**row.as_input().__dict__, "title": "Lys i parken"}),
             row.version)
    qtbot.keyClicks(anne.notes_edit, " og efter")
    assert anne.save_now() and prompts.dialogs == []
    assert A.get(item.id).notes == "Før og efter"


def test_the_dialog_speaks_danish_with_mnemonics(db, qtbot):
    dialog = MinutesConflictDialog("2. Belysning", ("Min", ""), ("Deres", "Ja"))
    qtbot.addWidget(dialog)
    texts = [b.text() for b in (dialog.keep_button, dialog.take_button, dialog.merge_button,
                                dialog.later_button)]
    assert texts == ["&Behold min tekst", "Brug &deres tekst", "&Flet selv", "Beslut &senere"]
    keys = [t[t.index("&") + 1].lower() for t in texts]
    assert len(set(keys)) == len(keys)
    assert "Deres" in dialog.texts["theirs"].toPlainText()
    assert "Ja" in dialog.texts["theirs"].toPlainText()


def test_closing_the_minutes_undecided_loses_no_text(db, qtbot, prompts):
    item, (anne, bo) = two_panels(qtbot, prompts)
    qtbot.keyClicks(anne.notes_edit, "Anne")
    anne.save_now()
    qtbot.keyClicks(bo.notes_edit, "Bo")
    prompts.dialog_handlers += [choose(qtbot, "escape"), choose(qtbot, "escape")]
    bo.save_now()
    bo.finish()  # the meeting editor closes, or the user leaves the Referat tab
    anne.finish()
    history = [(e.action, e.changes) for e in reversed(audit.history("agenda_item", item.id))
               if "notes" in e.changes]
    assert history == [(MIN.SAVED_ELSEWHERE, {"notes": ["", "Anne"]}),
                       (MIN.NOT_SAVED, {"notes": ["Anne", "Bo"]})]
    assert bo.notes_edit.toPlainText() == "Anne" == A.get(item.id).notes


def test_a_cpr_number_typed_while_undecided_is_refused_not_stored(db, qtbot, prompts):
    item, (anne, bo) = two_panels(qtbot, prompts)
    qtbot.keyClicks(anne.notes_edit, "Anne")
    anne.save_now()
    qtbot.keyClicks(bo.notes_edit, "Bo")
    prompts.dialog_handlers += [choose(qtbot, "escape"), choose(qtbot, "escape")]
    bo.save_now()
    qtbot.keyClicks(bo.notes_edit, " 010203-1234")
    bo.items.setCurrentRow(0)
    assert prompts.asked[-1][0] == "warn" and "CPR" in prompts.asked[-1][2]
    assert "1234" not in prompts.asked[-1][2]
    assert entries(item.id, MIN.NOT_SAVED) == [] and A.get(item.id).notes == "Anne"
    assert bo._conflict is None


def test_an_item_shown_again_shows_what_was_saved_elsewhere_meanwhile(db, qtbot, prompts):
    item, (anne, bo) = two_panels(qtbot, prompts)
    bo.items.setCurrentRow(0)
    qtbot.keyClicks(anne.notes_edit, "Anne skrev imens")
    anne.save_now()
    bo.items.setCurrentRow(1)
    assert bo.notes_edit.toPlainText() == "Anne skrev imens"
    qtbot.keyClick(bo.notes_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bo.notes_edit, " og Bo føjede til")
    assert bo.save_now() and prompts.dialogs == []
    assert A.get(item.id).notes == "Anne skrev imens og Bo føjede til"


def test_alt_letters_choose_in_the_dialog_and_loes_konflikt_clashes_with_nothing(
        db, qtbot, prompts, settings):
    from PySide6.QtTest import QTest

    from tests.gui.test_mnemonics import clashes
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor
    from tryg_desktop.views.meetings.minutes_conflict import MERGE

    dialog = MinutesConflictDialog("2. Belysning", ("Min", ""), ("Deres", ""))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.texts["mine"].setFocus()
    QTest.keyClick(dialog.texts["mine"], Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.choice == MERGE)  # a mnemonic clicks animated
    item, _panels = two_panels(qtbot, prompts)
    editor = MeetingEditor(item.meeting_id, prompts, settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_minutes()
    editor.minutes.conflict_button.show()
    assert clashes(editor) == {}
