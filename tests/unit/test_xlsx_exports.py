"""The three Excel files read back with openpyxl, on both databases: the status report's figures
(against build_city's hand-counted figures), the actions (the participants' version without
the actions agreed under closed items, as the CSV and the printed list) and the episodes; each
written file is in the access log."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.safety import episode_export, episodes, report_xlsx
from tryg_desktop.services.safety.statistics import Scope

from .test_minutes_report import after_the_meeting, build_minutes  # noqa: F401 - the clock
from .test_statistics import END, START, TODAY, build_city


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=2, values_only=True))


def _heading(ws) -> list[str]:
    return [c.value for c in ws[1]]


def _table_ok(ws) -> None:
    """What every sheet has: the heading frozen, the filter over the whole table."""
    last = ws.cell(row=1, column=ws.max_column).column_letter
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}"


def _logged(action: str = "export") -> list[str]:
    access_log.flush()
    return [e.detail for e in access_log.entries(access_log.LogFilter(action=action))]


def test_report_figures_one_sheet_each(db):
    built = build_city()
    book = _book(report_xlsx.xlsx_bytes(START, END, Scope(), TODAY))
    assert book.sheetnames == ["Månedstal", "Steder pr. måned", "Før og efter",
                               "Sammenligning", "Tryghedsmålinger", "Spor", "Indsatser",
                               "Om tallene"]
    for ws in book.worksheets:
        _table_ok(ws)
    monthly = book["Månedstal"]
    assert _heading(monthly)[:6] == ["Måned", "Fra", "Til og med", "Hændelser",
                                     "Råben og skænderi", "Konflikt eller vold"]
    january = _rows(monthly)[0]
    assert january[0] == dt.datetime(2026, 1, 1) and monthly["A2"].is_date
    assert january[1:3] == (dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 31))
    # Kildeparken 2, Budolfi Plads, Østre Anlæg and Jomfru Ane Gade 1 each; March had none.
    assert january[3] == 5 and isinstance(january[3], int)
    assert [row[3] for row in _rows(monthly)] == [5, 6, 0, 7]
    assert monthly["D2"].number_format == "#,##0"

    places = book["Steder pr. måned"]
    assert _heading(places)[-2:] == ["Øvrige steder", "I alt"]
    assert [row[-1] for row in _rows(places)] == [5, 6, 0, 7]

    before_after = _rows(book["Før og efter"])
    kilde_total = next(r for r in before_after if r[0] == "Tryg Kildepark" and r[8] == "I alt")
    # 61 days each side of 1 March at Kildeparken and Østre Anlæg: 5 before, 3 after.
    assert kilde_total[3] == dt.datetime(2026, 3, 1)
    assert kilde_total[4:8] == (dt.datetime(2025, 12, 30), dt.datetime(2026, 2, 28),
                                dt.datetime(2026, 3, 1), dt.datetime(2026, 4, 30))
    assert kilde_total[9:] == (5, 3, -0.4)
    shouting = next(r for r in before_after if r[0] == "Tryg Kildepark"
                    and r[8] == "Råben og skænderi")
    assert shouting[9:11] == (3, 2)
    assert book["Før og efter"]["L2"].number_format == "+0.0 %;-0.0 %;0.0 %"

    # The report's like-with-like comparisons: every effort started in the period and every
    # place with episodes (the PDF names only the busiest).
    compared = _rows(book["Sammenligning"])
    kilde = next(r for r in compared if r[1] == "Tryg Kildepark")
    assert kilde[0] == "Indsats" and kilde[3:9] == ("mar.–apr. 2026", "mar.–apr. 2025", 0, 3,
                                                     None, "resten af byen")
    assert kilde[13] == "For få hændelser til at sige noget sikkert"
    gade = next(r for r in compared if r[1] == "Gadeteam i Midtbyen")
    assert gade[3] is None and gade[13].startswith("Endnu ingen hel måned")
    assert [r[1] for r in compared if r[0] == "Sted"] == [
        "Kildeparken", "Budolfi Plads", "Nørresundby Torv", "Karolinelund", "Østre Anlæg",
        "Jomfru Ane Gade", "Kennedy Arkaden"]

    strands = _rows(book["Spor"])
    assert [r[0] for r in strands] == ["Udvikling af byrum", "Socialfaglig indsats på stedet",
                                       "Samskabelse og dialog"]
    assert all(isinstance(v, int) for r in strands for v in r[1:])
    assert "Tryg Kildepark" in [r[0] for r in _rows(book["Indsatser"])]
    about = dict(_rows(book["Om tallene"])[:5])
    assert about["Omfang"] == "Hele byen" and about["Talt til og med"] == dt.datetime(2026, 4, 30)
    assert built.kilde


def test_the_running_month_shows_the_days_it_was_counted_over(db):
    """A report for the year on 1 May: May is counted for one day, and the sheet says so."""
    build_city()
    ws = _book(report_xlsx.xlsx_bytes(dt.date(2026, 1, 1), dt.date(2026, 12, 31), Scope(),
                                      TODAY))["Månedstal"]
    may = _rows(ws)[-1]
    assert may[:3] == (dt.datetime(2026, 5, 1), dt.datetime(2026, 5, 1), dt.datetime(2026, 5, 1))
    assert may[3] == 1  # Kildeparken, 1 May


def test_report_for_a_place_is_logged_with_its_place(db, tmp_path):
    built = build_city()
    park = built.place["Kildeparken"]
    path = report_xlsx.write_xlsx(tmp_path / "tal.xlsx", START, END, Scope(place_id=park),
                                  TODAY)
    book = load_workbook(path)
    assert [r[3] for r in _rows(book["Månedstal"])] == [2, 1, 0, 2]
    assert dict(_rows(book["Om tallene"])[:1]) == {"Omfang": "Sted: Kildeparken"}
    access_log.flush()
    [entry] = access_log.entries(access_log.LogFilter(action="export"))
    assert (entry.record_type, entry.record_id) == ("place", park)
    assert entry.detail == "Statusrapport, tal (Excel) 01.01.2026–30.04.2026: tal.xlsx"


def test_actions_participants_version_leaves_out_closed_items(db, after_the_meeting,  # noqa: F811
                                                               tmp_path):
    from tryg_desktop.services.meetings import action_export

    build_minutes()
    assert action_export.write_xlsx(tmp_path / "h.xlsx") == 1
    ws = load_workbook(tmp_path / "h.xlsx")["Handlinger"]
    _table_ok(ws)
    assert _heading(ws) == action_export.COLUMNS
    [row] = _rows(ws)
    assert row[0] == "Bestil nye lamper"
    assert "Quirinus" not in str(_rows(ws))
    assert ws["K2"].is_date and ws["K2"].number_format == "dd-mm-yyyy"  # Mødedato
    assert isinstance(row[11], int)  # Punkt

    assert action_export.write_xlsx(tmp_path / "intern.xlsx", full=True) == 2
    ws = load_workbook(tmp_path / "intern.xlsx")["Handlinger"]
    assert _heading(ws)[-1] == "Lukket punkt"
    closed = {r[0]: r[-1] for r in _rows(ws)}
    assert closed["Kontakt Quirinusfonden"] == "ja" and closed["Bestil nye lamper"] is None
    assert _logged() == ["Handlinger (Excel, intern udgave): 2 handlinger, intern.xlsx",
                         "Handlinger (Excel): 1 handlinger, h.xlsx"]


def test_actions_csv_is_as_it_was(db, after_the_meeting):  # noqa: F811
    """The CSV shares the Excel file's rows: its dates and numbers are still Danish text."""
    from tryg_desktop.services.meetings import action_export

    build_minutes()
    data, count = action_export.csv_bytes(full=True)
    lines = data.decode("utf-8-sig").split("\r\n")
    assert count == 2 and lines[0].endswith(";Punkt;Lukket punkt")
    assert all(";03.12.2026;" in line for line in lines[1:3])


