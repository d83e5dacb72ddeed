"""The figures of the Oversigt page, the effort page and the status report: episodes per month,
action completion, attendance by organisation type, before/after an effort's start, strands.
Pure functions over the database with `today` as a parameter, so screen and paper agree and
tests can pin the date. Periods are inclusive [start, end]. The scope, periods and shared SQL
pieces live in statistics_base.py, meetings and actions in statistics_activity.py; both are
re-exported here, so callers import this module only.

Conventions: an action counts in the period it was created in (created_at), and per month by
created_at (created) or completed_on (done); a meeting is held when it is not cancelled and
starts on or before today. A place scope takes a meeting's own place, else its forum's, and an
action's own place, else its meeting's, else its forum's; an effort scope takes the effort's
places for episodes and the meetings and actions linked to the effort (an action's own
effort, else its meeting's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import Case

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Meeting
from tryg_desktop.db.place_models import Effort, EffortPlace, Episode, Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services.errors import NotFoundError
from tryg_desktop.services.safety.safety_terms import EPISODE_CATEGORIES, STRANDS
from tryg_desktop.services.safety.statistics_activity import (
    NO_FORUM,
    NO_ORG_KIND,
    NO_ORG_LABEL,
    PRIVATE_KIND,
    PRIVATE_LABEL,
    ActionsSummary,
    Attendance,
    Completion,
    MeetingsSummary,
    actions_in,
    actions_summary,
    attendance_by_kind,
    completion_by_effort,
    completion_by_forum,
    counts_by_effort,
    is_held,
    meeting_scope,
    meetings_in,
    meetings_summary,
)
from tryg_desktop.services.safety.statistics_base import (
    COUNT,
    Scope,
    check_period,
    MONTH_NAMES,
    add_months,
    check_scope,
    count_if,
    datetime_in,
    last_12_months,
    month_index,
    month_key,
    month_starts,
)

__all__ = [
    "CATEGORIES", "MONTHLY_COLUMNS", "NO_FORUM", "NO_ORG_KIND", "NO_ORG_LABEL", "OTHER_PLACES",
    "PRIVATE_KIND", "PRIVATE_LABEL", "ActionsSummary", "Attendance", "BeforeAfter", "Completion",
    "MeetingsSummary", "MonthlyEpisodes", "Scope", "StrandSummary", "actions_in",
    "actions_summary", "attendance_by_kind", "before_after", "before_after_many",
    "check_period", "check_scope",
    "completion_by_effort", "completion_by_forum", "effort_running", "episode_count",
    "episodes_per_month",
    "last_12_months", "meeting_scope", "meetings_summary", "month_starts", "month_text",
    "monthly_rows", "partial_through",
    "strand_summary",
]

OTHER_PLACES = "Øvrige steder"
TOP_PLACES = 5
CATEGORIES = [value for value, _ in EPISODE_CATEGORIES]
# The CSV / table columns of monthly_rows: (key, Danish header).
MONTHLY_COLUMNS = ([("month", "Måned"), ("episodes", "Hændelser")]
                   + [(value, label) for value, label in EPISODE_CATEGORIES]
                   + [("meetings_held", "Afholdte møder"),
                      ("actions_created", "Handlinger oprettet"),
                      ("actions_done", "Handlinger udført")])


# -- episodes --------------------------------------------------------------------------------

def _effort_places(effort_id: int):
    return EffortPlace.select(EffortPlace.place).where(EffortPlace.effort == effort_id)


def _episode_where(start: dt.date, end: dt.date, scope: Scope):
    condition = Episode.occurred_on.between(start, end)
    if scope.place_id is not None:
        condition &= Episode.place == scope.place_id
    if scope.effort_id is not None:
        condition &= Episode.place.in_(_effort_places(scope.effort_id))
    return condition


@dataclass(frozen=True)
class MonthlyEpisodes:
    months: list[dt.date]  # first day of each month
    total: list[int]  # episodes per month
    by_category: dict[str, list[int]]  # category value -> per month, every category, in order
    by_place: dict[str, list[int]]  # the 5 busiest places, the rest summed as "Øvrige steder"
    # The last day counted when the last month is not whole (the running month, or a period
    # that ends inside a month): charts, tables and CSV label it "dec. t.o.m. 3.", never as a
    # full month. None when every month is whole.
    through: dt.date | None = None
    # Episodes in the same months a year earlier (through the same day in a partial month);
    # None unless asked for (the Oversigt's second series, "Samme måned året før").
    previous_year: list[int] | None = None

    @property
    def running_index(self) -> int | None:
        return len(self.months) - 1 if self.through is not None and self.months else None

    def labels(self) -> list[str]:
        """'jan. 2026' … 'dec. t.o.m. 3.' for the partial last month (tables, CSV)."""
        return [month_text(m, self.through if i == self.running_index else None)
                for i, m in enumerate(self.months)]


def month_text(month: dt.date, through: dt.date | None = None) -> str:
    """'dec. 2026', or 'dec. t.o.m. 3.' for a month counted only through the 3rd."""
    if through is not None:
        return f"{MONTH_NAMES[month.month - 1]} t.o.m. {through.day}."
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def partial_through(start: dt.date, end: dt.date, today: dt.date | None) -> dt.date | None:
    """The last day counted in the period's last month when that month is not whole: the
    running month (today inside it) or an end before the month's last day."""
    months = month_starts(start, end)
    if not months:
        return None
    last = min(end, today) if today is not None else end
    month_end = add_months(months[-1], 1) - dt.timedelta(days=1)
    # Today's month runs until it is over: on the 31st, today's episodes are not all in yet.
    running = today is not None and last == today
    return last if months[-1] <= last and (last < month_end or running) else None


