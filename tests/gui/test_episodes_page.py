"""Recording episodes by keyboard alone, the CPR and future-date refusals, corrections with
their history, "Gem og ny", and the Hændelser list."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services import audit
from tryg_desktop.services.safety import episodes as E
from tryg_desktop.views.safety.episode_dialog import EpisodeDialog
from tryg_desktop.views.safety.episodes_page import EpisodesPage

# The place completer's pop-up, on the offscreen platform only.
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing",
                                       extend=True)
NOW = dt.datetime(2026, 3, 12, 22, 30)
CTRL = Qt.KeyboardModifier.ControlModifier


def clock():
    return NOW


@pytest.fixture
def places(db):
    made = {}
    for name in ("Kildeparken", "Budolfi Plads", "Karolinelund", "Østre Anlæg"):
        made[name] = Place.create(name=name, district="Aalborg Midtby", kind="park",
                                  sort_name=danish_sort_key(name)).id
    return made


def shown(qtbot, widget):
    """On screen and active: keyboard shortcuts go to the active window only."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def page_for(qtbot, prompts, **kw):
    page = EpisodesPage(prompts, now=clock, **kw)
    qtbot.addWidget(page)
    return shown(qtbot, page)


def dialog_for(qtbot, prompts, episode_id=None):
    dialog = EpisodeDialog(episode_id, prompts, now=clock)
    # The test is over: closing need not ask about what it typed.
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "_dirty", False))
    return shown(qtbot, dialog)


def focused(dialog):
    return dialog.focusWidget()


def type_episode(qtbot, dialog, time="21.15", place="kild", category=Qt.Key.Key_1,
                 severity=Qt.Key.Key_2, reporter=Qt.Key.Key_3,
                 note="Højlydt skænderi ved bænkene"):
    """The trained user's keystrokes: Tab past the date, then each field and Enter."""
    qtbot.keyClick(focused(dialog), Qt.Key.Key_Tab)
    assert focused(dialog) is dialog.time_edit
    qtbot.keyClicks(dialog.time_edit, time)
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    assert focused(dialog) is dialog.place_field  # the band is filled in and skipped
    qtbot.keyClicks(dialog.place_field.lineEdit(), place)
    qtbot.keyClick(dialog.place_field.lineEdit(), Qt.Key.Key_Return)
    assert focused(dialog) is dialog.category_combo
    qtbot.keyClick(dialog.category_combo, category)
    qtbot.keyClick(dialog.category_combo, Qt.Key.Key_Tab)
    qtbot.keyClick(focused(dialog), severity)
    qtbot.keyClick(focused(dialog), Qt.Key.Key_Return)
    assert focused(dialog) is dialog.reporter_combo
    qtbot.keyClick(dialog.reporter_combo, reporter)
    qtbot.keyClick(dialog.reporter_combo, Qt.Key.Key_Return)
    assert focused(dialog) is dialog.note_edit
    qtbot.keyClicks(dialog.note_edit, note)


def test_an_episode_is_recorded_by_keyboard_alone(qtbot, prompts, places):
    page = page_for(qtbot, prompts)
    changed = []
    page.data_changed.connect(lambda: changed.append(True))
    typed = []

    def by_keyboard(dialog):
        shown(qtbot, dialog)
        assert dialog.date_edit.date().toPython() == NOW.date()  # today, kept
        type_episode(qtbot, dialog)
        assert dialog.band_combo.currentText() == "Aften (18–24)"
        assert not dialog.band_combo.isEnabled()
        assert dialog.counter_label.text() == "28/300 tegn"
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, CTRL)
        typed.append(dialog.result())
        return dialog.result()

    prompts.dialog_handlers.append(by_keyboard)
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    assert typed == [EpisodeDialog.DialogCode.Accepted]
    stored = Episode.get()
    assert (stored.occurred_on, stored.occurred_time, stored.time_band, stored.place_id,
            stored.category, stored.severity, stored.reporter_kind, stored.note) == (
        NOW.date(), "21:15", "aften", places["Kildeparken"], "råben", 2, "gademedarbejder",
        "Højlydt skænderi ved bænkene")
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert cells == ["12.03.2026", "21.15", "Kildeparken", "Råben og skænderi",
                     "2 – betydelig", "Gademedarbejder", "Højlydt skænderi ved bænkene"]
    assert changed and page.current_record().id == stored.id


