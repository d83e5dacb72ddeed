import datetime as dt

import pytest

from tryg_desktop.db.place_models import Episode
from tryg_desktop.services.meetings import actions as X
from tryg_desktop.services import audit
from tryg_desktop.services.safety import efforts as E
from tryg_desktop.services.meetings import forums as F
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.safety import places as P
from tryg_desktop.services.errors import ConflictError, ServiceError, ValidationError

TODAY = dt.date(2026, 6, 15)


def place(name, **kw):
    return P.create(P.PlaceInput(name=name, **kw))


def episode(place_id, day, category="råben", time="22:10"):
    return Episode.create(occurred_on=day, occurred_time=time, time_band="aften",
                          place=place_id, category=category, severity=2)


def test_create_with_danish_decimal_comma_and_audit(db):
    row = place("Kildeparken", district="Aalborg Midtby", kind="park", latitude="57,0431",
                longitude=" 9,9262 ")
    assert (row.latitude, row.longitude, row.kind_label) == (57.0431, 9.9262, "Park")
    assert row.has_coordinates and row.active
    entry = audit.history("place", row.id)[0]
    assert entry.action == "create" and entry.changes["kind"] == [None, "Park"]
    assert entry.changes["latitude"] == [None, 57.0431]


def test_validation_messages_in_danish(db):
    place("Budolfi Plads", kind="plads")
    cases = [
        (P.PlaceInput(name=" "), {"name": "Navnet skal udfyldes."}),
        (P.PlaceInput(name="budolfi plads"),
         {"name": "Der findes allerede et sted med navnet »budolfi plads«."}),
        (P.PlaceInput(name="X", kind="skov"), {"kind": "Vælg en type fra listen."}),
        (P.PlaceInput(name="X", latitude="57,04"),
         {"longitude": "Udfyld både bredde- og længdegrad, eller ingen af dem."}),
        (P.PlaceInput(name="X", latitude="abc", longitude="9,9"),
         {"latitude": "Breddegraden skal være et tal, fx 57,0."}),
        (P.PlaceInput(name="X", notes="Set af 010203-1234"),
         {"notes": "Teksten ser ud til at indeholde et CPR-nummer. Det må ikke registreres her."}),
    ]
    for data, errors in cases:
        with pytest.raises(ValidationError) as err:
            P.create(data)
        assert err.value.errors == errors
    # Latitude and longitude swapped: both out of range, with a hint.
    with pytest.raises(ValidationError) as err:
        P.create(P.PlaceInput(name="X", latitude="9,92", longitude="57,04"))
    assert set(err.value.errors) == {"latitude", "longitude"}
    assert "byttet om" in err.value.errors["latitude"]


def test_unique_name_ignores_danish_case_but_not_itself(db):
    row = place("Østre Anlæg", kind="park")
    with pytest.raises(ValidationError):
        place("ØSTRE ANLÆG")
    renamed = P.update(row.id, P.PlaceInput(name="Østre anlæg", kind="park"), row.version)
    assert renamed.name == "Østre anlæg"
    with pytest.raises(ConflictError):
        P.update(row.id, row.as_input(), row.version)
    assert audit.history("place", row.id)[0].changes == {"name": ["Østre Anlæg", "Østre anlæg"]}


def test_list_in_danish_order_with_filters(db):
    for name, district, kind in [("Østre Anlæg", "Aalborg Midtby", "park"),
                                 ("Aalborg Havnefront", "Aalborg Midtby", "andet"),
                                 ("Nørresundby Torv", "Nørresundby", "plads"),
                                 ("Budolfi Plads", "Aalborg Midtby", "plads")]:
        place(name, district=district, kind=kind)
    # Aa is Å in Danish: after Ø.
    assert [p.name for p in P.list_places()] == ["Budolfi Plads", "Nørresundby Torv",
                                                 "Østre Anlæg", "Aalborg Havnefront"]
    assert [p.name for p in P.list_places(kind="plads")] == ["Budolfi Plads", "Nørresundby Torv"]
    assert [p.name for p in P.list_places(district="Nørresundby")] == ["Nørresundby Torv"]
    assert [p.name for p in P.list_places(search="ØSTRE")] == ["Østre Anlæg"]
    assert [p.name for p in P.list_places(search="midtby plads")] == ["Budolfi Plads"]
    torv = P.list_places(search="torv")[0]
    P.set_active(torv.id, False, torv.version)
    assert "Nørresundby Torv" not in [p.name for p in P.list_places()]
    assert [p.name for p in P.list_places(active=False)] == ["Nørresundby Torv"]
    assert len(P.list_places(active=None)) == 4
    assert [n for _, n in P.choices()] == ["Budolfi Plads", "Østre Anlæg", "Aalborg Havnefront"]
    assert "Nørresundby Torv" in [n for _, n in P.choices(keep_id=torv.id)]


