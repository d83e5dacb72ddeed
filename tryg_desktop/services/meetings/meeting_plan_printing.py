"""The Mødeplan as PDF, for the GUI and the command line: one page for a year's meetings
(services/meetings/meeting_plan.py gathers them, reports/meeting_plan.py lays them out).

The texts pass the same CPR check as every other document (services/pdf.py); a Mødeplan
holds no closed items, so there is no participant or internal version."""

from __future__ import annotations

import os
from pathlib import Path

from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.meetings import meeting_plan
from tryg_desktop.services.pdf import document_header, render_checked


def meeting_plan_pdf_bytes(year: int, forum_id: int | None = None, header: str = "") -> bytes:
    from tryg_desktop.reports.meeting_plan import meeting_plan_document

    data = render_checked(meeting_plan_document(meeting_plan.gather(year, forum_id),
                                                header=document_header(header)))
    access_log.record("print", "forum" if forum_id is not None else "", forum_id,
                      detail=f"Mødeplan {year}")
    return data


def meeting_plan_pdf(path: str | os.PathLike, year: int, forum_id: int | None = None,
                     header: str = "") -> Path:
    return write_atomically(path, meeting_plan_pdf_bytes(year, forum_id, header))
