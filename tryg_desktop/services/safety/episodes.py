"""The anonymous episode log (hændelser): when, where, what kind, how serious and who reported
it, with a short note that may never say who was involved; and the Hændelser list."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import astuple, dataclass, fields, replace

from peewee import Case, fn

from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.db.search import search_terms
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services import records
from tryg_desktop.services.safety import safety_terms
from tryg_desktop.services.errors import ConnectionLostError, NotFoundError, ValidationError
from tryg_desktop.services.privacy import contains_cpr, quoted

ENTITY = "episode"
WHAT = "Hændelsen"
FIELD_LABELS = {
    "occurred_on": "Dato", "occurred_time": "Tidspunkt", "time_band": "Tidsrum", "place": "Sted",
    "category": "Kategori", "severity": "Alvor", "reporter_kind": "Anmeldt af", "note": "Note",
}
SORT_COLUMNS = ("date", "place", "category", "severity", "reporter")
FUTURE = "Hændelsen kan ikke ligge i fremtiden."
# "14:30", "14.30", "1430", "9.05", "kl. 21.15", or only the hour ("21").
_TIME = re.compile(r"(?:kl\.?\s*)?(\d{1,2})(?:[:.]?(\d{2}))?", re.IGNORECASE)


@dataclass
class EpisodeInput:
    occurred_on: dt.date | None = None
    occurred_time: str | None = None  # "HH:MM" (also "HH.MM" as Danes write it), or None
    time_band: str = ""  # set from the time when there is one
    place_id: int | None = None
    category: str = ""
    severity: int = 1
    reporter_kind: str = "andet"
    note: str = ""


@dataclass(frozen=True)
class EpisodeRow:
    id: int
    occurred_on: dt.date
    occurred_time: str | None
    time_band: str
    place_id: int
    place_name: str
    category: str
    severity: int
    reporter_kind: str
    note: str
    version: int

    @property
    def category_label(self) -> str:
        return safety_terms.CATEGORY_LABELS.get(self.category, self.category)

    @property
    def severity_label(self) -> str:
        return safety_terms.SEVERITY_LABELS.get(self.severity, str(self.severity))

    @property
    def reporter_label(self) -> str:
        return safety_terms.REPORTER_LABELS.get(self.reporter_kind, self.reporter_kind)

    @property
    def time_text(self) -> str:
        return safety_terms.time_text(self.occurred_time, self.time_band)

    @property
    def note_first_line(self) -> str:
        return self.note.split("\n", 1)[0]

    def as_input(self) -> EpisodeInput:
        return EpisodeInput(**{f.name: getattr(self, f.name) for f in fields(EpisodeInput)})


@dataclass(frozen=True)
class PlaceChoice:
    id: int
    name: str
    district: str


@dataclass
class EpisodeFilter:
    search: str = ""  # words in the note
    place_id: int | None = None
    category: str | None = None
    severity: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "date"
    descending: bool = True  # newest first


def parse_time(text: str | None) -> tuple[str | None, bool]:
    """("HH:MM" or None for an empty text, whether the text was a valid time)."""
    text = (text or "").strip()
    if not text:
        return None, True
    match = _TIME.fullmatch(text)
    if match is None:
        return None, False
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None, False
    return f"{hour:02d}:{minute:02d}", True


def clean(data: EpisodeInput, now: dt.datetime | None = None
          ) -> tuple[EpisodeInput, dict[str, str]]:
    """The normalised input and Danish field errors. `now` is local time (tests pin it)."""
    now = now or dt.datetime.now()
    out = replace(data)
    errors: dict[str, str] = {}
    time, valid = parse_time(out.occurred_time)
    out.occurred_time = time
    if not valid:
        errors["occurred_time"] = (f"{quoted(data.occurred_time.strip())} er ikke et klokkeslæt. "
                                   "Skriv fx 14.30 eller 14:30.")
    elif time is not None:
        out.time_band = safety_terms.band_of(time)
    elif out.time_band not in safety_terms.TIME_BAND_LABELS:
        errors["time_band"] = "Skriv et tidspunkt eller vælg et tidsrum."
    if out.occurred_on is None:
        errors["occurred_on"] = "Datoen skal udfyldes."
    elif out.occurred_on > now.date():
        errors["occurred_on"] = FUTURE
    elif out.occurred_on == now.date():
        if time is not None and time > now.strftime("%H:%M"):
            errors["occurred_time"] = FUTURE
        elif (time is None and out.time_band in safety_terms.BAND_HOURS
              and safety_terms.BAND_HOURS[out.time_band][0] > now.hour):
            errors["time_band"] = FUTURE
    if out.place_id is None:
        errors["place_id"] = "Vælg stedet, hvor hændelsen skete."
    elif not _place_exists(out.place_id):
        errors["place_id"] = "Stedet findes ikke længere."
    if out.category not in safety_terms.CATEGORY_LABELS:
        errors["category"] = "Vælg en kategori fra listen."
    if out.severity not in safety_terms.SEVERITY_LABELS:
        errors["severity"] = "Vælg alvor 1, 2 eller 3."
    if out.reporter_kind not in safety_terms.REPORTER_LABELS:
        errors["reporter_kind"] = "Vælg, hvem der anmeldte hændelsen."
    out.note = (out.note or "").strip()
    if len(out.note) > safety_terms.EPISODE_NOTE_MAX:
        errors["note"] = (f"Noten må højst være {safety_terms.EPISODE_NOTE_MAX} tegn "
                          f"(den er {len(out.note)}).")
    elif contains_cpr(out.note):
        errors["note"] = ("Noten ser ud til at indeholde et CPR-nummer. Hændelser er anonyme: "
                          "skriv aldrig CPR-numre eller navne.")
    return out, errors


def _place_name(place_id: int | None) -> str:
    if place_id is None:
        return ""
    return Place.select(Place.name).where(Place.id == place_id).scalar() or ""


def row_values(data: EpisodeInput) -> dict:
    """The columns of a new episode. Shared with the demo's bulk load."""
    return dict(occurred_on=data.occurred_on, occurred_time=data.occurred_time,
                time_band=data.time_band, place=data.place_id, category=data.category,
                severity=data.severity, reporter_kind=data.reporter_kind, note=data.note)


