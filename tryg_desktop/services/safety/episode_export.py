"""The Hændelser list as an Excel workbook: every episode of a filter (a period, a place, the
list page's own filters), oldest first, one row each, through reports/xlsx.py. The log is
anonymous by design, and its notes are checked for CPR numbers all the same, as every text that
leaves the app is (services/spreadsheet.py)."""

from __future__ import annotations

import os
from pathlib import Path

from tryg_desktop.reports.xlsx import DATE, INTEGER, Column, Sheet
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.safety import episodes, safety_terms
from tryg_desktop.services.spreadsheet import checked_workbook

NAME = "Hændelser (Excel)"
COLUMNS = [Column("Dato", DATE), Column("Klokkeslæt"), Column("Tidsrum"), Column("Sted"),
           Column("Kategori"), Column("Alvor", INTEGER), Column("Alvor (tekst)"),
           Column("Anmeldt af"), Column("Note", width=60)]


def _line(r: episodes.EpisodeRow) -> list:
    time = r.occurred_time.replace(":", ".") if r.occurred_time else None  # "14.30"
    return [r.occurred_on, time, safety_terms.TIME_BAND_LABELS.get(r.time_band, r.time_band),
            r.place_name, r.category_label, r.severity, r.severity_label, r.reporter_label,
            r.note or None]


def sheet(flt: episodes.EpisodeFilter) -> Sheet:
    found = episodes.all_rows(flt)
    return Sheet("Hændelser", COLUMNS, [_line(r) for r in found],
                 [f"hændelse nr. {r.id}" for r in found])


def xlsx_bytes(flt: episodes.EpisodeFilter, allow_cpr: bool = False) -> tuple[bytes, int]:
    """(the file's bytes, how many episodes)."""
    table = sheet(flt)
    return checked_workbook([table], NAME, allow_cpr), len(table.rows)


def write_xlsx(path: str | os.PathLike, flt: episodes.EpisodeFilter,
               allow_cpr: bool = False) -> int:
    """Write the file (whole or not at all), logged as an export; the number of episodes."""
    data, count = xlsx_bytes(flt, allow_cpr)
    write_atomically(Path(path), data)
    logged(path, flt, count)
    return count


def logged(path, flt: episodes.EpisodeFilter, count: int) -> None:
    """The access log's entry for a written file (the period, how many, the file's name)."""
    first = f"{flt.date_from:%d.%m.%Y}" if flt.date_from else "første"
    last = f"{flt.date_to:%d.%m.%Y}" if flt.date_to else "seneste"
    access_log.record("export", "place" if flt.place_id is not None else "", flt.place_id,
                      detail=f"{NAME} {first}–{last}: {count} hændelser, {Path(path).name}")
