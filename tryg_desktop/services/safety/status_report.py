"""The statusrapport's data, for a period and optionally one place or one effort, read in one
transaction. Every figure comes from services/safety/statistics.py and comparison.py (through
status_comparisons.py), the same functions the Oversigt and the effort and place pages show, so
paper and screen agree. report_printing.py makes the PDF and the CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tryg_desktop.db import database
from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services.safety import (
    comparison,
    goals,
    measures,
    statistics,
    status_comparisons,
)
from tryg_desktop.services.safety.statistics_base import COUNT

TOP_PLACES = 10  # the places the report's appendix compares; the Excel file has them all


@dataclass(frozen=True)
class EffortBefore:
    """An effort and the episodes at its places before and after its start (equal windows:
    the Excel file's "Før og efter" sheet)."""
    effort: object  # efforts.EffortRow
    before_after: statistics.BeforeAfter


@dataclass(frozen=True)
class EffortResult:
    """An effort started in the period and its like-with-like comparison (comparison.py)."""
    effort: object  # efforts.EffortRow
    result: comparison.Comparison | None  # None: no places, or not one whole month yet


@dataclass(frozen=True)
class PlaceResult:
    place_id: int
    name: str
    episodes: int  # in the report's period
    result: comparison.Comparison | None


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
    # Per month, with the running month marked (through) and the same months a year earlier.
    monthly: statistics.MonthlyEpisodes
    rows: list[dict]  # statistics.monthly_rows
    episodes: int
    previous_year: int | None  # episodes in the same dates a year earlier; None: not compared
    efforts: list  # efforts.EffortRow running in the period (in scope)
    strands: list[statistics.StrandSummary]  # the whole city's (the PDF: the city report only)
    # goals.GoalStatus of the efforts in scope that have a goal, measured as of today.
    goals: list = field(default_factory=list)
    # The efforts started in the period, each with its comparison (the effort report: itself).
    started: list[EffortResult] = field(default_factory=list)
    # The place's or the effort's own comparison (None in the city report, or nothing to
    # compare yet).
    comparison: comparison.Comparison | None = None
    # Episodes per category in the same dates a year earlier (None: not compared).
    previous_by_category: dict[str, int] | None = None
    # The whole-city report: the busiest places with their comparisons, and how many places
    # had episodes at all.
    places: list[PlaceResult] = field(default_factory=list)
    places_with_episodes: int = 0
    before_after: list[EffortBefore] = field(default_factory=list)  # only when asked for
    # Surveys and tryghedsvandringer in the period at the report's places and their districts
    # (measures.MeasureRow, newest first): perceived safety beside the episodes (issue 15.9).
    measures: list = field(default_factory=list)


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _effort_order(effort) -> tuple:
    return effort.starts_on, danish_sort_key(effort.title)


def _busiest_places(start: dt.date, last: dt.date, today: dt.date, most: int | None
                    ) -> tuple[list[PlaceResult], int]:
    counts = dict(Episode.select(Episode.place, COUNT)
                  .where(Episode.occurred_on.between(start, last))
                  .group_by(Episode.place).tuples())
    if not counts:
        return [], 0
    names = dict(Place.select(Place.id, Place.name).where(Place.id.in_(list(counts))).tuples())
    top = sorted(counts, key=lambda p: (-counts[p], danish_sort_key(names[p]), p))[:most]
    months = status_comparisons.whole_months(start, last)
    results = (status_comparisons.for_places({p: names[p] for p in top}, today, *months)
               if months else {})
    return ([PlaceResult(p, names[p], counts[p], results.get(p)) for p in top], len(counts))


def gather(start: dt.date, end: dt.date, scope: statistics.Scope = statistics.Scope(),
           today: dt.date | None = None, with_before_after: bool = False,
           places: int | None = TOP_PLACES) -> StatusData:
    """Every figure of the report, read in one transaction (one consistent state).
    with_before_after: also the equal windows around each started effort; places: how many
    of the busiest places to compare with the rest of the city (None: every place with
    episodes). The Excel file asks for both."""
    from tryg_desktop.services.safety import efforts as effort_service
    from tryg_desktop.services.safety import places as place_service

    today = today or dt.date.today()
    statistics.check_period(start, end)
    with database.atomic():
        statistics.check_scope(scope)
        place = place_service.get(scope.place_id) if scope.place_id is not None else None
        effort = effort_service.get(scope.effort_id) if scope.effort_id is not None else None
        # Months after today have no episodes yet: charting them would look like a fall, and
        # the year-before comparison must cover the same days (the running month too: the
        # same month a year earlier through the same day, as the Oversigt counts it).
        last = max(start, min(end, today))
        compared = (last - start).days < 366
        monthly = statistics.episodes_per_month(start, last, scope, today,
                                                previous_year=compared)
        episodes = sum(monthly.total)
        previous = sum(monthly.previous_year) if compared else None
        previous_by_category = (statistics.episodes_by_category(
            _year_earlier(start), _year_earlier(last), scope) if compared else None)
        if effort is not None:
            in_scope = [effort]
        else:
            in_scope = [e for e in effort_service.list_efforts(place_id=scope.place_id)
                        if e.starts_on <= end and (e.ends_on is None or e.ends_on >= start)]
        started = ([effort] if effort is not None
                   else [e for e in in_scope if start <= e.starts_on <= end])
        started = sorted(started, key=_effort_order)
        results = status_comparisons.for_efforts(started, today)
        own = None
        if effort is not None:
            own = results.get(effort.id)
        elif place is not None:
            months = status_comparisons.whole_months(start, last)
            own = comparison.for_place(place.id, today, *months) if months else None
        busiest, with_episodes = ([], 0)
        if scope.place_id is None and scope.effort_id is None:
            busiest, with_episodes = _busiest_places(start, last, today, places)
        before_after = []
        if with_before_after:
            # The after-window stops at the period's end: a past period's figures stay put.
            until = min(today, end + dt.timedelta(days=1))
            figures = statistics.before_after_many(started, until)
            before_after = [EffortBefore(e, figures[e.id]) for e in started]
        return StatusData(
            start=start, end=end, today=today, scope=scope, place=place, effort=effort,
            meetings=statistics.meetings_summary(start, end, scope, today),
            attendance=statistics.attendance_by_kind(start, end, scope, today),
            actions=statistics.actions_summary(start, end, scope, today),
            by_forum=statistics.completion_by_forum(start, end, scope, today),
            by_effort=statistics.completion_by_effort(start, end, scope, today),
            monthly=monthly, rows=statistics.monthly_rows(start, last, scope, today, monthly),
            episodes=episodes, previous_year=previous,
            efforts=sorted(in_scope, key=_effort_order),
            strands=statistics.strand_summary(start, end, today),
            goals=[g for g in (goals.goal_status(e.id, today) for e in
                               sorted(in_scope, key=_effort_order)
                               if e.goal_change is not None) if g is not None],
            started=[EffortResult(e, results.get(e.id)) for e in started],
            comparison=own, previous_by_category=previous_by_category,
            places=busiest, places_with_episodes=with_episodes, before_after=before_after,
            measures=measures.in_period(_place_ids(place, effort), start, end))


def _place_ids(place, effort) -> list[int] | None:
    """The report's places for its measures: one place, an effort's, or None (the city)."""
    if place is not None:
        return [place.id]
    return list(effort.place_ids) if effort is not None else None
