import datetime as dt

import pytest

from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services import audit
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.safety import efforts as E
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.safety import places as P
from tryg_desktop.services.errors import ConflictError, ValidationError

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def setup(db):
    park = P.create(P.PlaceInput(name="Kildeparken", kind="park"))
    square = P.create(P.PlaceInput(name="Budolfi Plads", kind="plads"))
    police = O.create(O.OrganisationInput(name="Nordjyllands Politi", kind="politi"))
    shelter = O.create(O.OrganisationInput(name="Kirkens Korshær", kind="ngo"))
    person = C.create(C.ContactInput(name="Mette Ågård"))
    return park, square, police, shelter, person


def effort(title="Parkvært i Kildeparken", **kw):
    kw.setdefault("strand", "socialfaglig")
    kw.setdefault("starts_on", dt.date(2026, 3, 1))
    return E.create(E.EffortInput(title=title, **kw))


def test_create_with_places_organisations_and_coordinator(setup):
    park, square, police, shelter, person = setup
    row = effort(place_ids=[park.id, square.id, park.id], organisation_ids=[shelter.id, police.id],
                 coordinator_contact_id=person.id, goal="Færre konflikter om aftenen")
    assert row.place_names == ("Budolfi Plads", "Kildeparken")
    assert row.organisation_names == ("Kirkens Korshær", "Nordjyllands Politi")
    assert (row.coordinator_name, row.strand_label, row.status_label) == (
        "Mette Ågård", "Socialfaglig indsats på stedet", "Planlagt")
    assert row.places_text == "Budolfi Plads, Kildeparken"
    created = audit.history("effort", row.id)[0]
    assert created.changes["places"] == [None, "Budolfi Plads, Kildeparken"]
    assert created.changes["coordinator"] == [None, "Mette Ågård"]


def test_validation_messages_in_danish(setup):
    with pytest.raises(ValidationError) as err:
        E.create(E.EffortInput(title="", strand="skole", status="måske", goal="CPR 010203-1234"))
    assert err.value.errors == {
        "title": "Titlen skal udfyldes.", "strand": "Vælg et af de tre spor.",
        "status": "Vælg en status fra listen.",
        "goal": "Teksten ser ud til at indeholde et CPR-nummer. Det må ikke registreres her.",
        "starts_on": "Angiv hvornår indsatsen starter."}
    with pytest.raises(ValidationError) as err:
        effort(ends_on=dt.date(2026, 2, 28), place_ids=[999], organisation_ids=[998],
               coordinator_contact_id=997)
    assert err.value.errors == {
        "ends_on": "Slutdatoen ligger før startdatoen.",
        "place_ids": "Et af stederne findes ikke længere.",
        "organisation_ids": "En af organisationerne findes ikke længere.",
        "coordinator_contact_id": "Kontakten findes ikke i registret."}
    assert effort(ends_on=dt.date(2026, 3, 1)).ends_on == dt.date(2026, 3, 1)


def test_update_replaces_links_and_audits_the_lists(setup):
    park, square, police, shelter, _ = setup
    row = effort(place_ids=[park.id], organisation_ids=[police.id])
    data = row.as_input()
    data.place_ids = [square.id]
    data.organisation_ids = [police.id, shelter.id]
    data.status = "i gang"
    new = E.update(row.id, data, row.version)
    assert (new.place_ids, new.organisation_names, new.version) == (
        (square.id,), ("Kirkens Korshær", "Nordjyllands Politi"), 2)
    changes = audit.history("effort", row.id)[0].changes
    assert changes == {"places": ["Kildeparken", "Budolfi Plads"],
                       "organisations": ["Nordjyllands Politi",
                                         "Kirkens Korshær, Nordjyllands Politi"],
                       "status": ["Planlagt", "I gang"]}
    with pytest.raises(ConflictError):
        E.update(row.id, data, row.version)
    # A rejected update leaves the links as they were.
    with pytest.raises(ValidationError):
        E.update(row.id, E.EffortInput(title="", place_ids=[]), new.version)
    assert E.get(row.id).place_ids == (square.id,)


