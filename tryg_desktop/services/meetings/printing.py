"""Printing a meeting's documents as PDF: the agenda (Dagsorden), the chair's runsheet (Drejebog),
the sign-in sheet (Fremmødeliste) and the minutes (Referat); and the
Handlingsliste. The GUI and the command line call these functions.

- Every text that would be printed is checked for CPR numbers first; if one is found,
  CprFoundError names where, and nothing is written (the referat and the Handlingsliste take
  allow_cpr=True to print anyway; the override is then recorded in the audit trail).
- What each version may show of closed (lukket) items is decided by services/meetings/disclosure.py:
  the data gathered here passes through it before a report sees it. The participants'
  versions are the default; the Drejebog, the referat with full=True and the Handlingsliste
  with full=True are the internal ones, marked "Internt – med lukkede punkter" on every page.
- Files are written atomically: a temporary file in the same folder, then os.replace, so a
  failed or interrupted build never leaves half a PDF under the chosen name.
- reportlab is imported here only inside the functions: the app's start-up does not load it.

A 12-item agenda builds in about 20 ms (runsheet 30 ms); the first document in a process takes
about 120 ms more, for loading reportlab, the fonts and babel. The GUI may build in a worker all
the same: the time grows with the length of the texts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from tryg_desktop.db import database
from tryg_desktop.services.data_protection import consent
from tryg_desktop.services.meetings import agenda, disclosure, meetings, participants
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.pdf import DEFAULT_HEADER, document_header, render_checked

DOCUMENT_NAMES = {"agenda": "Dagsorden", "runsheet": "Drejebog", "attendance": "Fremmødeliste",
                  "minutes": "Referat", "minutes_full": "Referat intern udgave",
                  "actions": "Handlingsliste"}


# --- in memory (attachments, print preview) ---------------------------------------------------

def agenda_pdf_bytes(meeting_id: int, runsheet: bool = False, header: str = DEFAULT_HEADER,
                     durations: bool = True, allow_cpr: bool = False) -> bytes:
    """The participants' agenda, or with runsheet=True the chair's runsheet, as PDF bytes.
    `durations`: show each open item's planned minutes in the participants' agenda."""
    from tryg_desktop.reports import agenda as agenda_report
    from tryg_desktop.services.meetings import actions, attachments

    who = disclosure.audience(full=runsheet)  # the Drejebog is the internal version
    with database.atomic():  # one consistent reading of meeting, items and participants
        meeting = meetings.get(meeting_id)
        plan = disclosure.time_plan(agenda.time_plan(meeting_id), who)
        people = participants.of_meeting(meeting_id)
        # "Opfølgning på handlinger": the forum's open actions as they stand now.
        follow_up = (actions.open_summary(meeting.forum_id, who, dt.date.today())
                     if meeting.forum_id is not None else actions.OpenActions([], 0, 0))
        follow_up = consent.open_actions(follow_up, who)  # a resident: "Beboer" w/o consent
        bilag = attachments.by_item(disclosure.rows_of_open_items(
            attachments.list_for_meeting(meeting_id), who))
        # The chair's warnings: the same sentences as the meeting editor's (point 10).
        clashes = participants.role_clashes(meeting_id, people) if runsheet else []
    header = document_header(header)
    if runsheet:
        doc = agenda_report.runsheet(meeting, plan, people, header=header, follow_up=follow_up,
                                     bilag=bilag, role_clashes=clashes)
    else:
        doc = agenda_report.participants_version(meeting, plan, people, header=header,
                                                 durations=durations, follow_up=follow_up,
                                                 bilag=bilag)
    data = render_checked(doc, allow_cpr)
    _log_print(meeting_id, "Drejebog (intern udgave)" if runsheet
               else "Dagsorden (deltagerudgave)")
    return data


def attendance_pdf_bytes(meeting_id: int, header: str = DEFAULT_HEADER,
                         allow_cpr: bool = False) -> bytes:
    """The sign-in sheet (everyone invited except afbud, plus blank rows) as PDF bytes."""
    from tryg_desktop.reports.attendance import attendance_sheet

    with database.atomic():
        meeting = meetings.get(meeting_id)
        people = participants.of_meeting(meeting_id)
    sheet = attendance_sheet(meeting, people, header=document_header(header))
    data = render_checked(sheet, allow_cpr)
    _log_print(meeting_id, "Fremmødeliste")
    return data


def minutes_pdf_bytes(meeting_id: int, header: str = DEFAULT_HEADER, full: bool = False,
                      allow_cpr: bool = False) -> bytes:
    """The referat as PDF bytes: marked "Udkast" until the minutes are godkendt. The
    participants' version unless `full` (closed items included, marked internal).
    `allow_cpr`: print even if a CPR number is found, and record that in the audit trail."""
    from tryg_desktop.reports.minutes import minutes_document
    from tryg_desktop.services.meetings import actions
    from tryg_desktop.services.meetings import minutes as minutes_service

    who = disclosure.audience(full)
    with database.atomic():
        minutes_service.check_referat(meeting_id)  # aflyst or not begun: no referat
        meeting = meetings.get(meeting_id)
        items = disclosure.items(agenda.items(meeting_id), who)
        people = participants.of_meeting(meeting_id)
        draft = not minutes_service.status(meeting_id).locked
        # An approved referat shows the actions as they stood at approval (H5, issue 9).
        agreed = minutes_service.approved_actions(meeting_id)
        if agreed is None:  # the audience is a condition on the query
            agreed = _all_actions(actions.ActionFilter(meeting_id=meeting_id, audience=who))
        else:
            agreed = disclosure.actions(agreed, who, disclosure.closed_item_ids(meeting_id))
        agreed = consent.actions(agreed, who)  # at print time: the snapshot follows consent
        following = _next_meeting(meeting)
    doc = minutes_document(meeting, items, people, agreed, header=document_header(header),
                                  draft=draft, next_meeting=following, full=full)
    data = render_checked(doc, allow_cpr, f"Referat: {meeting.title}")
    _log_print(meeting_id, ("Referat (intern udgave)" if full else "Referat (deltagerudgave)")
               + (", udkast" if draft else ""))
    return data


def actions_pdf_bytes(forum_id: int | None = None, overdue_only: bool = False,
                      header: str = DEFAULT_HEADER, today: dt.date | None = None,
                      allow_cpr: bool = False, full: bool = False) -> bytes:
    """The Handlingsliste (open actions by responsible organisation) as PDF bytes; optionally
    one forum's and/or only the overdue ones. The participants' version leaves out the actions
    agreed under closed items; `full`: the internal version with them, marked on every page."""
    from tryg_desktop.reports.action_list import action_list
    from tryg_desktop.services.meetings import actions, forums

    today = today or dt.date.today()
    with database.atomic():
        forum_name = forums.get(forum_id).name if forum_id is not None else ""
        rows = _all_actions(actions.ActionFilter(
            statuses=set(actions.OPEN_STATUSES), forum_id=forum_id, overdue_only=overdue_only,
            today=today, sort="organisation", audience=disclosure.audience(full)))
        rows = consent.actions(rows, disclosure.audience(full))
    doc = action_list(rows, header=document_header(header), today=today,
                             forum_name=forum_name, overdue_only=overdue_only, internal=full)
    data = render_checked(doc, allow_cpr, "Handlingsliste")
    access_log.record("print", "forum" if forum_id is not None else "", forum_id,
                      detail=("Handlingsliste (intern udgave)" if full
                              else "Handlingsliste (deltagerudgave)")
                      + (", kun overskredne" if overdue_only else ""))
    return data


# --- files ------------------------------------------------------------------------------------

def agenda_pdf(meeting_id: int, path: str | os.PathLike, runsheet: bool = False,
               header: str = DEFAULT_HEADER, durations: bool = True,
               allow_cpr: bool = False) -> Path:
    """Write the agenda (or runsheet) to path; returns the path."""
    return write_atomically(path, agenda_pdf_bytes(meeting_id, runsheet, header, durations,
                                                   allow_cpr))


def attendance_pdf(meeting_id: int, path: str | os.PathLike,
                   header: str = DEFAULT_HEADER, allow_cpr: bool = False) -> Path:
    """Write the sign-in sheet to path; returns the path."""
    return write_atomically(path, attendance_pdf_bytes(meeting_id, header, allow_cpr))


def minutes_pdf(meeting_id: int, path: str | os.PathLike, header: str = DEFAULT_HEADER,
                full: bool = False, allow_cpr: bool = False) -> Path:
    """Write the referat to path; returns the path."""
    return write_atomically(path, minutes_pdf_bytes(meeting_id, header, full, allow_cpr))


def actions_pdf(path: str | os.PathLike, forum_id: int | None = None,
                overdue_only: bool = False, header: str = DEFAULT_HEADER,
                today: dt.date | None = None, allow_cpr: bool = False,
                full: bool = False) -> Path:
    """Write the Handlingsliste (with full=True the internal version) to path."""
    return write_atomically(path, actions_pdf_bytes(forum_id, overdue_only, header, today,
                                                    allow_cpr, full))


def suggested_file_name(meeting_id: int, document: str) -> str:
    """'Dagsorden 2026-12-03 Dialogmøde i Vestbyen.pdf' for a save dialog; document is
    'agenda', 'runsheet' or 'attendance'."""
    meeting = meetings.get(meeting_id)
    title = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", meeting.title)
    title = " ".join(title.split()).rstrip(". ")[:80]
    return f"{DOCUMENT_NAMES[document]} {meeting.starts_at:%Y-%m-%d} {title}".rstrip() + ".pdf"


# --- helpers ----------------------------------------------------------------------------------

def _log_print(meeting_id: int, document: str) -> None:
    """The access log's entry for a document built (written to a file or previewed)."""
    access_log.record("print", "meeting", meeting_id, detail=document)


def _all_actions(flt) -> list:
    from tryg_desktop.services.meetings import actions

    rows, page = [], 1000
    while True:
        batch = actions.fetch(flt, len(rows), page)
        rows += batch
        if len(batch) < page:
            return rows


def _next_meeting(meeting):
    """The forum's first meeting after this one (not aflyst), or None."""
    if meeting.forum_id is None:
        return None
    later = meetings.fetch(meetings.MeetingFilter(when="all", forum_id=meeting.forum_id), 0,
                           10_000)
    return next((m for m in later if m.starts_at > meeting.starts_at and m.id != meeting.id
                 and m.status != "aflyst"), None)
