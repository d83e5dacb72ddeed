"""Places (steder): the parks, squares, streets and neighbourhoods the work is about; a place's
page shows every forum, meeting, action, effort and episode linked to it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, fields, replace

from peewee import fn

from tryg_desktop.db import database, derived, not_for_index
from tryg_desktop.db.place_models import Episode, Place
from tryg_desktop.db.search import matching_every_term
from tryg_desktop.l10n import danish_sort_key
from tryg_desktop.services import records, validation
from tryg_desktop.services.errors import NotFoundError, ServiceError, ValidationError
from tryg_desktop.services.privacy import quoted
from tryg_desktop.services.safety.safety_terms import (
    CATEGORY_LABELS,
    PLACE_KIND_LABELS,
    time_text,
)

ENTITY = "place"
WHAT = "Stedet"
FIELD_LABELS = {"name": "Navn", "district": "Bydel", "kind": "Type", "latitude": "Breddegrad",
                "longitude": "Længdegrad", "notes": "Noter", "active": "Aktiv"}
# Denmark with a margin (Bornholm included): a place outside is a typing error, most often
# latitude and longitude swapped.
LATITUDE_RANGE = (54.4, 57.9)
LONGITUDE_RANGE = (7.9, 15.3)
RECENT_EPISODES = 10
PAST_MEETINGS = 20


@dataclass
class PlaceInput:
    name: str = ""
    district: str = ""
    kind: str = "andet"
    latitude: float | str | None = None  # text from a form may use a Danish decimal comma
    longitude: float | str | None = None
    notes: str = ""
    active: bool = True


@dataclass(frozen=True)
class PlaceRow:
    id: int
    name: str
    district: str
    kind: str
    latitude: float | None
    longitude: float | None
    notes: str
    active: bool
    version: int
    episodes_12m: int | None = None  # filled by list_places(episodes_since=…) only

    @property
    def kind_label(self) -> str:
        return PLACE_KIND_LABELS.get(self.kind, self.kind)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def as_input(self) -> PlaceInput:
        return PlaceInput(**{f.name: getattr(self, f.name) for f in fields(PlaceInput)})


@dataclass(frozen=True)
class EpisodeBrief:
    """An episode as a place's page lists it (the episode log itself is
    services/safety/episodes.py)."""
    id: int
    occurred_on: dt.date
    occurred_time: str | None
    time_band: str
    category: str
    severity: int
    note: str

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.category, self.category)

    @property
    def when_text(self) -> str:
        return time_text(self.occurred_time, self.time_band)


@dataclass(frozen=True)
class PlaceLinks:
    place: PlaceRow
    forums: list  # forums.ForumRow
    upcoming_meetings: list  # meetings.MeetingRow, soonest first
    past_meetings: list  # meetings.MeetingRow, newest first (at most PAST_MEETINGS)
    actions: list  # actions.ActionRow, by deadline
    efforts: list  # efforts.EffortRow
    episodes_12m: int  # episodes in the last 12 months (statistics.last_12_months)
    recent_episodes: list[EpisodeBrief]  # newest first (at most RECENT_EPISODES)
    today: dt.date

    @property
    def actions_open(self) -> int:
        return sum(1 for a in self.actions if a.is_open)

    @property
    def actions_done(self) -> int:
        return sum(1 for a in self.actions if a.status == "udført")

    @property
    def actions_overdue(self) -> int:
        return sum(1 for a in self.actions if a.is_overdue(self.today))


# -- validation ------------------------------------------------------------------------------

def parse_coordinate(value) -> float | None:
    """A float from a number or from text such as "57,0488" or "57.0488"; None when empty.
    Raises ValueError for text that is not a number."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if not re.fullmatch(r"[-+]?\d+([.,]\d+)?", text):
        raise ValueError(text)
    return float(text.replace(",", "."))


def _coordinate(out: PlaceInput, name: str, what: str, bounds: tuple[float, float],
                errors: dict[str, str]) -> None:
    try:
        value = parse_coordinate(getattr(out, name))
    except ValueError:
        errors[name] = f"{what} skal være et tal, fx {_dk(bounds[0] + 2.6)}."
        return
    setattr(out, name, value)
    if value is not None and not bounds[0] <= value <= bounds[1]:
        errors[name] = (f"{what} skal ligge mellem {_dk(bounds[0])} og {_dk(bounds[1])} "
                        "(i Danmark). Er bredde- og længdegrad byttet om?")


def _dk(number: float) -> str:
    return f"{number:.1f}".replace(".", ",")


