import datetime as dt

import pytest

from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P
from tryg_desktop.services.errors import ConflictError, ServiceError, ValidationError

TODAY = dt.date(2026, 11, 27)


def meeting(title="Dialogmøde Kærby", start=dt.datetime(2026, 12, 3, 14), hours=2, **kw):
    return M.create(M.MeetingInput(title=title, starts_at=start,
                                   ends_at=start + dt.timedelta(hours=hours), **kw))


def test_meeting_validation_in_danish(db):
    with pytest.raises(ValidationError) as err:
        M.create(M.MeetingInput(title=" ", starts_at=dt.datetime(2026, 12, 3, 14),
                                ends_at=dt.datetime(2026, 12, 3, 13)))
    assert err.value.errors == {"title": "Titlen skal udfyldes.",
                                "ends_at": "Mødet skal slutte efter, det er begyndt."}
    assert M.is_in_the_past(M.MeetingInput(starts_at=dt.datetime(2020, 1, 1, 9)))


def test_chosen_records_that_do_not_exist_are_named_each(db):
    """The forum, chair, minute-taker, place and effort are checked in one statement; each
    missing one gets its own message, present ones none, and the form check as it is typed
    (references=False) reads nothing."""
    person = C.create(C.ContactInput(name="Jens Ørsted"))
    start = dt.datetime(2026, 12, 3, 14)
    data = M.MeetingInput(title="Dialogmøde", starts_at=start,
                          ends_at=start + dt.timedelta(hours=2), chair_id=person.id,
                          minute_taker_id=person.id + 1, forum_id=997, place_id=998,
                          effort_id=999)
    with pytest.raises(ValidationError) as err:
        M.create(data)
    assert err.value.errors == {"minute_taker_id": "Kontakten findes ikke i registret.",
                                "forum_id": "Mødeforummet findes ikke.",
                                "place_id": "Stedet findes ikke.",
                                "effort_id": "Indsatsen findes ikke."}
    assert M.clean(data, references=False)[1] == {}
    data.minute_taker_id, data.forum_id, data.place_id, data.effort_id = (person.id, None,
                                                                          None, None)
    assert M.clean(data)[1] == {}
    assert M.create(data).chair_id == person.id


def test_sequence_rises_only_when_the_invitation_changes(db):
    row = meeting()
    same = M.update(row.id, M.MeetingInput(**{**row.as_input().__dict__, "purpose": "Nyt"}),
                    row.version)
    assert same.ics_sequence == 0 and same.ics_uid == row.ics_uid
    moved = M.update(row.id, M.MeetingInput(**{**same.as_input().__dict__,
                                               "starts_at": dt.datetime(2026, 12, 3, 15),
                                               "ends_at": dt.datetime(2026, 12, 3, 17)}),
                     same.version)
    assert moved.ics_sequence == 1 and moved.ics_uid == row.ics_uid
    with pytest.raises(ConflictError):
        M.update(row.id, row.as_input(), row.version)


def test_upcoming_past_and_month(db):
    meeting("Før", dt.datetime(2026, 11, 2, 10))
    meeting("Efter", dt.datetime(2026, 12, 3, 14))
    meeting("Senere", dt.datetime(2027, 1, 7, 14))
    titles = lambda flt: [m.title for m in M.fetch(flt)]  # noqa: E731
    assert titles(M.MeetingFilter(when="upcoming", today=TODAY)) == ["Efter", "Senere"]
    assert titles(M.MeetingFilter(when="past", today=TODAY)) == ["Før"]
    assert titles(M.MeetingFilter(when="all", search="sen", today=TODAY)) == ["Senere"]
    assert [m.title for m in M.in_month(2026, 12)] == ["Efter"]


