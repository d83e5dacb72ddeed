"""Statusrapport from the GUI: the period and scope chosen, a bad period refused in Danish,
the PDF and the monthly CSV written by a worker."""

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate

from tryg_desktop.db.models import Organisation
from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.views.safety.report_dialog import ReportDialog

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def data(db):
    Organisation.insert(name="Aalborg Kommune", kind="kommune", sort_name="aalborg").execute()
    park = Place.insert(name="Kildeparken", district="Aalborg Midtby", kind="park",
                        sort_name="kildeparken").execute()
    empty = Place.insert(name="Karolinelund", district="Aalborg Midtby", kind="park",
                         sort_name="karolinelund").execute()
    for day in (dt.date(2026, 3, 4), dt.date(2026, 3, 20), dt.date(2026, 7, 1)):
        Episode.insert(occurred_on=day, time_band="aften", place=park, category="råben",
                       severity=2, reporter_kind="beboer").execute()
    return park, empty


def _dialog(qtbot, prompts, settings, **kw):
    dialog = ReportDialog(prompts, settings, today=TODAY, **kw)
    qtbot.addWidget(dialog)
    return dialog


def test_end_before_start_is_refused_beside_the_dates(data, qtbot, prompts, settings):
    dialog = _dialog(qtbot, prompts, settings)
    assert dialog.chosen()[:2] == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    dialog.end.setDate(QDate(2025, 6, 1))
    assert dialog.period.currentText() == "Valgfri periode"
    assert dialog.error.text() == "Perioden slutter før den begynder."
    assert not dialog.pdf_button.isEnabled() and not dialog.csv_button.isEnabled()
    dialog.period.setCurrentIndex(dialog.period.findData("last_year"))
    assert dialog.chosen()[:2] == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert dialog.pdf_button.isEnabled() and dialog.error.isHidden()


def test_report_for_a_place_saved_as_pdf(data, qtbot, prompts, settings, tmp_path):
    park, _empty = data
    dialog = _dialog(qtbot, prompts, settings, place_id=park)
    assert dialog.scope.currentText() == "Sted: Kildeparken"
    prompts.save_paths.append(tmp_path / "rapport")
    dialog.save_pdf()
    qtbot.waitUntil(lambda: dialog.saved_path is not None, timeout=20000)
    assert dialog.saved_path == tmp_path / "rapport.pdf"
    text = "".join(page.extract_text() for page in PdfReader(dialog.saved_path).pages)
    assert "Statusrapport – Tryg Aalborg" in text
    assert "Kildeparken" in text
    assert "Råben og skænderi" in text
    assert "Gemt:" in dialog.result_label.text()


def test_place_without_data_gives_a_report_that_says_so(data, qtbot, prompts, settings,
                                                        tmp_path):
    _park, empty = data
    dialog = _dialog(qtbot, prompts, settings, place_id=empty)
    prompts.save_paths.append(tmp_path / "tom.pdf")
    dialog.save_pdf()
    qtbot.waitUntil(lambda: dialog.saved_path is not None, timeout=20000)
    text = " ".join(page.extract_text() for page in PdfReader(dialog.saved_path).pages)
    assert "Karolinelund" in text
    assert "ikke registreret" in " ".join(text.split())
    assert not [a for a in prompts.asked if a[0] == "warn"]


def test_monthly_figures_saved_as_csv(data, qtbot, prompts, settings, tmp_path):
    dialog = _dialog(qtbot, prompts, settings)
    prompts.save_paths.append(tmp_path / "tal.csv")
    dialog.save_csv()
    lines = (tmp_path / "tal.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Måned;Hændelser;")
    march = next(line for line in lines if line.startswith("2026-03;"))
    assert march.split(";")[1] == "2"