def test_episodes_of_a_period_and_place_oldest_first(db, tmp_path):
    built = build_city()
    flt = episodes.EpisodeFilter(place_id=built.place["Kildeparken"], date_from=START,
                                 date_to=END)
    assert episode_export.write_xlsx(tmp_path / "e.xlsx", flt) == 5
    ws = load_workbook(tmp_path / "e.xlsx")["Hændelser"]
    _table_ok(ws)
    assert _heading(ws) == ["Dato", "Klokkeslæt", "Tidsrum", "Sted", "Kategori", "Alvor",
                            "Alvor (tekst)", "Anmeldt af", "Note"]
    rows = _rows(ws)
    assert [r[0].date() for r in rows] == [dt.date(2026, 1, 2), dt.date(2026, 1, 15),
                                           dt.date(2026, 2, 3), dt.date(2026, 4, 1),
                                           dt.date(2026, 4, 30)]
    assert rows[1][2:7] == ("Aften (18–24)", "Kildeparken", "Konflikt eller vold", 3,
                            "3 – alvorlig")
    assert ws["A2"].number_format == "dd-mm-yyyy" and ws["F2"].number_format == "#,##0"
    access_log.flush()
    [entry] = access_log.entries(access_log.LogFilter(action="export"))
    assert (entry.record_type, entry.record_id) == ("place", built.place["Kildeparken"])
    assert entry.detail == "Hændelser (Excel) 01.01.2026–30.04.2026: 5 hændelser, e.xlsx"


def test_the_surveys_are_a_sheet_of_their_own(db):
    """Issue 15.9: the period's measures at the report's places, typed as Excel types them."""
    from .test_status_report import two_surveys

    built = build_city()
    park = built.place["Kildeparken"]
    two_surveys(park, 64.5)
    book = _book(report_xlsx.xlsx_bytes(START, END, Scope(place_id=park), TODAY))
    sheet = book["Tryghedsmålinger"]
    _table_ok(sheet)
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1  # the 2025 survey is before the period: only its change counts
    kind, where, first, last, source, share, answers, change, findings = rows[0]
    assert (kind, where, source, answers, findings) == ("Undersøgelse", "Kildeparken",
                                                       "Beboerundersøgelse", 140, None)
    assert (first.date(), last.date()) == (dt.date(2026, 3, 1), dt.date(2026, 3, 30))
    assert share == pytest.approx(0.645) and sheet["F2"].number_format == "0.0 %"
    assert change.startswith("+6,5 procentpoint siden")
