"""The place and effort links of forums, meetings and actions."""

import datetime as dt

import pytest

from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services import audit
from tryg_desktop.services.safety import efforts as E
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.safety import places as P
from tryg_desktop.services.errors import ValidationError

START = dt.datetime(2026, 6, 20, 14)


@pytest.fixture
def park(db):
    return P.create(P.PlaceInput(name="Kildeparken", kind="park"))


@pytest.fixture
def effort(park):
    return E.create(E.EffortInput(title="Parkvært", strand="socialfaglig",
                                  starts_on=dt.date(2026, 3, 1), place_ids=[park.id]))


def test_forum_place_saved_audited_and_passed_to_its_next_meeting(park):
    forum = F.create(F.ForumInput(name="Tryghedsforum", place_id=park.id))
    assert (forum.place_id, forum.place_name) == (park.id, "Kildeparken")
    assert audit.history("forum", forum.id)[0].changes["place"] == [None, "Kildeparken"]
    assert F.all_forums()[0].place_name == "Kildeparken"
    meeting = F.plan_next_meeting(forum.id, today=dt.date(2026, 6, 1))
    assert meeting.place_id == park.id
    data = forum.as_input()
    data.place_id = None
    moved = F.update(forum.id, data, forum.version)
    assert moved.place_id is None
    assert audit.history("forum", forum.id)[0].changes == {"place": ["Kildeparken", None]}
    with pytest.raises(ValidationError) as err:
        F.create(F.ForumInput(name="X", place_id=999))
    assert err.value.errors == {"place_id": "Stedet findes ikke."}


def test_meeting_place_and_effort(park, effort):
    m = M.create(M.MeetingInput(title="Dialogmøde", starts_at=START, place_id=park.id,
                                effort_id=effort.id, ends_at=START + dt.timedelta(hours=2)))
    assert (m.place_name, m.effort_name) == ("Kildeparken", "Parkvært")
    changes = audit.history("meeting", m.id)[0].changes
    assert changes["place"] == [None, "Kildeparken"] and changes["effort"] == [None, "Parkvært"]
    assert M.FIELD_LABELS["place"] == "Vedrører sted"
    assert [r.id for r in M.fetch(M.MeetingFilter(when="all", place_id=park.id))] == [m.id]
    assert M.fetch(M.MeetingFilter(when="all", effort_id=effort.id + 1)) == []
    with pytest.raises(ValidationError) as err:
        M.update(m.id, M.MeetingInput(title="Dialogmøde", starts_at=START, place_id=999,
                                      effort_id=998, ends_at=START + dt.timedelta(hours=2)),
                 m.version)
    assert err.value.errors == {"place_id": "Stedet findes ikke.",
                                "effort_id": "Indsatsen findes ikke."}
    # Linking a place is not a calendar change.
    data = m.as_input()
    data.place_id = None
    assert M.update(m.id, data, m.version).ics_sequence == m.ics_sequence


def test_action_place_and_effort(park, effort):
    a = X.create(X.ActionInput(title="Bedre lys", place_id=park.id, effort_id=effort.id))
    assert (a.place_name, a.effort_name) == ("Kildeparken", "Parkvært")
    assert audit.history("action_item", a.id)[0].changes["effort"] == [None, "Parkvært"]
    assert [r.id for r in X.fetch(X.ActionFilter(place_id=park.id))] == [a.id]
    assert [r.id for r in X.fetch(X.ActionFilter(effort_id=effort.id))] == [a.id]
    with pytest.raises(ValidationError) as err:
        X.create(X.ActionInput(title="X", place_id=999, effort_id=998))
    assert err.value.errors == {"place_id": "Stedet findes ikke.",
                                "effort_id": "Indsatsen findes ikke."}
    # The link survives a status change from the list.
    X.set_status_many([(a.id, a.version)], "udført")
    assert X.get(a.id).place_id == park.id


def test_meetings_and_actions_inherit_place_and_effort_as_the_statistics_do(park, effort):
    forum = F.create(F.ForumInput(name="Tryghedsforum", place_id=park.id))
    m = M.create(M.MeetingInput(title="Forummøde", forum_id=forum.id, effort_id=effort.id,
                                starts_at=START, ends_at=START + dt.timedelta(hours=1)))
    a = X.create(X.ActionInput(title="Opfølgning", meeting_id=m.id))
    assert m.place_id is None and a.place_id is None and a.effort_id is None
    assert [r.id for r in M.fetch(M.MeetingFilter(when="all", place_id=park.id))] == [m.id]
    assert [r.id for r in X.fetch(X.ActionFilter(place_id=park.id))] == [a.id]
    assert [r.id for r in X.fetch(X.ActionFilter(effort_id=effort.id))] == [a.id]
    assert [e.title for e in E.timeline(effort.id, dt.date(2026, 6, 1))
            if e.kind == "action"] == ["Opfølgning"]