def test_a_cpr_number_in_the_note_is_refused(qtbot, prompts, places):
    dialog = dialog_for(qtbot, prompts)
    type_episode(qtbot, dialog, note="Manden med CPR 010203-1234 sov på bænken")
    error = dialog.errors["note"]
    assert error.isVisible() and "CPR-nummer" in error.text()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and Episode.select().count() == 0
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Tab)  # Tab leaves the note
    assert focused(dialog) is not dialog.note_edit and "\t" not in dialog.note_edit.toPlainText()
    # Taking the number out makes the form valid again.
    dialog.note_edit.setPlainText("En mand sov på bænken")
    assert not error.isVisible() and dialog.save_button.isEnabled()


def test_the_note_has_a_counter_a_hint_and_a_limit(qtbot, prompts, places):
    dialog = dialog_for(qtbot, prompts)
    assert dialog.hint_label.isVisible()
    assert "Ingen navne, CPR-numre" in dialog.hint_label.text()
    # No field can hold who was involved.
    assert not [w for w in dialog.findChildren(QLabel) if "CPR-nummer" in w.text()
                or w.text().startswith("&Navn")]
    dialog.note_edit.setFocus()
    dialog.note_edit.insertPlainText("x" * 301)  # pasted
    assert dialog.counter_label.text() == "301/300 tegn"
    assert dialog.errors["note"].text() == "Noten må højst være 300 tegn (den er 301)."
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Z, CTRL)  # undo works
    assert dialog.note_edit.toPlainText() == ""
    assert dialog.counter_label.text() == "0/300 tegn"


def test_an_episode_in_the_future_is_refused(qtbot, prompts, places):
    dialog = dialog_for(qtbot, prompts)
    # The date cannot be set past today ...
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(1))
    assert dialog.date_edit.date().toPython() == NOW.date()
    # ... and today, a time later than now is refused by name.
    type_episode(qtbot, dialog, time="23.10")
    assert dialog.errors["time"].text() == "Hændelsen kan ikke ligge i fremtiden."
    assert dialog.errors["time"].isVisible() and not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_S, CTRL)
    assert Episode.select().count() == 0 and dialog.isVisible()
    assert focused(dialog) is dialog.time_edit
    dialog.time_edit.setText("22.10")
    assert dialog.save_button.isEnabled()


def test_a_date_without_a_year_is_the_last_one_not_ahead(qtbot, prompts, places):
    """Typed in March, "1/12" is last December: an episode cannot lie in the future."""
    dialog = dialog_for(qtbot, prompts)
    dialog.date_edit.setFocus()
    dialog.date_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit, "1/12")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    assert dialog.date_edit.date().toPython() == dt.date(2025, 12, 1)
    assert dialog.date_edit.text() == "1. december 2025" and dialog.day_label.text() == "mandag"
    assert focused(dialog) is dialog.time_edit


