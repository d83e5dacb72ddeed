"""Times issue 9's meeting work in-process on one database and prints JSON on stdout:

- plan_ms: forums.plan_until() for a forum, from its latest meeting to 31 December of the year
  after (the "Planlæg møder frem til …" list), median of --runs, with the number proposed;
- create_ms: forums.create_planned() for those dates (participants, agenda from the template),
  inside a transaction that is rolled back, so the database is unchanged;
- month_ms: meetings.in_period() for the six weeks the month view shows (the current month);
- plan_pdf_first_ms / plan_pdf_ms: the year's Mødeplan of every forum as PDF
  (meeting_plan_printing.meeting_plan_pdf_bytes): first call in this process (loads reportlab
  and the holiday calendar) and the median of the warm calls.

    python benchmarks/meeting_work_probe.py --database benchmarks/data/tryg-20x.sqlite3 [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from pathlib import Path


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from tryg_desktop.db import close_database, database, open_database
    from tryg_desktop.services.meetings import forums, meeting_plan_printing, meetings

    open_database(args.database)
    today = dt.date.today()
    forum = forums.all_forums()[0]
    # The generated forums have meetings planned far ahead: plan a year past the last one.
    from tryg_desktop.db.meeting_models import Meeting

    latest = max(m.starts_at for m in Meeting.select(Meeting.starts_at)
                 .where(Meeting.forum == forum.id)).date()
    until = dt.date(max(latest.year, today.year) + 1, 12, 31)
    plan, create, month = [], [], []
    proposed = 0
    for _ in range(args.runs):
        started = time.perf_counter()
        dates = [p.date for p in forums.plan_until(forum.id, until)]
        plan.append(_ms(started))
        proposed = len(dates)

        class Rollback(Exception):
            pass

        try:
            with database.atomic():
                started = time.perf_counter()
                forums.create_planned(forum.id, dates)
                create.append(_ms(started))
                raise Rollback
        except Rollback:
            pass
        first = today.replace(day=1)
        start = first - dt.timedelta(days=first.weekday())
        started = time.perf_counter()
        shown = meetings.in_period(start, start + dt.timedelta(days=41))
        month.append(_ms(started))
    started = time.perf_counter()
    pdf = meeting_plan_printing.meeting_plan_pdf_bytes(today.year + 1)
    pdf_first = _ms(started)
    warm = []
    for _ in range(args.runs):
        started = time.perf_counter()
        meeting_plan_printing.meeting_plan_pdf_bytes(today.year + 1)
        warm.append(_ms(started))
    close_database()
    print(json.dumps({
        "forum_id": forum.id, "proposed": proposed, "plan_ms": statistics.median(plan),
        "create_ms": statistics.median(create), "month_ms": statistics.median(month),
        "month_meetings": len(shown), "plan_pdf_first_ms": pdf_first,
        "plan_pdf_ms": statistics.median(warm), "plan_pdf_bytes": len(pdf)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
