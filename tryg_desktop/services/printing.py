"""Printing a meeting's documents as PDF: the agenda (Dagsorden), the chair's runsheet (Drejebog)
and the sign-in sheet (Fremmødeliste). The GUI and the command line call these functions.

- Every text that would be printed is checked for CPR numbers first; if one is found,
  CprFoundError names where, and nothing is written.
- Closed agenda items never reach the participants' agenda (see reports/agenda.py).
- Files are written atomically: a temporary file in the same folder, then os.replace, so a
  failed or interrupted build never leaves half a PDF under the chosen name.
- reportlab is imported here only inside the functions: the app's start-up does not load it.

A 12-item agenda builds in about 20 ms (runsheet 30 ms); the first document in a process takes
about 120 ms more, for loading reportlab, the fonts and babel. The GUI may build in a worker all
the same: the time grows with the length of the texts.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tryg_desktop.db import database
from tryg_desktop.services import agenda, meetings, participants
from tryg_desktop.services.errors import CprFoundError
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.privacy import find_cpr_numbers

# The default of settings.HEADER_ORGANISATION (services may not import the Qt settings; a test
# holds the two equal). The GUI passes the user's setting, the CLI reads it the same way.
DEFAULT_HEADER = "Aalborg Kommune · Tryg Aalborg"

DOCUMENT_NAMES = {"agenda": "Dagsorden", "runsheet": "Drejebog", "attendance": "Fremmødeliste"}


# --- in memory (attachments, print preview) ---------------------------------------------------

def agenda_pdf_bytes(meeting_id: int, runsheet: bool = False, header: str = DEFAULT_HEADER,
                     durations: bool = True) -> bytes:
    """The participants' agenda, or with runsheet=True the chair's runsheet, as PDF bytes.
    `durations`: show each open item's planned minutes in the participants' agenda."""
    from tryg_desktop.reports import agenda as report

    with database.atomic():  # one consistent reading of meeting, items and participants
        meeting = meetings.get(meeting_id)
        plan = agenda.time_plan(meeting_id)
        people = participants.of_meeting(meeting_id)
    header = _header(header)
    if runsheet:
        doc = report.runsheet(meeting, plan, people, header=header)
    else:
        doc = report.participants_version(meeting, plan, people, header=header,
                                          durations=durations)
    return _render(doc)


def attendance_pdf_bytes(meeting_id: int, header: str = DEFAULT_HEADER) -> bytes:
    """The sign-in sheet (everyone invited except afbud, plus blank rows) as PDF bytes."""
    from tryg_desktop.reports import attendance as report

    with database.atomic():
        meeting = meetings.get(meeting_id)
        people = participants.of_meeting(meeting_id)
    return _render(report.attendance_sheet(meeting, people, header=_header(header)))


# --- files ------------------------------------------------------------------------------------

def agenda_pdf(meeting_id: int, path: str | os.PathLike, runsheet: bool = False,
               header: str = DEFAULT_HEADER, durations: bool = True) -> Path:
    """Write the agenda (or runsheet) to path; returns the path."""
    return write_atomically(path, agenda_pdf_bytes(meeting_id, runsheet, header, durations))


def attendance_pdf(meeting_id: int, path: str | os.PathLike,
                   header: str = DEFAULT_HEADER) -> Path:
    """Write the sign-in sheet to path; returns the path."""
    return write_atomically(path, attendance_pdf_bytes(meeting_id, header))


def suggested_file_name(meeting_id: int, document: str) -> str:
    """'Dagsorden 2026-12-03 Dialogmøde i Vestbyen.pdf' for a save dialog; document is
    'agenda', 'runsheet' or 'attendance'."""
    meeting = meetings.get(meeting_id)
    title = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", meeting.title)
    title = " ".join(title.split()).rstrip(". ")[:80]
    return f"{DOCUMENT_NAMES[document]} {meeting.starts_at:%Y-%m-%d} {title}".rstrip() + ".pdf"


# --- helpers ----------------------------------------------------------------------------------

def _header(header: str | None) -> str:
    return " ".join((header or "").split()) or DEFAULT_HEADER


def _render(doc) -> bytes:
    """Check every recorded text for CPR numbers, then build the PDF."""
    where: list[str] = []
    for label, text in doc.texts:
        if label not in where and find_cpr_numbers(text):
            where.append(label)
    if where:
        raise CprFoundError(where)
    return doc.render()


