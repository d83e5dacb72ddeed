"""Safety measured from outside (issue 15, point 9): surveys and tryghedsvandringer per place
or district, validated in Danish, audited, version-checked, and read beside the episodes."""

import datetime as dt
import json

import pytest

from tryg_desktop.db.models import AuditEntry
from tryg_desktop.services.errors import ConflictError, ValidationError
from tryg_desktop.services.safety import measures as M
from tryg_desktop.services.safety import places as P


@pytest.fixture
def city(db):
    park = P.create(P.PlaceInput(name="Kildeparken", district="Aalborg Midtby", kind="park"))
    other = P.create(P.PlaceInput(name="Nørresundby Torv", district="Nørresundby", kind="plads"))
    return park, other


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def survey(place=None, district="", year=2025, value=58, source="Beboerundersøgelse",
           **extra) -> M.MeasureInput:
    start, end = _year(year)
    return M.MeasureInput(kind=M.SURVEY, place_id=place, district=district, period_start=start,
                          period_end=end, source=source, value=value, **extra)


def _errors(data: M.MeasureInput) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        M.create(data)
    return caught.value.errors


def test_bad_input_is_refused_in_danish_field_by_field(city):
    park, _ = city
    assert _errors(survey(park.id, value="101")) == {
        "value": "Andelen trygge skal ligge mellem 0 og 100 %."}
    assert _errors(survey(park.id, value="mange"))["value"].startswith(
        "Andelen trygge skal være et tal")
    assert _errors(survey(park.id, value=None))["value"] == (
        "Skriv, hvor mange procent der føler sig trygge.")
    assert _errors(survey(park.id, respondents="-3"))["respondents"] == (
        "Antallet af besvarelser skal være et helt tal, 0 eller flere.")
    assert _errors(survey(park.id, district="Aalborg Midtby"))["district"] == (
        "Vælg enten et sted eller en bydel, ikke begge.")
    assert _errors(survey())["place_id"] == (
        "Vælg et sted, eller skriv den bydel, målingen gælder.")
    assert _errors(survey(park.id, source=" "))["source"] == "Kilden skal udfyldes."
    late = survey(park.id)
    late.period_end = dt.date(2024, 12, 31)
    assert _errors(late)["period_end"] == "Perioden kan ikke slutte, før den begynder."
    old = survey(park.id)
    old.period_start = dt.date(1850, 1, 1)
    assert _errors(old)["period_start"].startswith("Datoen skal ligge i årene")
    assert _errors(M.MeasureInput(kind="spørgeskema", place_id=park.id,
                                  period_start=dt.date(2025, 1, 1),
                                  period_end=dt.date(2025, 1, 1), source="X"))["kind"].startswith(
        "Vælg en type")
    walk = M.MeasureInput(kind=M.WALK, place_id=park.id, period_start=dt.date(2026, 3, 4),
                          period_end=dt.date(2026, 3, 4), source="Tryghedsvandring",
                          findings="Vi mødte 010190-1234 ved bænken")
    assert "CPR-nummer" in _errors(walk)["findings"]
    assert M.count() == 0


def test_create_update_delete_are_audited_and_version_checked(city):
    park, _ = city
    row = M.create(survey(park.id, value="58,5", respondents="212"))
    assert (row.value, row.respondents, row.value_text) == (58.5, 212, "58,5\u00a0% trygge")
    assert (row.kind_label, row.where, row.period_text) == ("Undersøgelse", "Kildeparken", "2025")
    created = AuditEntry.get((AuditEntry.entity == "safety_measure")
                             & (AuditEntry.action == "create"))
    assert created.label == "Undersøgelse, Kildeparken, 2025"
    assert json.loads(created.changes)["value"] == [None, "58,5\u00a0%"]

    changed = M.update(row.id, M.MeasureInput(**{**row.as_input().__dict__, "value": 60}),
                       row.version)
    assert (changed.value, changed.version) == (60, 2)
    entry = AuditEntry.get((AuditEntry.entity == "safety_measure")
                           & (AuditEntry.action == "update"))
    assert json.loads(entry.changes) == {"value": ["58,5\u00a0%", "60\u00a0%"]}
    with pytest.raises(ConflictError):  # someone saved in between: never a silent overwrite
        M.update(row.id, row.as_input(), row.version)
    M.delete(row.id, changed.version)
    assert M.count() == 0
    assert AuditEntry.select().where((AuditEntry.entity == "safety_measure")
                                     & (AuditEntry.action == "delete")).count() == 1


