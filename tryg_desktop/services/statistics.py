"""The figures of the Oversigt page, the effort page and the status report: episodes per month,
action completion, attendance by organisation type, before/after an effort's start, strands.
Pure functions over the database with `today` as a parameter, so screen and paper agree and
tests can pin the date. Periods are inclusive [start, end].

Conventions: an action counts in the period it was created in (created_at), and per month by
created_at (created) or completed_on (done); a meeting is held when it is not cancelled and
starts on or before today. A place scope takes an action's own place, else its meeting's, else
its forum's; an effort scope takes the effort's places for episodes and the meetings and
actions linked to the effort (an action's own effort, else its meeting's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, SQL, Case, fn

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Forum, Meeting, Participant
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.place_models import Effort, EffortPlace, Episode, Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services.actions import OPEN_STATUSES
from tryg_desktop.services.errors import NotFoundError, ServiceError
from tryg_desktop.services.organisations import KINDS as ORGANISATION_KINDS
from tryg_desktop.services.safety_terms import EPISODE_CATEGORIES, STRANDS

OTHER_PLACES = "Øvrige steder"
TOP_PLACES = 5
NO_FORUM = "Uden mødeforum"
PRIVATE_KIND, PRIVATE_LABEL = "privatperson", "Privatperson (beboer)"
NO_ORG_KIND, NO_ORG_LABEL = "uden organisation", "Uden organisation"
CATEGORIES = [value for value, _ in EPISODE_CATEGORIES]
# The CSV / table columns of monthly_rows: (key, Danish header).
MONTHLY_COLUMNS = ([("month", "Måned"), ("episodes", "Hændelser")]
                   + [(value, label) for value, label in EPISODE_CATEGORIES]
                   + [("severity", "Alvorlighed i alt"), ("meetings_held", "Afholdte møder"),
                      ("actions_created", "Handlinger oprettet"),
                      ("actions_done", "Handlinger udført")])
COUNT = fn.COUNT(SQL("*"))  # COUNT(*) keeps the covering index enough on its own


@dataclass(frozen=True)
class Scope:
    """What the figures are about; both None = the whole city."""
    place_id: int | None = None
    effort_id: int | None = None  # = the effort's places (episodes), its meetings/actions

    @property
    def is_city(self) -> bool:
        return self.place_id is None and self.effort_id is None


def check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ServiceError("Perioden slutter før den begynder.")


def check_scope(scope: Scope) -> None:
    """NotFoundError (Danish) for a place or effort that does not exist."""
    if scope.place_id is not None and not Place.select().where(Place.id == scope.place_id).exists():
        raise NotFoundError(f"Stedet findes ikke (id {scope.place_id}).")
    if (scope.effort_id is not None
            and not Effort.select().where(Effort.id == scope.effort_id).exists()):
        raise NotFoundError(f"Indsatsen findes ikke (id {scope.effort_id}).")


# -- periods ---------------------------------------------------------------------------------

def _first(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of each month touching the period (none when end is before start)."""
    months, month = [], _first(start)
    while month <= end:
        months.append(month)
        month = _add_months(month, 1)
    return months


