import datetime as dt

import pytest

from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.meetings import minutes as R
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.errors import NotFoundError, ServiceError, ValidationError

LOCKED = "Referatet er godkendt. Genåbn det for at ændre det."


@pytest.fixture
def meeting(db):
    start = dt.datetime(2026, 12, 3, 14)
    return M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=start,
                                   ends_at=start + dt.timedelta(hours=2)))


def test_new_meeting_minutes_are_a_draft(meeting):
    state = R.status(meeting.id)
    assert (state.status, state.label, state.locked) == ("kladde", "Kladde", False)
    assert state.comment_deadline is None and state.approved_on is None


def test_attendance_is_audited(meeting):
    person = C.create(C.ContactInput(name="Birthe Ørum"))
    participant = P.add_contact(meeting.id, person.id)
    R.set_attendance(participant.id, "afbud")
    R.set_attendance(participant.id, "afbud")  # unchanged: no second entry
    assert P.get(participant.id).attendance == "afbud"
    entries = audit.history("participant", participant.id)
    assert entries[0].changes == {"attendance": ["Ikke registreret", "Afbud"]}
    assert len(entries) == 2  # the invitation, then the attendance
    with pytest.raises(ServiceError):
        R.set_attendance(participant.id, "syg")


def test_autosave_writes_no_audit_and_finish_writes_one_summary(meeting):
    item = A.add(meeting.id, A.ItemInput(title="Belysning", kind="beslutning"))
    before = len(audit.history("agenda_item", item.id))
    version = item.version
    for typed in ("L", "Ly", "Lyset skiftes"):  # each save from the version the last one gave
        version = R.save_item_minutes(item.id, typed, "", version)
    assert A.get(item.id).version == version == item.version + 3
    assert len(audit.history("agenda_item", item.id)) == before  # no entry per keystroke
    assert R.finish_item_minutes(item.id) is True
    entry = audit.history("agenda_item", item.id)[0]
    assert entry.changes == {"notes": ["", "Lyset skiftes"]}
    assert R.finish_item_minutes(item.id) is False  # nothing since the last summary
    R.save_item_minutes(item.id, "Lyset skiftes i januar", "Godkendt")
    R.finish_item_minutes(item.id)
    assert audit.history("agenda_item", item.id)[0].changes == {
        "notes": ["Lyset skiftes", "Lyset skiftes i januar"], "decision": ["", "Godkendt"]}


def test_cpr_numbers_never_reach_the_minutes(meeting):
    item = A.add(meeting.id, A.ItemInput(title="Sag"))
    with pytest.raises(ValidationError) as err:
        R.save_item_minutes(item.id, "Borger 010203-1234 nævnt", "")
    assert list(err.value.errors) == ["notes"]
    assert A.get(item.id).notes == ""


def test_approval_flow_with_missing_decisions(meeting):
    A.add(meeting.id, A.ItemInput(title="Velkomst"))
    first = A.add(meeting.id, A.ItemInput(title="Godkendelse af dagsorden", kind="beslutning"))
    A.add(meeting.id, A.ItemInput(title="Budget", kind="beslutning"))
    assert R.missing_decisions(meeting.id) == [2, 3]  # orientering needs no decision
    R.save_item_minutes(first.id, "", "Dagsordenen godkendt")
    assert R.missing_decisions(meeting.id) == [3]
    sent = R.send_for_comments(meeting.id, dt.date(2026, 12, 10))
    assert (sent.label, sent.comment_deadline) == ("Til kommentering", dt.date(2026, 12, 10))
    with pytest.raises(ValidationError):
        R.send_for_comments(meeting.id, None)
    approved = R.approve(meeting.id, today=dt.date(2026, 12, 11))
    assert approved.locked and approved.approved_on == dt.date(2026, 12, 11)
    assert approved.version > meeting.version  # an open meeting editor sees a conflict
    changes = audit.history("meeting", meeting.id)[0].changes
    assert changes == {"minutes_status": ["Til kommentering", "Godkendt"],
                       "approved_on": [None, "2026-12-11"], "status": ["Planlagt", "Afholdt"],
                       "approved_by": [None, audit.current_user()]}