def test_a_place_shows_its_own_and_its_districts_measures_with_the_change(city):
    park, other = city
    M.create(survey(district="Aalborg Midtby", year=2024, value=71, source="Nordjyllands Politi"))
    police = M.create(survey(district="aalborg midtby", year=2025, value=68.5,
                             source="Nordjyllands Politi"))
    M.create(survey(park.id, year=2025, value=58))
    own = M.create(survey(park.id, year=2026, value=64))
    M.create(survey(district="Nørresundby", year=2025, value=80, source="Nordjyllands Politi"))
    M.create(survey(other.id, year=2025, value=50))
    walk = M.create(M.MeasureInput(kind=M.WALK, place_id=park.id,
                                   period_start=dt.date(2026, 3, 1),
                                   period_end=dt.date(2026, 5, 31), source="Tryghedsvandring",
                                   findings="Mørk sti langs Vesterbro\nBænk flyttet"))

    rows = M.for_place(park.id)
    assert [(r.where, r.period_text) for r in rows] == [
        ("Kildeparken", "2026"), ("Kildeparken", "01.03.2026–31.05.2026"),
        ("Kildeparken", "2025"), ("Aalborg Midtby (bydel)", "2025"),
        ("Aalborg Midtby (bydel)", "2024")]
    by_id = {r.id: r for r in rows}
    assert by_id[own.id].change_text == "+6 procentpoint siden 2025"
    assert by_id[police.id].change_text == "\u22122,5 procentpoint siden 2024"
    assert by_id[walk.id].change_text == "" and by_id[walk.id].result_text == (
        "Mørk sti langs Vesterbro")
    # The place's own change first, then the district's.
    assert [r.id for r in M.latest_changes(rows, [park.id])] == [own.id, police.id]
    assert M.trend_sentence(rows, -34, [park.id]) == (
        "Andelen trygge i Kildeparken steg fra 58\u00a0% til 64\u00a0% (målt 2025 og 2026, "
        "Beboerundersøgelse), mens hændelserne faldt 34\u00a0%.")
    assert M.change_sentence(by_id[police.id]) == (
        "Andelen trygge i Aalborg Midtby (bydel) faldt fra 71\u00a0% til 68,5\u00a0% "
        "(målt 2024 og 2025, Nordjyllands Politi).")
    # An effort at both places: each place's and each district's once.
    assert len(M.for_places([park.id, other.id, park.id])) == 7


def test_the_report_gets_the_period_with_changes_from_before_it(city):
    park, _ = city
    M.create(survey(park.id, year=2024, value=55))
    M.create(survey(park.id, year=2025, value=58))
    rows = M.in_period([park.id], dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert [r.period_text for r in rows] == ["2025"]
    assert rows[0].change_text == "+3 procentpoint siden 2024"
    assert len(M.in_period(None, dt.date(2024, 6, 1), dt.date(2025, 6, 1))) == 2
    assert M.in_period([], dt.date(2024, 1, 1), dt.date(2026, 1, 1)) == []


def test_without_two_figures_the_sentence_gives_the_newest_share(city):
    park, _ = city
    assert M.trend_sentence([], -10) == ""
    M.create(survey(park.id, year=2025, value=62))
    assert M.trend_sentence(M.for_place(park.id), None) == (
        "Seneste måling: 62\u00a0% trygge i Kildeparken (2025, Beboerundersøgelse).")


def test_the_demo_tells_kildeparkens_story(db):
    """The demo's measures (resources/demo/measures.json): the residents' survey before and
    after the effort's start, two walks, the police's survey for the district two years."""
    from tryg_desktop.services.demo import demo

    today = dt.date(2026, 12, 3)
    demo.load_demo(today=today)
    park = next(p for p in P.list_places() if p.name == "Kildeparken")
    rows = M.for_place(park.id)
    assert [r.kind for r in rows].count(M.WALK) == 2
    assert {r.where for r in rows} == {"Kildeparken", "Aalborg Midtby (bydel)"}
    police = [r for r in rows if r.place_id is None]
    assert [r.period_text for r in police] == ["2025", "2024"]
    assert M.trend_sentence(rows, -30, [park.id]).startswith(
        "Andelen trygge i Kildeparken steg fra 58\u00a0% til 64\u00a0%")
    demo.load_demo(today=today)  # loading twice adds none
    assert len(M.for_place(park.id)) == len(rows)


@pytest.mark.server_only("NOTIFY and LISTEN exist on the server only")
def test_a_colleague_hears_of_a_new_measure_on_the_server(db, city):
    """Migration step 16's trigger: the change is announced (ids only), so a colleague's place
    page reloads."""
    import psycopg

    park, _ = city
    with psycopg.connect(db.database, autocommit=True) as colleague:
        colleague.execute("LISTEN tryg_changes")
        row = M.create(survey(park.id, findings="Mørk sti"))
        payloads = [json.loads(n.payload)
                    for n in colleague.notifies(timeout=2, stop_after=1)]
    assert payloads and payloads[0]["table"] == "safety_measure"
    assert payloads[0]["id"] == row.id and payloads[0]["action"] == "insert"
    assert "Mørk" not in json.dumps(payloads[0])
