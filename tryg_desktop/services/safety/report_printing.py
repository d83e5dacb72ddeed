"""The status report (statusrapport) as PDF and its monthly figures as CSV, for a period and
optionally one place or one effort. Every figure comes from services/safety/statistics.py, the same
functions the Oversigt shows, so paper and screen agree.

As the other documents (services/meetings/printing.py): every printed text is checked for CPR numbers
first, and files are written atomically. reportlab is imported only inside the functions.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from tryg_desktop.db import database
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services.safety import statistics as S
from tryg_desktop.services.files import write_atomically
from tryg_desktop.services.meetings.printing import DEFAULT_HEADER, _header, _render

REPORT_NAME = "Statusrapport"


@dataclass(frozen=True)
class EffortBefore:
    """An effort and the episodes at its places before and after its start."""
    effort: object  # efforts.EffortRow
    before_after: S.BeforeAfter


@dataclass(frozen=True)
class StatusData:
    start: dt.date
    end: dt.date
    today: dt.date
    scope: S.Scope
    place: object | None  # places.PlaceRow when the report is about one place
    effort: object | None  # efforts.EffortRow when it is about one effort
    meetings: S.MeetingsSummary
    attendance: list[S.Attendance]
    actions: S.ActionsSummary
    by_forum: list[S.Completion]
    by_effort: list[S.Completion]
    monthly: S.MonthlyEpisodes
    rows: list[dict]  # statistics.monthly_rows
    episodes: int
    previous_year: int | None  # episodes in the same dates a year earlier; None: not compared
    before_after: list[EffortBefore]
    efforts: list  # efforts.EffortRow running in the period (in scope)
    strands: list[S.StrandSummary]


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _effort_order(effort) -> tuple:
    return effort.starts_on, danish_sort_key(effort.title)


def gather(start: dt.date, end: dt.date, scope: S.Scope = S.Scope(),
           today: dt.date | None = None) -> StatusData:
    """Every figure of the report, read in one transaction (one consistent state)."""
    from tryg_desktop.services.safety import efforts as effort_service
    from tryg_desktop.services.safety import places as place_service

    today = today or dt.date.today()
    S.check_period(start, end)
    with database.atomic():
        S.check_scope(scope)
        place = place_service.get(scope.place_id) if scope.place_id is not None else None
        effort = effort_service.get(scope.effort_id) if scope.effort_id is not None else None
        # Months after today have no episodes yet: charting them would look like a fall, and
        # the year-before comparison must cover the same days.
        last = max(start, min(end, today))
        monthly = S.episodes_per_month(start, last, scope)
        episodes = sum(monthly.total)
        previous = None
        if (last - start).days < 366:
            previous = S.episode_count(_year_earlier(start), _year_earlier(last), scope)
        if effort is not None:
            in_scope = [effort]
        else:
            in_scope = [e for e in effort_service.list_efforts(place_id=scope.place_id)
                        if e.starts_on <= end and (e.ends_on is None or e.ends_on >= start)]
        started = ([effort] if effort is not None
                   else [e for e in in_scope if start <= e.starts_on <= end])
        # The after-window stops at the period's end, so a report on a past period stays the same.
        until = min(today, end + dt.timedelta(days=1))
        return StatusData(
            start=start, end=end, today=today, scope=scope, place=place, effort=effort,
            meetings=S.meetings_summary(start, end, scope, today),
            attendance=S.attendance_by_kind(start, end, scope, today),
            actions=S.actions_summary(start, end, scope, today),
            by_forum=S.completion_by_forum(start, end, scope, today),
            by_effort=S.completion_by_effort(start, end, scope, today),
            monthly=monthly, rows=S.monthly_rows(start, last, scope, today, monthly),
            episodes=episodes, previous_year=previous,
            before_after=[EffortBefore(e, S.before_after(e.id, until))
                          for e in sorted(started, key=_effort_order)],
            efforts=sorted(in_scope, key=_effort_order),
            strands=S.strand_summary(start, end, today))


def status_report_pdf_bytes(start: dt.date, end: dt.date, scope: S.Scope = S.Scope(),
                            header: str = DEFAULT_HEADER, today: dt.date | None = None,
                            allow_cpr: bool = False) -> bytes:
    """The statusrapport as PDF bytes (print preview, attachments)."""
    from tryg_desktop.reports import status_report as report

    data = gather(start, end, scope, today)
    return _render(report.status_document(data, header=_header(header)), allow_cpr,
                   REPORT_NAME)


def print_status_report(path: str | os.PathLike, start: dt.date, end: dt.date,
                        scope: S.Scope = S.Scope(), header: str = DEFAULT_HEADER,
                        today: dt.date | None = None, allow_cpr: bool = False) -> Path:
    """Write the statusrapport to path; returns the path."""
    return write_atomically(path, status_report_pdf_bytes(start, end, scope, header, today,
                                                          allow_cpr))


def monthly_csv_bytes(start: dt.date, end: dt.date, scope: S.Scope = S.Scope(),
                      today: dt.date | None = None) -> tuple[bytes, int]:
    """The report's monthly figures as CSV for Excel, as the contact export writes it: UTF-8
    with BOM, ';', CRLF, Danish headings; the month as "2026-01". Returns (bytes, rows)."""
    S.check_period(start, end)
    with database.atomic():
        S.check_scope(scope)
        rows = S.monthly_rows(start, end, scope, today or dt.date.today())
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([label for _, label in S.MONTHLY_COLUMNS])
    for row in rows:
        writer.writerow([f"{row['month']:%Y-%m}"]
                        + [row[key] for key, _ in S.MONTHLY_COLUMNS[1:]])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"), len(rows)


def write_monthly_csv(path: str | os.PathLike, start: dt.date, end: dt.date,
                      scope: S.Scope = S.Scope(), today: dt.date | None = None) -> int:
    """Write the monthly figures to path; returns the number of months."""
    data, count = monthly_csv_bytes(start, end, scope, today)
    write_atomically(path, data)
    return count


def suggested_file_name(start: dt.date, end: dt.date, scope: S.Scope = S.Scope()) -> str:
    """'Statusrapport 2026-01-01–2026-12-31 Kildeparken.pdf' for a save dialog."""
    from tryg_desktop.services.safety import efforts, places

    name = (places.name_of(scope.place_id) if scope.place_id is not None
            else efforts.title_of(scope.effort_id) if scope.effort_id is not None else "")
    name = " ".join(re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name).split()).rstrip(". ")[:60]
    return f"{REPORT_NAME} {start:%Y-%m-%d}–{end:%Y-%m-%d} {name}".rstrip() + ".pdf"
