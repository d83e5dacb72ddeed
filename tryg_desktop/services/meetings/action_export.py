"""The actions as CSV for Excel (Handlingsliste som regneark): one row per action, the same
columns a secretariat keeps its own list in. Written as the contact export writes it: UTF-8 with
BOM, ';', CRLF, Danish headings, free text guarded against Excel formulas.

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


def _date(value) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def rows(flt: actions.ActionFilter | None = None, full: bool = False) -> list[actions.ActionRow]:
    """The actions of the filter (every action by deadline when None) as the audience may see
    them."""
    from tryg_desktop.services.meetings.printing import _all_actions

    # The audience is a condition on the query (disclosure.restrict_actions); a resident
    # responsible without consent to be named is "Beboer" for participants (consent.py).
    who = disclosure.audience(full)
    return consent.actions(_all_actions(dataclasses.replace(flt or actions.ActionFilter(),
                                                            audience=who)), who)


def csv_bytes(flt: actions.ActionFilter | None = None, full: bool = False,
              allow_cpr: bool = False) -> tuple[bytes, int]:
    """(the file's bytes, how many actions). Raises CprFoundError naming the actions whose
    texts look like they hold a CPR number, unless allow_cpr."""
    found = rows(flt, full)
    table = []
    for a in found:
        line = [a.title, a.description, a.responsible_name, a.organisation_name, _date(a.due),
                a.status_label, _date(a.completed_on), a.completion_note, a.forum_name,
                a.meeting_title, _date(a.meeting_date),
                str(a.item_number) if a.item_number else ""]
        if full:
            line.append("ja" if a.item_closed else "")
        table.append(line)
    where = [f"handling nr. {a.id}" for a, line in zip(found, table)
             if any(find_cpr_numbers(cell) for cell in line)]
    if where and not allow_cpr:
        raise CprFoundError(where)
    if where:  # written anyway: the audit trail says where (never the numbers), as for PDFs
        from tryg_desktop.db import database
        from tryg_desktop.services import audit
        from tryg_desktop.services.pdf import CPR_OVERRIDE

        with database.atomic():
            audit.record("document", 0, "update", CPR_OVERRIDE,
                         {"document": [None, "Handlinger (CSV)"], "where": [None, where]})
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS + ([CLOSED_COLUMN] if full else []))
    for line in table:
        writer.writerow([guard(cell) for cell in line])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"), len(found)


def write_csv(path: str | os.PathLike, flt: actions.ActionFilter | None = None,
              full: bool = False, allow_cpr: bool = False) -> int:
    """Write the file, whole or not at all; returns the number of actions."""
    data, count = csv_bytes(flt, full, allow_cpr)
    write_atomically(Path(path), data)
    forum_id = flt.forum_id if flt is not None else None
    access_log.record("export", "forum" if forum_id is not None else "", forum_id,
                      detail=f"Handlinger (CSV{', intern udgave' if full else ''}): "
                             f"{count} handlinger, {Path(path).name}")
    return count