def audit_values(data: EpisodeInput, place_name: str) -> dict:
    """The Historik's values, in Danish. Shared with the demo's bulk load."""
    return {
        "occurred_on": f"{data.occurred_on:%d.%m.%Y}",
        "occurred_time": data.occurred_time.replace(":", ".") if data.occurred_time else None,
        "time_band": safety_terms.TIME_BAND_LABELS.get(data.time_band, data.time_band),
        "place": place_name or None,
        "category": safety_terms.CATEGORY_LABELS.get(data.category, data.category),
        "severity": safety_terms.SEVERITY_LABELS.get(data.severity, data.severity),
        "reporter_kind": safety_terms.REPORTER_LABELS.get(data.reporter_kind, data.reporter_kind),
        "note": data.note,
    }


def audit_label(data: EpisodeInput, place_name: str) -> str:
    """How the audit trail and the Oversigt name the episode: "Kildeparken, 12.03.2026"."""
    return f"{place_name}, {data.occurred_on:%d.%m.%Y}"


def _checked(data: EpisodeInput, now: dt.datetime | None) -> EpisodeInput:
    data, errors = clean(data, now)
    if errors:
        raise ValidationError(errors)
    return data


def _place_exists(place_id: int) -> bool:
    try:
        return Place.select().where(Place.id == place_id).exists()
    except ConnectionLostError:
        return True  # chosen from the list; checked again when the kept save is delivered


def create(data: EpisodeInput, now: dt.datetime | None = None) -> EpisodeRow:
    """One insert and one audit row, each found by primary key: no scan of the log."""
    data = _checked(data, now)
    place = _place_name(data.place_id)
    record_id = records.insert(Episode, ENTITY, row_values(data), audit_label(data, place),
                               audit_values(data, place))
    return get(record_id)


def update(episode_id: int, data: EpisodeInput, version: int,
           now: dt.datetime | None = None) -> EpisodeRow:
    data = _checked(data, now)
    old = get(episode_id)
    place = _place_name(data.place_id)
    records.update(Episode, ENTITY, WHAT, episode_id, version, row_values(data),
                   audit_label(data, place), audit_values(old.as_input(), old.place_name),
                   audit_values(data, place))
    return get(episode_id)


def delete(episode_id: int, version: int | None = None) -> None:
    old = get(episode_id)
    data = old.as_input()
    records.delete(Episode, ENTITY, WHAT, episode_id, version, audit_label(data, old.place_name),
                   audit_values(data, old.place_name))


def get(episode_id: int) -> EpisodeRow:
    row = _select().where(Episode.id == episode_id).first()
    if row is None:
        raise NotFoundError(f"Hændelsen findes ikke (id {episode_id}).")
    return _row(row)


def place_choices(include_id: int | None = None,
                  include_inactive: bool = False) -> list[PlaceChoice]:
    """Active places in Danish order, for the form's place field; include_id keeps an edited
    episode's own place even when that place has since been deactivated. The list's filter
    includes inactive places: their old episodes still count."""
    query = Place.select(Place.id, Place.name, Place.district)
    if not include_inactive:
        condition = Place.active == True  # noqa: E712
        if include_id is not None:
            condition |= Place.id == include_id
        query = query.where(condition)
    query = query.order_by(Place.sort_name, Place.id).tuples()
    return [PlaceChoice(*row) for row in query]


# -- the list --------------------------------------------------------------------------------

def _select():
    return (Episode.select(Episode, Place.name.alias("place_name"))
            .join(Place, on=(Episode.place == Place.id)).objects())