def test_agenda_order_move_reorder_and_time_plan(db):
    row = meeting(hours=1)
    first = A.add(row.id, A.ItemInput(title="Velkomst", minutes=10))
    second = A.add(row.id, A.ItemInput(title="Tryghedsvandring", kind="drøftelse", minutes=40))
    A.add(row.id, A.ItemInput(title="Eventuelt", minutes=5), at=1)
    assert [i.title for i in A.items(row.id)] == ["Eventuelt", "Velkomst", "Tryghedsvandring"]
    A.move(first.id, -1)
    assert [i.title for i in A.items(row.id)] == ["Velkomst", "Eventuelt", "Tryghedsvandring"]
    A.move(first.id, -1)  # already first: nothing happens
    A.reorder(row.id, [second.id, first.id, A.items(row.id)[1].id])
    assert [(i.number, i.title) for i in A.items(row.id)] == [
        (1, "Tryghedsvandring"), (2, "Velkomst"), (3, "Eventuelt")]
    plan = A.time_plan(row.id)
    assert [p.starts.strftime("%H.%M") for p in plan.items] == ["14.00", "14.40", "14.50"]
    assert plan.overrun_minutes == 0 and plan.warning == ""
    A.update(first.id, A.ItemInput(title="Velkomst", minutes=20), A.get(first.id).version)
    assert A.time_plan(row.id).overrun_minutes == 5
    assert "5 minutter længere" in A.time_plan(row.id).warning
    assert audit.history("agenda_item", second.id)[0].changes == {"position": [3, 1]}


def test_standard_template_and_save_as_template(db):
    standard = A.template(A.standard_template_id())
    assert [i.title for i in standard.items] == [
        "Velkomst", "Godkendelse af dagsorden", "Godkendelse af referat fra sidste møde",
        "Opfølgning på handlinger", "Tema", "Nyt fra parterne", "Eventuelt", "Næste møde"]
    row = meeting()
    A.apply_template(row.id, standard.id)
    A.add(row.id, A.ItemInput(title="Belysning i Kildeparken", kind="beslutning",
                              proposal="At parkforvaltningen undersøger lyset."), at=5)
    saved = A.save_as_template(row.id, "Kærby")
    assert len(saved.items) == 9 and saved.items[4].proposal.startswith("At park")
    with pytest.raises(ValidationError):
        A.save_as_template(row.id, "Kærby")


def test_participants_once_each_and_whole_organisations(db):
    org = O.create(O.OrganisationInput(name="Kirkens Korshær", kind="ngo"))
    ole = C.create(C.ContactInput(name="Ole", organisation_id=org.id))
    C.create(C.ContactInput(name="Åse", organisation_id=org.id))
    C.create(C.ContactInput(name="Inaktiv", organisation_id=org.id, active=False))
    row = meeting()
    P.add_contact(row.id, ole.id)
    with pytest.raises(ServiceError, match="allerede deltager"):
        P.add_contact(row.id, ole.id)
    assert P.add_organisation(row.id, org.id) == (1, 1)
    people = P.of_meeting(row.id)
    assert [p.name for p in people] == ["Ole", "Åse"]
    P.set_invitation(people[1].id, "afbud")
    assert P.of_meeting(row.id)[1].invitation_label == "Afbud"


def test_plan_next_meeting_of_a_forum(db):
    org = O.create(O.OrganisationInput(name="Blå Kors", kind="ngo"))
    C.create(C.ContactInput(name="Bent", organisation_id=org.id))
    guest = C.create(C.ContactInput(name="Carl"))
    forum = F.create(F.ForumInput(name="Dialogmøde Kærby", location="Kærby Kulturhus",
                                  rhythm="FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH",
                                  start_time="16.30", duration_minutes=90))
    assert forum.rhythm_label == "Hver anden måned, første torsdag"
    F.add_member(forum.id, organisation_id=org.id)
    F.add_member(forum.id, contact_id=guest.id)
    first = F.plan_next_meeting(forum.id, today=TODAY)
    # Counted from today (November): November's first Thursday has passed, so January's.
    assert first.starts_at == dt.datetime(2027, 1, 7, 16, 30)
    assert first.ends_at == dt.datetime(2027, 1, 7, 18, 0)
    assert (first.location, first.forum_name) == ("Kærby Kulturhus", "Dialogmøde Kærby")
    assert [p.name for p in P.of_meeting(first.id)] == ["Bent", "Carl"]
    assert A.items(first.id)[0].title == "Velkomst"
    # The standard template (95 min.) is fitted to the forum's 90 minutes: no overrun warning.
    assert sum(i.minutes for i in A.template(A.standard_template_id()).items) == 95
    assert A.time_plan(first.id).overrun_minutes == 0
    assert A.time_plan(first.id).warning == ""
    second = F.plan_next_meeting(forum.id, today=TODAY)
    assert second.starts_at.date() == dt.date(2027, 3, 4)  # two months on, the first Thursday
    proposal = F.proposal(F.get(forum.id), today=TODAY)
    # May's first Thursday is Kristi himmelfartsdag: the Friday after, and it says so.
    assert (proposal.date, proposal.rule_date) == (dt.date(2027, 5, 7), dt.date(2027, 5, 6))
    assert proposal.reason == "flyttet fra torsdag den 6. maj (Kristi himmelfartsdag)"
    third = F.plan_next_meeting(forum.id, today=TODAY)
    assert third.starts_at.date() == dt.date(2027, 5, 7)
    # Counted from the last meeting on a rule date (4 March), not from the moved one.
    assert F.next_date(F.get(forum.id), today=TODAY) == dt.date(2027, 7, 1)