def test_save_and_new_keeps_date_and_place(qtbot, prompts, places):
    dialog = dialog_for(qtbot, prompts)
    dialog.date_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit, "10")  # a day alone is in this month: 10.03.2026
    assert dialog.date_edit.date().toPython() == dt.date(2026, 3, 10)
    type_episode(qtbot, dialog, place="østre", category=Qt.Key.Key_H, note="Knust bænk")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dialog.isVisible() and Episode.select().count() == 1
    assert "Gemt: Østre Anlæg, 10.03.2026 21.15, Hærværk" in dialog.status_label.text()
    assert dialog.date_edit.date().toPython() == dt.date(2026, 3, 10)
    assert dialog.place_field.place_id() == places["Østre Anlæg"]
    assert (dialog.time_edit.text(), dialog.note_edit.toPlainText()) == ("", "")
    assert dialog.category_combo.currentData() is None
    assert focused(dialog) is dialog.time_edit
    # The second one: a time band instead of a time.
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Tab)
    assert focused(dialog) is dialog.band_combo
    qtbot.keyClick(dialog.band_combo, Qt.Key.Key_N)
    qtbot.keyClick(dialog.band_combo, Qt.Key.Key_Tab)
    qtbot.keyClick(focused(dialog), Qt.Key.Key_Tab)  # the place is kept
    qtbot.keyClick(dialog.category_combo, Qt.Key.Key_5)
    qtbot.keyClick(dialog.category_combo, Qt.Key.Key_Tab)
    qtbot.keyClick(focused(dialog), Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.reporter_combo, Qt.Key.Key_P)  # P: Politi, again: Park- og vej…
    # Alt+N is the button's mnemonic (the offscreen platform has none); the keypad's Enter.
    assert dialog.save_new_button.text() == "Gem og &ny"
    qtbot.keyClick(dialog.reporter_combo, Qt.Key.Key_Enter,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    rows = E.fetch(E.EpisodeFilter())
    assert [(r.occurred_on, r.time_text, r.place_name, r.category, r.reporter_kind)
            for r in rows] == [
        (dt.date(2026, 3, 10), "21.15", "Østre Anlæg", "hærværk", "gademedarbejder"),
        (dt.date(2026, 3, 10), "Nat (00–06)", "Østre Anlæg", "affald", "politi")]
    # Esc on the blank form closes it without asking.
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and prompts.asked == []


def test_esc_asks_before_typed_text_is_thrown_away(qtbot, prompts, places):
    dialog = dialog_for(qtbot, prompts)
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.time_edit, "14.30")
    prompts.choose_answers.append(None)  # Fortsæt redigering
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and prompts.asked[0][:2] == ("choose", "Ikke gemt hændelse")
    prompts.choose_answers.append(1)  # Kassér
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and Episode.select().count() == 0


def test_an_unknown_place_is_named(qtbot, prompts, places):
    dialog = dialog_for(qtbot, prompts)
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.time_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(focused(dialog), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.place_field.lineEdit(), "Vesterbro")
    assert dialog.errors["place_id"].text() == "Der er intet sted, der hedder »Vesterbro«."
    dialog.place_field.setEditText("karo")
    assert dialog.errors["place_id"].text() == "Tryk Enter for at vælge Karolinelund."


def test_a_correction_changes_the_row_and_is_in_the_history(qtbot, prompts, places):
    row = E.create(E.EpisodeInput(occurred_on=dt.date(2026, 3, 1), occurred_time="14:00",
                                  place_id=places["Kildeparken"], category="råben",
                                  severity=1, reporter_kind="beboer", note="Råben"), now=NOW)
    page = page_for(qtbot, prompts)
    page.table.selectRow(0)

    def correct(dialog):
        shown(qtbot, dialog)
        assert dialog.windowTitle() == "Hændelse: Kildeparken, 01.03.2026"
        assert not dialog.save_new_button.isVisibleTo(dialog)
        assert dialog.tabs.isTabEnabled(1) and dialog.history.topLevelItemCount() == 1
        dialog.place_field.setFocus()
        dialog.place_field.lineEdit().selectAll()
        qtbot.keyClicks(dialog.place_field.lineEdit(), "budolfi")
        qtbot.keyClick(dialog.place_field.lineEdit(), Qt.Key.Key_Return)
        qtbot.keyClick(dialog.category_combo, Qt.Key.Key_2)
        qtbot.keyClick(dialog.category_combo, Qt.Key.Key_Return, CTRL)
        return dialog.result()

    prompts.dialog_handlers.append(correct)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.model.index(0, 2).data() == "Budolfi Plads"
    assert page.model.index(0, 3).data() == "Konflikt eller vold"
    changes = audit.history("episode", row.id)[0].changes
    assert changes == {"place": ["Kildeparken", "Budolfi Plads"],
                       "category": ["Råben og skænderi", "Konflikt eller vold"]}
    reopened = EpisodeDialog(row.id, prompts, now=clock)
    qtbot.addWidget(reopened)
    history = reopened.history
    assert history.topLevelItemCount() == 2
    assert history.topLevelItem(0).text(2) == "Ændret"
    assert [history.topLevelItem(0).child(i).text(3) for i in range(2)] == [
        "Sted: Kildeparken → Budolfi Plads",
        "Kategori: Råben og skænderi → Konflikt eller vold"]


