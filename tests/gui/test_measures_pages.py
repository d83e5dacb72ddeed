"""'Tryghed målt udefra' (issue 15, point 9): a place's and an effort's page show the surveys and
tryghedsvandringer beside the episode trend; a measure added by keyboard with Danish errors
beside the fields; imported from the places list; and a læser sees them but cannot add."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tryg_desktop.db.place_models import Episode
from tryg_desktop.services.safety import efforts as E
from tryg_desktop.services.safety import measures as M
from tryg_desktop.services.safety import places as P
from tryg_desktop.views.safety.measures_panel import EMPTY, MeasuresPanel
from tryg_desktop.views.safety.places_page import PlacesPage

from .test_places_page import make_page, texts

TODAY = dt.date.today()


def _survey(place_id=None, district="", year=2025, value=58.0, source="Beboerundersøgelse"):
    return M.create(M.MeasureInput(
        kind=M.SURVEY, place_id=place_id, district=district,
        period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31), source=source,
        value=value))


@pytest.fixture
def park(db):
    return P.create(P.PlaceInput(name="Kildeparken", district="Aalborg Midtby", kind="park"))


def _shown_place(qtbot, prompts, place_id) -> PlacesPage:
    page = make_page(qtbot, prompts)
    page.show_place(place_id)
    return page


def _month_ago(months: int) -> dt.date:
    first = TODAY.replace(day=1)
    for _ in range(months):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first


def test_the_place_page_shows_the_measures_and_the_sentence(park, qtbot, prompts):
    # Episodes a year ago and in the last whole months: the page's comparison has a change.
    for months, n in ((13, 10), (14, 10), (1, 4), (2, 4)):
        Episode.insert_many([{"occurred_on": _month_ago(months) + dt.timedelta(days=3),
                              "place": park.id, "category": "råben"}] * n).execute()
    _survey(district="Aalborg Midtby", year=2024, value=71, source="Nordjyllands Politi")
    _survey(district="Aalborg Midtby", year=2025, value=68, source="Nordjyllands Politi")
    _survey(park.id, year=2024, value=58)
    _survey(park.id, year=2025, value=64)
    page = _shown_place(qtbot, prompts, park.id)
    panel = page.view.measures_panel
    assert panel.title() == "Tryghed målt udefra"
    assert panel.isVisible() and panel.tree.isVisible() and not panel.empty_label.isVisible()
    rows = texts(panel.tree)
    assert rows[0] == ("2025", "Undersøgelse", "Kildeparken", "Beboerundersøgelse",
                       "64\u00a0% trygge", "+6 procentpoint siden 2024")
    assert ("2025", "Undersøgelse", "Aalborg Midtby (bydel)", "Nordjyllands Politi",
            "68\u00a0% trygge", "\u22123 procentpoint siden 2024") in rows
    change = page.view.comparison.change
    assert change is not None and change < 0
    assert panel.sentence_label.text() == (
        "Andelen trygge i Kildeparken steg fra 58\u00a0% til 64\u00a0% (målt 2024 og 2025, "
        f"Beboerundersøgelse), mens hændelserne faldt {abs(change)}\u00a0%.")


def test_the_pages_keep_one_widget_per_mnemonic(park, qtbot, prompts):
    from tryg_desktop.views.safety.effort_view import EffortView

    from .test_mnemonics import clashes

    page = _shown_place(qtbot, prompts, park.id)
    assert clashes(page.view) == {}
    page.show_list()
    assert clashes(page.list) == {}
    effort = E.create(E.EffortInput(title="Lys", strand="byrum", starts_on=TODAY,
                                    place_ids=[park.id]))
    view = EffortView(today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.show_effort(effort.id)
    assert clashes(view) == {}


def test_an_empty_place_says_how_to_add_or_import(park, qtbot, prompts):
    page = _shown_place(qtbot, prompts, park.id)
    panel = page.view.measures_panel
    assert panel.empty_label.isVisible() and panel.empty_label.text() == EMPTY
    assert EMPTY.startswith("Ingen tryghedsmålinger endnu. Tilføj en med Ny måling … eller "
                            "importér en CSV-fil")
    assert not panel.tree.isVisible() and not panel.sentence_label.isVisible()
    assert panel.new_button.isEnabled() and not panel.edit_button.isEnabled()


def _type(qtbot, text):
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _alt(qtbot, widget, letter):
    qtbot.keyClick(widget, letter, Qt.KeyboardModifier.AltModifier)


def test_a_measure_added_by_keyboard_with_errors_beside_the_fields(park, qtbot, prompts):
    page = _shown_place(qtbot, prompts, park.id)
    panel = page.view.measures_panel
    seen = {}

    def drive(dialog):
        assert dialog.windowTitle() == "Ny måling"
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        assert dialog.place_combo.currentData() == park.id  # the page's place
        assert not dialog.district_combo.isEnabled()
        _alt(qtbot, dialog, Qt.Key.Key_P)  # Periode fra
        _type(qtbot, "1.9.2026")
        _alt(qtbot, dialog, Qt.Key.Key_I)  # til
        _type(qtbot, "30.8.2026")
        _alt(qtbot, dialog, Qt.Key.Key_K)
        _type(qtbot, "Beboerundersøgelse")
        _alt(qtbot, dialog, Qt.Key.Key_A)
        _type(qtbot, "120")
        seen["value_error"] = dialog.error_labels()["value"].text()
        seen["end_error"] = dialog.error_labels()["period_end"].text()
        seen["save_while_wrong"] = dialog.save_button.isEnabled()
        _alt(qtbot, dialog, Qt.Key.Key_I)
        _type(qtbot, "30.9.2026")
        _alt(qtbot, dialog, Qt.Key.Key_A)
        _type(qtbot, "64,5")
        _alt(qtbot, dialog, Qt.Key.Key_V)
        _type(qtbot, "151")
        _alt(qtbot, dialog, Qt.Key.Key_U)
        _type(qtbot, "Flere bruger parken om aftenen")
        seen["save_when_right"] = dialog.save_button.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    prompts.dialog_handlers.append(drive)
    panel.new_button.setFocus()
    _alt(qtbot, page.view, Qt.Key.Key_N)  # Ny måling … (a mnemonic clicks a moment later)
    qtbot.waitUntil(lambda: "save_when_right" in seen)
    assert seen == {"value_error": "Andelen trygge skal ligge mellem 0 og 100 %.",
                    "end_error": "Perioden kan ikke slutte, før den begynder.",
                    "save_while_wrong": False, "save_when_right": True}
    [row] = M.for_place(park.id)
    assert (row.period_text, row.value, row.respondents, row.findings) == (
        "01.09.2026–30.09.2026", 64.5, 151, "Flere bruger parken om aftenen")
    # The page reloaded: the new measure is in the table.
    assert texts(panel.tree)[0][:2] == ("01.09.2026–30.09.2026", "Undersøgelse")
    assert not panel.empty_label.isVisible()


def test_edit_and_delete_from_the_panel(park, qtbot, prompts):
    measure = _survey(park.id, year=2025, value=58)
    page = _shown_place(qtbot, prompts, park.id)
    panel = page.view.measures_panel
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))

    def edit(dialog):
        assert dialog.windowTitle() == "Måling: Undersøgelse, Kildeparken, 2025"
        assert dialog.value_edit.text() == "58"
        dialog.value_edit.setText("61")
        dialog.value_edit.textEdited.emit("61")
        assert dialog.save()
        return dialog.result()

    prompts.dialog_handlers.append(edit)
    panel.edit_button.click()
    assert M.get(measure.id).value == 61
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    prompts.confirm_answers.append(True)
    panel.delete_button.click()
    assert M.count() == 0 and panel.empty_label.isVisible()


def test_the_effort_page_shows_its_places_measures(park, qtbot, prompts):
    from tryg_desktop.views.safety.effort_view import EffortView

    other = P.create(P.PlaceInput(name="Budolfi Plads", district="Aalborg Midtby"))
    effort = E.create(E.EffortInput(title="Lys i Kildeparken", strand="byrum",
                                    starts_on=TODAY - dt.timedelta(days=200),
                                    place_ids=[park.id, other.id]))
    _survey(park.id, year=2024, value=55)
    _survey(park.id, year=2025, value=60)
    _survey(other.id, year=2025, value=40, source="Gadeplan")
    view = EffortView(today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.show_effort(effort.id)
    panel = view.measures_panel
    assert [row[2] for row in texts(panel.tree)] == ["Budolfi Plads", "Kildeparken",
                                                     "Kildeparken"]
    assert panel.sentence_label.text().startswith(
        "Andelen trygge i Kildeparken steg fra 55\u00a0% til 60\u00a0% (målt 2024 og 2025, "
        "Beboerundersøgelse)")


def test_measures_imported_from_the_places_list(park, qtbot, prompts, tmp_path):
    page = make_page(qtbot, prompts)
    good = tmp_path / "målinger.csv"
    good.write_text("type;sted;bydel;fra;til;kilde;andel_trygge;besvarelser;fund\n"
                    "undersøgelse;Kildeparken;;01.01.2025;31.12.2025;Beboerne;62;;\n", "utf-8")
    bad = tmp_path / "forkert.csv"
    bad.write_text("type;sted;bydel;fra;til;kilde;andel_trygge;besvarelser;fund\n"
                   "undersøgelse;Vesterbro;;01.01.2025;31.12.2025;Beboerne;62;;\n", "utf-8")
    prompts.open_paths.extend([bad, good])
    page.list.import_measures_button.click()
    assert prompts.asked[-1] == (
        "warn", "Importér tryghedsmålinger",
        "Intet er importeret. Ret linjerne, og prøv igen:\n\n"
        "Linje 2: Stedet »Vesterbro« findes ikke i Steder")
    assert M.count() == 0
    page.list.import_measures_button.click()
    assert prompts.asked[-1][0] == "inform"
    assert prompts.asked[-1][2].startswith("1 tryghedsmåling importeret.")
    page.show_place(park.id)
    assert texts(page.view.measures_panel.tree)[0][4] == "62\u00a0% trygge"


def test_without_the_right_to_change_the_measures_show_but_cannot_be_added(
        park, qtbot, prompts, monkeypatch):
    """The rule the server's roles give (a læser, a referent, a read-only file): see, not add."""
    from tryg_desktop.services import db_health

    _survey(park.id)
    monkeypatch.setattr(db_health, "role", lambda: "tryg_laeser")
    page = _shown_place(qtbot, prompts, park.id)
    panel = page.view.measures_panel
    assert len(texts(panel.tree)) == 1
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert not panel.new_button.isEnabled() and not panel.delete_button.isEnabled()
    assert panel.edit_button.isEnabled() and panel.edit_button.text() == "Vi&s …"
    assert not page.list.import_measures_button.isEnabled()
    panel.new_measure()  # a shortcut that still arrives does nothing
    assert prompts.dialogs == []

    def look(dialog):
        assert not dialog.form_page.isEnabled() and not dialog.save_button.isVisible()
        return 0

    prompts.dialog_handlers.append(look)
    panel.edit_current()
    assert len(prompts.dialogs) == 1


