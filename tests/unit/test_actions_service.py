import datetime as dt

import pytest

from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.meetings import agenda as A
from tryg_desktop.services import audit
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.errors import ConflictError, ValidationError

TODAY = dt.date(2026, 12, 10)


def meeting(forum_id=None, start=dt.datetime(2026, 12, 3, 14)):
    return M.create(M.MeetingInput(title="Dialogmøde Kærby", starts_at=start, forum_id=forum_id,
                                   ends_at=start + dt.timedelta(hours=2)))


def action(title, **kw):
    return X.create(X.ActionInput(title=title, **kw), today=TODAY)


def test_validation_messages_in_danish(db):
    m = meeting()
    with pytest.raises(ValidationError) as err:
        X.create(X.ActionInput(title=" ", meeting_id=m.id, due=dt.date(2026, 12, 1),
                               status="færdig"))
    assert err.value.errors == {"title": "Handlingen skal udfyldes.",
                                "due": "Fristen ligger før mødet.",
                                "status": "Vælg en status fra listen."}
    with pytest.raises(ValidationError) as err:
        X.create(X.ActionInput(title="Ring", description="CPR 010203-1234"))
    assert "CPR-nummer" in err.value.errors["description"]
    # The meeting's own day is a valid deadline.
    same_day = action("Samme dag", meeting_id=m.id, due=dt.date(2026, 12, 3))
    assert same_day.due == dt.date(2026, 12, 3)


def test_links_follow_the_agenda_item_and_the_meeting(db):
    forum = F.create(F.ForumInput(name="Kærby Tryghedsforum"))
    m = meeting(forum.id)
    A.add(m.id, A.ItemInput(title="Velkomst"))
    item = A.add(m.id, A.ItemInput(title="Belysning i parken", kind="beslutning"))
    row = action("Skift pærer", agenda_item_id=item.id)
    assert (row.meeting_id, row.meeting_title, row.item_number) == (m.id, m.title, 2)
    assert (row.forum_id, row.forum_name) == (forum.id, "Kærby Tryghedsforum")
    other = meeting()
    with pytest.raises(ValidationError) as err:
        action("Forkert", meeting_id=other.id, agenda_item_id=item.id)
    assert err.value.errors == {"agenda_item_id": "Dagsordenspunktet hører til et andet møde."}


def test_completed_on_is_set_and_cleared_with_the_status(db):
    row = action("Ryd op")
    assert row.completed_on is None and row.status_label == "Åben"
    done = X.update(row.id, X.ActionInput(title="Ryd op", status="udført"), row.version,
                    today=TODAY)
    assert done.completed_on == TODAY
    again = X.update(row.id, X.ActionInput(**{**done.as_input().__dict__, "status": "i gang"}),
                     done.version, today=TODAY)
    assert again.completed_on is None
    given = X.update(row.id, X.ActionInput(title="Ryd op", status="udført",
                                           completed_on=dt.date(2026, 12, 5)), again.version)
    assert given.completed_on == dt.date(2026, 12, 5)
    with pytest.raises(ConflictError):
        X.update(row.id, row.as_input(), row.version)
    history = audit.history("action_item", row.id)
    assert history[-1].action == "create" and history[0].changes["completed_on"] == [
        None, "2026-12-05"]


def test_overdue_and_missing_responsible(db):
    person = C.create(C.ContactInput(name="Birthe Ørum"))
    late = action("Sen", due=dt.date(2026, 12, 9), responsible_contact_id=person.id)
    on_time = action("I tide", due=TODAY)
    done = action("Færdig", due=dt.date(2026, 12, 1), status="udført")
    assert late.is_overdue(TODAY) and not on_time.is_overdue(TODAY)
    assert not done.is_overdue(TODAY)  # an action that is done is never overdue
    assert not late.missing_responsible and on_time.missing_responsible
    assert late.responsible_name == "Birthe Ørum"
    assert [r.title for r in X.fetch(X.ActionFilter(overdue_only=True, today=TODAY))] == ["Sen"]