def test_a_forum_without_a_rhythm_plans_a_week_ahead_on_a_working_day(db):
    forum = F.create(F.ForumInput(name="Arbejdsgruppen", rhythm=""))
    assert forum.rhythm_label == "Ingen fast rytme"
    # 18 December 2026 + a week is Christmas Day: the next working day is Monday the 28th.
    proposal = F.proposal(forum, today=dt.date(2026, 12, 18))
    assert proposal.date == dt.date(2026, 12, 28)
    assert proposal.reason == "flyttet fra fredag den 25. december (juledag)"


def test_a_forum_rejects_a_rule_it_cannot_use(db):
    for rule, message in (("FREQ=DAILY", "hver uge, hver måned eller hvert år"),
                          ("FREQ=WEEKLY;BYDAY=XY", "kan ikke læses"),
                          ("FREQ=WEEKLY;BYDAY=SA", "Vælg en hverdag")):
        with pytest.raises(ValidationError) as error:
            F.create(F.ForumInput(name="Forkert", rhythm=rule))
        assert message in error.value.errors["rhythm"]
    # An old code from a script still works: it becomes the rule migration step 7 writes.
    old = F.create(F.ForumInput(name="Gammel", rhythm="biweekly"))
    assert old.rhythm == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert old.rhythm_label == "Hver anden tirsdag"


def test_deleting_a_meeting_with_minutes_is_known(db):
    row = meeting()
    item = A.add(row.id, A.ItemInput(title="Velkomst"))
    assert not M.has_minutes(row.id)
    from tryg_desktop.db.meeting_models import AgendaItem

    AgendaItem.update(notes="Referat").where(AgendaItem.id == item.id).execute()
    assert M.has_minutes(row.id)
    M.delete(row.id)
    assert audit.history("meeting", row.id)[0].action == "delete"


def test_the_standard_template_is_editable(db):
    row = meeting()
    A.add(row.id, A.ItemInput(title="Velkomst og præsentation", minutes=10))
    A.add(row.id, A.ItemInput(title="Eventuelt", minutes=5))
    standard = A.template(A.standard_template_id())
    A.save_as_template(row.id, standard.name, replace_existing=True)
    changed = A.template(A.standard_template_id())
    assert changed.is_standard and [i.title for i in changed.items] == [
        "Velkomst og præsentation", "Eventuelt"]


def test_meetings_sort_by_title_in_danish_order(db):
    for title in ["Aalborg Øst", "Østre Anlæg", "Æblehaven", "Bymøde"]:
        meeting(title)
    rows = M.fetch(M.MeetingFilter(when="all", sort="title", today=TODAY))
    assert [m.title for m in rows] == ["Bymøde", "Æblehaven", "Østre Anlæg", "Aalborg Øst"]


def test_inserting_a_template_fits_the_time_the_meeting_has_left(db):
    row = meeting()  # two hours
    A.add(row.id, A.ItemInput(title="Rundvisning i parken", minutes=30))
    A.apply_template(row.id, A.standard_template_id())  # 95 minutes into the 90 left
    assert A.time_plan(row.id).warning == ""
    assert sum(i.minutes for i in A.items(row.id)) == 120
