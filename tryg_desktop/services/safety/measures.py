"""Safety measured from outside the episode log (issue 15, point 9): surveys (the police's
tryghedsundersøgelse per district, a residents' survey) and tryghedsvandringer with their
findings, per place or per district (bydel) and period. The place page, the effort page and
the status report show them beside the episode trend, so perceived safety and recorded
episodes are read together. Every Danish text about a measure is made here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace

from peewee import JOIN, fn

from tryg_desktop import l10n
from tryg_desktop.date_input import MAX_YEAR, MIN_YEAR
from tryg_desktop.db import database
from tryg_desktop.db.place_models import Place, SafetyMeasure
from tryg_desktop.services import records, validation
from tryg_desktop.services.errors import NotFoundError, ValidationError
from tryg_desktop.services.privacy import contains_cpr

ENTITY = "safety_measure"
WHAT = "Målingen"
SURVEY, WALK = "undersøgelse", "tryghedsvandring"
KINDS = [(SURVEY, "Undersøgelse"), (WALK, "Tryghedsvandring")]
KIND_LABELS = dict(KINDS)
FIELD_LABELS = {"kind": "Type", "place": "Sted", "district": "Bydel", "period_start": "Fra",
                "period_end": "Til", "source": "Kilde", "value": "Andel trygge (%)",
                "respondents": "Besvarelser", "findings": "Fund / note"}
FINDINGS_MAX = 2000  # a walk's findings in a few lines, not a report
MINUS = "\u2212"
NBSP = "\u00a0"
_NUMBER = re.compile(r"[-+]?\d+([.,]\d+)?")
_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


@dataclass
class MeasureInput:
    kind: str = SURVEY
    place_id: int | None = None  # the place, or None for a district's measure
    district: str = ""  # the bydel, when there is no place
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    source: str = ""  # "Nordjyllands Politi, tryghedsundersøgelse"
    value: float | str | None = None  # per cent who feel safe; a form's text may use a comma
    respondents: int | str | None = None
    findings: str = ""


@dataclass(frozen=True)
class MeasureRow:
    id: int
    kind: str
    place_id: int | None
    place_name: str
    district: str  # the measure's own district ("" for a place's measure)
    place_district: str  # the place's district, for a place's measure
    period_start: dt.date
    period_end: dt.date
    source: str
    value: float | None
    respondents: int | None
    findings: str
    version: int
    previous: MeasureRow | None = None  # the one before from the same source and place/district

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def where(self) -> str:
        """'Kildeparken' or 'Aalborg Midtby (bydel)'."""
        return self.place_name if self.place_id is not None else f"{self.district} (bydel)"

    @property
    def scope(self) -> tuple:
        """What the measure is about: a place, or a district (case aside)."""
        if self.place_id is not None:
            return ("place", self.place_id)
        return ("district", self.district.casefold())

    @property
    def period_text(self) -> str:
        return period_text(self.period_start, self.period_end)

    @property
    def value_text(self) -> str:
        """'62 % trygge', or '' (a walk without a figure)."""
        return "" if self.value is None else f"{percent_text(self.value)} trygge"

    @property
    def result_text(self) -> str:
        """What the table's Resultat column shows: the share, else a walk's findings' first
        line."""
        if self.value is not None:
            extra = (f" ({l10n.format_integer(self.respondents)} besvarelser)"
                     if self.respondents else "")
            return self.value_text + extra
        return self.findings.split("\n", 1)[0]

    @property
    def change_points(self) -> float | None:
        if self.value is None or self.previous is None or self.previous.value is None:
            return None
        return round(self.value - self.previous.value, 1)

    @property
    def change_text(self) -> str:
        """'+4 procentpoint siden 2024', 'uændret siden 2024', or ''."""
        points = self.change_points
        if points is None:
            return ""
        since = f"siden {self.previous.period_text}"
        if points == 0:
            return f"uændret {since}"
        return f"{signed_number(points)} procentpoint {since}"

    def as_input(self) -> MeasureInput:
        return MeasureInput(**{f.name: getattr(self, f.name) for f in fields(MeasureInput)})


# -- Danish formatting -----------------------------------------------------------------------

def number_text(value: float) -> str:
    """'62' or '62,5' (one decimal at most)."""
    value = round(float(value), 1)
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def percent_text(value: float) -> str:
    return f"{number_text(value)}{NBSP}%"


def signed_number(value: float) -> str:
    """'+4', '−3,5' with the typographic minus the app uses everywhere."""
    sign = "+" if value > 0 else MINUS if value < 0 else "±"
    return f"{sign}{number_text(abs(value))}"


def period_text(start: dt.date, end: dt.date) -> str:
    """'2025' for a whole calendar year, else '01.03.2026–31.05.2026' (one day: '01.03.2026'),
    dates as the app writes them everywhere (l10n.short_date)."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    first = l10n.short_date(start)
    return first if start == end else f"{first}–{l10n.short_date(end)}"