def _year_earlier(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) \
        else dt.date(day.year - 1, 2, 28)


def _previous_year(months: list[dt.date], through: dt.date | None, scope: Scope) -> list[int]:
    """Episodes per month one year before months, through the same day in a partial month:
    one statement grouped by day, like the year's own."""
    if not months:
        return []
    last = through or (add_months(months[-1], 1) - dt.timedelta(days=1))
    first, last = _year_earlier(months[0]), _year_earlier(last)
    index = {(m.year - 1, m.month): i for i, m in enumerate(months)}
    counts = [0] * len(months)
    for day, n in (Episode.select(Episode.occurred_on, COUNT)
                   .where(_episode_where(first, last, scope))
                   .group_by(Episode.occurred_on).tuples()):
        counts[index[(day.year, day.month)]] += n
    return counts


def episodes_per_month(start: dt.date, end: dt.date, scope: Scope = Scope(),
                       today: dt.date | None = None,
                       previous_year: bool = False) -> MonthlyEpisodes:
    """today: marks the running month (MonthlyEpisodes.through); previous_year: adds the same
    months a year earlier."""
    # Grouped by day, not month: in the covering index's own order SQLite needs no sort and no
    # strftime per row (a third of the time at 20x); the days fold into months here.
    months = month_starts(start, end)
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    where = _episode_where(start, end, scope)
    total = [0] * len(months)
    by_category = {c: [0] * len(months) for c in CATEGORIES}
    query = (Episode.select(Episode.occurred_on, COUNT,
                            *[count_if(Episode.category == c) for c in CATEGORIES])
             .where(where).group_by(Episode.occurred_on).tuples())
    for day, n, *per_category in query:
        i = index[(day.year, day.month)]
        total[i] += n
        for category, count in zip(CATEGORIES, per_category):
            by_category[category][i] += count or 0
    through = partial_through(start, end, today)
    return MonthlyEpisodes(months, total, by_category, _by_place(where, index, total), through,
                           _previous_year(months, through, scope) if previous_year else None)


def _by_place(where, index: dict, total: list[int]) -> dict[str, list[int]]:
    """The TOP_PLACES places with most episodes, month by month, and "Øvrige steder" (the rest,
    as the total less theirs) when there are more places than that."""
    counts = dict(Episode.select(Episode.place, COUNT).where(where)
                  .group_by(Episode.place).tuples())
    if not counts:
        return {}
    names = dict(Place.select(Place.id, Place.name).where(Place.id.in_(list(counts))).tuples())
    ranked = sorted(counts, key=lambda p: (-counts[p], danish_sort_key(names[p]), p))
    per_place = {p: [0] * len(total) for p in ranked[:TOP_PLACES]}
    query = (Episode.select(Episode.place, Episode.occurred_on, COUNT)
             .where(where & Episode.place.in_(list(per_place)))
             .group_by(Episode.place, Episode.occurred_on).tuples())
    for place_id, day, n in query:
        per_place[place_id][index[(day.year, day.month)]] += n
    result: dict[str, list[int]] = {}
    for place_id, months in per_place.items():
        name = names[place_id]
        result[name if name not in result else f"{name} ({place_id})"] = months
    if len(ranked) > TOP_PLACES:
        result[OTHER_PLACES] = [t - sum(m[i] for m in per_place.values())
                                for i, t in enumerate(total)]
    return result


