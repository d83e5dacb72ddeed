"""Gem som Excel … in the Statusrapport dialog, on Handlinger and on Hændelser: the file the user
chose is written by a worker, holds what the page shows, and a possible CPR number is asked
about first."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.services.meetings import actions as ACT
from tryg_desktop.views.meetings.actions_page import ActionsPage
from tryg_desktop.views.safety.episodes_page import EpisodesPage
from tryg_desktop.views.safety.report_dialog import ReportDialog

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def park(db):
    park = Place.insert(name="Kildeparken", district="Aalborg Midtby", kind="park",
                        sort_name="kildeparken").execute()
    other = Place.insert(name="Karolinelund", district="Aalborg Midtby", kind="park",
                         sort_name="karolinelund").execute()
    for day, place in ((dt.date(2026, 3, 4), park), (dt.date(2026, 3, 20), park),
                       (dt.date(2026, 7, 1), park), (dt.date(2026, 7, 2), other)):
        Episode.insert(occurred_on=day, time_band="aften", place=place, category="råben",
                       severity=2, reporter_kind="beboer", note="Råb ved bænkene").execute()
    return park


def _rows(path, sheet):
    return list(load_workbook(path)[sheet].iter_rows(min_row=2, values_only=True))


def test_report_dialog_saves_the_figures_as_excel(park, qtbot, prompts, settings, tmp_path):
    dialog = ReportDialog(prompts, settings, today=TODAY, place_id=park)
    qtbot.addWidget(dialog)
    assert dialog.excel_button.text() == "Gem som E&xcel …"
    prompts.save_paths.append(tmp_path / "tal")
    dialog.excel_button.click()
    qtbot.waitUntil(lambda: dialog.saved_path is not None, timeout=20000)
    assert dialog.saved_path == tmp_path / "tal.xlsx"
    march = _rows(dialog.saved_path, "Månedstal")[2]
    assert march[0] == dt.datetime(2026, 3, 1) and march[3] == 2
    assert dialog.result_label.text() == f"Gemt: {tmp_path / 'tal.xlsx'}"
    dialog.end.setDate(dialog.start.date().addDays(-1))  # a period that ends before it begins
    assert not dialog.excel_button.isEnabled()


def test_actions_page_saves_the_participants_and_the_internal_version(db, qtbot, prompts,
                                                                      settings, tmp_path):
    from tryg_desktop.services.meetings import agenda as A
    from tryg_desktop.services.meetings import meetings as M

    start = dt.datetime.combine(dt.date.today(), dt.time(14))
    meeting = M.create(M.MeetingInput(title="Netværksmøde", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    closed = A.add(meeting.id, A.ItemInput(title="Personsag", closed=True))
    ACT.create(ACT.ActionInput(title="Kontakt Xylofonhuset", agenda_item_id=closed.id))
    ACT.create(ACT.ActionInput(title="Ring til grundejerforeningen",
                               due=dt.date.today() + dt.timedelta(days=3)))
    page = ActionsPage(prompts, settings)
    qtbot.addWidget(page)
    page.show()
    menu = [a.text() for a in page.print_button.menu().actions()]
    assert menu.index("Gem som Excel …") < menu.index("Gem intern udgave som Excel …")

    prompts.save_paths.append(tmp_path / "liste.xlsx")
    page.excel_action.trigger()
    qtbot.waitUntil((tmp_path / "liste.xlsx").exists, timeout=20000)
    rows = _rows(tmp_path / "liste.xlsx", "Handlinger")
    assert [r[0] for r in rows] == ["Ring til grundejerforeningen"]
    assert isinstance(rows[0][4], dt.datetime)  # Frist: a date Excel can sort and filter

    prompts.save_paths.append(tmp_path / "intern.xlsx")
    page.internal_excel_action.trigger()
    qtbot.waitUntil((tmp_path / "intern.xlsx").exists, timeout=20000)
    assert sorted(r[0] for r in _rows(tmp_path / "intern.xlsx", "Handlinger")) == [
        "Kontakt Xylofonhuset", "Ring til grundejerforeningen"]
    assert not [a for a in prompts.asked if a[0] == "warn"]


def test_episodes_page_saves_what_the_list_shows(park, qtbot, prompts, tmp_path):
    page = EpisodesPage(prompts, now=lambda: dt.datetime(2026, 11, 27, 12))
    qtbot.addWidget(page)
    page.show()
    page.place_combo.setCurrentIndex(page.place_combo.findData(park))
    prompts.save_paths.append(tmp_path / "hændelser")
    page.excel_button.click()
    path = tmp_path / "hændelser.xlsx"
    qtbot.waitUntil(path.exists, timeout=20000)
    rows = _rows(path, "Hændelser")
    assert [r[0].date() for r in rows] == [dt.date(2026, 3, 4), dt.date(2026, 3, 20),
                                           dt.date(2026, 7, 1)]
    assert {r[3] for r in rows} == {"Kildeparken"}


def test_a_cpr_number_is_asked_about_first(park, qtbot, prompts, tmp_path):
    from tryg_desktop.services import audit

    Episode.update(note="Borger 010190-1234").where(Episode.occurred_on == dt.date(2026, 7, 2)
                                                    ).execute()
    page = EpisodesPage(prompts, now=lambda: dt.datetime(2026, 11, 27, 12))
    qtbot.addWidget(page)
    path = tmp_path / "h.xlsx"
    prompts.save_paths.append(path)
    prompts.confirm_answers.append(False)  # Stop
    page.save_excel()
    qtbot.waitUntil(lambda: bool(prompts.asked), timeout=20000)
    assert prompts.asked[0][1] == "Mulige CPR-numre" and "hændelse nr." in prompts.asked[0][2]
    assert "010190" not in prompts.asked[0][2] and not path.exists()

    prompts.save_paths.append(path)
    prompts.confirm_answers.append(True)  # Lav den alligevel
    page.save_excel()
    qtbot.waitUntil(path.exists, timeout=20000)
    assert len(_rows(path, "Hændelser")) == 4
    assert audit.history("document", 0)[0].label == "CPR-tilsidesættelse"