def test_episode_counts_in_the_list(db):
    park = place("Kildeparken")
    place("Budolfi Plads")  # a second place, without episodes
    for day in (dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date(2026, 6, 1)):
        episode(park.id, day)
    since = P.last_12_months_start(TODAY)
    assert since == dt.date(2025, 7, 1)
    counts = {p.name: p.episodes_12m for p in P.list_places(episodes_since=since)}
    assert counts == {"Kildeparken": 2, "Budolfi Plads": 0}
    assert P.list_places()[0].episodes_12m is None
    assert P.last_12_months_start(dt.date(2026, 12, 31)) == dt.date(2026, 1, 1)


def test_delete_refused_while_episodes_point_at_the_place(db):
    park = place("Kildeparken")
    episode(park.id, dt.date(2026, 5, 1))
    with pytest.raises(ServiceError) as err:
        P.delete(park.id, park.version)
    assert "1 hændelse" in err.value.message and "inaktivt" in err.value.message
    assert P.get(park.id).name == "Kildeparken"
    empty = place("Karolinelund")
    forum = F.create(F.ForumInput(name="Karolinelund Forum", place_id=empty.id))
    P.delete(empty.id, empty.version)
    assert F.get(forum.id).place_id is None
    assert audit.history("place", empty.id)[0].action == "delete"


def test_linked_shows_everything_at_the_place(db):
    park, other = place("Kildeparken", kind="park"), place("Budolfi Plads")
    forum = F.create(F.ForumInput(name="Tryghedsforum Kildeparken", place_id=park.id))
    start = dt.datetime(2026, 6, 20, 14)
    upcoming = M.create(M.MeetingInput(title="Dialogmøde", starts_at=start, place_id=park.id,
                                       ends_at=start + dt.timedelta(hours=2)))
    held = M.create(M.MeetingInput(title="Gåtur i parken", starts_at=dt.datetime(2026, 5, 2, 10),
                                   ends_at=dt.datetime(2026, 5, 2, 11), place_id=park.id))
    M.create(M.MeetingInput(title="Andet sted", starts_at=start, place_id=other.id,
                            ends_at=start + dt.timedelta(hours=1)))
    X.create(X.ActionInput(title="Bedre lys", place_id=park.id, due=dt.date(2026, 6, 1)))
    X.create(X.ActionInput(title="Ryd buskads", place_id=park.id, status="udført"), today=TODAY)
    X.create(X.ActionInput(title="Bænke", place_id=park.id, due=dt.date(2026, 7, 1)))
    effort = E.create(E.EffortInput(title="Parkvært", strand="socialfaglig",
                                    starts_on=dt.date(2026, 3, 1), place_ids=[park.id]))
    episode(park.id, dt.date(2025, 6, 1))  # outside the 12 months
    episode(park.id, dt.date(2026, 2, 1), category="hærværk")
    episode(park.id, dt.date(2026, 6, 10))
    episode(other.id, dt.date(2026, 6, 10))

    links = P.linked(park.id, TODAY)
    assert [f.id for f in links.forums] == [forum.id]
    assert links.forums[0].place_name == "Kildeparken"
    assert [m.id for m in links.upcoming_meetings] == [upcoming.id]
    assert [m.id for m in links.past_meetings] == [held.id]
    assert [a.title for a in links.actions] == ["Bedre lys", "Bænke", "Ryd buskads"]
    assert (links.actions_open, links.actions_done, links.actions_overdue) == (2, 1, 1)
    assert [e.id for e in links.efforts] == [effort.id]
    assert links.episodes_12m == 2
    assert [(e.occurred_on, e.category_label) for e in links.recent_episodes] == [
        (dt.date(2026, 6, 10), "Råben og skænderi"), (dt.date(2026, 2, 1), "Hærværk"),
        (dt.date(2025, 6, 1), "Råben og skænderi")]
    assert links.recent_episodes[0].when_text == "22.10"  # Danish, as everywhere else


def test_page_filter_sorts_and_pages(db):
    for name, district in [("Kildeparken", "Aalborg Midtby"), ("Lindholm Strand", ""),
                           ("Budolfi Plads", "Aalborg Midtby"),
                           ("Nørresundby Torv", "Nørresundby")]:
        place(name, district=district)
    flt = P.PlaceFilter(sort="district")
    # "Aalborg" is Å in Danish order, after "Nørresundby"; no district last.
    assert [p.name for p in P.fetch(flt)] == ["Nørresundby Torv", "Budolfi Plads", "Kildeparken",
                                              "Lindholm Strand"]
    assert [p.name for p in P.fetch(P.PlaceFilter(descending=True), 1, 2)] == [
        "Lindholm Strand", "Kildeparken"]
    assert P.count(P.PlaceFilter(search="aalborg")) == 2