def last_12_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of the month 11 months back .. today: this month and the 11 before it."""
    return _add_months(_first(today), -11), today


def _month_key(column):
    return fn.strftime("%Y-%m", column)


def _index_of(months: list[dt.date]) -> dict[str, int]:
    return {f"{m:%Y-%m}": i for i, m in enumerate(months)}


def _day_after(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


def _datetime_in(column, start: dt.date, end: dt.date):
    return (column >= dt.datetime.combine(start, dt.time())) & (column < _day_after(end))


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
    severity_weighted: list[int]  # sum of severities per month


def episodes_per_month(start: dt.date, end: dt.date, scope: Scope = Scope()) -> MonthlyEpisodes:
    # Grouped by day, not month: in the covering index's own order SQLite needs no sort and no
    # strftime per row (a third of the time at 20x); the days fold into months here.
    months = month_starts(start, end)
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    where = _episode_where(start, end, scope)
    total, severity = [0] * len(months), [0] * len(months)
    by_category = {c: [0] * len(months) for c in CATEGORIES}
    query = (Episode.select(Episode.occurred_on, COUNT, fn.SUM(Episode.severity),
                            *[fn.SUM(Episode.category == c) for c in CATEGORIES])
             .where(where).group_by(Episode.occurred_on).tuples())
    for day, n, weight, *per_category in query:
        i = index[(day.year, day.month)]
        total[i] += n
        severity[i] += weight or 0
        for category, count in zip(CATEGORIES, per_category):
            by_category[category][i] += count or 0
    return MonthlyEpisodes(months, total, by_category, _by_place(where, index, total), severity)


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


def _episodes_by_category(start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
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
    start = effort.starts_on
    if days is None:
        last = today if effort.ends_on is None else min(today, effort.ends_on + dt.timedelta(1))
        days = min(365, (last - start).days)
    days = max(0, days)
    before_start, after_end = start - dt.timedelta(days), start + dt.timedelta(days - 1)
    scope = Scope(effort_id=effort_id)
    before = _episodes_by_category(before_start, start - dt.timedelta(1), scope)
    after = _episodes_by_category(start, after_end, scope)
    n_before, n_after = sum(before.values()), sum(after.values())
    return BeforeAfter(effort_id, start, days, before_start, start - dt.timedelta(1), start,
                       after_end, n_before, n_after, before, after,
                       (n_after - n_before) / n_before if n_before else None)


# -- meetings and actions --------------------------------------------------------------------

def _meetings(start: dt.date, end: dt.date, scope: Scope, *columns):
    """Meetings in the period and scope: a meeting's place is its own, else its forum's."""
    query = Meeting.select(*columns).where(_datetime_in(Meeting.starts_at, start, end))
    if scope.place_id is not None:
        forums = Forum.select(Forum.id).where(Forum.place == scope.place_id)
        query = query.where((Meeting.place == scope.place_id)
                            | (Meeting.place.is_null() & Meeting.forum.in_(forums)))
    if scope.effort_id is not None:
        query = query.where(Meeting.effort == scope.effort_id)
    return query


def _held(today: dt.date):
    return (Meeting.status != "aflyst") & (Meeting.starts_at < _day_after(today))


def _action_scope(scope: Scope):
    """The scope as a condition on the action's own columns (ids from small sub-queries, no
    join per action): its own place, else its meeting's (or that meeting's forum's), else its
    forum's; its own effort, else its meeting's."""
    condition = ActionItem.id.is_null(False)
    if scope.place_id is not None:
        meetings = (Meeting.select(Meeting.id)
                    .join(Forum, JOIN.LEFT_OUTER, on=(Meeting.forum == Forum.id))
                    .where(fn.COALESCE(Meeting.place, Forum.place) == scope.place_id))
        forums = Forum.select(Forum.id).where(Forum.place == scope.place_id)
        condition &= ((ActionItem.place == scope.place_id)
                      | (ActionItem.place.is_null() & ActionItem.meeting.in_(meetings))
                      | (ActionItem.place.is_null() & ActionItem.meeting.is_null()
                         & ActionItem.forum.in_(forums)))
    if scope.effort_id is not None:
        meetings = Meeting.select(Meeting.id).where(Meeting.effort == scope.effort_id)
        condition &= ((ActionItem.effort == scope.effort_id)
                      | (ActionItem.effort.is_null() & ActionItem.meeting.in_(meetings)))
    return condition


def _actions(scope: Scope, *columns):
    return ActionItem.select(*columns).where(_action_scope(scope))


def _is(condition):
    """How many rows meet the condition (SQLite's comparisons are 0 or 1)."""
    return fn.SUM(condition)


def _action_counts(today: dt.date):
    """created, done, open, overdue, cancelled."""
    return (COUNT, _is(ActionItem.status == "udført"), _is(ActionItem.status.in_(OPEN_STATUSES)),
            _is(ActionItem.status.in_(OPEN_STATUSES) & ActionItem.due.is_null(False)
                & (ActionItem.due < today)),
            _is(ActionItem.status == "annulleret"))


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Completion:
    """Action items by forum or effort, created within the period."""
    name: str
    created: int
    done: int
    open: int
    overdue: int
    cancelled: int
    rate: float | None  # done / (created - cancelled); None when that is 0


def _completion(name: str, counts) -> Completion:
    created, done, open_, overdue, cancelled = counts
    return Completion(name, created, done, open_, overdue, cancelled,
                      _rate(done, created - cancelled))


def _add(a: tuple, b) -> tuple:
    return tuple(x + (y or 0) for x, y in zip(a, b))


def completion_by_forum(start: dt.date, end: dt.date, scope: Scope = Scope(),
                        today: dt.date | None = None) -> list[Completion]:
    """One row per forum (the action's own forum) in Danish order, those without one last as
    "Uden mødeforum"."""
    # Grouped by the bare column: an index that starts (forum, created_at, …) answers it in
    # group order without a sort.
    query = (_actions(scope, ActionItem.forum, *_action_counts(today or dt.date.today()))
             .where(_datetime_in(ActionItem.created_at, start, end))
             .group_by(ActionItem.forum).tuples())
    counts = {forum_id: _add((0,) * 5, values) for forum_id, *values in query}
    names = dict(Forum.select(Forum.id, Forum.name).tuples())
    rows = [_completion(names.get(f, NO_FORUM) if f is not None else NO_FORUM, c)
            for f, c in counts.items()]
    return sorted(rows, key=lambda c: (c.name == NO_FORUM, danish_sort_key(c.name)))


def _counts_by_effort(start: dt.date, end: dt.date, scope: Scope,
                      today: dt.date) -> dict[int, tuple]:
    """Action counts per effort (the action's own, else its meeting's): grouped by the two
    columns first (in index order), so only the groups, not the actions, meet the meetings."""
    names = ("created", "done", "open", "overdue", "cancelled")
    grouped = (_actions(scope, ActionItem.effort.alias("effort_id"),
                        ActionItem.meeting.alias("meeting_id"),
                        *[c.alias(n) for c, n in zip(_action_counts(today), names)])
               .where(_datetime_in(ActionItem.created_at, start, end)
                      & (ActionItem.effort.is_null(False) | ActionItem.meeting.is_null(False)))
               .group_by(ActionItem.effort, ActionItem.meeting)).alias("grouped")
    key = fn.COALESCE(grouped.c.effort_id, Meeting.effort)
    query = (grouped.select_from(key, *[fn.SUM(getattr(grouped.c, n)) for n in names])
             .join(Meeting, JOIN.LEFT_OUTER, on=(Meeting.id == grouped.c.meeting_id))
             .where(key.is_null(False)).group_by(key).tuples())
    return {effort_id: _add((0,) * 5, values) for effort_id, *values in query}


def completion_by_effort(start: dt.date, end: dt.date, scope: Scope = Scope(),
                         today: dt.date | None = None) -> list[Completion]:
    """One row per effort in Danish order; actions linked to no effort are left out."""
    counts = _counts_by_effort(start, end, scope, today or dt.date.today())
    names = dict(Effort.select(Effort.id, Effort.title).where(Effort.id.in_(list(counts)))
                 .tuples()) if counts else {}
    rows = [_completion(names[e], c) for e, c in counts.items() if e in names]
    return sorted(rows, key=lambda c: danish_sort_key(c.name))


@dataclass(frozen=True)
class ActionsSummary:
    created: int
    done: int
    open: int
    overdue: int
    cancelled: int

    @property
    def rate(self) -> float | None:
        return _rate(self.done, self.created - self.cancelled)


def actions_summary(start: dt.date, end: dt.date, scope: Scope = Scope(),
                    today: dt.date | None = None) -> ActionsSummary:
    row = (_actions(scope, *_action_counts(today or dt.date.today()))
           .where(_datetime_in(ActionItem.created_at, start, end)).tuples().first())
    return ActionsSummary(*[value or 0 for value in row])


@dataclass(frozen=True)
class Attendance:
    """Participants of the meetings held in the period, by their organisation's type."""
    kind: str  # organisation kind, "privatperson" for residents, "uden organisation"
    label: str
    invited: int
    attended: int  # attendance "deltog"
    rate: float | None


def attendance_by_kind(start: dt.date, end: dt.date, scope: Scope = Scope(),
                       today: dt.date | None = None) -> list[Attendance]:
    # Per contact first: each person is looked up once, not once per meeting (half the time).
    grouped = (_meetings(start, end, scope, Participant.contact.alias("contact_id"),
                         COUNT.alias("invited"),
                         _is(Participant.attendance == "deltog").alias("attended"))
               .join(Participant, on=(Participant.meeting == Meeting.id))
               .where(_held(today or dt.date.today())).group_by(Participant.contact)
               ).alias("grouped")
    kind = Case(None, [(Contact.is_private == True, PRIVATE_KIND),  # noqa: E712
                       (Organisation.id.is_null(), NO_ORG_KIND)], Organisation.kind)
    query = (grouped.select_from(kind, fn.SUM(grouped.c.invited), fn.SUM(grouped.c.attended))
             .join(Contact, on=(Contact.id == grouped.c.contact_id))
             .join(Organisation, JOIN.LEFT_OUTER, on=(Contact.organisation == Organisation.id))
             .group_by(kind).tuples())
    counts = {k: (n, attended or 0) for k, n, attended in query}
    order = ORGANISATION_KINDS + [(PRIVATE_KIND, PRIVATE_LABEL), (NO_ORG_KIND, NO_ORG_LABEL)]
    known = {k for k, _ in order}
    order += [(k, k) for k in sorted(counts) if k not in known]  # a kind no longer listed
    return [Attendance(k, label, *counts[k], _rate(counts[k][1], counts[k][0]))
            for k, label in order if k in counts]


@dataclass(frozen=True)
class MeetingsSummary:
    held: int
    cancelled: int
    planned: int  # not cancelled, after today
    participants: int  # of the held meetings
    attended: int

    @property
    def rate(self) -> float | None:
        return _rate(self.attended, self.participants)


def meetings_summary(start: dt.date, end: dt.date, scope: Scope = Scope(),
                     today: dt.date | None = None) -> MeetingsSummary:
    today = today or dt.date.today()
    held = _held(today)
    counts = (_meetings(start, end, scope, _is(held), _is(Meeting.status == "aflyst"),
                        _is((Meeting.status != "aflyst") & ~held)).tuples().first())
    people = (_meetings(start, end, scope, COUNT, _is(Participant.attendance == "deltog"))
              .join(Participant, on=(Participant.meeting == Meeting.id))
              .where(held).tuples().first())
    return MeetingsSummary(*[v or 0 for v in counts], *[v or 0 for v in people])


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


def strand_summary(start: dt.date, end: dt.date,
                   today: dt.date | None = None) -> list[StrandSummary]:
    today = today or dt.date.today()
    day = min(end, today)
    efforts = list(Effort.select(Effort.id, Effort.strand, Effort.status, Effort.starts_on,
                                 Effort.ends_on)
                   .where((Effort.starts_on <= end)
                          & (Effort.ends_on.is_null() | (Effort.ends_on >= start))).tuples())
    strand_of = {effort_id: strand for effort_id, strand, *_ in efforts}
    active = {e for e, _, status, first, last in efforts if status in ("planlagt", "i gang")
              and first <= day and (last is None or last >= day)}
    meetings = dict(_meetings(start, end, Scope(), Meeting.effort, COUNT)
                    .where(_held(today) & Meeting.effort.in_(list(strand_of)))
                    .group_by(Meeting.effort).tuples())
    actions = {e: (c[0], c[1]) for e, c in _counts_by_effort(start, end, Scope(), today).items()}
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
    per category, the severity sum, meetings held, actions created and actions completed.
    `monthly`: the same period's episodes_per_month, when the caller has it already."""
    today = today or dt.date.today()
    m = monthly or episodes_per_month(start, end, scope)
    index = _index_of(m.months)
    held = dict(_meetings(start, end, scope, _month_key(Meeting.starts_at), COUNT)
                .where(_held(today)).group_by(_month_key(Meeting.starts_at)).tuples())
    created = dict(_actions(scope, _month_key(ActionItem.created_at), COUNT)
                   .where(_datetime_in(ActionItem.created_at, start, end))
                   .group_by(_month_key(ActionItem.created_at)).tuples())
    done = dict(_actions(scope, _month_key(ActionItem.completed_on), COUNT)
                .where((ActionItem.status == "udført")
                       & ActionItem.completed_on.between(start, end))
                .group_by(_month_key(ActionItem.completed_on)).tuples())
    rows = []
    for key, i in index.items():
        row = {"month": m.months[i], "episodes": m.total[i]}
        row.update({c: m.by_category[c][i] for c in CATEGORIES})
        row.update(severity=m.severity_weighted[i], meetings_held=held.get(key, 0),
                   actions_created=created.get(key, 0), actions_done=done.get(key, 0))
        rows.append(row)
    return rows
