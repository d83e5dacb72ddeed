"""Steder: a place made by keyboard, its page with everything linked to it, and the place
(and effort) fields of the forum, meeting and action editors."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tryg_desktop.db.place_models import Episode
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.safety import efforts as E
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.safety import places as P
from tryg_desktop.views.kit.colours import ERROR_TEXT, colour
from tryg_desktop.views.safety.places_page import PlacesPage

TODAY = dt.date.today()


def make_page(qtbot, prompts):
    page = PlacesPage(prompts, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()  # keyboard shortcuts go to the active window only
    qtbot.waitUntil(page.isActiveWindow)
    return page


def names(page):
    model = page.list.model
    return [model.row_at(i).name for i in range(model.rowCount())]


def type_into_focus(qtbot, text):
    qtbot.keyClicks(QApplication.focusWidget(), text)


def press(qtbot, key):
    qtbot.keyClick(QApplication.focusWidget(), key)


def texts(tree):
    """Every line of a tree, children under their group, as tuples of column texts."""
    out = []

    def walk(item):
        out.append(tuple(item.text(c) for c in range(tree.columnCount())))
        for n in range(item.childCount()):
            walk(item.child(n))

    for n in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(n))
    return out


def find(tree, text):
    items = tree.findItems(text, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 1)
    assert items, f"{text} not in {texts(tree)}"
    return items[0]


def test_new_place_by_keyboard_with_errors_beside_the_fields(db, qtbot, prompts):
    page = make_page(qtbot, prompts)
    seen = {}

    def drive(dialog):
        assert dialog.windowTitle() == "Nyt sted"  # et sted (it said "Ny sted")
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        type_into_focus(qtbot, "Kildeparken")
        press(qtbot, Qt.Key.Key_Tab)
        type_into_focus(qtbot, "Aalborg Midtby")
        press(qtbot, Qt.Key.Key_Tab)
        type_into_focus(qtbot, "Park")  # the type list jumps to the typed label
        press(qtbot, Qt.Key.Key_Tab)
        type_into_focus(qtbot, "57,0431")
        seen["pair_error"] = dialog.error_labels()["longitude"].text()
        seen["save_enabled"] = dialog.save_button.isEnabled()
        press(qtbot, Qt.Key.Key_Tab)
        type_into_focus(qtbot, "9,9262")
        seen["pair_error_after"] = dialog.error_labels()["longitude"].isVisible()
        press(qtbot, Qt.Key.Key_Return)  # Enter in a one-line field saves
        return dialog.result()

    prompts.dialog_handlers.append(drive)
    qtbot.keyClick(page.list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen == {"pair_error": "Udfyld både bredde- og længdegrad, eller ingen af dem.",
                    "save_enabled": False, "pair_error_after": False}
    assert names(page) == ["Kildeparken"]
    row = page.list.current_record()
    assert (row.district, row.kind, row.latitude, row.longitude) == (
        "Aalborg Midtby", "park", 57.0431, 9.9262)
    model = page.list.model
    assert [model.data(model.index(0, c)) for c in range(5)] == [
        "Kildeparken", "Aalborg Midtby", "Park", "0", "Ja"]


def test_a_duplicate_name_is_refused_beside_the_field(db, qtbot, prompts):
    P.create(P.PlaceInput(name="Østre Anlæg", kind="park"))
    page = make_page(qtbot, prompts)
    seen = {}

    def drive(dialog):
        qtbot.keyClicks(dialog.name_edit, "østre anlæg")
        seen["error"] = dialog.error_labels()["name"].text()
        seen["save"] = dialog.save_button.isEnabled()
        dialog._dirty = False
        dialog.reject()
        return dialog.result()

    prompts.dialog_handlers.append(drive)
    page.list.new_record()
    assert seen == {"error": "Der findes allerede et sted med navnet »østre anlæg«.",
                    "save": False}


def seed_place():
    park = P.create(P.PlaceInput(name="Kildeparken", district="Aalborg Midtby", kind="park"))
    forum = F.create(F.ForumInput(name="Tryghedsforum Kildeparken", place_id=park.id))
    start = dt.datetime.combine(TODAY + dt.timedelta(days=7), dt.time(14))
    meeting = M.create(M.MeetingInput(title="Dialogmøde i parken", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2), place_id=park.id))
    late = X.create(X.ActionInput(title="Skift pærer ved legepladsen", place_id=park.id,
                                  due=TODAY - dt.timedelta(days=3)))
    X.create(X.ActionInput(title="Ryd buskadset", place_id=park.id, status="udført"))
    effort = E.create(E.EffortInput(title="Parkvært i Kildeparken", strand="socialfaglig",
                                    starts_on=TODAY - dt.timedelta(days=60), status="i gang",
                                    place_ids=[park.id]))
    # The episode log's service is Helper E's; the model is enough here.
    episode = Episode.create(occurred_on=TODAY - dt.timedelta(days=2), occurred_time="22:15",
                             time_band="aften", place=park.id, category="konflikt", severity=2)
    Episode.create(occurred_on=TODAY - dt.timedelta(days=400), time_band="nat", place=park.id,
                   category="hærværk", severity=1)
    return park, forum, meeting, late, effort, episode


def test_place_page_lists_everything_linked_and_opens_it(db, qtbot, prompts):
    park, forum, meeting, late, effort, episode = seed_place()
    page = make_page(qtbot, prompts)
    page.list.table.selectRow(0)
    qtbot.keyClick(page.list.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.stack.currentWidget() is page.view
    view = page.view
    assert "Kildeparken" in view.title_label.text()
    assert "Park · Aalborg Midtby" in view.facts_label.text()
    assert view.cards["episodes"][0].text() == "1"  # the other one is older than 12 months
    assert view.cards["actions"][0].text() == "1"
    assert view.cards["actions"][1].text() == "heraf 1 overskredet"

    assert find(view.meetings_tree, "Dialogmøde i parken").parent().text(0) == "Kommende (1)"
    overdue = find(view.actions_tree, "Skift pærer ved legepladsen")
    assert overdue.text(3) == "Overskredet"
    assert overdue.foreground(1).color() == colour(ERROR_TEXT)
    assert find(view.actions_tree, "Ryd buskadset").text(3) == "Udført"
    assert find(view.efforts_tree, "Parkvært i Kildeparken").text(0) == "Indsats"
    assert find(view.efforts_tree, "Tryghedsforum Kildeparken").text(0) == "Mødeforum"
    recent = find(view.episodes_tree, "Konflikt eller vold")
    assert (recent.text(2), recent.text(3)) == ("22.15", "2 – betydelig")  # kl. 22.15
    assert view.episodes_tree.topLevelItemCount() == 2

    for tree, text, signal, record_id in (
            (view.meetings_tree, "Dialogmøde i parken", page.open_meeting, meeting.id),
            (view.actions_tree, "Skift pærer ved legepladsen", page.open_action, late.id),
            (view.efforts_tree, "Parkvært i Kildeparken", page.open_effort, effort.id),
            (view.episodes_tree, "Konflikt eller vold", page.open_episode, episode.id)):
        item = find(tree, text)
        tree.setFocus()
        tree.setCurrentItem(item)
        with qtbot.waitSignal(signal) as blocker:
            qtbot.keyClick(tree, Qt.Key.Key_Return)
        assert blocker.args == [record_id]

    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.stack.currentWidget() is page.list


def test_editing_from_a_place_page_and_going_back_when_it_is_deleted(db, qtbot, prompts):
    square = P.create(P.PlaceInput(name="Budolfi Plads", kind="plads"))
    page = make_page(qtbot, prompts)
    page.show_place(square.id)

    def rename(dialog):
        assert dialog.record_id == square.id
        dialog.name_edit.setText("Budolfi Plads Syd")
        dialog.save_button.click()
        return dialog.result()

    prompts.dialog_handlers.append(rename)
    with qtbot.waitSignal(page.changed):
        page.view.edit_button.click()
    assert "Budolfi Plads Syd" in page.view.title_label.text()
    assert names(page) == ["Budolfi Plads Syd"]

    # Deleted elsewhere: the next refresh goes back to the list instead of a stale page.
    P.delete(square.id)
    page.refresh()
    assert page.stack.currentWidget() is page.list
    assert page.view.record_id is None


def test_a_place_with_episodes_is_made_inactive_instead_of_deleted(db, qtbot, prompts):
    park = seed_place()[0]
    page = make_page(qtbot, prompts)
    page.list.table.setFocus()
    page.list.table.selectRow(0)
    prompts.choose_answers.append(0)  # "Markér som inaktivt"
    qtbot.keyClick(page.list.table, Qt.Key.Key_Delete)
    assert "kan ikke slettes" in prompts.asked[0][2]
    assert P.get(park.id).active is False
    assert names(page) == []
    page.list.active_combo.setCurrentIndex(page.list.active_combo.findText("Inaktive"))
    assert names(page) == ["Kildeparken"]


def test_meeting_editor_links_a_place_and_an_effort(db, qtbot, prompts, settings):
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    park = P.create(P.PlaceInput(name="Budolfi Plads", kind="plads"))
    effort = E.create(E.EffortInput(title="Lys på pladsen", strand="byrum",
                                    starts_on=TODAY, place_ids=[park.id]))
    start = dt.datetime.combine(TODAY + dt.timedelta(days=3), dt.time(10))
    meeting = M.create(M.MeetingInput(title="Gåtur", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=1)))
    editor = MeetingEditor(meeting.id, prompts, settings)
    qtbot.addWidget(editor)
    assert editor.place_combo.currentText() == "(intet sted)"
    editor.place_combo.setCurrentIndex(editor.place_combo.findText("Budolfi Plads"))
    editor.effort_combo.setCurrentIndex(editor.effort_combo.findText("Lys på pladsen"))
    assert editor.save_button.isEnabled()
    assert editor.save()
    saved = M.get(meeting.id)
    assert (saved.place_id, saved.effort_id) == (park.id, effort.id)
    again = MeetingEditor(meeting.id, prompts, settings)
    qtbot.addWidget(again)
    assert (again.place_combo.currentText(), again.effort_combo.currentText()) == (
        "Budolfi Plads", "Lys på pladsen")


def test_new_meeting_of_a_forum_takes_its_place(db, qtbot, prompts, settings):
    from tryg_desktop.views.meetings.meeting_editor import MeetingEditor

    park = P.create(P.PlaceInput(name="Kildeparken", kind="park"))
    forum = F.create(F.ForumInput(name="Tryghedsforum", place_id=park.id))
    editor = MeetingEditor(None, prompts, settings)
    qtbot.addWidget(editor)
    editor.forum_combo.setCurrentIndex(editor.forum_combo.findData(forum.id))
    assert editor.place_combo.currentData() == park.id
    prompts.choose_answers.append(1)  # closing at teardown: "Kassér ændringer"


def test_forum_and_action_dialogs_save_the_place(db, qtbot, prompts):
    from tryg_desktop.views.meetings.action_dialog import ActionDialog
    from tryg_desktop.views.meetings.forums_page import ForumDialog

    park = P.create(P.PlaceInput(name="Kildeparken", kind="park"))
    forum_dialog = ForumDialog(None, prompts)
    qtbot.addWidget(forum_dialog)
    qtbot.keyClicks(forum_dialog.name_edit, "Tryghedsforum")
    forum_dialog.place_combo.setCurrentIndex(forum_dialog.place_combo.findData(park.id))
    forum_dialog.save()
    assert forum_dialog.saved_row.place_name == "Kildeparken"

    start = dt.datetime.combine(TODAY, dt.time(10))
    meeting = M.create(M.MeetingInput(title="Møde", forum_id=forum_dialog.saved_row.id,
                                      starts_at=start, ends_at=start + dt.timedelta(hours=1)))
    dialog = ActionDialog(None, prompts, meeting_id=meeting.id)
    qtbot.addWidget(dialog)
    # Without a place of its own the action counts under its forum's place, and says so.
    assert dialog.place_combo.itemText(0) == "(som mødet: Kildeparken)"
    qtbot.keyClicks(dialog.title_edit, "Ring til parkdriften")
    dialog.save()
    assert dialog.saved_row.place_id is None
    assert [a.title for a in P.linked(park.id, TODAY).actions] == ["Ring til parkdriften"]
    edit = ActionDialog(dialog.saved_row.id, prompts)
    qtbot.addWidget(edit)
    edit.place_combo.setCurrentIndex(edit.place_combo.findData(park.id))
    edit.save()
    assert X.get(dialog.saved_row.id).place_name == "Kildeparken"


def test_more_places_than_a_page_are_counted_and_fetched_on_scroll(db, qtbot, prompts):
    for n in range(130):
        P.create(P.PlaceInput(name=f"Gade {n:03d}", kind="gade"))
    page = make_page(qtbot, prompts)
    assert page.list.model.rowCount() == 100  # one page; the count comes from a worker
    qtbot.waitUntil(lambda: page.list.count_label.text() == "130 steder")
    page.list.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.list.model.rowCount() == 130)
    assert names(page)[-1] == "Gade 129"


def test_place_page_compares_the_last_12_months_with_the_rest_of_the_city(db, qtbot, prompts):
    """A place that merely follows the city is told so, not shown a fall of its own."""
    square = P.create(P.PlaceInput(name="Nørresundby Torv", kind="plads"))
    other = P.create(P.PlaceInput(name="Budolfi Plads", kind="plads"))
    today = dt.date(2026, 12, 3)
    for place, before, after in ((square, 100, 89), (other, 1000, 890)):
        Episode.insert_many([{"occurred_on": dt.date(2025, 6, 5), "place": place.id,
                              "category": "råben", "time_band": "aften"}] * before).execute()
        Episode.insert_many([{"occurred_on": dt.date(2026, 6, 5), "place": place.id,
                              "category": "råben", "time_band": "aften"}] * after).execute()
    page = PlacesPage(prompts, today=today)
    qtbot.addWidget(page)
    page.show_record(square.id)
    text = page.view.comparison_label.text()
    assert page.view.comparison_label.isVisibleTo(page)
    assert "<b>dec. 2025–nov. 2026</b> mod samme måneder året før (dec. 2024–nov. 2025)" in text
    assert "100 → 89 hændelser" in text
    assert ("Nørresundby Torv −11\u00a0%, resten af byen −11\u00a0%: samme udvikling som "
            "resten af byen.") in text
    assert "Forskellen kan skyldes tilfældigheder." in text
