"""A new action's deadline follows its meeting: the forum's next planned meeting, else the
meeting's day + 14 days, never a day already past."""

import datetime as dt

from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M

TODAY = dt.date(2027, 1, 12)


def meeting(day, forum_id=None, status="planlagt"):
    start = dt.datetime.combine(day, dt.time(14))
    return M.create(M.MeetingInput(title="Netværksmøde", starts_at=start, forum_id=forum_id,
                                   ends_at=start + dt.timedelta(hours=2), status=status))


def test_the_forums_next_planned_meeting_is_the_deadline(db):
    forum = F.create(F.ForumInput(name="Netværket i Kærby"))
    other = F.create(F.ForumInput(name="Aalborg Øst"))
    june = meeting(dt.date(2027, 6, 1), forum.id)
    meeting(dt.date(2027, 6, 1), forum.id)  # a second one the same day is not "next"
    meeting(dt.date(2027, 6, 8), other.id)  # another forum's meeting does not count
    meeting(dt.date(2027, 6, 10), forum.id, status="aflyst")  # cancelled: not followed up there
    meeting(dt.date(2027, 6, 29), forum.id)
    meeting(dt.date(2027, 8, 24), forum.id)
    assert X.default_due(june.id, TODAY) == dt.date(2027, 6, 29)


def test_without_a_next_meeting_the_meeting_day_plus_14(db):
    """A meeting half a year away gets a deadline two weeks after it, not two weeks from now."""
    forum = F.create(F.ForumInput(name="Netværket i Kærby"))
    june = meeting(dt.date(2027, 6, 1), forum.id)
    meeting(dt.date(2027, 5, 4), forum.id)  # an earlier meeting is not the next one
    assert X.default_due(june.id, TODAY) == dt.date(2027, 6, 15)
    alone = meeting(dt.date(2027, 6, 1))  # no forum at all
    assert X.default_due(alone.id, TODAY) == dt.date(2027, 6, 15)


def test_never_a_deadline_already_past(db):
    forum = F.create(F.ForumInput(name="Netværket i Kærby"))
    autumn = meeting(dt.date(2026, 10, 6), forum.id)  # minutes written late
    meeting(dt.date(2026, 11, 3), forum.id)  # its next meeting has passed too (still planlagt)
    assert X.default_due(autumn.id, TODAY) == TODAY + dt.timedelta(days=14)
    meeting(dt.date(2027, 2, 2), forum.id)  # the next one still to come is the deadline
    assert X.default_due(autumn.id, TODAY) == dt.date(2027, 2, 2)
    recent = meeting(dt.date(2027, 1, 5))  # a week ago: + 14 days is still ahead
    assert X.default_due(recent.id, TODAY) == dt.date(2027, 1, 19)


def test_an_action_outside_a_meeting_gets_two_weeks(db):
    assert X.default_due(None, TODAY) == dt.date(2027, 1, 26)