def _where(query, flt: EpisodeFilter):
    for term in search_terms(flt.search):
        # SQLite's LIKE ignores case for ASCII letters by itself, a third as costly as calling
        # the Danish lower() on every note; a word with æ, ø or å needs that lower().
        note = Episode.note if term.isascii() else fn.lower(Episode.note)
        query = query.where(note.contains(term))
    if flt.place_id is not None:
        query = query.where(Episode.place == flt.place_id)
    if flt.category is not None:
        query = query.where(Episode.category == flt.category)
    if flt.severity is not None:
        query = query.where(Episode.severity == flt.severity)
    if flt.date_from is not None:
        query = query.where(Episode.occurred_on >= flt.date_from)
    if flt.date_to is not None:
        query = query.where(Episode.occurred_on <= flt.date_to)
    return query


def _by_label(pairs: list[tuple]) -> list:
    """The codes of a vocabulary in the Danish order of their labels, as the list reads."""
    return [code for code, _ in sorted(pairs, key=lambda pair: danish_sort_key(pair[1]))]


def _newest_first(descending: bool = True) -> list:
    # Within a day: the exact time, else the band's start ("aften" after "eftermiddag").
    band_start = Case(Episode.time_band, [(band, f"{low:02d}:00") for band, (low, _) in
                                          safety_terms.BAND_HOURS.items()], "00:00")
    keys = [Episode.occurred_on, fn.COALESCE(Episode.occurred_time, band_start), Episode.id]
    return [k.desc() for k in keys] if descending else keys


def _sorted_values(flt: EpisodeFilter):
    """For a sort by place, category, severity or reporter: the column and its values in list
    order. None for the date order, which the (occurred_on, …) index gives directly."""
    if flt.sort == "place":
        return Episode.place, [p.id for p in Place.select(Place.id).order_by(Place.sort_name,
                                                                             Place.id)]
    if flt.sort == "category":
        return Episode.category, _by_label(safety_terms.EPISODE_CATEGORIES)
    if flt.sort == "severity":
        return Episode.severity, [value for value, _ in safety_terms.SEVERITIES]
    if flt.sort == "reporter":
        return Episode.reporter_kind, _by_label(safety_terms.REPORTER_KINDS)
    return None


_last_counts: dict = {}  # the counts behind the first page, reused while the view scrolls


def _value_counts(flt: EpisodeFilter, column, fresh: bool) -> dict:
    """Rows per value of the sort column (some 50 ms at 200,000 episodes). Counted for the
    first page; the following pages of the same list reuse the figure, as a scrolled view
    would otherwise count again for every hundred rows."""
    key = (astuple(replace(flt, descending=False)), column.name)
    if fresh or key not in _last_counts:
        _last_counts.clear()
        _last_counts[key] = dict(_where(Episode.select(column, fn.COUNT(Episode.id)), flt)
                                 .group_by(column).tuples())
    return _last_counts[key]


def fetch(flt: EpisodeFilter, offset: int = 0, limit: int = 200) -> list[EpisodeRow]:
    """One page of rows in the filter's order, for a paged table model.

    Sorting 200,000 episodes by a column no index starts with takes a quarter of a second, on
    every page the view scrolls to. Those columns hold few values, so the page is read value by
    value instead: how many rows each value has (one grouped count), then only the values the
    page covers, each newest first along the date index."""
    by_value = _sorted_values(flt)
    if by_value is None:
        query = _where(_select(), flt).order_by(*_newest_first(flt.descending))
        return [_row(e) for e in query.offset(offset).limit(limit)]
    column, values = by_value
    counts = _value_counts(flt, column, fresh=offset == 0)
    values = [v for v in values if v in counts] + sorted(set(counts) - set(values), key=str)
    rows: list[EpisodeRow] = []
    for value in reversed(values) if flt.descending else values:
        if offset >= counts[value]:
            offset -= counts[value]
            continue
        query = (_where(_select(), flt).where(column == value).order_by(*_newest_first())
                 .offset(offset).limit(limit - len(rows)))
        rows += [_row(e) for e in query]
        offset = 0
        if len(rows) >= limit:
            break
    return rows


def all_rows(flt: EpisodeFilter) -> list[EpisodeRow]:
    """Every episode of the filter, oldest first (an export reads a period as it happened)."""
    query = _where(_select(), flt).order_by(*_newest_first(descending=False))
    return [_row(e) for e in query.iterator()]


def count(flt: EpisodeFilter) -> int:
    # Without the join: every filter is on the episode itself, so an index answers.
    return _where(Episode.select(), flt).count()


def _row(e) -> EpisodeRow:
    return EpisodeRow(
        id=e.id, occurred_on=e.occurred_on, occurred_time=e.occurred_time,
        time_band=e.time_band, place_id=e.place_id,
        place_name=getattr(e, "place_name", None) or "", category=e.category,
        severity=e.severity, reporter_kind=e.reporter_kind, note=e.note, version=e.version)