def test_the_panel_uses_the_prompts_of_its_page(db, qtbot, prompts):
    page = make_page(qtbot, prompts)
    assert page.view.measures_panel.prompts is prompts
    alone = MeasuresPanel()
    qtbot.addWidget(alone)
    assert type(alone.prompts).__name__ == "Prompts"  # the real ones, outside a page


def test_a_laeser_on_the_server_sees_the_measures_but_cannot_add(server, qtbot, prompts):
    """On the team's server: a læser reads safety_measure (the default GRANTs of
    db/server/roles.py) and the page offers no way to change it; the server refuses anyway."""
    import os

    import psycopg

    from tests.support.server import as_login
    from tryg_desktop.db import close_database
    from tryg_desktop.db.opening import open_server
    from tryg_desktop.services import server_admin
    from peewee import DatabaseError

    url = server.fresh_database()
    login = f"gui_{os.getpid()}_measures"
    try:
        open_server(url)
        server_admin.init_server()
        park = P.create(P.PlaceInput(name="Kildeparken", district="Aalborg Midtby"))
        _survey(park.id)
        server_admin.add_user(login, "laeser")
        close_database()
        open_server(as_login(url, login), migrate=False)
        page = _shown_place(qtbot, prompts, park.id)
        panel = page.view.measures_panel
        assert texts(panel.tree)[0][4] == "58\u00a0% trygge"
        assert not panel.new_button.isEnabled()
        assert not page.list.import_measures_button.isEnabled()
        with pytest.raises(DatabaseError, match="permission denied for table safety_measure"):
            _survey(park.id, year=2026)
        page.close()
    finally:
        close_database()
        server.drop(url)
        with psycopg.connect(server.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP ROLE IF EXISTS "{login}"')


def test_a_colleagues_new_measure_shows_on_the_open_place_page(server_db, settings, prompts,
                                                               qtbot):
    """On the team's server: migration step 16's trigger announces the change, and the place
    page in view reloads (main_window.LIVE_PAGES names safety_measure)."""
    from tests.support.server import on_own_thread
    from tryg_desktop.views import main_window

    if "safety_measure" not in main_window.LIVE_PAGES:
        pytest.skip("main_window.py's line of measures-shared.patch not applied")
    window = main_window.MainWindow(None, settings, prompts)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.live_changes.listener.listening.is_set, timeout=10000)
    place = P.create(P.PlaceInput(name="Kildeparken", district="Aalborg Midtby"))
    window.show_place(place.id)
    panel = window.places_page.view.measures_panel
    assert panel.empty_label.isVisible()
    on_own_thread(lambda: _survey(place.id, value=63))
    qtbot.waitUntil(lambda: bool(texts(panel.tree)), timeout=2000)
    assert texts(panel.tree)[0][4] == "63\u00a0% trygge"
    window.close()
