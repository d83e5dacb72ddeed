"""Demo places, efforts and two years of episodes (resources/demo/safety.json), for the
Oversigt, the place and effort pages and the status report to show something meaningful at
once. Everything goes through the ordinary services (places, efforts, actions, episodes), so
validation and audit apply; the episodes in bulk (load_episodes).

The episodes are anonymous and made up: per place a monthly rate with the season (most places
busier in summer), the weekday and time of day its profile gives (Jomfru Ane Gade on weekend
nights), categories and reporters plausible for the place, mostly severity 1, short notes
without names. Where an effort has started, a share of the episodes disappears from its start
on, so the decline shows in the charts and in the before/after figures. A seeded random
generator makes the demo the same for the same day."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field, replace
from typing import Callable

from tryg_desktop.db.bulk import insert_rows
from tryg_desktop.db.models import utcnow
from tryg_desktop.db.place_models import Effort, Episode, Place
from tryg_desktop.services import audit
from tryg_desktop.services.errors import ValidationError
from tryg_desktop.services.meetings import actions
from tryg_desktop.services.safety import efforts, episodes, places, safety_terms
from tryg_desktop.services.demo.demo_minutes import backdate_action

HISTORY_DAYS = 730  # two years of episodes, up to yesterday
EXACT_TIME_SHARE = 0.7  # the rest are known by their time band only
NOTE_SHARE = 0.55
SEVERITY_WEIGHTS = {1: 75, 2: 20, 3: 5}
CONFLICT_SEVERITY_WEIGHTS = {1: 45, 2: 40, 3: 15}
MIDSUMMER_DAY = 196  # day of the year with the most episodes (mid-July)
SEED = "tryg-demo-episodes"
EPISODE_CHUNK = 500  # episodes per INSERT (and per audit INSERT)

Step = Callable[[], None]


@dataclass
class SafetyLinks:
    """The demo's places and efforts by name, for linking forums and meetings to them."""
    spec: dict
    place_ids: dict[str, int] = field(default_factory=dict)
    effort_ids: dict[str, int] = field(default_factory=dict)
    effort_periods: dict[str, tuple[dt.date, dt.date | None]] = field(default_factory=dict)
    new_places: list[str] = field(default_factory=list)  # created by this load: they get episodes
    places_created: int = 0
    places_skipped: int = 0
    efforts_created: int = 0
    efforts_skipped: int = 0

    def forum_place(self, forum_name: str) -> int | None:
        return self.place_ids.get(self.spec["forum_places"].get(forum_name, ""))

    def meeting_links(self, theme_titles: list[str], day: dt.date) -> tuple[int | None,
                                                                             int | None]:
        """(place id, effort id) of a meeting with these theme items on this day: the first
        theme the demo links, and its effort only while the effort runs."""
        for link in self.spec["theme_links"]:
            if link["theme"] not in theme_titles:
                continue
            effort_id = None
            if link.get("effort") in self.effort_ids:
                starts, ends = self.effort_periods[link["effort"]]
                if starts <= day and (ends is None or day <= ends):
                    effort_id = self.effort_ids[link["effort"]]
            return self.place_ids.get(link["place"]), effort_id
        return None, None


def new_place_names(spec: dict) -> list[str]:
    """The demo places not in the database yet (compared as the place service compares)."""
    return [p["name"] for p in spec["places"] if not places.name_taken(p["name"])]


def load_places_and_efforts(spec: dict, today: dt.date, org_ids: dict[str, int],
                            contact_ids: dict[str, int], step: Step,
                            measure_items: list[dict] = ()) -> SafetyLinks:
    """Create the demo places and efforts that are not there yet (places matched by name,
    efforts by title; an existing effort keeps its own places and actions). A new effort gets
    its actions, some done, some open and overdue; then the surveys and walks of the new
    places (resources/demo/measures.json)."""
    links = SafetyLinks(spec)
    existing = {name.casefold(): place_id for place_id, name in
                Place.select(Place.id, Place.name).tuples()}
    for item in spec["places"]:
        place_id = existing.get(item["name"].casefold())
        if place_id is None:
            place_id = places.create(places.PlaceInput(
                name=item["name"], district=item["district"], kind=item["kind"],
                latitude=item["latitude"], longitude=item["longitude"],
                notes=item["notes"])).id
            links.new_places.append(item["name"])
            links.places_created += 1
        else:
            links.places_skipped += 1
        links.place_ids[item["name"]] = place_id
        step()
    titles = {title.casefold(): effort_id for effort_id, title in
              Effort.select(Effort.id, Effort.title).tuples()}
    for item in spec["efforts"]:
        starts = today - dt.timedelta(days=item["starts_days_ago"])
        ends = (today + dt.timedelta(days=item["ends_in_days"])
                if item["ends_in_days"] is not None else None)
        links.effort_periods[item["title"]] = (starts, ends)
        effort_id = titles.get(item["title"].casefold())
        if effort_id is not None:
            links.effort_ids[item["title"]] = effort_id
            links.efforts_skipped += 1
            step()
            continue
        # A measurable goal (services/safety/goals.py): the demo shows one on the way and one
        # not met.
        goal = item.get("goal_indicator")
        goal_fields = {} if goal is None else {
            "goal_change": goal["change"],
            "goal_due": today + dt.timedelta(days=goal["due_in_days"]),
            "goal_categories": goal["categories"]}
        # A name missing from the demo's organisations or contacts is a bug in the data (KeyError).
        effort = efforts.create(efforts.EffortInput(
            title=item["title"], strand=item["strand"], goal=item["goal"],
            place_ids=[links.place_ids[name] for name in item["places"]],
            organisation_ids=[org_ids[name] for name in item["organisations"]],
            coordinator_contact_id=contact_ids[item["coordinator"]], starts_on=starts,
            ends_on=ends, status=item["status"], **goal_fields))
        links.effort_ids[item["title"]] = effort.id
        links.efforts_created += 1
        _create_actions(spec, item, effort.id, links, starts, today, contact_ids)
        step()
    load_measures(list(measure_items), today, links)
    return links


