"""Issue 10 point 16: search text and sort keys follow every rename of what they are built from.

Each test renames a source through its service and then searches the way the lists do."""

import datetime as dt

import pytest

from tryg_desktop.db import derived
from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Forum, Meeting
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.place_models import Effort, Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.safety import efforts as E
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.safety import places as P

START = dt.datetime(2026, 12, 3, 14)


def _meeting(**kw):
    return M.create(M.MeetingInput(title="Dialogmøde", starts_at=START,
                                   ends_at=START + dt.timedelta(hours=2), **kw))


def _action(**kw):
    return X.create(X.ActionInput(title="Skift pærer", **kw), today=dt.date(2026, 12, 1))


def _actions(text):
    return [a.id for a in X.fetch(X.ActionFilter(search=text))]


def _meetings(text):
    return [m.id for m in M.fetch(M.MeetingFilter(search=text, when="all"))]


def _contacts(text):
    return [c.id for c in C.fetch(C.ContactFilter(search=text), limit=1000)]


def _rename(service, record_id, **changes):
    from dataclasses import replace

    row = service.get(record_id)
    return service.update(record_id, replace(row.as_input(), **changes), row.version)


def test_renamed_contact_is_found_in_the_actions_under_the_new_name(db):
    person = C.create(C.ContactInput(name="Birthe Holm"))
    action = _action(responsible_contact_id=person.id)
    assert _actions("holm") == [action.id]
    _rename(C, person.id, name="Birthe Vestergaard")
    assert _actions("vestergaard") == [action.id]
    assert _actions("holm") == []


def test_renamed_organisation_is_found_in_contacts_and_actions(db):
    org = O.create(O.OrganisationInput(name="Boligselskabet Kærby"))
    person = C.create(C.ContactInput(name="Ole Dam", organisation_id=org.id))
    own = _action(responsible_organisation_id=org.id)
    # The list shows the person's organisation when the action has none of its own.
    through_person = _action(responsible_contact_id=person.id)
    assert sorted(_actions("kærby")) == sorted([own.id, through_person.id])
    _rename(O, org.id, name="Boligforeningen Lyset")
    assert sorted(_actions("lyset")) == sorted([own.id, through_person.id])
    assert _actions("kærby") == []
    assert _contacts("lyset") == [person.id]
    assert _contacts("kærby") == []
    assert Contact.get_by_id(person.id).sort_organisation == danish_sort_key(
        "Boligforeningen Lyset")


def test_a_contact_moved_to_another_organisation_is_found_in_the_actions_under_it(db):
    first = O.create(O.OrganisationInput(name="SSP Nord"))
    second = O.create(O.OrganisationInput(name="Politiet Øst"))
    person = C.create(C.ContactInput(name="Ib Lund", organisation_id=first.id))
    action = _action(responsible_contact_id=person.id)
    _rename(C, person.id, organisation_id=second.id)
    assert _actions("politiet") == [action.id]
    assert _actions("ssp") == []


def test_renamed_forum_and_place_are_found_in_the_meetings(db):
    place = P.create(P.PlaceInput(name="Kærbyparken"))
    forum = F.create(F.ForumInput(name="Tryghedsforum Vest"))
    meeting = _meeting(forum_id=forum.id, place_id=place.id)
    assert _meetings("vest") == [meeting.id]
    assert _meetings("kærbyparken") == [meeting.id]
    _rename(F, forum.id, name="Tryghedsrådet Syd")
    _rename(P, place.id, name="Lyseparken")
    assert _meetings("syd") == [meeting.id]
    assert _meetings("vest") == []
    assert _meetings("lyseparken") == [meeting.id]
    assert _meetings("kærbyparken") == []


def test_deleted_sources_leave_no_old_names_in_the_search_text(db):
    org = O.create(O.OrganisationInput(name="Fritidsklubben"))
    person = C.create(C.ContactInput(name="Karen Bæk"))
    forum = F.create(F.ForumInput(name="Natteravnene"))
    place = P.create(P.PlaceInput(name="Stationspladsen"))
    action = _action(responsible_contact_id=person.id, responsible_organisation_id=org.id)
    meeting = _meeting(forum_id=forum.id, place_id=place.id)
    C.delete(person.id)
    O.delete(org.id)
    F.delete(forum.id)
    P.delete(place.id)
    assert _actions("bæk") == _actions("fritidsklubben") == []
    assert _meetings("natteravnene") == _meetings("stationspladsen") == []
    assert _actions("pærer") == [action.id]
    assert _meetings("dialogmøde") == [meeting.id]


