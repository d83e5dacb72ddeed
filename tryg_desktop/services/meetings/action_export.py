"""The actions as CSV for Excel or as an Excel workbook (Handlingsliste som regneark): one row
per action, the same columns a secretariat keeps its own list in. The CSV is written as the
contact export writes it: UTF-8 with BOM, ';', CRLF, Danish headings, free text guarded against
Excel formulas; the .xlsx through reports/xlsx.py, with real dates and a filter on every column.

Like the printed Handlingsliste, the file is the participants' version unless `full`: the
actions agreed under closed items, their descriptions and follow-up notes are then not even read
(services/meetings/disclosure.py). The internal file has one more column, "Lukket punkt", that marks
those actions, so a copy that travels on is recognised. Every text is checked for CPR numbers
before anything is written.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import os
from pathlib import Path

from tryg_desktop.services.meetings import actions, disclosure
from tryg_desktop.services.register.contact_csv import guard
from tryg_desktop.services.errors import CprFoundError
from tryg_desktop.services.data_protection import access_log, consent
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.privacy import find_cpr_numbers

COLUMNS = ["Handling", "Beskrivelse", "Ansvarlig", "Organisation", "Frist", "Status",
           "Udført den", "Opfølgning", "Mødeforum", "Møde", "Mødedato", "Punkt"]
CLOSED_COLUMN = "Lukket punkt"  # only in the internal file


XLSX_KINDS = {"Frist": "date", "Udført den": "date", "Mødedato": "date", "Punkt": "integer"}


def _text(value) -> str:
    """A CSV cell: dates as Danes write them, an empty value as nothing."""
    if value is None:
        return ""
    return f"{value:%d.%m.%Y}" if hasattr(value, "year") else str(value)


def rows(flt: actions.ActionFilter | None = None, full: bool = False) -> list[actions.ActionRow]:
    """The actions of the filter (every action by deadline when None) as the audience may see
    them."""
    from tryg_desktop.services.meetings.printing import _all_actions

    # The audience is a condition on the query (disclosure.restrict_actions); a resident
    # responsible without consent to be named is "Beboer" for participants (consent.py).
    who = disclosure.audience(full)
    return consent.actions(_all_actions(dataclasses.replace(flt or actions.ActionFilter(),
                                                            audience=who)), who)


def _line(a: actions.ActionRow, full: bool) -> list:
    """The action's cells in COLUMNS' order, typed: dates as dates, the item's number an int."""
    line = [a.title, a.description, a.responsible_name, a.organisation_name, a.due,
            a.status_label, a.completed_on, a.completion_note, a.forum_name, a.meeting_title,
            a.meeting_date, a.item_number or None]
    if full:
        line.append("ja" if a.item_closed else "")
    return line


def _checked_table(flt, full: bool, allow_cpr: bool, document: str
                   ) -> tuple[list[actions.ActionRow], list[list]]:
    """The actions and their lines, after the CPR check (refused unless allow_cpr)."""
    found = rows(flt, full)
    table = [_line(a, full) for a in found]
    where = [f"handling nr. {a.id}" for a, line in zip(found, table)
             if any(find_cpr_numbers(cell) for cell in line if isinstance(cell, str))]
    if where and not allow_cpr:
        raise CprFoundError(where)
    if where:  # written anyway: the audit trail says where (never the numbers), as for PDFs
        from tryg_desktop.db import database
        from tryg_desktop.services import audit
        from tryg_desktop.services.pdf import CPR_OVERRIDE

        with database.atomic():
            audit.record("document", 0, "update", CPR_OVERRIDE,
                         {"document": [None, document], "where": [None, where]})
    return found, table


def csv_bytes(flt: actions.ActionFilter | None = None, full: bool = False,
              allow_cpr: bool = False) -> tuple[bytes, int]:
    """(the file's bytes, how many actions). Raises CprFoundError naming the actions whose
    texts look like they hold a CPR number, unless allow_cpr."""
    found, table = _checked_table(flt, full, allow_cpr, "Handlinger (CSV)")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS + ([CLOSED_COLUMN] if full else []))
    for line in table:
        writer.writerow([guard(_text(cell)) for cell in line])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"), len(found)


def xlsx_bytes(flt: actions.ActionFilter | None = None, full: bool = False,
               allow_cpr: bool = False) -> tuple[bytes, int]:
    """The same actions and columns as the CSV, as an .xlsx workbook with one sheet,
    Handlinger; (the file's bytes, how many actions)."""
    from tryg_desktop.reports.xlsx import Column, Sheet, workbook_bytes

    found, table = _checked_table(flt, full, allow_cpr, "Handlinger (Excel)")
    headings = COLUMNS + ([CLOSED_COLUMN] if full else [])
    sheet = Sheet("Handlinger", [Column(h, XLSX_KINDS.get(h, "text")) for h in headings], table)
    return workbook_bytes([sheet], title="Handlinger"), len(found)


def write_csv(path: str | os.PathLike, flt: actions.ActionFilter | None = None,
              full: bool = False, allow_cpr: bool = False) -> int:
    """Write the file, whole or not at all; returns the number of actions."""
    data, count = csv_bytes(flt, full, allow_cpr)
    write_atomically(Path(path), data)
    _logged(path, flt, full, count, "CSV")
    return count


def write_xlsx(path: str | os.PathLike, flt: actions.ActionFilter | None = None,
               full: bool = False, allow_cpr: bool = False) -> int:
    """Write the .xlsx file, whole or not at all; returns the number of actions."""
    data, count = xlsx_bytes(flt, full, allow_cpr)
    write_atomically(Path(path), data)
    _logged(path, flt, full, count, "Excel")
    return count


def _logged(path, flt: actions.ActionFilter | None, full: bool, count: int, kind: str) -> None:
    forum_id = flt.forum_id if flt is not None else None
    access_log.record("export", "forum" if forum_id is not None else "", forum_id,
                      detail=f"Handlinger ({kind}{', intern udgave' if full else ''}): "
                             f"{count} handlinger, {Path(path).name}")
