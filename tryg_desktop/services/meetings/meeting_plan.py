"""The Mødeplan's data: a year's meetings of all forums (or one), by forum. The meetings are
those in the database (planned, held or cancelled); plan them first with "Planlæg møder frem
til …" or `forums plan`. The PDF is made by meeting_plan_printing.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tryg_desktop.db.meeting_models import Meeting
from tryg_desktop.services.meetings import forums
from tryg_desktop.services.meetings import meeting_calendar as rules
from tryg_desktop.services.errors import ServiceError


@dataclass(frozen=True)
class PlanMeeting:
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str  # planlagt / afholdt / aflyst
    location: str
    moved_from: str = ""  # "flyttet fra torsdag den 6. maj (Kristi himmelfartsdag)"


@dataclass(frozen=True)
class PlanForum:
    id: int
    name: str
    rhythm_label: str
    start_time: str  # "09:30"
    duration_minutes: int
    location: str
    meetings: list[PlanMeeting]


@dataclass(frozen=True)
class MeetingPlan:
    year: int
    forums: list[PlanForum]
    closed_days: dict[dt.date, str]  # the year's helligdage and closed weekdays
    one_forum: bool


def gather(year: int, forum_id: int | None = None) -> MeetingPlan:
    """The year's meetings by forum, forums in Danish order; ServiceError (Danish) when the
    year is out of range, the forum does not exist, or there is nothing to show."""
    if not 2000 <= year <= 2099:
        raise ServiceError(f"Året skal være mellem 2000 og 2099, ikke {year}.")
    chosen = [forums.get(forum_id)] if forum_id is not None else \
        forums.all_forums(include_inactive=True)
    start, end = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    query = (Meeting.select(Meeting.forum, Meeting.starts_at, Meeting.ends_at, Meeting.status,
                            Meeting.location)
             .where((Meeting.starts_at >= start) & (Meeting.starts_at < end)
                    & Meeting.forum.in_([f.id for f in chosen]))
             .order_by(Meeting.starts_at))
    by_forum: dict[int, list[PlanMeeting]] = {}
    rule_days = {f.id: rules.weekdays(f.rhythm) for f in chosen}
    for forum_ref, starts, ends, status, location in query.tuples():
        by_forum.setdefault(forum_ref, []).append(PlanMeeting(
            starts, ends, status, location, _moved_from(starts.date(), rule_days[forum_ref])))
    plan_forums = [PlanForum(f.id, f.name, f.rhythm_label, f.start_time, f.duration_minutes,
                             f.location, by_forum[f.id]) for f in chosen if f.id in by_forum]
    if not plan_forums:
        who = f"»{chosen[0].name}«" if forum_id is not None else "noget mødeforum"
        raise ServiceError(f"Der er ingen møder i {year} for {who}. Planlæg møderne først "
                           "(Mødefora › Planlæg møder frem til …).")
    return MeetingPlan(year, plan_forums, rules.closed_days(year), forum_id is not None)


def _moved_from(day: dt.date, weekdays: set[int]) -> str:
    """Why a meeting is off its rule's weekday: the closed rule weekday it was moved from (the
    nearest within ten days), or "" (not moved, or moved by hand)."""
    if not weekdays or day.weekday() in weekdays:
        return ""
    for distance in range(1, 11):
        for closed in (day - dt.timedelta(days=distance), day + dt.timedelta(days=distance)):
            if closed.weekday() in weekdays and not rules.is_working_day(closed):
                return rules.moved_text(closed)
    return ""