def test_sort_keys_follow_renames(db):
    forum = F.create(F.ForumInput(name="Aa-forum"))
    place = P.create(P.PlaceInput(name="Aa-stedet"))
    effort = E.create(E.EffortInput(title="Aa-indsatsen", starts_on=dt.date(2026, 1, 1)))
    org = O.create(O.OrganisationInput(name="Aa-org", city="Århus"))
    _rename(F, forum.id, name="Ældrerådet")
    _rename(P, place.id, name="Østergade")
    _rename(E, effort.id, title="Ålegræs")
    _rename(O, org.id, name="Ørsted", city="Aabenraa")
    assert Forum.get_by_id(forum.id).sort_name == danish_sort_key("Ældrerådet")
    assert Place.get_by_id(place.id).sort_name == danish_sort_key("Østergade")
    assert Effort.get_by_id(effort.id).sort_title == danish_sort_key("Ålegræs")
    stored = Organisation.get_by_id(org.id)
    assert (stored.sort_name, stored.sort_city) == (danish_sort_key("Ørsted"),
                                                    danish_sort_key("Aabenraa"))


def test_refresh_all_mends_text_written_behind_the_services_back(db):
    """What an old version, the benchmark generator or a hand edit left stale is rebuilt."""
    org = O.create(O.OrganisationInput(name="Kirken"))
    person = C.create(C.ContactInput(name="Poul Krogh", organisation_id=org.id))
    forum = F.create(F.ForumInput(name="Netværket"))
    action = _action(responsible_contact_id=person.id)
    meeting = _meeting(forum_id=forum.id)
    ActionItem.update(search_text="forkert").execute()
    Meeting.update(search_text="forkert").execute()
    Contact.update(search_text="forkert", sort_name="").execute()
    with db.atomic():
        derived.refresh_all()
    assert _actions("krogh") == _actions("kirken") == [action.id]
    assert _meetings("netværket") == [meeting.id]
    assert _contacts("krogh") == [person.id]
    assert Contact.get_by_id(person.id).sort_name == danish_sort_key("Poul Krogh")
    assert _actions("forkert") == _meetings("forkert") == []


def test_a_rename_refreshes_its_dependents_in_batches(db):
    """An organisation with many contacts: one UPDATE per batch, not one per contact."""
    org = O.create(O.OrganisationInput(name="Kommunen"))
    ids = [C.create(C.ContactInput(name=f"Medarbejder {n}", organisation_id=org.id)).id
           for n in range(derived.BATCH + 5)]
    statements = []
    real = db.execute_sql

    def counting(sql, params=None, *args, **kw):
        statements.append(sql)
        return real(sql, params, *args, **kw)

    db.execute_sql = counting
    try:
        _rename(O, org.id, name="Kommunen Nord")
    finally:
        del db.execute_sql
    contact_updates = [s for s in statements if s.startswith('UPDATE "contact"')]
    assert len(contact_updates) <= 2
    assert sorted(_contacts("nord")) == sorted(ids)


@pytest.mark.sqlite_only("makes an older SQLite file")
def test_migration_step_8_rebuilds_what_older_versions_left_stale(db, db_path):
    """A version-7 database: renames had left old names in the search text, and it lacked the
    organisation through the responsible person and the meeting's place."""
    from tryg_desktop.db import close_database, migrations, open_database

    org = O.create(O.OrganisationInput(name="Ungdomsskolen"))
    person = C.create(C.ContactInput(name="Mette Friis", organisation_id=org.id))
    place = P.create(P.PlaceInput(name="Skolegården"))
    action = _action(responsible_contact_id=person.id)
    meeting = _meeting(place_id=place.id)
    ActionItem.update(search_text="skift pærer mette gammelnavn").execute()
    Meeting.update(search_text="dialogmøde").execute()
    db.execute_sql('UPDATE "schema_version" SET "version" = 7')
    close_database()
    open_database(db_path)
    assert migrations.LATEST >= 8
    assert _actions("ungdomsskolen") == _actions("friis") == [action.id]
    assert _actions("gammelnavn") == []
    assert _meetings("skolegården") == [meeting.id]


def test_a_meeting_kind_code_is_its_label_in_lower_case():
    """meeting_search_text reads the kind's code; the search box finds its label."""
    assert all(code == label.lower() for code, label in M.KINDS)