def test_approved_minutes_are_locked(meeting):
    item = A.add(meeting.id, A.ItemInput(title="Budget"))
    person = C.create(C.ContactInput(name="Ole"))
    participant = P.add_contact(meeting.id, person.id)
    R.approve(meeting.id, today=dt.date(2026, 12, 4))
    for attempt in (lambda: R.save_item_minutes(item.id, "Nyt", ""),
                    lambda: R.set_attendance(participant.id, "deltog"),
                    lambda: R.send_for_comments(meeting.id, dt.date(2027, 1, 1))):
        with pytest.raises(ServiceError) as err:
            attempt()
        assert err.value.message == LOCKED
    assert A.get(item.id).notes == ""


def test_the_autosave_with_a_version_says_why_nothing_was_written(meeting):
    """The autosave is one UPDATE with the version and the lock in its WHERE; when it writes
    nothing it reads why: approved (locked), saved elsewhere (conflict), or deleted."""
    item = A.add(meeting.id, A.ItemInput(title="Budget"))
    version = R.save_item_minutes(item.id, "Første", "", item.version)
    assert version == item.version + 1 and A.get(item.id).notes == "Første"
    with pytest.raises(R.MinutesConflictError) as conflict:
        R.save_item_minutes(item.id, "Gammel", "", item.version)
    assert (conflict.value.notes, conflict.value.version) == ("Første", version)
    R.approve(meeting.id, today=dt.date(2026, 12, 4))
    with pytest.raises(ServiceError) as err:
        R.save_item_minutes(item.id, "Efter godkendelse", "", version)
    assert err.value.message == LOCKED and A.get(item.id).notes == "Første"
    with pytest.raises(NotFoundError):
        R.save_item_minutes(item.id + 1000, "Ingen", "", 1)


def test_reopen_needs_a_reason_and_is_audited(meeting):
    item = A.add(meeting.id, A.ItemInput(title="Budget"))
    with pytest.raises(ServiceError):  # a draft has nothing to reopen
        R.reopen(meeting.id, "Fejl")
    R.approve(meeting.id, today=dt.date(2026, 12, 11))
    with pytest.raises(ValidationError) as err:
        R.reopen(meeting.id, "  ")
    assert err.value.errors == {"reason": "Begrundelsen skal udfyldes."}
    state = R.reopen(meeting.id, "Forkert beløb under punkt 1")
    assert (state.status, state.approved_on) == ("kladde", None)
    entry = audit.history("meeting", meeting.id)[0]
    assert entry.action_label == "Genåbnet"
    assert entry.changes["reason"] == [None, "Forkert beløb under punkt 1"]
    assert entry.changes["minutes_status"] == ["Godkendt", "Kladde"]
    R.save_item_minutes(item.id, "Rettet", "")  # editable again
    assert A.get(item.id).notes == "Rettet"


def test_an_approved_referat_locks_the_agenda_until_reopened(db):
    import datetime as dt

    import pytest as _pytest

    from tryg_desktop.services.meetings import agenda as A
    from tryg_desktop.services.meetings import meetings as M
    from tryg_desktop.services.meetings import minutes as MIN
    from tryg_desktop.services.errors import ServiceError

    start = dt.datetime(2026, 11, 2, 14)
    meeting = M.create(M.MeetingInput(title="Kærby", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    item = A.add(meeting.id, A.ItemInput(title="Velkomst"))
    MIN.approve(meeting.id, today=dt.date(2026, 11, 3))
    for attempt in (lambda: A.add(meeting.id, A.ItemInput(title="Nyt")),
                    lambda: A.update(item.id, A.ItemInput(title="Ændret"), item.version),
                    lambda: A.delete(item.id),
                    lambda: A.reorder(meeting.id, [item.id])):
        with _pytest.raises(ServiceError, match="Genåbn"):
            attempt()
    MIN.reopen(meeting.id, "Rettelse")
    A.update(item.id, A.ItemInput(title="Velkomst og præsentation"), item.version)


def test_an_autosave_from_an_old_version_writes_nothing_and_no_audit(meeting):
    """Issue 10 point 6: the second of two editors no longer replaces the first one's text."""
    item = A.add(meeting.id, A.ItemInput(title="Belysning"))
    before = len(audit.history("agenda_item", item.id))
    R.save_item_minutes(item.id, "Første", "", item.version)
    with pytest.raises(R.MinutesConflictError):
        R.save_item_minutes(item.id, "Anden", "", item.version)
    assert A.get(item.id).notes == "Første"
    assert len(audit.history("agenda_item", item.id)) == before
