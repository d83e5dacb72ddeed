"""Meetings, participation and action items in the statistics (see services/safety/statistics.py,
which re-exports everything here): what was held, who came, what was agreed and done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, SQL, Case, fn

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Forum, Meeting, Participant
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.place_models import Effort
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services.meetings.actions import OPEN_STATUSES
from tryg_desktop.services.register.organisations import KINDS as ORGANISATION_KINDS
from tryg_desktop.services.safety.statistics_base import (
    COUNT,
    Scope,
    count_if,
    datetime_in,
    day_after,
    share,
)

NO_FORUM = "Uden mødeforum"
PRIVATE_KIND, PRIVATE_LABEL = "privatperson", "Privatperson (beboer)"
NO_ORG_KIND, NO_ORG_LABEL = "uden organisation", "Uden organisation"


# -- meetings and actions --------------------------------------------------------------------

def meeting_scope(scope: Scope):
    """The scope as a condition on a meeting: its place is its own, else its forum's."""
    condition = Meeting.id.is_null(False)
    if scope.place_id is not None:
        forums = Forum.select(Forum.id).where(Forum.place == scope.place_id)
        condition &= ((Meeting.place == scope.place_id)
                      | (Meeting.place.is_null() & Meeting.forum.in_(forums)))
    if scope.effort_id is not None:
        condition &= Meeting.effort == scope.effort_id
    return condition


def meetings_in(start: dt.date, end: dt.date, scope: Scope, *columns):
    """Meetings in the period and scope."""
    return Meeting.select(*columns).where(datetime_in(Meeting.starts_at, start, end)
                                          & meeting_scope(scope))


def is_held(today: dt.date):
    return (Meeting.status != "aflyst") & (Meeting.starts_at < day_after(today))


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


def actions_in(scope: Scope, *columns):
    return ActionItem.select(*columns).where(_action_scope(scope))


def _action_counts(today: dt.date):
    """created, done, open, overdue, cancelled."""
    return (COUNT, count_if(ActionItem.status == "udført"),
            count_if(ActionItem.status.in_(OPEN_STATUSES)),
            count_if(ActionItem.status.in_(OPEN_STATUSES) & ActionItem.due.is_null(False)
                     & (ActionItem.due < today)),
            count_if(ActionItem.status == "annulleret"))


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
                      share(done, created - cancelled))


def _add(a: tuple, b) -> tuple:
    # int(): PostgreSQL's SUM of counts is a numeric (Decimal); SQLite's an int.
    return tuple(x + int(y or 0) for x, y in zip(a, b))


def completion_by_forum(start: dt.date, end: dt.date, scope: Scope = Scope(),
                        today: dt.date | None = None) -> list[Completion]:
    """One row per forum (the action's own forum) in Danish order, those without one last as
    "Uden mødeforum"."""
    # Grouped by the bare column: an index that starts (forum, created_at, …) answers it in
    # group order without a sort.
    query = (actions_in(scope, ActionItem.forum, *_action_counts(today or dt.date.today()))
             .where(datetime_in(ActionItem.created_at, start, end))
             .group_by(ActionItem.forum).tuples())
    counts = {forum_id: _add((0,) * 5, values) for forum_id, *values in query}
    names = dict(Forum.select(Forum.id, Forum.name).tuples())
    rows = [_completion(names.get(f, NO_FORUM) if f is not None else NO_FORUM, c)
            for f, c in counts.items()]
    return sorted(rows, key=lambda c: (c.name == NO_FORUM, danish_sort_key(c.name)))


def counts_by_effort(start: dt.date, end: dt.date, scope: Scope,
                     today: dt.date) -> dict[int, tuple]:
    """Action counts per effort (the action's own, else its meeting's): grouped by the two
    columns first (in index order), so only the groups, not the actions, meet the meetings."""
    names = ("created", "done", "open", "overdue", "cancelled")
    grouped = (actions_in(scope, ActionItem.effort.alias("effort_id"),
                          ActionItem.meeting.alias("meeting_id"),
                          *[c.alias(n) for c, n in zip(_action_counts(today), names)])
               .where(datetime_in(ActionItem.created_at, start, end)
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
    counts = counts_by_effort(start, end, scope, today or dt.date.today())
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
        return share(self.done, self.created - self.cancelled)


def actions_summary(start: dt.date, end: dt.date, scope: Scope = Scope(),
                    today: dt.date | None = None) -> ActionsSummary:
    row = (actions_in(scope, *_action_counts(today or dt.date.today()))
           .where(datetime_in(ActionItem.created_at, start, end)).tuples().first())
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
    grouped = (meetings_in(start, end, scope, Participant.contact.alias("contact_id"),
                           COUNT.alias("invited"),
                           count_if(Participant.attendance == "deltog").alias("attended"))
               .join(Participant, on=(Participant.meeting == Meeting.id))
               .where(is_held(today or dt.date.today())).group_by(Participant.contact)
               ).alias("grouped")
    kind = Case(None, [(Contact.is_private == True, PRIVATE_KIND),  # noqa: E712
                       (Organisation.id.is_null(), NO_ORG_KIND)], Organisation.kind)
    query = (grouped.select_from(kind, fn.SUM(grouped.c.invited), fn.SUM(grouped.c.attended))
             .join(Contact, on=(Contact.id == grouped.c.contact_id))
             .join(Organisation, JOIN.LEFT_OUTER, on=(Contact.organisation == Organisation.id))
             .group_by(SQL("1")).tuples())  # by position: the CASE has parameters
    # int(): PostgreSQL's SUM of counts is a numeric (Decimal); SQLite's an int.
    counts = {k: (int(n), int(attended or 0)) for k, n, attended in query}
    order = ORGANISATION_KINDS + [(PRIVATE_KIND, PRIVATE_LABEL), (NO_ORG_KIND, NO_ORG_LABEL)]
    known = {k for k, _ in order}
    order += [(k, k) for k in sorted(counts) if k not in known]  # a kind no longer listed
    return [Attendance(k, label, *counts[k], share(counts[k][1], counts[k][0]))
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
        return share(self.attended, self.participants)


def meetings_summary(start: dt.date, end: dt.date, scope: Scope = Scope(),
                     today: dt.date | None = None) -> MeetingsSummary:
    today = today or dt.date.today()
    held = is_held(today)
    counts = (meetings_in(start, end, scope, count_if(held),
                          count_if(Meeting.status == "aflyst"),
                          count_if((Meeting.status != "aflyst") & ~held)).tuples().first())
    people = (meetings_in(start, end, scope, COUNT, count_if(Participant.attendance == "deltog"))
              .join(Participant, on=(Participant.meeting == Meeting.id))
              .where(held).tuples().first())
    return MeetingsSummary(*[v or 0 for v in counts], *[v or 0 for v in people])