def clean(data: PlaceInput, place_id: int | None = None) -> tuple[PlaceInput, dict[str, str]]:
    """The normalised input and Danish field errors; place_id is the place being edited (its
    own name is not a duplicate)."""
    out = replace(data)
    errors: dict[str, str] = {}
    out.name, error = validation.required(out.name, "Navnet")
    if error:
        errors["name"] = error
    elif name_taken(out.name, place_id):
        errors["name"] = f"Der findes allerede et sted med navnet {quoted(out.name)}."
    for name in ("district", "notes"):
        value, error = validation.free_text(getattr(out, name))
        setattr(out, name, value)
        if error:
            errors[name] = error
    if out.kind not in PLACE_KIND_LABELS:
        errors["kind"] = "Vælg en type fra listen."
    _coordinate(out, "latitude", "Breddegraden", LATITUDE_RANGE, errors)
    _coordinate(out, "longitude", "Længdegraden", LONGITUDE_RANGE, errors)
    if "latitude" not in errors and "longitude" not in errors:
        if (out.latitude is None) != (out.longitude is None):
            missing = "latitude" if out.latitude is None else "longitude"
            errors[missing] = "Udfyld både bredde- og længdegrad, eller ingen af dem."
    out.active = bool(out.active)
    return out, errors


def name_taken(name: str, exclude_id: int | None = None) -> bool:
    # lower() is the Python one (db/connection.py), so Æ, Ø and Å fold too.
    query = Place.select().where(fn.lower(Place.name) == name.strip().lower())
    if exclude_id is not None:
        query = query.where(Place.id != exclude_id)
    return query.exists()


# -- writes ----------------------------------------------------------------------------------

def _values(data: PlaceInput) -> dict:
    return asdict(data)


def _audit(data: PlaceInput) -> dict:
    values = asdict(data)
    values["kind"] = PLACE_KIND_LABELS.get(data.kind, data.kind)
    return values


def _checked(data: PlaceInput, place_id: int | None = None) -> PlaceInput:
    data, errors = clean(data, place_id)
    if errors:
        raise ValidationError(errors)
    return data


def create(data: PlaceInput) -> PlaceRow:
    data = _checked(data)
    with database.atomic():
        place_id = records.insert(Place, ENTITY, _values(data), data.name, _audit(data))
        derived.changed(Place, [place_id])
    return get(place_id)


def update(place_id: int, data: PlaceInput, version: int) -> PlaceRow:
    data = _checked(data, place_id)
    old = get(place_id)
    with database.atomic():
        records.update(Place, ENTITY, WHAT, place_id, version, _values(data), data.name,
                       _audit(old.as_input()), _audit(data))
        derived.changed(Place, [place_id])  # its sort key and its meetings' search text
    return get(place_id)


def set_active(place_id: int, active: bool, version: int) -> PlaceRow:
    return update(place_id, replace(get(place_id).as_input(), active=active), version)


def episode_count(place_id: int) -> int:
    return Episode.select().where(Episode.place == place_id).count()


def delete(place_id: int, version: int | None = None) -> None:
    """Forums, meetings and actions lose the link; efforts drop the place. A place with
    episodes is kept (they would drop out of every figure): mark it inactive instead."""
    old = get(place_id)
    with database.atomic(), derived.deleting(Place, [place_id]):
        episodes = episode_count(place_id)
        if episodes:
            noun = "hændelse" if episodes == 1 else "hændelser"
            raise ServiceError(
                f"»{old.name}« kan ikke slettes, fordi der er registreret {episodes} {noun} "
                "på stedet. Markér stedet som inaktivt i stedet; så forsvinder det fra "
                "valglisterne, men tallene bevares.")
        records.delete(Place, ENTITY, WHAT, place_id, version, old.name, _audit(old.as_input()))


# -- reads -----------------------------------------------------------------------------------

def get(place_id: int) -> PlaceRow:
    place = Place.get_or_none(Place.id == place_id)
    if place is None:
        raise NotFoundError(f"Stedet findes ikke (id {place_id}).")
    return _row(place)


def list_places(search: str = "", district: str | None = None, kind: str | None = None,
                active: bool | None = True,
                episodes_since: dt.date | None = None) -> list[PlaceRow]:
    """Places in Danish order. active None: both. episodes_since: also count each place's
    episodes from that day on (one grouped query over the place/date index)."""
    query = Place.select()
    condition = matching_every_term(search, fn.lower(Place.name), fn.lower(Place.district),
                                    fn.lower(Place.notes))
    if condition is not None:
        query = query.where(condition)
    if district:
        query = query.where(Place.district == district)
    if kind:
        query = query.where(Place.kind == kind)
    if active is not None:
        query = query.where(not_for_index(Place.active) == active)
    places = list(query.order_by(Place.sort_name, Place.id))
    counts: dict[int, int] = {}
    if episodes_since is not None and places:
        counts = dict(Episode.select(Episode.place, fn.COUNT(Episode.id))
                      .where(Episode.occurred_on >= episodes_since)
                      .group_by(Episode.place).tuples())
    return [_row(p, counts.get(p.id, 0) if episodes_since is not None else None) for p in places]


