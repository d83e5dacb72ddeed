"""The status report (statusrapport) as PDF and its monthly figures as CSV, for a period and
optionally one place or one effort (services/safety/status_report.py gathers the figures,
reports/status_report.py lays them out).

As the other documents (services/pdf.py): every printed text is checked for CPR numbers
first, and files are written atomically. reportlab is imported only inside the functions.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
from pathlib import Path

from tryg_desktop.db import database
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.pdf import DEFAULT_HEADER, document_header, render_checked
from tryg_desktop.services.safety import statistics, status_report
from tryg_desktop.services.safety.statistics import Scope

REPORT_NAME = "Statusrapport"
# The monthly columns the CSV and the Excel file give.
COLUMNS = statistics.MONTHLY_COLUMNS


def status_report_pdf_bytes(start: dt.date, end: dt.date, scope: Scope = Scope(),
                            header: str = DEFAULT_HEADER, today: dt.date | None = None,
                            allow_cpr: bool = False) -> bytes:
    """The statusrapport as PDF bytes (print preview, attachments)."""
    from tryg_desktop.reports.status_report import status_document

    data = status_report.gather(start, end, scope, today)
    pdf = render_checked(status_document(data, header=document_header(header)), allow_cpr,
                         REPORT_NAME)
    access_log.record("print", *scope_record(scope),
                      detail=f"{REPORT_NAME} {start:%d.%m.%Y}–{end:%d.%m.%Y}")
    return pdf


def print_status_report(path: str | os.PathLike, start: dt.date, end: dt.date,
                        scope: Scope = Scope(), header: str = DEFAULT_HEADER,
                        today: dt.date | None = None, allow_cpr: bool = False) -> Path:
    """Write the statusrapport to path; returns the path."""
    return write_atomically(path, status_report_pdf_bytes(start, end, scope, header, today,
                                                          allow_cpr))


def monthly_csv_bytes(start: dt.date, end: dt.date, scope: Scope = Scope(),
                      today: dt.date | None = None) -> tuple[bytes, int]:
    """The report's monthly figures as CSV for Excel, as the contact export writes it: UTF-8
    with BOM, ';', CRLF, Danish headings; the month as "2026-01", the running month as
    "2026-12 t.o.m. 3.". Returns (bytes, rows)."""
    statistics.check_period(start, end)
    with database.atomic():
        statistics.check_scope(scope)
        rows = statistics.monthly_rows(start, end, scope, today or dt.date.today())
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([label for _, label in COLUMNS])
    for row in rows:
        # A month counted only in part says so ("2026-12 t.o.m. 3."): never read as a fall.
        month = f"{row['month']:%Y-%m}" + (row["month_text"][4:] if row["partial"] else "")
        writer.writerow([month]
                        + [row[key] for key, _ in COLUMNS[1:]])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"), len(rows)


def write_monthly_csv(path: str | os.PathLike, start: dt.date, end: dt.date,
                      scope: Scope = Scope(), today: dt.date | None = None) -> int:
    """Write the monthly figures to path; returns the number of months."""
    data, count = monthly_csv_bytes(start, end, scope, today)
    write_atomically(path, data)
    access_log.record("export", *scope_record(scope),
                      detail=f"{REPORT_NAME}, månedstal (CSV) {start:%d.%m.%Y}–{end:%d.%m.%Y}: "
                             f"{Path(path).name}")
    return count


def scope_record(scope: Scope) -> tuple[str, int | None]:
    """The access log's record for a report's scope: a place, an effort or the whole city."""
    if scope.place_id is not None:
        return "place", scope.place_id
    if scope.effort_id is not None:
        return "effort", scope.effort_id
    return "", None


def suggested_file_name(start: dt.date, end: dt.date, scope: Scope = Scope()) -> str:
    """'Statusrapport 2026-01-01–2026-12-31 Kildeparken.pdf' for a save dialog."""
    from tryg_desktop.services.safety import efforts, places

    name = (places.name_of(scope.place_id) if scope.place_id is not None
            else efforts.title_of(scope.effort_id) if scope.effort_id is not None else "")
    name = " ".join(re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name).split()).rstrip(". ")[:60]
    return f"{REPORT_NAME} {start:%Y-%m-%d}–{end:%Y-%m-%d} {name}".rstrip() + ".pdf"