def test_delete_keeps_meetings_and_places(setup):
    park = setup[0]
    row = effort(place_ids=[park.id])
    start = dt.datetime(2026, 4, 1, 10)
    m = M.create(M.MeetingInput(title="Opstart", starts_at=start, effort_id=row.id,
                                ends_at=start + dt.timedelta(hours=1)))
    assert m.effort_name == row.title
    E.delete(row.id, row.version)
    assert M.get(m.id).effort_id is None and P.get(park.id).name == "Kildeparken"
    assert audit.history("effort", row.id)[0].action == "delete"


def test_list_filters_and_danish_order(setup):
    park, square = setup[0], setup[1]
    effort("Ågade-projektet", strand="byrum", place_ids=[square.id])
    effort("Bedre lys i Kildeparken", strand="byrum", status="i gang", place_ids=[park.id])
    effort("Dialogcafé", strand="samskabelse")
    assert [e.title for e in E.list_efforts()] == ["Bedre lys i Kildeparken", "Dialogcafé",
                                                   "Ågade-projektet"]
    assert [e.title for e in E.list_efforts(strand="byrum")] == ["Bedre lys i Kildeparken",
                                                                 "Ågade-projektet"]
    assert [e.title for e in E.list_efforts(status="i gang")] == ["Bedre lys i Kildeparken"]
    assert [e.title for e in E.list_efforts(search="budolfi")] == ["Ågade-projektet"]
    assert [e.title for e in E.list_efforts(search="ÅGADE")] == ["Ågade-projektet"]
    assert [e.title for e in E.list_efforts(place_id=park.id)] == ["Bedre lys i Kildeparken"]
    assert [t for _, t in E.choices()] == ["Bedre lys i Kildeparken", "Dialogcafé",
                                           "Ågade-projektet"]


def test_timeline_in_date_order_with_action_states(setup):
    row = effort(ends_on=dt.date(2026, 12, 31))
    for title, day in (("Opfølgning", dt.datetime(2026, 5, 20, 14)),
                       ("Opstartsmøde", dt.datetime(2026, 3, 10, 9))):
        M.create(M.MeetingInput(title=title, starts_at=day, effort_id=row.id,
                                ends_at=day + dt.timedelta(hours=1)))
    X.create(X.ActionInput(title="Opsæt lys", effort_id=row.id, due=dt.date(2026, 6, 1)))
    X.create(X.ActionInput(title="Ansæt parkvært", effort_id=row.id, due=dt.date(2026, 4, 1),
                           status="udført", completed_on=dt.date(2026, 3, 25)))
    X.create(X.ActionInput(title="Evaluering", effort_id=row.id, due=dt.date(2026, 11, 1)))
    X.create(X.ActionInput(title="Skilte", effort_id=row.id, due=dt.date(2026, 5, 1),
                           status="annulleret"))
    X.create(X.ActionInput(title="Uden for indsatsen", due=dt.date(2026, 5, 1)))
    entries = E.timeline(row.id, TODAY)
    assert [(e.on, e.kind, e.title, e.state) for e in entries] == [
        (dt.date(2026, 3, 1), "start", "Indsatsen starter", ""),
        (dt.date(2026, 3, 10), "meeting", "Opstartsmøde", "planlagt"),
        (dt.date(2026, 3, 25), "action", "Ansæt parkvært", "done"),
        (dt.date(2026, 5, 1), "action", "Skilte", "cancelled"),
        (dt.date(2026, 5, 20), "meeting", "Opfølgning", "planlagt"),
        (dt.date(2026, 6, 1), "action", "Opsæt lys", "overdue"),
        (dt.date(2026, 11, 1), "action", "Evaluering", "open"),
        (dt.date(2026, 12, 31), "end", "Indsatsen slutter", ""),
    ]
    assert entries[5].state_label == "Overskredet"
    assert E.timeline(row.id, dt.date(2027, 1, 5))[-1].title == "Indsatsen sluttede"


def test_page_filter_sorts_newest_first(setup):
    effort("Ældst", starts_on=dt.date(2025, 1, 1), strand="samskabelse")
    effort("Nyest", starts_on=dt.date(2026, 5, 1), strand="byrum")
    effort("Midt", starts_on=dt.date(2025, 9, 1))
    assert [e.title for e in E.fetch(E.EffortFilter())] == ["Nyest", "Midt", "Ældst"]
    assert [e.title for e in E.fetch(E.EffortFilter(sort="strand", descending=False))] == [
        "Nyest", "Midt", "Ældst"]
    assert E.count(E.EffortFilter(strand="byrum")) == 1
