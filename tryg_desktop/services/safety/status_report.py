"""The statusrapport's data, for a period and optionally one place or one effort, read in one
transaction. Every figure comes from services/safety/statistics.py, the same functions the
Oversigt shows, so paper and screen agree. report_printing.py makes the PDF and the CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tryg_desktop.db import database
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services.safety import goals, statistics

@dataclass(frozen=True)
class EffortBefore:
    """An effort and the episodes at its places before and after its start."""
    effort: object  # efforts.EffortRow
    before_after: statistics.BeforeAfter


@dataclass(frozen=True)
class StatusData:
    start: dt.date
    end: dt.date
    today: dt.date
    scope: statistics.Scope
    place: object | None  # places.PlaceRow when the report is about one place
    effort: object | None  # efforts.EffortRow when it is about one effort
    meetings: statistics.MeetingsSummary
    attendance: list[statistics.Attendance]
    actions: statistics.ActionsSummary
    by_forum: list[statistics.Completion]
    by_effort: list[statistics.Completion]
    monthly: statistics.MonthlyEpisodes
    rows: list[dict]  # statistics.monthly_rows
    episodes: int
    previous_year: int | None  # episodes in the same dates a year earlier; None: not compared
    before_after: list[EffortBefore]
    efforts: list  # efforts.EffortRow running in the period (in scope)
    strands: list[statistics.StrandSummary]
    # goals.GoalStatus of the efforts in scope that have a goal, measured as of today.
    goals: list = field(default_factory=list)


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _effort_order(effort) -> tuple:
    return effort.starts_on, danish_sort_key(effort.title)


def gather(start: dt.date, end: dt.date, scope: statistics.Scope = statistics.Scope(),
           today: dt.date | None = None) -> StatusData:
    """Every figure of the report, read in one transaction (one consistent state)."""
    from tryg_desktop.services.safety import efforts as effort_service
    from tryg_desktop.services.safety import places as place_service

    today = today or dt.date.today()
    statistics.check_period(start, end)
    with database.atomic():
        statistics.check_scope(scope)
        place = place_service.get(scope.place_id) if scope.place_id is not None else None
        effort = effort_service.get(scope.effort_id) if scope.effort_id is not None else None
        # Months after today have no episodes yet: charting them would look like a fall, and
        # the year-before comparison must cover the same days.
        last = max(start, min(end, today))
        monthly = statistics.episodes_per_month(start, last, scope)
        episodes = sum(monthly.total)
        previous = None
        if (last - start).days < 366:
            previous = statistics.episode_count(_year_earlier(start), _year_earlier(last), scope)
        if effort is not None:
            in_scope = [effort]
        else:
            in_scope = [e for e in effort_service.list_efforts(place_id=scope.place_id)
                        if e.starts_on <= end and (e.ends_on is None or e.ends_on >= start)]
        started = ([effort] if effort is not None
                   else [e for e in in_scope if start <= e.starts_on <= end])
        # The after-window stops at the period's end, so a report on a past period stays the same.
        until = min(today, end + dt.timedelta(days=1))
        started = sorted(started, key=_effort_order)
        figures = statistics.before_after_many(started, until)
        return StatusData(
            start=start, end=end, today=today, scope=scope, place=place, effort=effort,
            meetings=statistics.meetings_summary(start, end, scope, today),
            attendance=statistics.attendance_by_kind(start, end, scope, today),
            actions=statistics.actions_summary(start, end, scope, today),
            by_forum=statistics.completion_by_forum(start, end, scope, today),
            by_effort=statistics.completion_by_effort(start, end, scope, today),
            monthly=monthly, rows=statistics.monthly_rows(start, last, scope, today, monthly),
            episodes=episodes, previous_year=previous,
            before_after=[EffortBefore(e, figures[e.id]) for e in started],
            efforts=sorted(in_scope, key=_effort_order),
            strands=statistics.strand_summary(start, end, today),
            goals=[g for g in (goals.goal_status(e.id, today) for e in
                               sorted(in_scope, key=_effort_order)
                               if e.goal_change is not None) if g is not None])
