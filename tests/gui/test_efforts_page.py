"""Indsatser: an effort made in its editor, and its page: the timeline in date order with
overdue actions flagged, and the episodes before and after its start."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout

from tryg_desktop.db.place_models import Episode
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services import audit
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.safety import efforts as E
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.safety import places as P
from tryg_desktop.views.safety.effort_dialog import EffortDialog
from tryg_desktop.views.safety.efforts_page import EffortsPage
from tryg_desktop.views.kit.colours import ERROR_TEXT, colour, hex_of

TODAY = dt.date(2026, 6, 15)


def make_page(qtbot, prompts):
    page = EffortsPage(prompts, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def titles(page):
    model = page.list.model
    return [model.row_at(i).title for i in range(model.rowCount())]


def test_new_effort_with_two_places_an_organisation_and_a_coordinator(db, qtbot, prompts):
    park = P.create(P.PlaceInput(name="Kildeparken", kind="park"))
    square = P.create(P.PlaceInput(name="Budolfi Plads", kind="plads"))
    P.create(P.PlaceInput(name="Karolinelund", kind="park"))
    shelter = O.create(O.OrganisationInput(name="Kirkens Korshær", kind="ngo"))
    person = C.create(C.ContactInput(name="Mette Ågård"))
    page = make_page(qtbot, prompts)
    seen = {}

    def pick_first(dialog):
        dialog.accept()
        return dialog.result()

    def drive(dialog):
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClicks(QApplication.focusWidget(), "Parkvært og gademedarbejdere")
        dialog.strand_combo.setCurrentIndex(dialog.strand_combo.findData("socialfaglig"))
        # "Find sted", a few letters and Enter ticks the place found.
        dialog.place_filter.setFocus()
        for text in ("kilde", "budolfi"):
            qtbot.keyClicks(dialog.place_filter, text)
            qtbot.keyClick(dialog.place_filter, Qt.Key.Key_Return)
        seen["still_open"] = dialog.isVisible()
        prompts.dialog_handlers.append(pick_first)
        dialog.add_partner_button.click()
        prompts.dialog_handlers.append(pick_first)
        dialog.coordinator_field.choose.click()
        dialog.start_edit.setDate(dt.date(2026, 3, 1))
        dialog.has_end.setChecked(True)
        dialog.end_edit.setDate(dt.date(2026, 2, 1))
        seen["end_error"] = dialog.error_labels()["ends_on"].text()
        dialog.end_edit.setDate(dt.date(2026, 12, 31))
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    prompts.dialog_handlers.append(drive)
    qtbot.keyClick(page.list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen == {"still_open": True, "end_error": "Slutdatoen ligger før startdatoen."}
    assert titles(page) == ["Parkvært og gademedarbejdere"]
    row = page.list.current_record()
    assert set(row.place_ids) == {park.id, square.id}
    assert (row.organisation_ids, row.coordinator_contact_id) == ((shelter.id,), person.id)
    model = page.list.model
    assert [model.data(model.index(0, c)) for c in range(7)] == [
        "Parkvært og gademedarbejdere", "Socialfaglig indsats på stedet", "Planlagt",
        "01.03.2026", "31.12.2026", "Budolfi Plads, Kildeparken", "Mette Ågård"]
    assert audit.history("effort", row.id)[0].changes["organisations"] == [None,
                                                                          "Kirkens Korshær"]


def seed_effort():
    park = P.create(P.PlaceInput(name="Kildeparken", kind="park"))
    effort = E.create(E.EffortInput(title="Parkvært i Kildeparken", strand="socialfaglig",
                                    starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 12, 31),
                                    status="i gang", place_ids=[park.id]))
    for title, day in (("Opfølgningsmøde", dt.datetime(2026, 5, 20, 14)),
                       ("Opstartsmøde", dt.datetime(2026, 3, 10, 9))):
        M.create(M.MeetingInput(title=title, starts_at=day, effort_id=effort.id,
                                ends_at=day + dt.timedelta(hours=1)))
    X.create(X.ActionInput(title="Opsæt lys ved stien", effort_id=effort.id,
                           due=dt.date(2026, 6, 1)))
    X.create(X.ActionInput(title="Ansæt parkvært", effort_id=effort.id, status="udført",
                           completed_on=dt.date(2026, 3, 25)))
    X.create(X.ActionInput(title="Evaluering", effort_id=effort.id, due=dt.date(2026, 11, 1)))
    # Episodes at the place: the effort has run 106 days before today (1 March – 14 June), so
    # the windows are 15.11.2025 – 28.02.2026 and 01.03 – 14.06.2026.
    for day, category in ((dt.date(2025, 11, 20), "konflikt"), (dt.date(2026, 1, 5), "konflikt"),
                          (dt.date(2026, 2, 27), "råben"), (dt.date(2026, 4, 2), "råben"),
                          (dt.date(2025, 11, 1), "råben")):  # the last one is too early
        Episode.create(occurred_on=day, time_band="aften", place=park.id, category=category)
    return park, effort


def test_effort_page_shows_the_timeline_in_date_order_and_before_after(db, qtbot, prompts):
    park, effort = seed_effort()
    page = make_page(qtbot, prompts)
    page.list.table.selectRow(0)
    with qtbot.waitSignal(page.view.refreshed) as shown:  # the main window redraws its chart
        page.list.show_button.click()
    assert shown.args == [effort.id]
    view = page.view
    assert page.stack.currentWidget() is view
    tree = view.timeline
    lines = [tuple(tree.topLevelItem(i).text(c) for c in range(4))
             for i in range(tree.topLevelItemCount())]
    assert lines == [
        ("01.03.2026", "Indsatsen starter", "▶ Start", ""),
        ("10.03.2026", "Opstartsmøde", "Møde", "Planlagt"),
        ("25.03.2026", "Ansæt parkvært", "Handling", "Udført"),
        ("20.05.2026", "Opfølgningsmøde", "Møde", "Planlagt"),
        ("01.06.2026", "Opsæt lys ved stien", "Handling", "Overskredet"),
        ("15.06.2026", "I dag", "", ""),
        ("01.11.2026", "Evaluering", "Handling", "Åben"),
        ("31.12.2026", "Indsatsen slutter", "■ Slut", ""),
    ]
    assert tree.topLevelItem(4).foreground(1).color() == colour(ERROR_TEXT)
    assert view.timeline_summary.text().endswith(
        f"2 møder · 3 handlinger: 1 udført, 1 åben, <span style='color: {hex_of(ERROR_TEXT)}'>"
        "1 overskreden</span>")
    assert "Kildeparken" in view.facts_label.text()

    # Same calendar months: March-May 2026 (June is running) against March-May 2025.
    before_after = view.before_after_label.text()
    assert "Samme kalendermåneder året før (3 hele måneder" in before_after
    assert "<b>Før:</b> mar.–maj 2025: <b>0</b> hændelser" in before_after
    assert "<b>Efter:</b> mar.–maj 2026: <b>1</b> hændelser" in before_after
    assert "ingen hændelser før at sammenligne med" in before_after
    assert "For få hændelser til at sige noget sikkert." in before_after
    assert "lige lange" not in before_after
    assert isinstance(view.chart_area, QVBoxLayout)

    item = tree.topLevelItem(1)
    tree.setFocus()
    tree.setCurrentItem(item)
    with qtbot.waitSignal(page.open_meeting) as blocker:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert blocker.args == [M.fetch(M.MeetingFilter(when="all", search="opstart"))[0].id]
    with qtbot.waitSignal(page.open_place) as blocker:
        view.facts_label.linkActivated.emit(str(park.id))
    assert blocker.args == [park.id]


def _episodes(place_id, day, n):
    Episode.insert_many([{"occurred_on": day, "place": place_id, "category": "råben",
                          "time_band": "aften"}] * n).execute()


def test_effort_page_compares_with_the_rest_of_the_city_and_states_chance(db, qtbot, prompts):
    park = P.create(P.PlaceInput(name="Kildeparken", kind="park"))
    square = P.create(P.PlaceInput(name="Nørresundby Torv", kind="plads"))
    other = P.create(P.PlaceInput(name="Budolfi Plads", kind="plads"))
    for place, before, after in ((park, 100, 66), (square, 20, 18), (other, 980, 902)):
        _episodes(place.id, dt.date(2025, 4, 10), before)
        _episodes(place.id, dt.date(2026, 4, 10), after)
    effort = E.create(E.EffortInput(title="Lys i Kildeparken", strand="byrum",
                                    starts_on=dt.date(2026, 2, 20), place_ids=[park.id]))
    page = make_page(qtbot, prompts)
    page.show_effort(effort.id)
    text = page.view.before_after_label.text()
    # The rest of the city: 1,000 -> 920 (-8 %); the park 100 -> 66 (-34 %): CI 0.519-0.991.
    assert "Kildeparken −34\u00a0%, resten af byen −8\u00a0%: 26 procentpoint bedre end resten " \
           "af byen." in text
    assert "Forskellen er større end de tilfældige udsving, man kan forvente." in text
    grid = page.view.categories_grid
    assert [grid.itemAtPosition(1, c).widget().text() for c in range(3)] == [
        "Råben og skænderi", "100", "66"]

    # Compared with the chosen place instead: the square fell 10 %.
    E.set_comparison_places(effort.id, [square.id], E.get(effort.id).version)
    page.view.refresh()
    text = page.view.before_after_label.text()
    assert "sammenligningsstederne −10\u00a0%: 24 procentpoint bedre end " \
           "sammenligningsstederne." in text


def test_an_effort_without_places_explains_the_missing_comparison(db, qtbot, prompts):
    E.create(E.EffortInput(title="Dialogcafé", strand="samskabelse",
                           starts_on=dt.date(2026, 1, 1)))
    page = make_page(qtbot, prompts)
    page.show_effort(E.list_efforts()[0].id)
    assert "ingen steder" in page.view.before_after_label.text()
    assert page.view.timeline.topLevelItem(2).text(0).startswith("Ingen møder")


def _shown_dialog(qtbot, prompts, effort_id):
    """The effort's dialog, shown and active (the keys reach it)."""
    dialog = EffortDialog(effort_id, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_effort_editor_chooses_comparison_places(db, qtbot, prompts):
    park = P.create(P.PlaceInput(name="Kildeparken", kind="park"))
    square = P.create(P.PlaceInput(name="Nørresundby Torv", kind="plads"))
    effort = E.create(E.EffortInput(title="Lys i Kildeparken", strand="byrum",
                                    starts_on=dt.date(2026, 2, 20), place_ids=[park.id]))
    dialog = _shown_dialog(qtbot, prompts, effort.id)
    items = {dialog.comparison_list.item(i).text(): dialog.comparison_list.item(i)
             for i in range(dialog.comparison_list.count())}
    assert set(items) == {"Kildeparken", "Nørresundby Torv"}
    items["Kildeparken"].setCheckState(Qt.CheckState.Checked)  # its own place: refused
    assert dialog.error_labels()["comparison_place_ids"].text().startswith(
        "Et sted kan ikke både være")
    items["Kildeparken"].setCheckState(Qt.CheckState.Unchecked)
    items["Nørresundby Torv"].setCheckState(Qt.CheckState.Checked)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert E.get(effort.id).comparison_place_ids == (square.id,)
    assert audit.history("effort", effort.id)[0].changes["comparison_places"] == [
        None, "Nørresundby Torv"]
    reopened = EffortDialog(effort.id, prompts)
    qtbot.addWidget(reopened)
    assert reopened.checked_place_ids(reopened.comparison_list) == [square.id]


def test_the_effort_editor_states_a_goal_and_the_page_checks_it(db, qtbot, prompts):
    # The example: a goal of fewer råben, but the park rose 13 -> 14 (+8 %) while the
    # rest of the city fell 50 -> 43 (−14 %): not on the way.
    park = P.create(P.PlaceInput(name="Kildeparken", kind="park"))
    other = P.create(P.PlaceInput(name="Budolfi Plads", kind="plads"))
    for place, before, after in ((park, 13, 14), (other, 50, 43)):
        _episodes(place.id, dt.date(2025, 4, 10), before)
        _episodes(place.id, dt.date(2026, 4, 10), after)
    effort = E.create(E.EffortInput(title="Lys i Kildeparken", strand="byrum",
                                    starts_on=dt.date(2026, 2, 20), place_ids=[park.id]))
    dialog = _shown_dialog(qtbot, prompts, effort.id)
    assert not dialog.goal_change_spin.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Mål&bart mål
    qtbot.waitUntil(dialog.has_goal.isChecked)  # a mnemonic's click is animated
    assert dialog.goal_change_spin.isEnabled()
    assert dialog.error_labels()["goal_categories"].text() == (
        "Vælg mindst én slags hændelser for målet.")
    dialog.goal_change_spin.setValue(-20)
    dialog.goal_due_edit.setDate(dt.date(2026, 12, 31))
    dialog.goal_categories_list.item(0).setCheckState(Qt.CheckState.Checked)  # Råben
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    row = E.get(effort.id)
    assert (row.goal_change, row.goal_due, row.goal_categories) == (
        -20, dt.date(2026, 12, 31), ("råben",))
    reopened = EffortDialog(effort.id, prompts)
    qtbot.addWidget(reopened)
    assert reopened.has_goal.isChecked() and reopened.goal_change_spin.value() == -20
    assert reopened.read_input().goal_categories == ["råben"]

    page = EffortsPage(prompts, today=dt.date(2026, 12, 3))
    qtbot.addWidget(page)
    page.show_effort(effort.id)
    assert page.view.goal_label.text() == (
        "Mål: −20\u00a0% råben og skænderi inden 31.12.2026 — Resultat: +8\u00a0% "
        "(resten af byen −14\u00a0%) — Ikke på vej")