def parse_number(value) -> float | None:
    """A number from a form's or a file's text ('62,5', '62.5', '62 %'); None when empty.
    Raises ValueError for text that is not one."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(NBSP, "").replace(" ", "").rstrip("%")
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    return float(text.replace(",", "."))


# -- validation ------------------------------------------------------------------------------

def clean(data: MeasureInput) -> tuple[MeasureInput, dict[str, str]]:
    """The normalised input and Danish field errors."""
    out = replace(data)
    errors: dict[str, str] = {}
    if out.kind not in KIND_LABELS:
        errors["kind"] = "Vælg en type fra listen (undersøgelse eller tryghedsvandring)."
    out.district, error = validation.line(out.district, "Bydelen")
    if error:
        errors["district"] = error
    elif out.district:  # "aalborg midtby" as the places write it, so the two meet
        out.district = _known_districts().get(out.district.casefold(), out.district)
    if out.place_id is not None and out.district:
        errors["district"] = "Vælg enten et sted eller en bydel, ikke begge."
    elif out.place_id is None and not out.district and "district" not in errors:
        errors["place_id"] = "Vælg et sted, eller skriv den bydel, målingen gælder."
    elif out.place_id is not None and not Place.select().where(
            Place.id == out.place_id).exists():
        errors["place_id"] = "Stedet findes ikke længere."
    for name in ("period_start", "period_end"):
        day = getattr(out, name)
        if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            errors[name] = f"Datoen skal ligge i årene {MIN_YEAR}–{MAX_YEAR}."
    if out.period_start is None:
        errors["period_start"] = "Skriv periodens første dag."
    if out.period_end is None:
        errors["period_end"] = "Skriv periodens sidste dag."
    elif (out.period_start is not None and out.period_end < out.period_start
          and "period_end" not in errors):
        errors["period_end"] = "Perioden kan ikke slutte, før den begynder."
    out.source, error = validation.required(out.source, "Kilden")
    if error:
        errors["source"] = error
    try:
        out.value = parse_number(out.value)
    except ValueError:
        errors["value"] = "Andelen trygge skal være et tal i procent, fx 62 eller 62,5."
    else:
        if out.value is not None and not 0 <= out.value <= 100:
            errors["value"] = "Andelen trygge skal ligge mellem 0 og 100 %."
        elif out.value is None and out.kind == SURVEY:
            errors["value"] = "Skriv, hvor mange procent der føler sig trygge."
    try:
        respondents = out.respondents
        if isinstance(respondents, str) and _THOUSANDS.fullmatch(respondents.strip()):
            respondents = respondents.replace(".", "")  # "1.204" as Danes write it
        respondents = parse_number(respondents)
    except ValueError:
        respondents = -1.5
    if respondents is not None and (respondents < 0 or respondents != int(respondents)):
        errors["respondents"] = "Antallet af besvarelser skal være et helt tal, 0 eller flere."
    else:
        out.respondents = None if respondents is None else int(respondents)
    out.findings = (out.findings or "").strip()
    if len(out.findings) > FINDINGS_MAX:
        errors["findings"] = (f"Teksten må højst være {l10n.format_integer(FINDINGS_MAX)} tegn "
                              f"(den er {l10n.format_integer(len(out.findings))}).")
    elif contains_cpr(out.findings):
        errors["findings"] = ("Teksten ser ud til at indeholde et CPR-nummer. Skriv hvad der "
                              "blev fundet, aldrig CPR-numre eller navne.")
    return out, errors


def _known_districts() -> dict[str, str]:
    from tryg_desktop.services.safety import places

    return {d.casefold(): d for d in places.districts()}


def _checked(data: MeasureInput) -> MeasureInput:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    return data


# -- writes ----------------------------------------------------------------------------------

def _values(data: MeasureInput) -> dict:
    return dict(kind=data.kind, place=data.place_id, district=data.district,
                period_start=data.period_start, period_end=data.period_end, source=data.source,
                value=data.value, respondents=data.respondents, findings=data.findings)


def _audit(data: MeasureInput) -> dict:
    """The Historik's values, in Danish."""
    return {"kind": KIND_LABELS.get(data.kind, data.kind),
            "place": _place_name(data.place_id) or None, "district": data.district,
            "period_start": l10n.short_date(data.period_start) if data.period_start else None,
            "period_end": l10n.short_date(data.period_end) if data.period_end else None,
            "source": data.source,
            "value": None if data.value is None else percent_text(data.value),
            "respondents": data.respondents, "findings": data.findings}


