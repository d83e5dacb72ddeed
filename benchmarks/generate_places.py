"""Places, efforts and the episode log (issue 5) for the benchmark data; generate.py calls this.

1×: 25 places, 10 efforts, 10,000 episodes; 20×: 500 places, 200 efforts, 200,000 episodes.
The first places are real ones in Aalborg with approximate coordinates; at 20× the rest are
made from districts, streets and the usual kinds of places (»Gug Torv«, »Vejgaard Bypark«).
Episodes lie over the last three years before --today: more in summer and on Friday and
Saturday evenings and nights, many at a few hot spots, categories and reporters plausible for
the kind of place, mostly severity 1, often with a short anonymous note. At the places of an
effort, about a third fewer episodes after the effort started. Some forums, meetings and action
items are linked to a place and an effort. Everything from a random stream of its own, so the
data of the earlier issues is the one they were measured on.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import random
from dataclasses import dataclass, field

import danish_data as D

# scale → (places, efforts, episodes)
PLACE_SCALES = {1: (25, 10, 10_000), 20: (500, 200, 200_000)}
EPISODE_YEARS = 3
EFFORT_DECLINE = 0.35  # the share of episodes at an effort's places that its start takes away
MEETING_PLACE_SHARE, MEETING_EFFORT_SHARE = 0.35, 0.20
ACTION_OWN_LINK_SHARE = 0.05  # actions linked although their meeting is not

# (name, district, kind, latitude, longitude): real places, approximate coordinates.
REAL_PLACES = [
    ("Kildeparken", "Aalborg Midtby", "park", 57.0432, 9.9205),
    ("Budolfi Plads", "Aalborg Midtby", "plads", 57.0474, 9.9199),
    ("Nørresundby Torv", "Nørresundby", "plads", 57.0593, 9.9224),
    ("Østre Anlæg", "Aalborg Midtby", "park", 57.0461, 9.9378),
    ("Karolinelund", "Aalborg Midtby", "park", 57.0444, 9.9298),
    ("Jomfru Ane Gade", "Aalborg Midtby", "gade", 57.0494, 9.9208),
    ("Kennedy Arkaden", "Aalborg Midtby", "andet", 57.0424, 9.9171),
    ("Astrupstien", "Aalborg Øst", "gade", 57.0379, 9.9792),
    ("Tornhøj Centret", "Aalborg Øst", "andet", 57.0297, 9.9878),
    ("Vestre Fjordpark", "Aalborg Vest", "park", 57.0560, 9.8862),
    ("Nytorv", "Aalborg Midtby", "plads", 57.0485, 9.9236),
    ("Gammeltorv", "Aalborg Midtby", "plads", 57.0489, 9.9187),
    ("John F. Kennedys Plads", "Aalborg Midtby", "plads", 57.0428, 9.9183),
    ("Aalborg Busterminal", "Aalborg Midtby", "andet", 57.0421, 9.9166),
    ("Vesterbro", "Aalborg Midtby", "gade", 57.0468, 9.9162),
    ("Boulevarden", "Aalborg Midtby", "gade", 57.0452, 9.9198),
    ("Algade", "Aalborg Midtby", "gade", 57.0470, 9.9213),
    ("Mølleparken", "Aalborg Midtby", "park", 57.0437, 9.9102),
    ("Skovbakken", "Aalborg Midtby", "park", 57.0410, 9.9064),
    ("Lindholm Station", "Nørresundby", "andet", 57.0640, 9.9105),
    ("Løvvangen", "Nørresundby", "boligområde", 57.0703, 9.9254),
    ("Vejgaard Torv", "Vejgaard", "plads", 57.0405, 9.9480),
    ("Ø-gaderne", "Aalborg Øst", "boligområde", 57.0448, 9.9546),
    ("Kærby", "Vejgaard", "boligområde", 57.0352, 9.9535),
    ("Sohngårdsholmparken", "Aalborg Øst", "park", 57.0310, 9.9468),
]
DISTRICT_CENTRES = {  # for the made-up places at 20×
    "Aalborg Midtby": (57.047, 9.921), "Nørresundby": (57.062, 9.920),
    "Aalborg Øst": (57.034, 9.985), "Aalborg Vest": (57.050, 9.880),
    "Aalborg Syd": (57.015, 9.905), "Vejgaard": (57.040, 9.950), "Hasseris": (57.040, 9.890),
    "Gug": (57.015, 9.950),
}
MADE_KINDS = [("{district} Torv", "plads"), ("{district} Bypark", "park"),
              ("Stationspladsen {district}", "plads"), ("{district} Centret", "andet"),
              ("Boligområdet {district}", "boligområde"), ("Legepladsen {district}", "park"),
              ("Skolegården {district}", "andet"), ("{district} Idrætsanlæg", "andet"),
              ("{street} ({district})", "gade"), ("Stien ved {district} Bibliotek", "gade")]

# What happens where: category weights per kind of place (safety_terms values).
CATEGORY_WEIGHTS = {
    "park": {"affald": 30, "påvirket": 25, "råben": 15, "trivsel": 12, "konflikt": 6,
             "hærværk": 6, "chikane": 4, "andet": 2},
    "plads": {"råben": 28, "påvirket": 22, "chikane": 16, "konflikt": 12, "trivsel": 8,
              "affald": 7, "hærværk": 5, "andet": 2},
    "gade": {"råben": 34, "konflikt": 18, "påvirket": 16, "hærværk": 12, "chikane": 10,
             "affald": 6, "trivsel": 2, "andet": 2},
    "boligområde": {"hærværk": 26, "råben": 22, "konflikt": 16, "chikane": 14, "affald": 10,
                    "trivsel": 8, "andet": 4},
    "andet": {"påvirket": 24, "råben": 22, "chikane": 18, "konflikt": 12, "trivsel": 10,
              "affald": 8, "hærværk": 4, "andet": 2},
}
REPORTER_WEIGHTS = {
    "park": {"gademedarbejder": 30, "park- og vejmyndighed": 30, "beboer": 20, "politi": 10,
             "herberg": 5, "andet": 5},
    "plads": {"butik": 30, "gademedarbejder": 25, "politi": 20, "beboer": 10, "herberg": 10,
              "andet": 5},
    "gade": {"butik": 35, "politi": 30, "beboer": 20, "gademedarbejder": 10, "andet": 5},
    "boligområde": {"beboer": 55, "gademedarbejder": 20, "politi": 15, "andet": 10},
    "andet": {"butik": 35, "gademedarbejder": 25, "politi": 20, "herberg": 10, "andet": 10},
}
SEVERITY_WEIGHTS = {1: 72, 2: 23, 3: 5}
# Time bands by day: (weekdays, Friday and Saturday).
BAND_WEIGHTS = {"nat": (10, 30), "morgen": (8, 4), "formiddag": (18, 8),
                "eftermiddag": (34, 24), "aften": (30, 34)}
NOTES = {
    "råben": ["Høj råben mellem flere personer.", "Skænderi, der flyttede sig ned ad gaden.",
              "Råben og larm i længere tid.", "Verbalt skænderi, gik over af sig selv."],
    "konflikt": ["Skub og slag mellem to personer; politiet tilkaldt.",
                 "Konflikt, som gademedarbejder talte ned.", "Slagsmål, flere tilskuere."],
    "påvirket": ["Person tydeligt påvirket, faldt omkuld.", "Påvirket gruppe på bænkene.",
                 "Person sov på fortovet, påvirket."],
    "hærværk": ["Knust rude i opgangen.", "Graffiti på legepladsens skur.",
                "Ødelagt belysning på stien.", "Skraldespand sat i brand."],
    "affald": ["Kanyler fundet ved bænkene.", "Kanyler i buskadset, fjernet.",
               "Meget affald efter aftenen.", "Efterladte flasker og glasskår."],
    "chikane": ["Forbipasserende råbt efter.", "Kunder generet ved indgangen.",
                "Tiggeri med tilråb til forbipasserende."],
    "trivsel": ["Person virkede forvirret og dårligt klædt på; tilbudt hjælp.",
                "Bekymring for en borger, der opholder sig her dagligt.",
                "Person afviste hjælp; gademedarbejder følger op."],
    "andet": ["Uro omkring bænkene.", "Henvendelse om utryghed ved stien."],
}
NOTE_SHARE = 0.6
EXACT_TIME_SHARE = 0.75
EFFORT_STRANDS = ["byrum", "socialfaglig", "samskabelse"]
EFFORT_TITLES = {
    "byrum": ["Lys og ophold ved {place}", "Nyt byinventar: {place}", "Grønne rum ved {place}"],
    "socialfaglig": ["Gadeplan ved {place}", "Opsøgende indsats: {place}",
                     "Fast kontaktperson: {place}"],
    "samskabelse": ["Tryghedsdialog om {place}", "Nattevandring: {place}",
                    "Samarbejde om {place}"],
}
FIRST_EFFORT_TITLE = "Lys og ophold i Kildeparken"  # at places[0], as in the demo
EFFORT_GOALS = {
    "byrum": "Færre episoder om aftenen gennem bedre belysning og flere steder at opholde sig.",
    "socialfaglig": "Færre konflikter og hurtig hjælp til borgere i udsatte positioner.",
    "samskabelse": "Beboere, butikker og myndigheder løser utryghed sammen.",
}
PARTNER_KINDS = ("kommune", "politi", "ngo", "boligforening", "beboerforening", "erhverv",
                 "udsatteraad")


@dataclass
class PlacePlan:
    name: str
    district: str
    kind: str
    latitude: float
    longitude: float
    weight: float  # how many episodes it gets, relative to the others
    id: int = 0


@dataclass
class EffortPlan:
    title: str
    strand: str
    goal: str
    coordinator: int  # index into contacts
    starts_on: dt.date
    ends_on: dt.date | None
    status: str
    places: list[PlacePlan]
    organisations: list  # generate.Org
    created_at: dt.datetime
    id: int = 0


@dataclass
class PlaceData:
    places: list[PlacePlan]
    efforts: list[EffortPlan]
    episodes: list[tuple] = field(default_factory=list)  # see make_episodes
    forum_places: dict[int, PlacePlan] = field(default_factory=dict)  # forum index → place
    # meeting index → (place, effort); the same for actions
    meeting_links: dict[int, tuple] = field(default_factory=dict)
    action_links: dict[int, tuple] = field(default_factory=dict)
    decline_place: PlacePlan | None = None  # the place of the first effort (the README's figure)


def make_places(rng: random.Random, count: int) -> list[PlacePlan]:
    places = [PlacePlan(name, district, kind, lat, lon, 0.0)
              for name, district, kind, lat, lon in REAL_PLACES[:count]]
    taken = {p.name.casefold() for p in places}
    districts = list(DISTRICT_CENTRES) + D.DISTRICTS
    while len(places) < count:
        shape, kind = rng.choice(MADE_KINDS)
        district = rng.choice(districts)
        name = shape.format(district=district, street=rng.choice(D.STREETS))
        if name.casefold() in taken:
            continue
        taken.add(name.casefold())
        home = district if district in DISTRICT_CENTRES else rng.choice(list(DISTRICT_CENTRES))
        lat, lon = DISTRICT_CENTRES[home]
        places.append(PlacePlan(name, home, kind, round(lat + rng.uniform(-0.012, 0.012), 5),
                                round(lon + rng.uniform(-0.02, 0.02), 5), 0.0))
    # A few hot spots and a long tail; the named city-centre places are among the busiest.
    for rank, place in enumerate(places):
        place.weight = 1 / (rank + 1) ** 0.8 * rng.uniform(0.7, 1.3)
    return places


def make_efforts(rng: random.Random, count: int, places: list[PlacePlan], orgs: list,
                 contacts: list[dict], today: dt.date) -> list[EffortPlan]:
    """Efforts in every strand over the last two years (a few about to start), each at 1-3
    places (the first at the busiest), with 2-5 partner organisations and a coordinator from
    the municipality."""
    coordinators = [i for i, c in enumerate(contacts) if c["active"] and c["org"]
                    and c["org"].kind == "kommune"]
    partners = [o for o in orgs if o.active and o.kind in PARTNER_KINDS]
    efforts, titles = [], set()
    # The first effort has the busiest place to itself, so its decline is its own.
    hot = places[1: max(6, len(places) // 5)]
    for number in range(count):
        strand = EFFORT_STRANDS[number % 3]
        first = places[0] if number == 0 else rng.choice(hot)
        chosen = [first] + [p for p in rng.sample(places[1:], rng.randint(0, 2))
                            if p is not first]
        title = (FIRST_EFFORT_TITLE if number == 0
                 else rng.choice(EFFORT_TITLES[strand]).format(place=first.name))
        while title.casefold() in titles:
            title = f"{title} ({rng.randint(2, 9)})"
        titles.add(title.casefold())
        starts = (today - dt.timedelta(days=300) if number == 0
                  else today - dt.timedelta(days=rng.randint(-60, 730)))
        ends = (starts + dt.timedelta(days=rng.choice([365, 540, 730])) if rng.random() < 0.6
                else None)
        status = ("planlagt" if starts > today else "afsluttet" if ends and ends < today
                  else "stoppet" if rng.random() < 0.05 else "i gang")
        efforts.append(EffortPlan(
            title=title, strand=strand, goal=EFFORT_GOALS[strand],
            coordinator=rng.choice(coordinators), starts_on=starts, ends_on=ends, status=status,
            places=chosen, organisations=rng.sample(partners, rng.randint(2, 5)),
            created_at=min(dt.datetime.combine(starts - dt.timedelta(days=rng.randint(10, 60)),
                                               dt.time(rng.randint(8, 15), rng.randint(0, 59))),
                           dt.datetime.combine(today, dt.time(9, 0)))))
    return efforts


def _season(day: dt.date) -> float:
    """Summer has about twice the episodes of winter."""
    return 1 + 0.35 * math.cos(2 * math.pi * (day.month - 7) / 12)


def make_episodes(rng: random.Random, n: int, places: list[PlacePlan],
                  efforts: list[EffortPlan], today: dt.date) -> list[tuple]:
    """n episodes (occurred_on, occurred_time, time_band, place, category, severity,
    reporter_kind, note, created_at), oldest first."""
    first = today - dt.timedelta(days=365 * EPISODE_YEARS - 1)
    days = [first + dt.timedelta(days=d) for d in range((today - first).days + 1)]
    day_cum = list(itertools.accumulate(
        _season(d) * (1.5 if d.weekday() in (4, 5) else 1.0) for d in days))
    place_cum = list(itertools.accumulate(p.weight for p in places))
    started: dict[int, dt.date] = {}  # id(place) → the earliest start of an effort there
    for effort in efforts:
        for p in effort.places:
            if effort.starts_on <= today:
                started[id(p)] = min(started.get(id(p), effort.starts_on), effort.starts_on)
    bands = list(BAND_WEIGHTS)
    weekday_bands = list(itertools.accumulate(w for w, _ in BAND_WEIGHTS.values()))
    weekend_bands = list(itertools.accumulate(w for _, w in BAND_WEIGHTS.values()))
    from tryg_desktop.services.safety.safety_terms import BAND_HOURS

    now = dt.datetime.combine(today, dt.time(12, 0))
    episodes = []
    while len(episodes) < n:
        want = int((n - len(episodes)) * 1.3) + 10
        for day, place in zip(rng.choices(days, cum_weights=day_cum, k=want),
                              rng.choices(places, cum_weights=place_cum, k=want)):
            start = started.get(id(place))
            if start and day >= start and rng.random() < EFFORT_DECLINE:
                continue
            weekend = day.weekday() in (4, 5)
            band = rng.choices(bands, cum_weights=weekend_bands if weekend else weekday_bands)[0]
            category = rng.choices(*zip(*CATEGORY_WEIGHTS[place.kind].items()))[0]
            if band == "nat" and weekend and place.kind == "gade" and rng.random() < 0.4:
                category = "råben"  # nightlife
            low, high = BAND_HOURS[band]
            time = (f"{rng.randrange(low, high):02d}:{rng.randrange(0, 60, 5):02d}"
                    if rng.random() < EXACT_TIME_SHARE else None)
            severity = rng.choices(*zip(*SEVERITY_WEIGHTS.items()))[0]
            if category == "konflikt" and severity == 1 and rng.random() < 0.4:
                severity = 2
            reporter = rng.choices(*zip(*REPORTER_WEIGHTS[place.kind].items()))[0]
            note = rng.choice(NOTES[category]) if rng.random() < NOTE_SHARE else ""
            created = min(dt.datetime.combine(day + dt.timedelta(days=rng.choice([1, 1, 2, 3])),
                                              dt.time(rng.randint(8, 15), rng.randint(0, 59))),
                          now)
            episodes.append((day, time, band, place, category, severity, reporter, note, created))
            if len(episodes) == n:
                break
    episodes.sort(key=lambda e: (e[0], e[1] or "", e[8]))
    return episodes


def make_place_data(rng: random.Random, scale: int, orgs: list, contacts: list[dict],
                    meeting_data, today: dt.date) -> PlaceData:
    n_places, n_efforts, n_episodes = PLACE_SCALES[scale]
    places = make_places(rng, n_places)
    efforts = make_efforts(rng, n_efforts, places, orgs, contacts, today)
    data = PlaceData(places, efforts, decline_place=efforts[0].places[0])
    data.episodes = make_episodes(rng, n_episodes, places, efforts, today)
    for number, _ in enumerate(meeting_data.forums):
        if rng.random() < 0.5:
            data.forum_places[number] = rng.choice(places[:50])
    for number, m in enumerate(meeting_data.meetings):
        place = rng.choice(places) if rng.random() < MEETING_PLACE_SHARE else None
        effort = rng.choice(efforts) if rng.random() < MEETING_EFFORT_SHARE else None
        if effort and place is None:
            place = rng.choice(effort.places)
        if place or effort:
            data.meeting_links[number] = (place, effort)
    meeting_number = {id(m): n for n, m in enumerate(meeting_data.meetings)}
    for number, a in enumerate(meeting_data.actions or []):
        link = data.meeting_links.get(meeting_number[id(a["meeting"])])
        if link is None and rng.random() < ACTION_OWN_LINK_SHARE:
            link = (rng.choice(places), rng.choice(efforts) if rng.random() < 0.5 else None)
        if link:
            data.action_links[number] = link
    return data


def insert_raw(db, table: str, columns: tuple[str, ...], rows: list[tuple],
               chunk: int) -> int:
    """Multi-row INSERTs of `chunk` rows, the SQL written once per chunk size; returns the first
    new id (the ids follow the rows' order in one transaction on SQLite)."""
    first_id = (db.execute_sql(f'SELECT max(id) FROM "{table}"').fetchone()[0] or 0) + 1
    head = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES '
    one = "(" + ", ".join("?" * len(columns)) + ")"
    sql_for: dict[int, str] = {}
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        sql = sql_for.setdefault(len(part), head + ", ".join([one] * len(part)))
        db.execute_sql(sql, [value for row in part for value in row])
    return first_id


def _changes(values: dict) -> str:
    return json.dumps({k: [None, v] for k, v in values.items() if v not in ("", None)},
                      ensure_ascii=False)


def write_places(db, data: PlaceData, meeting_data, contacts: list[dict], rng: random.Random,
                 audit_rows: list, chunk: int) -> None:
    """Insert places, efforts with their places and partners, the episodes and the links of
    forums, meetings and actions (inside the caller's transaction), and append the audit
    entries the app would have written."""
    from tryg_desktop.l10n import danish_sort_key
    from tryg_desktop.services.safety.safety_terms import (
        CATEGORY_LABELS,
        EFFORT_STATUS_LABELS,
        PLACE_KIND_LABELS,
        REPORTER_LABELS,
        SEVERITY_LABELS,
        STRAND_LABELS,
        TIME_BAND_LABELS,
    )

    user = lambda: rng.choice(D.USERS)  # noqa: E731
    start = min(e.created_at for e in data.efforts) - dt.timedelta(days=30)
    place_times = [start - dt.timedelta(days=len(data.places) - n) for n in range(len(data.places))]
    first = insert_raw(db, "place", (
        "name", "district", "kind", "latitude", "longitude", "notes", "active", "version",
        "created_at", "updated_at", "sort_name"), [
        (p.name, p.district, p.kind, p.latitude, p.longitude, "", 1, 1, at, at,
         danish_sort_key(p.name)) for p, at in zip(data.places, place_times)], chunk)
    for n, (p, at) in enumerate(zip(data.places, place_times)):
        p.id = first + n
        audit_rows.append((at, user(), "place", p.id, "create", p.name, _changes({
            "name": p.name, "district": p.district, "kind": PLACE_KIND_LABELS[p.kind],
            "latitude": p.latitude, "longitude": p.longitude, "active": True})))

    first = insert_raw(db, "effort", (
        "title", "strand", "goal", "coordinator_id", "starts_on", "ends_on", "status", "version",
        "created_at", "updated_at", "sort_title"), [
        (e.title, e.strand, e.goal, contacts[e.coordinator]["id"], e.starts_on, e.ends_on,
         e.status, 1, e.created_at, e.created_at, danish_sort_key(e.title))
        for e in data.efforts], chunk)
    for n, e in enumerate(data.efforts):
        e.id = first + n
        audit_rows.append((e.created_at, user(), "effort", e.id, "create", e.title, _changes({
            "title": e.title, "strand": STRAND_LABELS[e.strand], "goal": e.goal,
            "coordinator": contacts[e.coordinator]["name"], "starts_on": e.starts_on.isoformat(),
            "ends_on": e.ends_on.isoformat() if e.ends_on else None,
            "status": EFFORT_STATUS_LABELS[e.status],
            "places": ", ".join(sorted((p.name for p in e.places), key=danish_sort_key)),
            "organisations": ", ".join(sorted((o.name for o in e.organisations),
                                              key=danish_sort_key))})))
    insert_raw(db, "effort_place", ("effort_id", "place_id"),
               [(e.id, p.id) for e in data.efforts for p in e.places], chunk)
    insert_raw(db, "effort_organisation", ("effort_id", "organisation_id"),
               [(e.id, o.id) for e in data.efforts for o in e.organisations], chunk)

    first = insert_raw(db, "episode", (
        "occurred_on", "occurred_time", "time_band", "place_id", "category", "severity",
        "reporter_kind", "note", "version", "created_at", "updated_at"), [
        (day, time, band, place.id, category, severity, reporter, note, 1, created, created)
        for day, time, band, place, category, severity, reporter, note, created
        in data.episodes], chunk)
    for n, (day, time, band, place, category, severity, reporter, note, created) in enumerate(
            data.episodes):
        # as services/safety/episodes.py _label and _audit give them
        audit_rows.append((created, user(), "episode", first + n, "create",
                           f"{place.name}, {day:%d.%m.%Y}", _changes({
                               "occurred_on": f"{day:%d.%m.%Y}",
                               "occurred_time": time.replace(":", ".") if time else None,
                               "time_band": TIME_BAND_LABELS[band], "place": place.name,
                               "category": CATEGORY_LABELS[category],
                               "severity": SEVERITY_LABELS[severity],
                               "reporter_kind": REPORTER_LABELS[reporter], "note": note})))

    db.execute_sql("CREATE TEMP TABLE link (id INTEGER PRIMARY KEY, place_id, effort_id)")
    for table, links, records in (
            ("forum", {n: (p, None) for n, p in data.forum_places.items()}, meeting_data.forums),
            ("meeting", data.meeting_links, meeting_data.meetings),
            ("action_item", data.action_links, meeting_data.actions or [])):
        db.execute_sql("DELETE FROM temp.link")
        rows = [(_id(records[n]), p.id if p else None, e.id if e else None)
                for n, (p, e) in sorted(links.items())]
        insert_raw(db, "link", ("id", "place_id", "effort_id"), rows, chunk)
        effort_set = ", effort_id = (SELECT effort_id FROM temp.link l WHERE l.id = t.id)"
        db.execute_sql(f'UPDATE "{table}" AS t SET place_id = (SELECT place_id FROM temp.link l '
                       f'WHERE l.id = t.id){"" if table == "forum" else effort_set} '
                       'WHERE t.id IN (SELECT id FROM temp.link)')
    db.execute_sql("DROP TABLE temp.link")


def _id(record) -> int:
    return record["id"] if isinstance(record, dict) else record.id


def check_places(data: PlaceData) -> dict:
    """What was written is what was planned; returns figures for the side file."""
    from tryg_desktop.db.place_models import Effort, EffortPlace, Episode, Place

    counted = (Place.select().count(), Effort.select().count(), Episode.select().count(),
               EffortPlace.select().count())
    planned = (len(data.places), len(data.efforts), len(data.episodes),
               sum(len(e.places) for e in data.efforts))
    assert counted == planned, (counted, planned)
    # The first effort's decline, against the same days a year earlier (the season varies).
    first, place = data.efforts[0], data.decline_place
    start, end = first.starts_on, data.episodes[-1][0]
    year = dt.timedelta(days=365)
    after = sum(1 for e in data.episodes if e[3] is place and start <= e[0] <= end)
    before = sum(1 for e in data.episodes if e[3] is place and start - year <= e[0] <= end - year)
    assert after < before, (before, after)
    return {"decline_effort_id": first.id, "decline_place": place.name,
            "decline_starts_on": start.isoformat(), "decline_after": after,
            "decline_same_days_a_year_earlier": before}