def test_filters_and_danish_sort_by_responsible(db):
    police = O.create(O.OrganisationInput(name="Nordjyllands Politi"))
    ngo = O.create(O.OrganisationInput(name="Kirkens Korshær"))
    aage = C.create(C.ContactInput(name="Aage Aabo", organisation_id=police.id))
    oeste = C.create(C.ContactInput(name="Øjvind Øster"))
    zenia = C.create(C.ContactInput(name="Zenia Zorn", organisation_id=ngo.id))
    action("Tryghedsvandring", responsible_contact_id=aage.id, due=dt.date(2026, 12, 20))
    action("Lys i tunnel", responsible_contact_id=oeste.id, due=dt.date(2026, 12, 15),
           description="Kontakt forsyningen")
    action("Suppekøkken", responsible_contact_id=zenia.id, status="i gang")
    action("Ingen ansvarlig", responsible_organisation_id=police.id)
    titles = lambda **kw: [r.title for r in X.fetch(X.ActionFilter(**kw))]  # noqa: E731
    # Danish order: Z before Ø before Aa (which counts as Å); no responsible person last.
    assert titles(sort="responsible") == ["Suppekøkken", "Lys i tunnel", "Tryghedsvandring",
                                          "Ingen ansvarlig"]
    assert titles(sort="responsible", descending=True)[:3] == [
        "Tryghedsvandring", "Lys i tunnel", "Suppekøkken"]
    assert titles(sort="due")[:2] == ["Lys i tunnel", "Tryghedsvandring"]
    assert titles(search="forsyning") == ["Lys i tunnel"]
    assert titles(search="aabo") == ["Tryghedsvandring"]  # the responsible's name is searchable
    assert titles(statuses={"i gang"}) == ["Suppekøkken"]
    assert titles(responsible_contact_id=oeste.id) == ["Lys i tunnel"]
    # The organisation is the responsible one, else the person's.
    assert set(titles(organisation_id=police.id)) == {"Tryghedsvandring", "Ingen ansvarlig"}
    assert X.count(X.ActionFilter(organisation_id=police.id)) == 2
    assert titles(sort="organisation")[-1] == "Lys i tunnel"  # no organisation at all
    assert [r.title for r in X.fetch(X.ActionFilter(sort="title"), offset=1, limit=2)] == [
        "Lys i tunnel", "Suppekøkken"]


def test_bulk_status_is_all_or_nothing(db):
    a, b = action("A"), action("B")
    assert X.set_status_many([(a.id, a.version), (b.id, b.version)], "udført", today=TODAY) == 2
    assert {X.get(i).status for i in (a.id, b.id)} == {"udført"}
    assert X.get(a.id).completed_on == TODAY
    assert audit.history("action_item", b.id)[0].changes["status"] == ["Åben", "Udført"]
    fresh_a = X.get(a.id)
    with pytest.raises(ConflictError):  # b's version is stale: a must not change either
        X.set_status_many([(a.id, fresh_a.version), (b.id, b.version)], "annulleret")
    assert X.get(a.id).status == "udført"


def test_open_for_forum_puts_overdue_first(db):
    forum = F.create(F.ForumInput(name="Kærby Tryghedsforum"))
    m = meeting(forum.id, start=dt.datetime(2026, 11, 1, 14))
    for title, due, status in (("Senere", dt.date(2026, 12, 30), "åben"),
                               ("Uden frist", None, "i gang"),
                               ("Overskredet", dt.date(2026, 12, 1), "åben"),
                               ("Snart", dt.date(2026, 12, 12), "i gang"),
                               ("Lukket", dt.date(2026, 11, 20), "udført")):
        action(title, meeting_id=m.id, due=due, status=status)
    action("Andet forum", due=dt.date(2026, 11, 5))
    assert [r.title for r in X.open_for_forum(forum.id)] == [
        "Overskredet", "Snart", "Senere", "Uden frist"]


def test_follow_up_update_appends_a_dated_note(db):
    row = action("Tal med butikkerne", due=dt.date(2026, 12, 15))
    once = X.follow_up_update(row.id, row.version, status="i gang", note="Første møde holdt",
                              today=dt.date(2026, 12, 11))
    twice = X.follow_up_update(row.id, once.version, due=dt.date(2027, 1, 15),
                               note="Udsat", today=dt.date(2026, 12, 12))
    assert twice.completion_note == "11.12.2026: Første møde holdt\n12.12.2026: Udsat"
    assert (twice.status, twice.due) == ("i gang", dt.date(2027, 1, 15))
    latest = audit.history("action_item", row.id)[0]
    assert latest.changes["due"] == ["2026-12-15", "2027-01-15"]
    assert latest.changes["completion_note"][1].endswith("Udsat")
    with pytest.raises(ConflictError):
        X.follow_up_update(row.id, row.version, note="For sent")


def test_delete_keeps_a_trace_and_meeting_delete_keeps_the_action(db):
    m = meeting()
    row = action("Ryd op", meeting_id=m.id)
    M.delete(m.id)
    orphan = X.get(row.id)  # SET NULL: the work is still to be done
    assert orphan.meeting_id is None and orphan.meeting_title == ""
    X.delete(row.id, orphan.version)
    assert X.count(X.ActionFilter()) == 0
    assert audit.history("action_item", row.id)[0].action == "delete"
