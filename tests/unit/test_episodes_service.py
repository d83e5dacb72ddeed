import datetime as dt

import pytest

from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services import audit
from tryg_desktop.services.safety import safety_terms
from tryg_desktop.services.safety import episodes as E
from tryg_desktop.services.errors import ConflictError, NotFoundError, ValidationError

NOW = dt.datetime(2026, 3, 12, 15, 40)  # local time


def place(name, district="Aalborg Midtby", active=True):
    return Place.create(name=name, district=district, kind="park", active=active,
                        sort_name=danish_sort_key(name))


def episode(place_id, **kw):
    values = dict(occurred_on=dt.date(2026, 3, 10), occurred_time="21.15", place_id=place_id,
                  category="råben", severity=2, reporter_kind="beboer", note="Råben ved bænkene")
    values.update(kw)
    return E.create(E.EpisodeInput(**values), now=NOW)


def errors_of(now=NOW, **kw):
    _, errors = E.clean(E.EpisodeInput(**kw), now)
    return errors


def test_time_sets_the_band_and_is_written_danish_or_iso(db):
    park = place("Kildeparken")
    row = episode(park.id, occurred_time="21.15", time_band="morgen")
    assert (row.occurred_time, row.time_band, row.time_text) == ("21:15", "aften", "21.15")
    assert row.place_name == "Kildeparken" and row.category_label == "Råben og skænderi"
    for typed, stored in (("14:30", "14:30"), ("9.05", "09:05"), ("kl. 7.00", "07:00"),
                          ("1430", "14:30"), ("21", "21:00")):
        assert E.parse_time(typed) == (stored, True)
    banded = episode(park.id, occurred_time="", time_band="nat")
    assert (banded.occurred_time, banded.time_text) == (None, "Nat (00–06)")


def test_validation_messages_in_danish(db):
    errors = errors_of(occurred_on=None, occurred_time="", time_band="", place_id=None,
                       category="slagsmål", severity=4, reporter_kind="nabo")
    assert errors == {"occurred_on": "Datoen skal udfyldes.",
                      "time_band": "Skriv et tidspunkt eller vælg et tidsrum.",
                      "place_id": "Vælg stedet, hvor hændelsen skete.",
                      "category": "Vælg en kategori fra listen.",
                      "severity": "Vælg alvor 1, 2 eller 3.",
                      "reporter_kind": "Vælg, hvem der anmeldte hændelsen."}
    bad_time = errors_of(occurred_on=NOW.date(), occurred_time="25.10", place_id=12345,
                         category="andet")["occurred_time"]
    assert bad_time.startswith("»25.10« er ikke et klokkeslæt")
    assert errors_of(occurred_on=NOW.date(), occurred_time="21", place_id=12345,
                     category="andet")["place_id"] == "Stedet findes ikke længere."


def test_an_episode_in_the_future_is_refused(db):
    park = place("Kildeparken")
    base = dict(place_id=park.id, category="hærværk")
    assert errors_of(occurred_on=dt.date(2026, 3, 13), occurred_time="08.00", **base) == {
        "occurred_on": E.FUTURE}
    # Today, later than now: the time is in the future; earlier is fine.
    assert errors_of(occurred_on=NOW.date(), occurred_time="15.41", **base) == {
        "occurred_time": "Hændelsen kan ikke ligge i fremtiden."}
    assert errors_of(occurred_on=NOW.date(), occurred_time="15.40", **base) == {}
    # A band that has not begun yet today.
    assert errors_of(occurred_on=NOW.date(), time_band="aften", **base) == {
        "time_band": E.FUTURE}
    assert errors_of(occurred_on=NOW.date(), time_band="eftermiddag", **base) == {}
    with pytest.raises(ValidationError):
        episode(park.id, occurred_on=dt.date(2026, 4, 1))
    assert Episode.select().count() == 0


def test_the_note_refuses_cpr_numbers_and_is_short(db):
    park = place("Kildeparken")
    with pytest.raises(ValidationError) as err:
        episode(park.id, note="Manden (010203-1234) råbte")
    assert set(err.value.errors) == {"note"} and "CPR-nummer" in err.value.errors["note"]
    longest = "x" * safety_terms.EPISODE_NOTE_MAX
    assert errors_of(occurred_on=NOW.date(), occurred_time="9", place_id=park.id,
                     category="andet", note=f"  {longest}\n") == {}
    assert errors_of(occurred_on=NOW.date(), occurred_time="9", place_id=park.id,
                     category="andet", note=longest + "y") == {
        "note": f"Noten må højst være {safety_terms.EPISODE_NOTE_MAX} tegn (den er "
                f"{safety_terms.EPISODE_NOTE_MAX + 1})."}
    assert Episode.select().count() == 0