def episode_count(start: dt.date, end: dt.date, scope: Scope = Scope()) -> int:
    return Episode.select(COUNT).where(_episode_where(start, end, scope)).scalar() or 0


def episodes_by_category(start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    counts = {c: 0 for c in CATEGORIES}
    query = (Episode.select(Episode.category, COUNT).where(_episode_where(start, end, scope))
             .group_by(Episode.category).tuples())
    for category, n in query:
        counts[category] = counts.get(category, 0) + n
    return counts


@dataclass(frozen=True)
class BeforeAfter:
    """Episodes at the effort's places in equally long windows on each side of its start."""
    effort_id: int
    starts_on: dt.date
    days: int
    before_start: dt.date
    before_end: dt.date
    after_start: dt.date
    after_end: dt.date
    before: int
    after: int
    before_by_category: dict[str, int]
    after_by_category: dict[str, int]
    change: float | None  # (after - before) / before; None when before == 0


def before_after(effort_id: int, today: dt.date, days: int | None = None) -> BeforeAfter:
    """days None: as long as the effort has run (until today, or through its end day), at most
    365 days; today itself is left out, as its episodes are not all recorded yet."""
    effort = Effort.get_or_none(Effort.id == effort_id)
    if effort is None:
        raise NotFoundError(f"Indsatsen findes ikke (id {effort_id}).")
    return before_after_many([effort], today, days)[effort_id]


# Efforts per statement in before_after_many: each adds a condition, and SQLite limits how deep
# an expression may nest (1,000).
_EFFORTS_PER_QUERY = 200


def before_after_many(efforts, today: dt.date, days: int | None = None) -> dict[int, BeforeAfter]:
    """before_after for each of the efforts (Effort rows) with one statement per 200 efforts
    instead of three per effort: the status report lists every effort started in its period,
    and on the team's server each statement is a round trip."""
    windows = {e.id: _windows(e, today, days) for e in efforts}
    counts = {i: ({c: 0 for c in CATEGORIES}, {c: 0 for c in CATEGORIES}) for i in windows}
    ids = list(windows)
    for first in range(0, len(ids), _EFFORTS_PER_QUERY):
        chunk = ids[first:first + _EFFORTS_PER_QUERY]
        # Each effort's own window as a CASE on its id: a flat list, where an OR per effort
        # nests one level deeper each (SQLite's parser gives up at about a hundred).
        window_start = Case(EffortPlace.effort, [(i, windows[i][0]) for i in chunk])
        window_end = Case(EffortPlace.effort, [(i, windows[i][2]) for i in chunk])
        # A comparison of two columns, with no parameter: PostgreSQL groups by it only when the
        # select list repeats it exactly.
        after = Episode.occurred_on >= Effort.starts_on
        query = (Episode.select(EffortPlace.effort, after, Episode.category, COUNT)
                 .join(EffortPlace, on=EffortPlace.place == Episode.place)
                 .join(Effort, on=Effort.id == EffortPlace.effort)
                 .where(EffortPlace.effort.in_(chunk)
                        & (Episode.occurred_on >= window_start)
                        & (Episode.occurred_on <= window_end))
                 .group_by(EffortPlace.effort, after, Episode.category).tuples())
        for effort_id, is_after, category, n in query:
            side = counts[effort_id][1 if is_after else 0]
            side[category] = side.get(category, 0) + n
    result = {}
    for effort_id, (before_start, start, after_end) in windows.items():
        before, after_counts = counts[effort_id]
        n_before, n_after = sum(before.values()), sum(after_counts.values())
        result[effort_id] = BeforeAfter(
            effort_id, start, (start - before_start).days, before_start,
            start - dt.timedelta(1), start, after_end, n_before, n_after, before, after_counts,
            (n_after - n_before) / n_before if n_before else None)
    return result


def _windows(effort, today: dt.date, days: int | None) -> tuple[dt.date, dt.date, dt.date]:
    """(first day before, the start, last day after): equally long windows on each side."""
    start = effort.starts_on
    if days is None:
        last = today if effort.ends_on is None else min(today, effort.ends_on + dt.timedelta(1))
        days = min(365, (last - start).days)
    days = max(0, days)
    return start - dt.timedelta(days), start, start + dt.timedelta(days - 1)


# -- strands and the monthly table -----------------------------------------------------------

@dataclass(frozen=True)
class StrandSummary:
    strand: str
    label: str
    efforts: int  # efforts running at some time in the period
    active_efforts: int  # of those, running at the period's end (or today): as the Oversigt counts
    meetings: int  # held meetings linked to them
    actions_created: int
    actions_done: int
    episodes: int  # at their places in the period (an episode counts once per strand)


def effort_running(day: dt.date):
    """An effort under way on the day: started, not ended, and neither finished nor stopped.
    The Oversigt's "indsatser i gang" and the report's strands count with it."""
    return (Effort.status.in_(("planlagt", "i gang")) & (Effort.starts_on <= day)
            & (Effort.ends_on.is_null() | (Effort.ends_on >= day)))


def strand_summary(start: dt.date, end: dt.date,
                   today: dt.date | None = None) -> list[StrandSummary]:
    today = today or dt.date.today()
    day = min(end, today)
    strand_of = dict(Effort.select(Effort.id, Effort.strand)
                     .where((Effort.starts_on <= end)
                            & (Effort.ends_on.is_null() | (Effort.ends_on >= start))).tuples())
    active = {e for (e,) in Effort.select(Effort.id).where(effort_running(day)).tuples()}
    meetings = dict(meetings_in(start, end, Scope(), Meeting.effort, COUNT)
                    .where(is_held(today) & Meeting.effort.in_(list(strand_of)))
                    .group_by(Meeting.effort).tuples())
    actions = {e: (c[0], c[1]) for e, c in counts_by_effort(start, end, Scope(), today).items()}
    result = []
    for strand, label in STRANDS:
        ids = [e for e, s in strand_of.items() if s == strand]
        places = EffortPlace.select(EffortPlace.place).where(EffortPlace.effort.in_(ids))
        episodes = (Episode.select(COUNT).where(Episode.occurred_on.between(start, end)
                                                & Episode.place.in_(places)).scalar()
                    if ids else 0)
        result.append(StrandSummary(
            strand, label, len(ids), len(active.intersection(ids)),
            sum(meetings.get(e, 0) for e in ids), sum(actions.get(e, (0, 0))[0] for e in ids),
            sum(actions.get(e, (0, 0))[1] for e in ids), episodes or 0))
    return result


def monthly_rows(start: dt.date, end: dt.date, scope: Scope = Scope(),
                 today: dt.date | None = None,
                 monthly: MonthlyEpisodes | None = None) -> list[dict]:
    """One row per month, keyed as MONTHLY_COLUMNS: the month's first day, episodes in total and
    per category, meetings held, actions created and actions completed; and
    "month_text" ('jan. 2026', 'dec. t.o.m. 3.') with "partial" True for a month counted only
    in part (the running month), so no table shows it as a fall.
    `monthly`: the same period's episodes_per_month, when the caller has it already."""
    today = today or dt.date.today()
    m = monthly or episodes_per_month(start, end, scope, today)
    through = m.through or partial_through(start, end, today)
    index = month_index(m.months)
    held = dict(meetings_in(start, end, scope, month_key(Meeting.starts_at), COUNT)
                .where(is_held(today)).group_by(month_key(Meeting.starts_at)).tuples())
    created = dict(actions_in(scope, month_key(ActionItem.created_at), COUNT)
                   .where(datetime_in(ActionItem.created_at, start, end))
                   .group_by(month_key(ActionItem.created_at)).tuples())
    done = dict(actions_in(scope, month_key(ActionItem.completed_on), COUNT)
                .where((ActionItem.status == "udført")
                       & ActionItem.completed_on.between(start, end))
                .group_by(month_key(ActionItem.completed_on)).tuples())
    rows = []
    for key, i in index.items():
        partial = through if i == len(m.months) - 1 else None
        row = {"month": m.months[i], "episodes": m.total[i]}
        row.update({c: m.by_category[c][i] for c in CATEGORIES})
        row.update(meetings_held=held.get(key, 0),
                   actions_created=created.get(key, 0), actions_done=done.get(key, 0),
                   month_text=month_text(m.months[i], partial), partial=partial is not None)
        rows.append(row)
    return rows
