"""reports/xlsx.py and services/spreadsheet.py: a table becomes a sheet Excel reads as typed
(real dates, whole numbers, percentages in Danish formats), with the heading frozen, a filter
over the table and widths that fit; texts stay texts; a CPR number stops the file."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tryg_desktop.reports import xlsx
from tryg_desktop.reports.xlsx import Column, Sheet


def _read(data: bytes):
    return load_workbook(io.BytesIO(data))


def _sheet(rows=None) -> Sheet:
    columns = [Column("Måned", xlsx.MONTH), Column("Dato", xlsx.DATE),
               Column("Hændelser", xlsx.INTEGER), Column("Ændring", xlsx.CHANGE),
               Column("Andel", xlsx.PERCENT), Column("Note")]
    if rows is None:
        rows = [[dt.date(2026, 1, 1), dt.date(2026, 1, 31), 1234567, -0.125, 0.5, "Råben"],
                [dt.date(2026, 2, 1), None, 0, None, None, "=HYPERLINK(\"http://x\")"]]
    return Sheet("Månedstal", columns, rows)


def test_typed_cells_in_danish_formats():
    ws = _read(xlsx.workbook_bytes([_sheet()], title="Tal"))["Månedstal"]
    assert [c.value for c in ws[1]] == ["Måned", "Dato", "Hændelser", "Ændring", "Andel", "Note"]
    assert all(c.font.b for c in ws[1])
    month, day, count, change, share, note = ws[2]
    assert month.is_date and month.value == dt.datetime(2026, 1, 1)
    assert month.number_format == "[$-406]mmmm yyyy"  # "januar 2026" in any Excel
    assert day.is_date and day.value.date() == dt.date(2026, 1, 31)
    assert day.number_format == "dd-mm-yyyy"
    assert count.value == 1234567 and isinstance(count.value, int)
    assert count.number_format == "#,##0"  # 1.234.567 in a Danish Excel
    assert change.value == -0.125 and change.number_format == "+0.0 %;-0.0 %;0.0 %"
    assert share.number_format == "0.0 %"
    assert note.value == "Råben" and note.data_type == "s"
    assert ws["B3"].value is None and ws["D3"].value is None  # nothing is an empty cell


def test_a_text_that_looks_like_a_formula_stays_text():
    ws = _read(xlsx.workbook_bytes([_sheet()]))["Månedstal"]
    assert ws["F3"].data_type == "s" and ws["F3"].value.startswith("=HYPERLINK")


def test_heading_frozen_filter_over_the_table_and_widths():
    ws = _read(xlsx.workbook_bytes([_sheet()]))["Månedstal"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:F3"
    widths = {c: ws.column_dimensions[c].width for c in "ABCDEF"}
    assert widths["A"] >= 14 and widths["B"] >= 10  # "september 2026", "30-09-2026"
    assert widths["C"] >= len("Hændelser") + 3  # the heading and its filter arrow
    assert all(xlsx.MIN_WIDTH <= w <= xlsx.MAX_WIDTH for w in widths.values())


def test_a_long_text_is_capped_and_an_empty_table_still_has_its_filter():
    sheet = Sheet("Noter", [Column("Note")], [["ord " * 100]])
    assert xlsx.column_widths(sheet) == [xlsx.MAX_WIDTH]
    ws = _read(xlsx.workbook_bytes([Sheet("Tom", [Column("A"), Column("B")])]))["Tom"]
    assert ws.auto_filter.ref == "A1:B1" and ws.max_row == 1


def test_sheets_keep_their_danish_names_and_order():
    book = _read(xlsx.workbook_bytes([_sheet(), Sheet("Før og efter", [Column("Indsats")])]))
    assert book.sheetnames == ["Månedstal", "Før og efter"]


@pytest.mark.parametrize("name", ["", "x" * 32, "Før/efter", "Spor?"])
def test_a_name_excel_refuses_is_refused_here(name):
    with pytest.raises(ValueError):
        Sheet(name, [Column("A")])


def test_column_letters():
    assert [xlsx.column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


def test_mixed_column_types_each_cell_by_its_value():
    sheet = Sheet("Om tallene", [Column("Oplysning"), Column("Værdi", xlsx.MIXED)],
                  [["Fra", dt.date(2026, 1, 1)], ["Hændelser", 12], ["Omfang", "Hele byen"]])
    ws = _read(xlsx.workbook_bytes([sheet]))["Om tallene"]
    assert ws["B2"].is_date and ws["B2"].number_format == "dd-mm-yyyy"
    assert ws["B3"].value == 12 and ws["B3"].number_format == "#,##0"
    assert ws["B4"].value == "Hele byen"


def test_a_cpr_number_stops_the_file_unless_allowed(db):
    from tryg_desktop.services import audit
    from tryg_desktop.services.errors import CprFoundError
    from tryg_desktop.services.spreadsheet import checked_workbook

    sheet = Sheet("Indsatser", [Column("Indsats")], [["Lys"], ["Borger 010190-1234"]],
                  ["indsats 1", "indsats 2"])
    with pytest.raises(CprFoundError) as refused:
        checked_workbook([sheet], "Tal (Excel)")
    assert refused.value.where == ["indsats 2"] and "010190" not in refused.value.message
    assert audit.history("document", 0) == []
    ws = _read(checked_workbook([sheet], "Tal (Excel)", allow_cpr=True))["Indsatser"]
    assert ws["A3"].value == "Borger 010190-1234"
    [entry] = audit.history("document", 0)
    assert entry.label == "CPR-tilsidesættelse"
    assert entry.changes["where"] == [None, ["indsats 2"]]


def test_no_excel_library_is_loaded_until_a_file_is_written():
    import subprocess
    import sys

    code = ("import sys, tryg_desktop.cli, tryg_desktop.app, tryg_desktop.views.main_window, "
            "tryg_desktop.services.safety.report_xlsx, "
            "tryg_desktop.services.safety.episode_export, "
            "tryg_desktop.services.meetings.action_export; "
            "sys.exit('xlsxwriter' in sys.modules or 'openpyxl' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