def _label(data: MeasureInput) -> str:
    """How the audit trail names it: 'Undersøgelse, Kildeparken, 2025'."""
    where = _place_name(data.place_id) or f"{data.district} (bydel)"
    return (f"{KIND_LABELS.get(data.kind, data.kind)}, {where}, "
            f"{period_text(data.period_start, data.period_end)}")


def create(data: MeasureInput) -> MeasureRow:
    data = _checked(data)
    with database.atomic():
        measure_id = records.insert(SafetyMeasure, ENTITY, _values(data), _label(data),
                                    _audit(data))
    return get(measure_id)


def create_many(items: list[MeasureInput]) -> list[MeasureRow]:
    """All or nothing, in one transaction (the import, the demo); each checked and audited."""
    checked = [_checked(item) for item in items]
    with database.atomic():
        ids = [records.insert(SafetyMeasure, ENTITY, _values(d), _label(d), _audit(d))
               for d in checked]
    return [get(measure_id) for measure_id in ids]


def update(measure_id: int, data: MeasureInput, version: int) -> MeasureRow:
    data = _checked(data)
    old = get(measure_id)
    with database.atomic():
        records.update(SafetyMeasure, ENTITY, WHAT, measure_id, version, _values(data),
                       _label(data), _audit(old.as_input()), _audit(data))
    return get(measure_id)


def delete(measure_id: int, version: int | None = None) -> None:
    old = get(measure_id)
    records.delete(SafetyMeasure, ENTITY, WHAT, measure_id, version, _label(old.as_input()),
                   _audit(old.as_input()))


# -- reads -----------------------------------------------------------------------------------

def _place_name(place_id: int | None) -> str:
    if place_id is None:
        return ""
    return Place.select(Place.name).where(Place.id == place_id).scalar() or ""


def _select():
    # .objects(): the place's columns on the measure itself, under their aliases.
    return (SafetyMeasure.select(SafetyMeasure, Place.name.alias("place_name"),
                                 Place.district.alias("place_district"))
            .join(Place, JOIN.LEFT_OUTER, on=(SafetyMeasure.place == Place.id)).objects())


def _row(m) -> MeasureRow:
    return MeasureRow(
        id=m.id, kind=m.kind, place_id=m.place_id, place_name=m.place_name or "",
        district=m.district, place_district=m.place_district or "",
        period_start=m.period_start, period_end=m.period_end, source=m.source,
        value=m.value, respondents=m.respondents, findings=m.findings, version=m.version)


def get(measure_id: int) -> MeasureRow:
    found = list(_select().where(SafetyMeasure.id == measure_id))
    if not found:
        raise NotFoundError(f"Målingen findes ikke (id {measure_id}).")
    return _with_previous([_row(found[0])], _fetch(_scope_condition(found[0])))[0]


def _scope_condition(m):
    if m.place_id is not None:
        return SafetyMeasure.place == m.place_id
    return SafetyMeasure.place.is_null() & (fn.lower(SafetyMeasure.district)
                                            == m.district.lower())


def _fetch(condition=None) -> list[MeasureRow]:
    """Newest first."""
    query = _select()
    if condition is not None:
        query = query.where(condition)
    query = query.order_by(SafetyMeasure.period_end.desc(), SafetyMeasure.period_start.desc(),
                           SafetyMeasure.id.desc())
    return [_row(m) for m in query]


def _with_previous(rows: list[MeasureRow], pool: list[MeasureRow]) -> list[MeasureRow]:
    """Each row with the measure before it from the same source and place/district: the
    newest with a figure that ended before this one ended."""
    out = []
    for row in rows:
        earlier = [p for p in pool if p.id != row.id and p.scope == row.scope
                   and p.source.casefold() == row.source.casefold() and p.value is not None
                   and p.period_end < row.period_end]
        previous = max(earlier, key=lambda p: (p.period_end, p.period_start, p.id), default=None)
        out.append(replace(row, previous=previous))
    return out