@dataclass
class PlaceFilter:
    """The Steder page's filter; sorting is done here in Python (a city has hundreds of
    places, not thousands)."""
    search: str = ""
    district: str | None = None
    kind: str | None = None
    active: bool | None = True
    episodes_since: dt.date | None = None
    sort: str = "name"
    descending: bool = False


SORT_COLUMNS = ("name", "district", "kind", "episodes", "active")


def _sort_key(flt: PlaceFilter):
    name = lambda r: danish_sort_key(r.name)  # noqa: E731
    return {
        "name": name,
        "district": lambda r: (r.district == "", danish_sort_key(r.district), name(r)),
        "kind": lambda r: (danish_sort_key(r.kind_label), name(r)),
        "episodes": lambda r: (r.episodes_12m or 0, name(r)),
        "active": lambda r: (not r.active, name(r)),
    }[flt.sort if flt.sort in SORT_COLUMNS else "name"]


def fetch(flt: PlaceFilter, offset: int = 0, limit: int = 200) -> list[PlaceRow]:
    rows = list_places(flt.search, flt.district, flt.kind, flt.active, flt.episodes_since)
    if flt.sort != "name" or flt.descending:
        rows.sort(key=_sort_key(flt), reverse=flt.descending)
    return rows[offset:offset + limit]


def count(flt: PlaceFilter) -> int:
    return len(list_places(flt.search, flt.district, flt.kind, flt.active))


def choices(include_inactive: bool = False, keep_id: int | None = None) -> list[tuple[int, str]]:
    """(id, name) in Danish order for a combo box; keep_id stays in even when inactive, so an
    editor can show the place a record already has."""
    query = Place.select(Place.id, Place.name, Place.active)
    if not include_inactive:
        query = query.where((Place.active == True) | (Place.id == keep_id))  # noqa: E712
    return [(p.id, p.name) for p in query.order_by(Place.sort_name, Place.id)]


def districts() -> list[str]:
    """The districts in use, then the usual suggestions, each once, in Danish order."""
    from tryg_desktop.services.safety.safety_terms import DISTRICTS

    used = [d for (d,) in Place.select(Place.district).distinct().tuples() if d]
    return sorted(set(used) | set(DISTRICTS), key=danish_sort_key)


def last_12_months_start(today: dt.date) -> dt.date:
    """The first day of the month 11 months back: the same window as statistics.last_12_months."""
    month = today.month - 11
    year = today.year + (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, 1)


def recent_episodes(place_id: int, limit: int = RECENT_EPISODES) -> list[EpisodeBrief]:
    query = (Episode.select().where(Episode.place == place_id)
             .order_by(Episode.occurred_on.desc(), Episode.occurred_time.desc(), Episode.id.desc())
             .limit(limit))
    return [EpisodeBrief(e.id, e.occurred_on, e.occurred_time, e.time_band, e.category,
                         e.severity, e.note) for e in query]


def linked(place_id: int, today: dt.date | None = None) -> PlaceLinks:
    """Everything linked to the place, for its page."""
    from tryg_desktop.services.meetings import actions, forums, meetings
    from tryg_desktop.services.safety import efforts

    today = today or dt.date.today()
    place = get(place_id)
    upcoming = meetings.fetch(meetings.MeetingFilter(when="upcoming", place_id=place_id,
                                                     today=today), limit=500)
    past = meetings.fetch(meetings.MeetingFilter(when="past", place_id=place_id, today=today),
                          limit=PAST_MEETINGS)
    action_rows = actions.fetch(actions.ActionFilter(place_id=place_id, today=today), limit=1000)
    since = last_12_months_start(today)
    count = (Episode.select().where((Episode.place == place_id) & (Episode.occurred_on >= since)
                                    & (Episode.occurred_on <= today)).count())
    return PlaceLinks(place=place, forums=forums.of_place(place_id), upcoming_meetings=upcoming,
                      past_meetings=past, actions=action_rows,
                      efforts=efforts.list_efforts(place_id=place_id), episodes_12m=count,
                      recent_episodes=recent_episodes(place_id), today=today)


def name_of(place_id: int | None) -> str:
    if place_id is None:
        return ""
    return Place.select(Place.name).where(Place.id == place_id).scalar() or ""


def _row(p, episodes: int | None = None) -> PlaceRow:
    return PlaceRow(id=p.id, name=p.name, district=p.district, kind=p.kind, latitude=p.latitude,
                    longitude=p.longitude, notes=p.notes, active=p.active, version=p.version,
                    episodes_12m=episodes)
