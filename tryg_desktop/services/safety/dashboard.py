"""The figures of the Oversigt page, in parts that workers fetch side by side. Episode, action
and attendance figures come from services/safety/statistics.py, the same functions the status report
prints, so the screen and the paper always agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN, fn

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Meeting
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.place_models import Effort, EffortPlace
from tryg_desktop.services.safety import comparison, goals, places, statistics
from tryg_desktop.services.meetings.actions import OPEN_STATUSES

UPCOMING_LIMIT = 6
OVERDUE_LIMIT = 6


@dataclass(frozen=True)
class MeetingLine:
    id: int
    title: str
    starts_at: dt.datetime
    location: str


@dataclass(frozen=True)
class ActionLine:
    id: int
    title: str
    due: dt.date
    responsible: str


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    place_id: int | None
    place_name: str  # "" for the whole city
    period: tuple[dt.date, dt.date]  # the last 12 months, which the charts cover
    upcoming: list[MeetingLine]
    upcoming_count: int  # meetings in the next 30 days
    overdue: list[ActionLine]
    overdue_count: int
    episodes_30_days: int
    episodes_previous_30_days: int
    active_efforts: int
    monthly: statistics.MonthlyEpisodes
    completion_by_forum: list[statistics.Completion]
    completion_by_effort: list[statistics.Completion]
    attendance: list[statistics.Attendance]
    place_choices: list[tuple[int, str]]  # active places, (id, name) in Danish order
    goals: list = field(default_factory=list)  # goals.GoalStatus: the efforts' goals
    # Like with like: the place against the rest of the city (comparison.Comparison), or the
    # whole city against the same months a year before (comparison.CityTrend); None: too new.
    trend: object | None = None


# The figures come in parts that the Oversigt fetches side by side, each on its own
# connection: most of their time is inside SQLite, which runs while Python does other work.
# views/overview_page.PARTS names them in the order they start.
PARTS = ("completion", "episodes", "lists", "attendance")


def assemble(values: dict, today: dt.date, place_id: int | None) -> Dashboard:
    return Dashboard(today=today, place_id=place_id,
                     period=statistics.last_12_months(today), **values)


def load_part(part: str, today: dt.date, place_id: int | None) -> dict:
    """One part's fields of Dashboard."""
    scope = statistics.Scope(place_id=place_id)
    start, end = statistics.last_12_months(today)
    if part == "episodes":
        # The running month marked, and last year's same months as the chart's second series.
        monthly = statistics.episodes_per_month(start, end, scope, today, previous_year=True)
        return {"monthly": monthly, "trend": _trend(monthly, today, place_id),
                "episodes_30_days": statistics.episode_count(
                    today - dt.timedelta(days=29), today, scope),
                "episodes_previous_30_days": statistics.episode_count(
                    today - dt.timedelta(days=59), today - dt.timedelta(days=30), scope)}
    if part == "completion":
        return {"completion_by_forum": statistics.completion_by_forum(start, end, scope,
                                                                      today=today),
                "completion_by_effort": statistics.completion_by_effort(start, end, scope,
                                                                        today=today)}
    if part == "attendance":
        return {"attendance": statistics.attendance_by_kind(start, end, scope, today=today)}
    return _lists(today, place_id)


def _trend(monthly, today: dt.date, place_id: int | None):
    """The line under the figures, in the chart's whole months: the city's from the chart's
    own counts (no query), a place's against the rest of the city (comparison.py)."""
    if place_id is None:
        return comparison.city_trend(monthly)
    w = comparison.chart_months(monthly)
    return None if w is None else comparison.for_place(place_id, today, w.after_start,
                                                        w.after_end)


def _lists(today: dt.date, place_id: int | None) -> dict:
    # A place counts meetings and actions by the statistics' own rule (statistics.meeting_scope
    # and actions_in), so these lists agree with the charts beside them.
    scope = statistics.Scope(place_id=place_id)
    midnight = dt.datetime.combine(today, dt.time())
    meetings = (Meeting.select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.location)
                .where((Meeting.starts_at >= midnight) & (Meeting.status != "aflyst")
                       & statistics.meeting_scope(scope)))
    upcoming = [MeetingLine(m.id, m.title, m.starts_at, m.location)
                for m in meetings.order_by(Meeting.starts_at).limit(UPCOMING_LIMIT)]
    upcoming_count = meetings.where(
        Meeting.starts_at < midnight + dt.timedelta(days=30)).count()

    overdue = (statistics.actions_in(scope, ActionItem.id, ActionItem.title, ActionItem.due)
               .where(ActionItem.status.in_(OPEN_STATUSES) & ActionItem.due.is_null(False)
                      & (ActionItem.due < today)))
    overdue_rows = list(overdue.order_by(ActionItem.due, ActionItem.id).limit(OVERDUE_LIMIT))
    names = _responsible_names([a.id for a in overdue_rows])
    return {
        "place_name": places.name_of(place_id),
        "upcoming": upcoming, "upcoming_count": upcoming_count,
        "overdue": [ActionLine(a.id, a.title, a.due, names.get(a.id, "")) for a in overdue_rows],
        "overdue_count": overdue.count(),
        "active_efforts": _active_efforts(today, place_id),
        "place_choices": places.choices(),  # the page's Sted filter
        # The efforts' goals against their results: counted here, in the worker.
        "goals": goals.all_goals(today, place_id),
    }


def _active_efforts(today: dt.date, place_id: int | None) -> int:
    query = Effort.select(fn.COUNT(Effort.id.distinct())).where(
        statistics.effort_running(today))
    if place_id is not None:
        query = query.join(EffortPlace).where(EffortPlace.place == place_id)
    return query.scalar() or 0


def _responsible_names(action_ids: list[int]) -> dict[int, str]:
    if not action_ids:
        return {}
    query = (ActionItem.select(ActionItem.id, Contact.name.alias("person"),
                               Organisation.name.alias("org"))
             .join(Contact, JOIN.LEFT_OUTER, on=(ActionItem.responsible_contact == Contact.id))
             .switch(ActionItem)
             .join(Organisation, JOIN.LEFT_OUTER,
                   on=(ActionItem.responsible_organisation == Organisation.id))
             .where(ActionItem.id.in_(action_ids)).dicts())
    return {r["id"]: r["person"] or r["org"] or "" for r in query}