def _for_places_condition(place_ids: list[int]):
    districts = {d.lower() for (d,) in Place.select(Place.district)
                 .where(Place.id.in_(place_ids)).tuples() if d}
    condition = SafetyMeasure.place.in_(place_ids)
    if districts:
        condition |= (SafetyMeasure.place.is_null()
                      & fn.lower(SafetyMeasure.district).in_(sorted(districts)))
    return condition


def for_place(place_id: int) -> list[MeasureRow]:
    """The place's own measures and its district's, newest first."""
    return for_places([place_id])


def for_places(place_ids: list[int]) -> list[MeasureRow]:
    """The places' own measures and their districts' (each once), newest first."""
    if not place_ids:
        return []
    rows = _fetch(_for_places_condition(list(place_ids)))
    return _with_previous(rows, rows)


def in_period(place_ids: list[int] | None, start: dt.date, end: dt.date) -> list[MeasureRow]:
    """Measures whose period overlaps start–end, for the places and their districts (None:
    all), newest first; the change is against the measure before, even from before start."""
    if place_ids is None:
        rows = _fetch()
    elif not place_ids:
        return []
    else:
        rows = _fetch(_for_places_condition(list(place_ids)))
    shown = [r for r in rows if r.period_end >= start and r.period_start <= end]
    return _with_previous(shown, rows)


def all_measures(place_id: int | None = None) -> list[MeasureRow]:
    """Every measure (or a place's and its district's), newest first: the command line's
    list."""
    if place_id is not None:
        return for_place(place_id)
    rows = _fetch()
    return _with_previous(rows, rows)


def count() -> int:
    return SafetyMeasure.select().count()


# -- the sentences ---------------------------------------------------------------------------

def latest_changes(rows: list[MeasureRow], first_place_ids: list[int] = ()) -> list[MeasureRow]:
    """Per place or district, its newest measure with a change; the places named in
    first_place_ids first (a page's own place before its district), then the others as they
    come (newest first)."""
    seen: dict[tuple, MeasureRow] = {}
    for row in rows:
        if row.change_points is not None and row.scope not in seen:
            seen[row.scope] = row
    found = list(seen.values())
    return sorted(found, key=lambda r: r.place_id not in first_place_ids)


def change_sentence(row: MeasureRow) -> str:
    """'Andelen trygge i Kildeparken steg fra 58 % til 64 % (målt 2025 og 2026, Kilde).'"""
    return _rise_or_fall(row) + "."


def _rise_or_fall(row: MeasureRow) -> str:
    before, after = row.previous.value, row.value
    points = row.change_points
    verb = ("steg" if points > 0 else "faldt") if points else "var uændret"
    # "og", not an arrow: the report's font has none.
    span = f"(målt {row.previous.period_text} og {row.period_text}, {row.source})"
    if not points:
        return f"Andelen trygge i {row.where} {verb} på {percent_text(after)} {span}"
    return (f"Andelen trygge i {row.where} {verb} fra {percent_text(before)} til "
            f"{percent_text(after)} {span}")


def episodes_clause(episode_change: int | None) -> str:
    """', mens hændelserne faldt 34 %' for the comparison's change in whole per cent."""
    if episode_change is None:
        return ""
    if episode_change == 0:
        return ", mens antallet af hændelser var uændret"
    verb = "faldt" if episode_change < 0 else "steg"
    return f", mens hændelserne {verb} {abs(episode_change)}{NBSP}%"


def trend_sentence(rows: list[MeasureRow], episode_change: int | None,
                   place_ids: list[int] = ()) -> str:
    """Perceived safety next to the episode trend, in one sentence: 'Andelen trygge i
    Kildeparken steg fra 58 % til 64 % (…), mens hændelserne faldt 34 %.' Without two
    measures to compare, the newest share alone; '' without any share."""
    changes = latest_changes(rows, list(place_ids))
    if changes:
        return _rise_or_fall(changes[0]) + episodes_clause(episode_change) + "."
    newest = next((r for r in rows if r.value is not None), None)
    if newest is None:
        return ""
    return (f"Seneste måling: {newest.value_text} i {newest.where} ({newest.period_text}, "
            f"{newest.source}){episodes_clause(episode_change)}.")