def test_every_change_is_in_the_audit_trail(db):
    park, square = place("Kildeparken"), place("Budolfi Plads")
    row = episode(park.id)
    created = audit.history("episode", row.id)
    assert [e.action for e in created] == ["create"]
    assert created[0].label == "Kildeparken, 10.03.2026"
    assert created[0].changes["place"] == [None, "Kildeparken"]
    assert created[0].changes["category"] == [None, "Råben og skænderi"]
    assert created[0].changes["occurred_time"] == [None, "21.15"]
    assert set(created[0].changes) <= set(E.FIELD_LABELS)

    data = row.as_input()
    data.place_id, data.severity, data.note = square.id, 3, "Flasker smadret"
    changed = E.update(row.id, data, row.version, now=NOW)
    assert (changed.place_name, changed.severity, changed.version) == ("Budolfi Plads", 3, 2)
    update = audit.history("episode", row.id)[0]
    assert update.action == "update" and update.changes == {
        "place": ["Kildeparken", "Budolfi Plads"],
        "severity": ["2 – betydelig", "3 – alvorlig"],
        "note": ["Råben ved bænkene", "Flasker smadret"]}

    with pytest.raises(ConflictError):
        E.update(row.id, data, row.version, now=NOW)  # the version read before the change
    with pytest.raises(ConflictError):
        E.delete(row.id, row.version)
    E.delete(row.id, changed.version)
    deleted = audit.history("episode", row.id)[0]
    assert deleted.action == "delete" and deleted.changes["place"] == ["Budolfi Plads", None]
    with pytest.raises(NotFoundError):
        E.get(row.id)


def test_filters_and_order(db):
    park, square = place("Kildeparken"), place("Østre Anlæg")
    a = episode(park.id, occurred_on=dt.date(2026, 1, 5), occurred_time="", time_band="aften",
                category="hærværk", severity=1, note="Knust rude ved legepladsen")
    b = episode(park.id, occurred_on=dt.date(2026, 1, 5), occurred_time="13.00",
                category="affald", severity=3, note="Kanyler i sandkassen")
    c = episode(square.id, occurred_on=dt.date(2026, 2, 20), occurred_time="02.10",
                category="råben", severity=2, note="Høje råb, Ærgerlig stemning")
    d = episode(square.id, occurred_on=dt.date(2025, 12, 31), occurred_time="23.59",
                category="hærværk", severity=3, note="")

    def ids(**kw):
        flt = E.EpisodeFilter(**kw)
        found = [r.id for r in E.fetch(flt)]
        assert E.count(flt) == len(found)
        return found

    # Newest first; within a day the evening band after the 13.00 episode.
    assert ids() == [c.id, a.id, b.id, d.id]
    assert ids(descending=False) == [d.id, b.id, a.id, c.id]
    assert ids(place_id=park.id) == [a.id, b.id]
    assert ids(category="hærværk") == [a.id, d.id]
    assert ids(severity=3) == [b.id, d.id]
    assert ids(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31)) == [a.id, b.id]
    assert ids(search="kanyler") == [b.id] == ids(search="KANYLER")
    assert ids(search="ærgerlig høje") == [c.id]  # Danish letters ignore case too
    assert ids(search="rude kanyler") == []
    # Places in Danish order (Ø after K), the newest first within each.
    assert ids(sort="place", descending=False) == [a.id, b.id, c.id, d.id]
    assert ids(sort="place") == [c.id, d.id, a.id, b.id]
    # Categories by their label: Efterladt affald, Hærværk, Råben.
    assert ids(sort="category", descending=False) == [b.id, a.id, d.id, c.id]
    assert ids(sort="severity") == [b.id, d.id, c.id, a.id]
    assert [r.id for r in E.fetch(E.EpisodeFilter(), offset=1, limit=2)] == [a.id, b.id]
    # Page by page (the table scrolling) gives the same order as all at once, for every sort.
    for sort in E.SORT_COLUMNS:
        for descending in (True, False):
            whole = ids(sort=sort, descending=descending)
            for size in (1, 3):
                flt = E.EpisodeFilter(sort=sort, descending=descending)
                paged = [r.id for start in range(0, 4, size)
                         for r in E.fetch(flt, offset=start, limit=size)]
                assert paged == whole, (sort, descending, size)
            assert ids(sort=sort, descending=descending, place_id=park.id) == [
                i for i in whole if i in (a.id, b.id)]


def test_place_choices_are_active_places_in_danish_order(db):
    place("Østre Anlæg", "Aalborg Øst")
    kilde = place("Kildeparken")
    old = place("Aalborg Havn", active=False)
    place("Budolfi Plads")
    assert [p.name for p in E.place_choices()] == ["Budolfi Plads", "Kildeparken", "Østre Anlæg"]
    assert E.place_choices()[1] == E.PlaceChoice(kilde.id, "Kildeparken", "Aalborg Midtby")
    assert [p.name for p in E.place_choices(include_id=old.id)][-1] == "Aalborg Havn"
    assert len(E.place_choices(include_inactive=True)) == 4