def test_the_list_filters_and_deletes(qtbot, prompts, places):
    def add(day, place, category):
        return E.create(E.EpisodeInput(occurred_on=day, occurred_time="", time_band="nat",
                                       place_id=places[place], category=category,
                                       reporter_kind="politi", note=f"{category} ved {place}"),
                        now=NOW)

    add(dt.date(2026, 3, 1), "Kildeparken", "hærværk")
    add(dt.date(2025, 6, 1), "Karolinelund", "råben")
    add(dt.date(2026, 1, 2), "Karolinelund", "hærværk")
    page = page_for(qtbot, prompts)

    def dates():
        return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]

    assert dates() == ["01.03.2026", "02.01.2026", "01.06.2025"]
    page.place_combo.setCurrentIndex(page.place_combo.findText("Karolinelund"))
    assert dates() == ["02.01.2026", "01.06.2025"]
    page.period_combo.setCurrentIndex(page.period_combo.findText("I år"))
    assert dates() == ["02.01.2026"]
    page.place_combo.setCurrentIndex(0)
    page.category_combo.setCurrentIndex(page.category_combo.findText("Hærværk"))
    assert dates() == ["01.03.2026", "02.01.2026"]
    page.period_combo.setCurrentIndex(page.period_combo.findText("Seneste 30 dage"))
    assert dates() == ["01.03.2026"]
    page.period_combo.setCurrentIndex(0)
    page.category_combo.setCurrentIndex(0)
    qtbot.keyClicks(page.search_edit, "RÅBEN")
    qtbot.waitUntil(lambda: dates() == ["01.06.2025"])
    page.search_edit.clear()
    qtbot.waitUntil(lambda: len(dates()) == 3)
    # Delete asks; No keeps the row, Yes removes it.
    page.table.setFocus()
    page.table.selectRow(0)
    newest = page.current_record()
    prompts.confirm_answers.extend([False, True])
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(dates()) == 3 and prompts.asked[0][1] == "Slet hændelse"
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert dates() == ["02.01.2026", "01.06.2025"]
    assert audit.history("episode", newest.id)[0].action == "delete"


def test_a_correction_saved_elsewhere_first_is_not_overwritten(qtbot, prompts, places):
    row = E.create(E.EpisodeInput(occurred_on=dt.date(2026, 3, 1), occurred_time="14:00",
                                  place_id=places["Kildeparken"], category="råben",
                                  reporter_kind="beboer"), now=NOW)
    dialog = dialog_for(qtbot, prompts, row.id)
    elsewhere = row.as_input()
    elsewhere.severity = 3
    E.update(row.id, elsewhere, row.version, now=NOW)
    dialog.note_edit.setPlainText("Rettet her")
    prompts.choose_answers.append(0)  # Genindlæs
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_S, CTRL)
    assert prompts.asked[0][:2] == ("choose", "Ændret et andet sted")
    assert dialog.isVisible() and dialog.severity.value() == 3
    assert dialog.note_edit.toPlainText() == "" and E.get(row.id).note == ""


def test_without_places_the_form_says_where_to_make_them(qtbot, prompts, db):
    dialog = dialog_for(qtbot, prompts)
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return, CTRL)
    assert dialog.errors["place_id"].text() == (
        "Der er ingen steder endnu. Opret dem først under Steder.")