# -- safety measured from outside (resources/demo/measures.json) ------------------------------

def _measure_period(item: dict, today: dt.date, links: SafetyLinks) -> tuple[dt.date, dt.date]:
    if "years_ago" in item:
        year = today.year - item["years_ago"]
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if "days_from_start" in item:
        start = links.effort_periods[item["effort"]][0]
        first, last = item["days_from_start"]
        return start + dt.timedelta(days=first), start + dt.timedelta(days=last)
    first, last = item["days_ago"]
    return today - dt.timedelta(days=first), today - dt.timedelta(days=last)


def load_measures(items: list[dict], today: dt.date, links: SafetyLinks) -> int:
    """The demo's surveys and tryghedsvandringer (Kildeparken before and after its effort,
    the police's survey for two districts), through the measures service, so they are
    validated and audited. Only with the places this load creates (a district's, with a place
    in it): loading twice adds none."""
    from tryg_desktop.services.safety import measures

    new = set(links.new_places)
    new_districts = {p["district"] for p in links.spec["places"] if p["name"] in new}
    wanted = []
    for item in items:
        place = item.get("place")
        if (place not in new) if place else (item["district"] not in new_districts):
            continue
        start, end = _measure_period(item, today, links)
        wanted.append(measures.MeasureInput(
            kind=item["kind"], place_id=links.place_ids[place] if place else None,
            district="" if place else item["district"], period_start=start, period_end=end,
            source=item["source"], value=item.get("value"),
            respondents=item.get("respondents"), findings=item.get("findings", "")))
    return len(measures.create_many(wanted)) if wanted else 0


def _create_actions(spec: dict, effort_spec: dict, effort_id: int, links: SafetyLinks,
                    starts: dt.date, today: dt.date, contact_ids: dict[str, int]) -> None:
    place_id = links.place_ids[effort_spec["places"][0]]
    for item in spec["effort_actions"]:
        if item["effort"] != effort_spec["title"]:
            continue
        due = starts + dt.timedelta(days=item["due_days"])
        done = item["status"] == "udført"
        completed = min(due - dt.timedelta(days=3), today) if done else None
        action = actions.create(actions.ActionInput(
            title=item["title"], responsible_contact_id=contact_ids[item["responsible"]],
            due=due, status=item["status"], completed_on=completed,
            completion_note="Gennemført som aftalt." if done else "",
            place_id=place_id, effort_id=effort_id), today=today)
        # Agreed about a month before its deadline (never later than today or the effort's start).
        backdate_action(action.id, max(starts, min(today, due - dt.timedelta(days=30))))


# -- episodes --------------------------------------------------------------------------------

def _season(day: dt.date, summer: float) -> float:
    return 1 + summer * math.cos(2 * math.pi * (day.timetuple().tm_yday - MIDSUMMER_DAY) / 365)


def _declines(spec: dict, today: dt.date) -> dict[str, list[tuple[dt.date, float]]]:
    """Place name → (effort start, the share of episodes it takes away from then on)."""
    out: dict[str, list[tuple[dt.date, float]]] = {}
    for effort in spec["efforts"]:
        starts = today - dt.timedelta(days=effort["starts_days_ago"])
        for name in effort["places"]:
            out.setdefault(name, []).append((starts, effort["decline"]))
    return out


def _daily_rates(place: dict, profile: dict, declines: list[tuple[dt.date, float]],
                 days: list[dt.date], city_trend: float = 0.0) -> list[float]:
    """city_trend: the change a year at every place (-0.1: a tenth fewer each year), so that a
    place without an effort follows the city and an effort's place must beat it."""
    weekdays = profile["weekdays"]
    mean = sum(weekdays) / 7
    base = place["per_month"] * 12 / 365
    rates = []
    for day in days:
        factor = (1 + city_trend) ** ((day - days[0]).days / 365)
        for starts, share in declines:
            if day >= starts:
                factor *= 1 - share
        rates.append(base * _season(day, place["summer"]) * weekdays[day.weekday()] / mean
                     * factor)
    return rates


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def plan_episodes(spec: dict, today: dt.date, only: list[str] | None = None
                  ) -> list[tuple[str, episodes.EpisodeInput]]:
    """(place name, episode without its place id) for the demo's episodes at the places in
    `only` (default: all), oldest first, for the two years up to yesterday. Each month gets
    its expected number (within ±10 %), so the season and an effort's decline show clearly;
    days, times and the rest are drawn at random."""
    rng = random.Random(f"{SEED}-{today.isoformat()}")
    first = today - dt.timedelta(days=HISTORY_DAYS)
    days = [first + dt.timedelta(days=n) for n in range(HISTORY_DAYS)]
    declines = _declines(spec, today)
    planned: list[tuple] = []
    for place in spec["places"]:
        profile = spec["time_profiles"][place["time"]]
        rates = _daily_rates(place, profile, declines.get(place["name"], []), days,
                             spec.get("city_trend", 0.0))
        wanted = only is None or place["name"] in only
        months: dict[tuple[int, int], list[int]] = {}
        for n, day in enumerate(days):
            months.setdefault((day.year, day.month), []).append(n)
        for indexes in months.values():
            # drawn for every place, so that a place's episodes do not depend on the others'
            count = round(sum(rates[i] for i in indexes) * rng.uniform(0.9, 1.1))
            chosen = rng.choices(indexes, weights=[rates[i] for i in indexes], k=count)
            for i in chosen:
                data = _episode(rng, spec, place, profile, days[i])
                if wanted:
                    planned.append((place["name"], data))
    planned.sort(key=lambda row: (row[1].occurred_on, row[1].occurred_time
                                  or f"{safety_terms.BAND_HOURS[row[1].time_band][0]:02d}:00"))
    return planned


def _episode(rng: random.Random, spec: dict, place: dict, profile: dict,
             day: dt.date) -> episodes.EpisodeInput:
    band = _pick(rng, profile["bands"])
    low, high = safety_terms.BAND_HOURS[band]
    exact = rng.random() < EXACT_TIME_SHARE
    time = f"{rng.randrange(low, high):02d}:{rng.randrange(0, 60, 5):02d}" if exact else None
    category = _pick(rng, place["categories"])
    severity = _pick(rng, CONFLICT_SEVERITY_WEIGHTS if category == "konflikt"
                     else SEVERITY_WEIGHTS)
    note = rng.choice(spec["notes"][category]) if rng.random() < NOTE_SHARE else ""
    return episodes.EpisodeInput(
        occurred_on=day, occurred_time=time, time_band="" if exact else band,
        category=category, severity=severity, reporter_kind=_pick(rng, place["reporters"]),
        note=note)


def load_episodes(planned: list[tuple[str, episodes.EpisodeInput]], place_ids: dict[str, int],
                  step: Step) -> int:
    """Record the planned episodes as the episode service would, one insert and one audit row
    each, but a chunk of them per statement: one by one they were seven round trips each
    (check the place, read its name, savepoint, insert, audit, release, read back), half of
    a demo load's statements. Call inside the load's transaction."""
    names = dict(Place.select(Place.id, Place.name)
                 .where(Place.id.in_(sorted(set(place_ids.values())))).tuples())
    for start in range(0, len(planned), EPISODE_CHUNK):
        rows, audits = [], []
        for name, data in planned[start:start + EPISODE_CHUNK]:
            data = _checked_episode(data, place_ids[name])
            place = names[data.place_id]
            now = utcnow()
            rows.append({**episodes.row_values(data), "version": 1, "created_at": now,
                         "updated_at": now})
            audits.append((episodes.audit_label(data, place),
                           audit.diff({}, episodes.audit_values(data, place))))
        ids = insert_rows(Episode, rows)
        audit.record_many([(episodes.ENTITY, record_id, "create", label, changes)
                           for record_id, (label, changes) in zip(ids, audits)])
        for _ in rows:
            step()
    return len(planned)


def _checked_episode(data: episodes.EpisodeInput, place_id: int) -> episodes.EpisodeInput:
    """The episode service's own validation, without its query per episode for the place:
    the place is one this load has just made."""
    cleaned, errors = episodes.clean(replace(data, place_id=None))
    errors.pop("place_id", None)
    if errors:
        raise ValidationError(errors)
    return replace(cleaned, place_id=place_id)
