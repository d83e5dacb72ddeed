"""Synthetic Tryg Desktop data for the benchmark: a SQLite register and a contacts CSV to import.

    python benchmarks/generate.py --scale 1     # 500 organisations, 5,000 contacts, 200 meetings
    python benchmarks/generate.py --scale 20    # 10,000 / 100,000 / 4,000 meetings

The database is created by tryg_desktop.db.open_database (so the real migrations make the
schema, the Danish indexes, the FTS5 trigram index and its triggers) and then filled with the
peewee models in bulk (insert_many in chunks, in one transaction). Every record also gets the
"create" audit entry the app would have written. The same seed always gives the same data.

Meetings (issue 3): 20 forums with invitation lists, and 200 meetings (20×: 4,000) from a year
before --today (default: today) to a year after, past ones "afholdt", upcoming ones "planlagt",
each with 8-15 participants and the standard Danish dialogue-meeting agenda around its theme
items: 2,000 agenda items in all (20×: 40,000). One upcoming meeting has exactly 12 items (one
closed, every text filled in): the agenda run.py prints.

Minutes and action items (issue 4): the held meetings' items get a referat (notes) and the
decisions a beslutning; 5,000 action items (20×: 100,000) are agreed at held meetings, linked
to an agenda item and the meeting's forum, about 30 % åben, 15 % i gang, 45 % udført and 10 %
annulleret (open ones mostly from recent meetings), due 2-6 weeks after the meeting, with a
responsible from the meeting's participants (5 %: none). The latest held meeting with exactly
12 items (minutes_meeting_id) is the referat run.py prints and types into.

Next to the database (FILE.sqlite3) it writes FILE-import.csv: 10,000 contacts as Danish Excel
saves "CSV (semikolonsepareret)": ';', Windows-1252, CRLF, header
Navn;Titel;Organisation;Telefon;Mobil;E-mail;Noter, phones typed the ways people type them.
None of its names or e-mail addresses is in the database; about 60 % of its rows name an
organisation that exists, 25 % a new one, the rest none. And FILE.json records what was made,
with the printed meeting's id (pdf_meeting_id), the meetings to open (editor_meeting_ids) and the
held meeting whose referat is printed (minutes_meeting_id).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import itertools
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import danish_data as D  # noqa: E402
import generate_places as GP  # noqa: E402

DATA_DIR = HERE / "data"
# Bump when the generated data changes: run.py regenerates files stamped with another version.
# 2: meetings (issue 3); 3: action items and minutes (issue 4); 4: the actions order index;
# 5: places, efforts and episodes (issue 5)
GENERATOR_VERSION = 7  # 5: places, efforts, episodes (issue 5); 6: the completion indexes;
# 7: search texts and sort keys written by db/derived.py, their one owner (issue 10)
SEED = 20261127
SCALES = {1: (500, 5_000), 20: (10_000, 100_000)}  # scale → (organisations, contacts)
MEETING_SCALES = {1: (200, 2_000), 20: (4_000, 40_000)}  # scale → (meetings, agenda items)
ACTION_SCALES = {1: 5_000, 20: 100_000}  # scale → action items (issue 4)
# The overall status mix of the action items; the open ones are mostly the recent ones.
ACTION_STATUS_SHARES = (("åben", 0.30), ("i gang", 0.15), ("udført", 0.45),
                        ("annulleret", 0.10))
ACTION_NO_RESPONSIBLE = 0.05
FORUMS = 20
PDF_ITEMS = 12  # the agenda that run.py prints has exactly this many items
EDITOR_MEETINGS = 10  # meetings that run.py opens in the editor
MEETING_SPAN = dt.timedelta(days=365)  # meetings lie from a year before today to a year after
MEETINGS_MAX_AGE_DAYS = 30  # older data is regenerated: "upcoming" would have thinned out
IMPORT_ROWS = 10_000
CHUNK = 500  # rows per INSERT (13 columns × 500 = 6,500 bound variables)

INACTIVE_SHARE = 0.10
PRIVATE_SHARE = 0.05

KIND_WEIGHTS = {"kommune": 18, "politi": 3, "ngo": 12, "erhverv": 30, "boligforening": 12,
                "beboerforening": 8, "samraad": 3, "udsatteraad": 1, "kultur": 5,
                "uddannelse": 5, "andet": 8}
LANDLINE_PREFIXES = ["98", "99", "96"]  # North Jutland
MOBILE_PREFIXES = ["20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "40",
                   "41", "42", "50", "51", "52", "53", "60", "61", "71", "81", "91", "92", "93"]
PRIVATE_DOMAINS = ["gmail.com", "hotmail.com", "outlook.dk", "mail.dk", "live.dk", "yahoo.dk"]

START = dt.datetime(2023, 1, 2, 8, 0)
END = dt.datetime(2026, 5, 1, 16, 0)


def database_file(scale: int) -> Path:
    return DATA_DIR / f"tryg-{scale}x.sqlite3"


def csv_file(db_file: Path) -> Path:
    return db_file.with_name(f"{db_file.stem}-import.csv")


def stamp_file(db_file: Path) -> Path:
    return db_file.with_suffix(".json")


# --- names and numbers ------------------------------------------------------------------------

_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u"})


def ascii_slug(text: str, sep: str = "-") -> str:
    """'Søren Kjærgaard' → 'soeren-kjaergaard' (how Danish e-mail addresses spell æ, ø, å)."""
    text = text.lower().translate(_TRANSLIT)
    return re.sub(r"[^a-z0-9]+", sep, text).strip(sep)


def zipf_weights(n: int, power: float) -> list[float]:
    return list(itertools.accumulate(1 / (i + 1) ** power for i in range(n)))


class People:
    """Danish names with a realistic skew: Mette and Jensen are common, Sølvi and Hjørth rare."""

    def __init__(self, rng: random.Random, surnames: list[str]) -> None:
        self.rng = rng
        self.surnames = surnames
        self.first_cum = zipf_weights(len(D.FIRST_NAMES), 0.7)
        self.last_cum = zipf_weights(len(surnames), 0.6)

    def name(self) -> tuple[str, str]:
        """(full name, the part used in the e-mail address)."""
        rng = self.rng
        first = rng.choices(D.FIRST_NAMES, cum_weights=self.first_cum)[0]
        last = rng.choices(self.surnames, cum_weights=self.last_cum)[0]
        if rng.random() < 0.18:
            middle = rng.choice(D.MIDDLE_NAMES)
            return f"{first} {middle} {last}", f"{first}.{middle[0]}.{last}"
        if rng.random() < 0.05:  # a double first name
            second = rng.choices(D.FIRST_NAMES, cum_weights=self.first_cum)[0]
            if second != first:
                return f"{first} {second} {last}", f"{first}{second[0]}.{last}"
        return f"{first} {last}", f"{first}.{last}"


def national_number(rng: random.Random, prefixes: list[str]) -> str:
    # A third digit of 0 is not issued in most Danish number ranges.
    return rng.choice(prefixes) + str(rng.randint(100000, 999999))


def e164(national: str) -> str:
    return "+45" + national


def unique_email(local: str, domain: str, taken: set[str]) -> str:
    base = ascii_slug(local, ".")
    for n in itertools.count(1):
        email = f"{base}{n if n > 1 else ''}@{domain}"
        if email not in taken:
            taken.add(email)
            return email
    raise AssertionError


def spread_times(rng: random.Random, n: int, start: dt.datetime, end: dt.datetime):
    seconds = int((end - start).total_seconds())
    offsets = sorted(rng.randrange(seconds) for _ in range(n))
    return [start + dt.timedelta(seconds=s) for s in offsets]


# --- organisations ----------------------------------------------------------------------------

@dataclass
class Org:
    name: str
    kind: str
    street: str
    postal_code: str
    city: str
    phone: str
    email: str
    website: str
    notes: str
    active: bool
    domain: str  # the contacts' e-mail domain
    id: int = 0


def organisation_name(rng: random.Random, kind: str) -> tuple[str, str]:
    """(name, e-mail domain) for an organisation of this kind."""
    district = rng.choice(D.DISTRICTS)
    street = rng.choice(D.STREETS)
    if kind == "kommune":
        unit = rng.choice(D.KOMMUNE_UNITS)
        name = f"Aalborg Kommune, {unit}"
        if rng.random() < 0.75:
            name += f", {district}"
        return name, "aalborg.dk"
    if kind == "politi":
        name = rng.choice([f"Nordjyllands Politi, Lokalpoliti {district}",
                           "Nordjyllands Politi, Aalborg Politistation",
                           f"Nordjyllands Politi, Forebyggelse {district}",
                           f"Nordjyllands Politi, Nærpoliti {district}"])
        return name, "politi.dk"
    if kind == "ngo":
        ngo = rng.choice(D.NGO_NAMES)
        return f"{ngo} {rng.choice([district, 'Aalborg', district])}", ascii_slug(ngo) + ".dk"
    if kind == "erhverv":
        suffix = rng.choice(D.COMPANY_SUFFIXES)
        business = rng.choice(D.BUSINESSES)
        shape = rng.random()
        if shape < 0.45:
            surname = rng.choice(D.SURNAMES)
            name = f"{surname}{'' if surname.endswith('s') else 's'} {business}{suffix}"
        elif shape < 0.6:
            name = f"{rng.choice(D.CHAINS)} {street}"
        elif shape < 0.8:
            name = f"{business} {street}{suffix}"
        else:
            name = f"{district} {business}{suffix}"
        return name, ascii_slug(name.replace(suffix, "") if suffix else name) + ".dk"
    if kind == "boligforening":
        housing = rng.choice(D.HOUSING)
        return (f"{housing}, afdeling {rng.randint(1, 120)} {district}",
                ascii_slug(housing.split(" af ")[0]) + ".dk")
    if kind == "beboerforening":
        name = rng.choice([f"Beboerforeningen {street}", f"Grundejerforeningen {district}",
                           f"Beboerforeningen {district}, afd. {rng.randint(1, 60)}"])
        return name, ascii_slug(name) + ".dk"
    if kind == "samraad":
        return f"{district} Samråd", ascii_slug(district) + "-samraad.dk"
    if kind == "udsatteraad":
        name = rng.choice(["Udsatterådet i Aalborg", f"Brugerrådet {district}",
                           f"Udsatterådet, lokalgruppe {district}"])
        return name, "udsatteraadet.dk"
    if kind == "kultur":
        name = f"{district} {rng.choice(D.CULTURE)}"
        return name, ascii_slug(name) + ".dk"
    if kind == "uddannelse":
        if rng.random() < 0.15:
            subject = rng.choice(["Sociologi", "Socialt Arbejde", "Byplanlægning",
                                  "Kriminologi", "Psykologi"])
            return f"Aalborg Universitet, {subject}", "aau.dk"
        name = f"{district} {rng.choice(D.SCHOOLS)}"
        return name, ascii_slug(name) + ".dk"
    name = f"{district} {rng.choice(D.OTHER)}"
    return name, ascii_slug(name) + ".dk"


def make_organisations(rng: random.Random, count: int) -> list[Org]:
    kinds, weights = zip(*KIND_WEIGHTS.items())
    cum = list(itertools.accumulate(weights))
    taken: set[str] = set()
    orgs: list[Org] = []
    while len(orgs) < count:
        kind = rng.choices(kinds, cum_weights=cum)[0]
        name, domain = organisation_name(rng, kind)
        if name.lower() in taken:
            name = f"{name} ({rng.choice(D.DISTRICTS)})"
            if name.lower() in taken:
                continue
        taken.add(name.lower())
        postal_code = rng.choice(list(D.POSTAL_CODES))
        if domain in ("aalborg.dk", "politi.dk", "aau.dk"):  # a unit's address at the parent
            email = f"{ascii_slug(name.split(', ')[1])[:28].strip('-')}@{domain}"
        else:
            email = f"{rng.choice(['info', 'kontakt', 'post'])}@{domain}"
        orgs.append(Org(
            name=name, kind=kind, street=f"{rng.choice(D.STREETS)} {rng.randint(1, 140)}",
            postal_code=postal_code, city=D.POSTAL_CODES[postal_code],
            phone=e164(national_number(rng, LANDLINE_PREFIXES)) if rng.random() < 0.9 else "",
            email=email if rng.random() < 0.85 else "",
            website=domain if rng.random() < 0.7 else "",
            notes=rng.choice(D.NOTES) if rng.random() < 0.1 else "",
            active=rng.random() >= 0.05, domain=domain))
    return orgs


# --- contacts ---------------------------------------------------------------------------------

def make_contacts(rng: random.Random, count: int, orgs: list[Org]) -> list[dict]:
    people = People(rng, D.SURNAMES)
    # A few partners have many contact persons, most have a handful.
    org_cum = zipf_weights(len(orgs), 0.5)
    emails: set[str] = set()
    contacts = []
    for _ in range(count):
        private = rng.random() < PRIVATE_SHARE
        org = None if private or rng.random() < 0.02 else rng.choices(orgs, cum_weights=org_cum)[0]
        name, local = people.name()
        if private:
            title, notes = "", ""
            phone = e164(national_number(rng, LANDLINE_PREFIXES)) if rng.random() < 0.1 else ""
            mobile = e164(national_number(rng, MOBILE_PREFIXES)) if rng.random() < 0.8 else ""
            email = (unique_email(local, rng.choice(PRIVATE_DOMAINS), emails)
                     if rng.random() < 0.6 else "")
        else:
            titles = D.TITLES[org.kind if org else "andet"]
            title = rng.choice(titles) if rng.random() < 0.85 else ""
            phone = e164(national_number(rng, LANDLINE_PREFIXES)) if rng.random() < 0.6 else ""
            mobile = e164(national_number(rng, MOBILE_PREFIXES)) if rng.random() < 0.7 else ""
            domain = org.domain if org else rng.choice(PRIVATE_DOMAINS)
            email = unique_email(local, domain, emails) if rng.random() < 0.9 else ""
            notes = rng.choice(D.NOTES) if rng.random() < 0.15 else ""
        contacts.append({
            "name": name, "title": title, "org": org, "phone": phone, "mobile": mobile,
            "email": email, "notes": notes, "active": rng.random() >= INACTIVE_SHARE,
            "is_private": private})
    return contacts


# --- meetings (issue 3) -----------------------------------------------------------------------

@dataclass
class ForumPlan:
    name: str
    kind: str
    start_time: str
    duration: int
    location: str
    purpose: str
    rhythm: str
    district: str
    members: list[int]  # indexes into contacts: the standing invitation list
    chair: int
    minute_taker: int
    created_at: dt.datetime
    id: int = 0


@dataclass
class MeetingPlan:
    title: str
    forum: ForumPlan | None
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    chair: int
    minute_taker: int
    purpose: str
    status: str
    district: str
    created_at: dt.datetime
    changed_at: dt.datetime | None = None  # status set to afholdt / aflyst
    planned_purpose: str = ""  # the purpose before the meeting was called off
    participants: list[tuple[int, str, str]] = None  # (contact index, invitation, attendance)
    items: list[dict] = None
    id: int = 0


@dataclass
class MeetingData:
    forums: list[ForumPlan]
    meetings: list[MeetingPlan]
    pdf_meeting: MeetingPlan
    editor_meetings: list[MeetingPlan]
    today: dt.date
    actions: list[dict] = None  # issue 4, from make_actions()
    minutes_meeting: MeetingPlan | None = None  # the held 12-item meeting whose referat is printed


def _short_org(org: Org | None) -> str:
    """'Aalborg Kommune, Park og Natur, Vejgaard' → 'Park og Natur' and 'Himmerland
    Boligforening, afdeling 12 Gug' → 'Himmerland Boligforening', as presenters are written."""
    if org is None:
        return ""
    parts = org.name.split(", ")
    return parts[1] if org.kind in ("kommune", "politi") and len(parts) > 1 else parts[0]


def _place(rng: random.Random, where: str, district: str) -> str:
    street = rng.choice(D.STREETS)
    postal_code = rng.choice(list(D.POSTAL_CODES))
    name = where.format(district=district, street=street)
    return f"{name}, {street} {rng.randint(1, 90)}, {postal_code} {D.POSTAL_CODES[postal_code]}"


def _fill(text: str, rng: random.Random, district: str, year: int, organisation: str) -> str:
    return text.format(park=rng.choice(D.PARKS), district=district, street=rng.choice(D.STREETS),
                       year=year, organisation=organisation or "Tryg Aalborg")


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def make_meetings(rng: random.Random, scale: int, contacts: list[dict],
                  now: dt.datetime) -> MeetingData:
    """Forums with invitation lists, and meetings spread over a year before and a year after
    `now`, with participants and agenda items (none of it written yet)."""
    n_meetings, n_items = MEETING_SCALES[scale]
    today = now.date()
    active = [i for i, c in enumerate(contacts) if c["active"]]
    by_kind: dict[str, list[int]] = {}
    for i in active:
        c = contacts[i]
        kind = "privat" if c["is_private"] else (c["org"].kind if c["org"] else "andet")
        by_kind.setdefault(kind, []).append(i)
    partners = [i for i in active if not contacts[i]["is_private"]]

    # -- forums: a standing invitation list of 16-24 people, chair and minute-taker from the
    # municipality, residents (privatpersoner) at the dialogue and citizens' meetings
    districts = rng.sample(D.DISTRICTS, FORUMS)
    shapes = list(D.FORUM_NAMED)
    while len(shapes) < FORUMS:
        shapes.append(rng.choice(D.FORUM_SHAPES))
    forums = []
    for number, ((name, kind, start_time, duration, where), district) in enumerate(
            zip(shapes, districts)):
        name = name.format(district=district)
        chair, minute_taker = rng.sample(by_kind["kommune"], 2)
        members = [chair, minute_taker]
        wanted = [("kommune", rng.randint(3, 5)), ("politi", rng.randint(1, 2)),
                  ("boligforening", rng.randint(1, 3)), ("beboerforening", rng.randint(1, 2)),
                  ("ngo", rng.randint(2, 4)), ("erhverv", rng.randint(1, 3)),
                  ("kultur", rng.randint(0, 1)), ("uddannelse", rng.randint(0, 1)),
                  ("samraad", rng.randint(0, 1)), ("udsatteraad", rng.randint(0, 1))]
        if kind in ("dialogmøde", "borgermøde"):
            wanted.append(("privat", rng.randint(1, 3)))
        for group, count in wanted:
            candidates = [i for i in rng.sample(by_kind.get(group, []),
                                                min(count + 2, len(by_kind.get(group, []))))
                          if i not in members]
            members += candidates[:count]
        while len(members) < 16:
            extra = rng.choice(partners)
            if extra not in members:
                members.append(extra)
        forums.append(ForumPlan(
            name=name, kind=kind, start_time=start_time, duration=duration,
            location=_place(rng, where, district), purpose=rng.choice(D.FORUM_PURPOSES),
            rhythm=rng.choice(["FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE",
                               "FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE",
                               "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=-1TH"]),
            district=district, members=members, chair=chair, minute_taker=minute_taker,
            created_at=(now - MEETING_SPAN
                        - dt.timedelta(days=60 - number, hours=rng.randint(0, 8)))))

    # -- the meetings' dates, forums, places and status ------------------------------------
    first = today - MEETING_SPAN
    meetings = []
    taken: set[tuple[str, dt.date]] = set()  # a forum meets at most once a day
    while len(meetings) < n_meetings:
        day = _weekday(first + dt.timedelta(days=rng.randrange(2 * MEETING_SPAN.days)))
        forum = None if rng.random() < 0.1 else rng.choice(forums)
        if forum:
            if (forum.name, day) in taken:
                continue
            taken.add((forum.name, day))
        if forum:
            district = forum.district
            title, kind, location, purpose = forum.name, forum.kind, forum.location, forum.purpose
            start_time, duration = forum.start_time, forum.duration
            chair, minute_taker = forum.chair, forum.minute_taker
        else:  # an ad hoc meeting, outside any forum
            district = rng.choice(D.DISTRICTS)
            shape, kind = rng.choice(D.AD_HOC_TITLES)
            title = shape.format(park=rng.choice(D.PARKS), district=district,
                                 street=rng.choice(D.STREETS))
            location = _place(rng, rng.choice(["{district} Medborgerhus", "Beboerhuset {district}",
                                               "Aalborg Rådhus, mødelokale 3"]), district)
            purpose = rng.choice(D.FORUM_PURPOSES)
            start_time, duration = rng.choice([("09:00", 90), ("13:00", 90), ("19:00", 120)])
            chair, minute_taker = rng.sample(by_kind["kommune"], 2)
        hour, minute = map(int, start_time.split(":"))
        starts = dt.datetime.combine(day, dt.time(hour, minute))
        created = min(starts - dt.timedelta(days=rng.randint(7, 90), hours=rng.randint(0, 8)),
                      now - dt.timedelta(hours=rng.randint(1, 72)))
        meetings.append(MeetingPlan(
            title=title, forum=forum, kind=kind, starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=duration), location=location, chair=chair,
            minute_taker=minute_taker, purpose=purpose, status="planlagt", district=district,
            created_at=created))
    meetings.sort(key=lambda m: (m.starts_at, m.title))
    for m in meetings:
        past = m.starts_at < now
        if rng.random() < (0.03 if past else 0.02):
            m.status = "aflyst"
            m.planned_purpose = m.purpose
            m.purpose = "Mødet er aflyst. Punkterne flyttes til næste møde."
            m.changed_at = min(max(m.starts_at - dt.timedelta(days=rng.randint(1, 10)),
                                   m.created_at + dt.timedelta(hours=1)), now)
        elif past:
            m.status = "afholdt"
            m.changed_at = min(m.starts_at + dt.timedelta(days=rng.randint(1, 3)), now)

    # -- the meeting whose agenda is printed: the first dialogue meeting from tomorrow on ------
    pdf = next(m for m in meetings if m.forum and m.kind == "dialogmøde"
               and m.status == "planlagt" and m.starts_at.date() > today)
    # The meetings to open in the editor: that one and others evenly over the two years.
    others = [m for m in meetings if m is not pdf]
    step = len(others) / (EDITOR_MEETINGS - 1)
    editor = [others[int(step * (j + 0.5))] for j in range(EDITOR_MEETINGS - 1)]
    editor.insert(EDITOR_MEETINGS // 2, pdf)

    # -- agenda lengths: 7 standard items and 1-7 theme items, exactly n_items in all ----------
    theme_counts = rng.choices([1, 2, 3, 4, 5, 6], weights=[12, 22, 30, 20, 10, 6], k=len(meetings))
    pdf_index = meetings.index(pdf)
    fixed = len(D.AGENDA_OPENING) + len(D.AGENDA_CLOSING)
    theme_counts[pdf_index] = PDF_ITEMS - fixed
    surplus = fixed * len(meetings) + sum(theme_counts) - n_items
    while surplus:
        i = rng.randrange(len(meetings))
        if i == pdf_index:
            continue
        if surplus > 0 and theme_counts[i] > 1:
            theme_counts[i] -= 1
            surplus -= 1
        elif surplus < 0 and theme_counts[i] < 7:
            theme_counts[i] += 1
            surplus += 1

    for m, themes in zip(meetings, theme_counts):
        m.participants = _participants(rng, m, contacts, partners, now, full=m is pdf)
        m.items = _agenda(rng, m, themes, contacts, full=m is pdf)
    return MeetingData(forums, meetings, pdf, editor, today)


def _participants(rng: random.Random, m: MeetingPlan, contacts: list[dict], partners: list[int],
                  now: dt.datetime, full: bool) -> list[tuple[int, str, str]]:
    """8-15 people: chair and minute-taker, the rest from the forum's invitation list, now and
    then a guest from the whole register. Answers as they stand on `now`."""
    count = 12 if full else rng.randint(8, 15)
    people = [m.chair, m.minute_taker]
    guests = rng.choice([0, 0, 0, 0, 0, 0, 0, 0, 1, 2])
    pool = [i for i in (m.forum.members if m.forum else rng.sample(partners, 30))
            if i not in people]
    people += rng.sample(pool, min(count - len(people) - guests, len(pool)))
    while len(people) < count:
        guest = rng.choice(partners)
        if guest not in people:
            people.append(guest)
    past = m.starts_at < now
    soon = m.starts_at < now + dt.timedelta(days=21)
    rows = []
    for n, i in enumerate(people):
        if past:
            invitation = "afbud" if n > 1 and rng.random() < 0.15 else "tilmeldt"
            attendance = ("" if m.status == "aflyst" else "afbud" if invitation == "afbud"
                          else "udeblev" if rng.random() < 0.06 else "deltog")
        else:
            invitation = (rng.choices(["tilmeldt", "inviteret", "afbud"], [50, 40, 10])[0] if soon
                          else rng.choices(["inviteret", "tilmeldt", "afbud"], [85, 12, 3])[0])
            if n < 2:
                invitation = "tilmeldt"
            attendance = ""
        rows.append((i, invitation, attendance))
    return rows


def _agenda(rng: random.Random, m: MeetingPlan, themes: int, contacts: list[dict],
            full: bool) -> list[dict]:
    """The standard dialogue-meeting agenda around `themes` theme items: presenters from the
    participants, a sagsfremstilling on about half of them and an indstilling on most decisions;
    now and then a closed item (always one in the `full` agenda, which has every text)."""
    chair, minute_taker = contacts[m.chair]["name"], contacts[m.minute_taker]["name"]
    names = {"chair": chair, "minute_taker": minute_taker, "": ""}
    year = m.starts_at.year
    speakers = [contacts[i] for i, _, _ in m.participants]

    def standard(title, kind, minutes, who):
        return dict(title=title, kind=kind, presenter=names[who], minutes=minutes,
                    background="", proposal="", closed=False)

    items = [standard(*line) for line in D.AGENDA_OPENING]
    closed_at = rng.randrange(themes) if themes and rng.random() < 0.06 else None
    if full:  # two decisions with an indstilling among the themes, the rest at random
        decisions = [t for t in D.THEMES if t[1] == "beslutning"]
        chosen = rng.sample(decisions, 2)
        chosen += rng.sample([t for t in D.THEMES if t not in chosen], themes - 2)
        rng.shuffle(chosen)
        closed_at = next(n for n, t in enumerate(chosen) if t[1] != "beslutning")
    else:
        chosen = rng.sample(D.THEMES, themes)
    for n, (title, kind, minutes) in enumerate(chosen):
        speaker = rng.choice(speakers)
        organisation = _short_org(speaker["org"])
        if n == closed_at:
            title, kind, minutes, presenter = rng.choice(D.CLOSED_THEMES)
            items.append(dict(
                title=title, kind=kind, minutes=minutes, closed=True, proposal="",
                presenter=presenter or chair,
                background="Fortrolig orientering til myndighederne. Punktet er lukket, og "
                           "referatet nævner ingen borgere ved navn."))
            continue
        shape = rng.random()
        presenter = (f"{speaker['name']}, {organisation}" if shape < 0.7 and organisation
                     else organisation if shape < 0.9 else "")
        background = (_fill(rng.choice(D.BACKGROUNDS), rng, m.district, year, organisation)
                      if full or rng.random() < 0.5 else "")
        proposal = (_fill(rng.choice(D.PROPOSALS), rng, m.district, year, organisation)
                    if kind == "beslutning" and (full or rng.random() < 0.75) else "")
        items.append(dict(title=_fill(title, rng, m.district, year, organisation), kind=kind,
                          presenter=presenter, minutes=max(5, minutes + rng.choice([-5, 0, 0, 5])),
                          background=background, proposal=proposal, closed=False))
    items += [standard(*line) for line in D.AGENDA_CLOSING]
    return items


def _meeting_audit(m: MeetingPlan, contacts: list[dict], status: str) -> dict:
    """As services/meetings/meetings.py _audit_values gives a meeting's fields to the audit
    trail."""
    from tryg_desktop.services.meetings.meetings import KIND_LABELS, STATUS_LABELS

    return {"title": m.title, "forum": m.forum.name if m.forum else None,
            "kind": KIND_LABELS[m.kind], "starts_at": f"{m.starts_at:%Y-%m-%d %H:%M}",
            "ends_at": f"{m.ends_at:%Y-%m-%d %H:%M}", "location": m.location,
            "chair": contacts[m.chair]["name"], "minute_taker": contacts[m.minute_taker]["name"],
            "purpose": m.purpose, "status": STATUS_LABELS[status]}


def write_meetings(data: MeetingData, contacts: list[dict], rng: random.Random,
                   audit_rows: list) -> None:
    """Insert forums, their invitation lists, meetings, participants and agenda items (inside
    the caller's transaction), and append the audit entries the app would have written."""
    import uuid

    from tryg_desktop.db.meeting_models import (
        AgendaItem,
        AgendaTemplate,
        Forum,
        ForumMember,
        Meeting,
        Participant,
    )
    from tryg_desktop.l10n import danish_sort_key
    from tryg_desktop.services.meetings.agenda import KIND_LABELS as ITEM_KIND_LABELS
    from tryg_desktop.services.meetings.meeting_calendar import label as rhythm_label
    from tryg_desktop.services.meetings.meetings import KIND_LABELS, STATUS_LABELS
    from tryg_desktop.services.meetings.participants import INVITATION_LABELS

    def user() -> str:
        return rng.choice(D.USERS)

    def insert(model, fields, rows) -> int:
        """Insert in chunks; returns the first new id (the ids follow the rows' order)."""
        first_id = (model.select(model.id).order_by(model.id.desc()).scalar() or 0) + 1
        for start in range(0, len(rows), CHUNK):
            model.insert_many(rows[start:start + CHUNK], fields=fields).execute()
        return first_id

    template_id = (AgendaTemplate.select(AgendaTemplate.id)
                   .where(AgendaTemplate.is_standard == True).scalar())  # noqa: E712

    # forums and their invitation lists
    first_id = insert(Forum, (
        Forum.name, Forum.description, Forum.location, Forum.rhythm, Forum.meeting_kind,
        Forum.start_time, Forum.duration_minutes, Forum.template, Forum.active, Forum.version,
        Forum.created_at, Forum.updated_at, Forum.sort_name), [
        (f.name, f.purpose, f.location, f.rhythm, f.kind, f.start_time, f.duration, template_id,
         True, 1, f.created_at, f.created_at, danish_sort_key(f.name)) for f in data.forums])
    for n, f in enumerate(data.forums):
        f.id = first_id + n
        audit_rows.append((f.created_at, user(), "forum", f.id, "create", f.name, _audit_changes({
            "name": f.name, "description": f.purpose, "location": f.location,
            "rhythm": rhythm_label(f.rhythm), "meeting_kind": KIND_LABELS[f.kind],
            "start_time": f.start_time, "duration_minutes": f.duration,
            "template_id": "Standarddagsorden for dialogmøde", "active": True})))
        for k, i in enumerate(f.members):
            audit_rows.append((f.created_at + dt.timedelta(seconds=k + 1), user(), "forum", f.id,
                               "update", f.name,
                               json.dumps({"invitation_list": [None, contacts[i]["name"]]},
                                          ensure_ascii=False)))
    insert(ForumMember, (ForumMember.forum, ForumMember.contact, ForumMember.organisation),
           [(f.id, contacts[i]["id"], None) for f in data.forums for i in f.members])

    # meetings
    rows = []
    for m in data.meetings:
        changed = m.changed_at is not None
        rows.append((m.title, m.forum.id if m.forum else None, m.kind, m.starts_at, m.ends_at,
                     m.location, contacts[m.chair]["id"], contacts[m.minute_taker]["id"],
                     m.purpose, m.status, f"{uuid.UUID(int=rng.getrandbits(128), version=4)}"
                     "@tryg-desktop", int(m.status == "aflyst"), 1 + changed, m.created_at,
                     m.changed_at or m.created_at))
    first_id = insert(Meeting, (
        Meeting.title, Meeting.forum, Meeting.kind, Meeting.starts_at, Meeting.ends_at,
        Meeting.location, Meeting.chair, Meeting.minute_taker, Meeting.purpose, Meeting.status,
        Meeting.ics_uid, Meeting.ics_sequence, Meeting.version, Meeting.created_at,
        Meeting.updated_at), rows)
    for n, m in enumerate(data.meetings):
        m.id = first_id + n
        created = _meeting_audit(m, contacts, "planlagt")
        if m.status == "aflyst":
            created["purpose"] = m.planned_purpose
        audit_rows.append((m.created_at, user(), "meeting", m.id, "create", m.title,
                           _audit_changes(created)))
        if m.changed_at is not None:
            changes = {"status": [STATUS_LABELS["planlagt"], STATUS_LABELS[m.status]]}
            if m.status == "aflyst":
                changes["purpose"] = [created["purpose"], m.purpose]
            audit_rows.append((m.changed_at, user(), "meeting", m.id, "update", m.title,
                               json.dumps(changes, ensure_ascii=False)))

    # participants and agenda items, with their "create" entries just after the meeting's
    rows, entries = [], []
    for m in data.meetings:
        for n, (i, invitation, attendance) in enumerate(m.participants):
            rows.append((m.id, contacts[i]["id"], invitation, attendance))
            entries.append((m.created_at + dt.timedelta(seconds=n + 1), user(), "participant",
                            f"{contacts[i]['name']} – {m.title}", json.dumps(
                                {"invitation": [None, INVITATION_LABELS[invitation]]},
                                ensure_ascii=False)))
    first_id = insert(Participant, (Participant.meeting, Participant.contact,
                                    Participant.invitation, Participant.attendance), rows)
    audit_rows += [(at, who, entity, first_id + n, "create", label, changes)
                   for n, (at, who, entity, label, changes) in enumerate(entries)]

    rows, entries = [], []
    for m in data.meetings:
        for position, item in enumerate(m.items, start=1):
            notes, decision = item.get("notes", ""), item.get("decision", "")
            rows.append((m.id, position, item["title"], item["kind"], item["presenter"],
                         item["minutes"], item["background"], item["proposal"], item["closed"],
                         1 + bool(notes or decision), notes, decision))
            planned = {k: v for k, v in item.items() if k not in ("notes", "decision", "id")}
            entries.append((m.created_at + dt.timedelta(minutes=1, seconds=position), user(),
                            "agenda_item", item["title"], _audit_changes(
                                {**planned, "kind": ITEM_KIND_LABELS[item["kind"]]})))
    first_id = insert(AgendaItem, (
        AgendaItem.meeting, AgendaItem.position, AgendaItem.title, AgendaItem.kind,
        AgendaItem.presenter, AgendaItem.minutes, AgendaItem.background, AgendaItem.proposal,
        AgendaItem.closed, AgendaItem.version, AgendaItem.notes, AgendaItem.decision), rows)
    audit_rows += [(at, who, entity, first_id + n, "create", label, changes)
                   for n, (at, who, entity, label, changes) in enumerate(entries)]
    n = 0
    for m in data.meetings:
        for item in m.items:
            item["id"] = first_id + n
            n += 1
            if item.get("notes") or item.get("decision"):
                # the one entry finish_item_minutes() writes when the minute-taker leaves the item
                audit_rows.append((m.ends_at + dt.timedelta(hours=2, seconds=n % 600), user(),
                                   "agenda_item", item["id"], "update", item["title"],
                                   _audit_changes({"notes": item.get("notes", ""),
                                                   "decision": item.get("decision", "")})))


# --- action items and minutes (issue 4) -------------------------------------------------------

def make_actions(rng: random.Random, scale: int, data: MeetingData, contacts: list[dict]) -> None:
    """Minutes (notes and decisions) on the held meetings' items, and ACTION_SCALES[scale]
    action items agreed at them: linked to a theme item (or Eventuelt / Nyt fra parterne) and
    the meeting's forum, a responsible from the meeting's participants (5 %: none), a deadline
    2-6 weeks after the meeting and the status mix of ACTION_STATUS_SHARES, the open ones mostly
    among the recent meetings (so some, not all, open actions are overdue). Sets data.actions
    and data.minutes_meeting (the latest held meeting with PDF_ITEMS items)."""
    today = data.today
    held = [m for m in data.meetings if m.status == "afholdt"]
    for m in held:
        year = m.starts_at.year
        for item in m.items:
            if item["closed"] or rng.random() < 0.15:
                continue
            item["notes"] = _fill(rng.choice(D.MINUTES_NOTES), rng, m.district, year, "")
            if item["kind"] == "beslutning":
                item["decision"] = _fill(rng.choice(D.DECISIONS), rng, m.district, year, "")
    data.minutes_meeting = next(m for m in reversed(held) if len(m.items) == PDF_ITEMS)
    for item in data.minutes_meeting.items:  # every open item of the printed referat is written
        if not item["closed"] and not item.get("notes"):
            item["notes"] = _fill(D.MINUTES_NOTES[0], rng, data.minutes_meeting.district,
                                  data.minutes_meeting.starts_at.year, "")

    opening = {title for title, *_ in D.AGENDA_OPENING}
    actions = []
    for _ in range(ACTION_SCALES[scale]):
        m = rng.choice(held)
        items = [i for i in m.items if not i["closed"] and i["title"] not in opening
                 and i["title"] != "Næste møde"]
        item = rng.choice(items)
        day = m.starts_at.date()
        due = day + dt.timedelta(days=rng.randint(14, 42))
        contact = (None if rng.random() < ACTION_NO_RESPONSIBLE
                   else contacts[rng.choice(m.participants)[0]])
        org = (contact["org"] if contact and contact["org"] and rng.random() < 0.2 else None)
        actions.append(dict(
            meeting=m, item=item,
            title=_fill(rng.choice(D.ACTION_TITLES), rng, m.district, m.starts_at.year, ""),
            description=rng.choice(D.ACTION_DESCRIPTIONS) if rng.random() < 0.4 else "",
            contact=contact, org=org, due=due,
            created_at=m.ends_at + dt.timedelta(hours=rng.randint(2, 48)),
            # the older the meeting, the likelier the action is closed
            score=(today - day).days * rng.uniform(0.2, 1.8) + rng.random()))
    # Statuses by that score: the exact mix, open ones mostly recent.
    actions.sort(key=lambda a: a["score"])
    open_share = sum(share for _, share in ACTION_STATUS_SHARES[:2])
    n_open = round(open_share * len(actions))
    opened, closed = actions[:n_open], actions[n_open:]
    for group, shares in ((opened, ACTION_STATUS_SHARES[:2]), (closed, ACTION_STATUS_SHARES[2:])):
        total = sum(share for _, share in shares)
        statuses = rng.choices([s for s, _ in shares], weights=[w / total for _, w in shares],
                               k=len(group))
        for a, status in zip(group, statuses):
            a["status"] = status
    for a in actions:
        a.pop("score")
        a["completed_on"], a["completion_note"] = None, ""
        if a["status"] == "udført":
            day = a["meeting"].starts_at.date()
            latest = min(a["due"] + dt.timedelta(days=14), today - dt.timedelta(days=1))
            span = max(1, (latest - day).days)
            a["completed_on"] = day + dt.timedelta(days=rng.randint(1, span))
            a["completion_note"] = rng.choice(D.COMPLETION_NOTES) if rng.random() < 0.6 else ""
        elif a["status"] == "annulleret":
            a["completion_note"] = rng.choice(D.CANCEL_NOTES)
        elif a["status"] == "i gang" and rng.random() < 0.3:
            a["completion_note"] = f"{a['created_at'] + dt.timedelta(days=7):%d.%m.%Y}: i gang."
        changed = a["status"] != "åben"
        a["updated_at"] = (dt.datetime.combine(a["completed_on"], dt.time(10, 0))
                           if a["completed_on"] else
                           min(a["created_at"] + dt.timedelta(days=rng.randint(3, 30)),
                               dt.datetime.combine(today, dt.time(9, 0)))
                           if changed else a["created_at"])
    actions.sort(key=lambda a: (a["created_at"], a["meeting"].id))
    data.actions = actions


def write_actions(data: MeetingData, contacts: list[dict], rng: random.Random,
                  audit_rows: list) -> None:
    """Insert the action items (inside the caller's transaction) and the audit entries the app
    would have written; their search text is written by derived.refresh_all() afterwards."""
    from tryg_desktop.db.action_models import ActionItem
    from tryg_desktop.services.meetings.actions import STATUS_LABELS

    rows = []
    for a in data.actions:
        m, c, o = a["meeting"], a["contact"], a["org"]
        rows.append((m.id, a["item"]["id"], m.forum.id if m.forum else None, a["title"],
                     a["description"], c["id"] if c else None, o.id if o else None, a["due"],
                     a["status"], a["completed_on"], a["completion_note"],
                     1 + (a["status"] != "åben"), a["created_at"], a["updated_at"]))
    first_id = (ActionItem.select(ActionItem.id).order_by(ActionItem.id.desc()).scalar() or 0) + 1
    fields = (ActionItem.meeting, ActionItem.agenda_item, ActionItem.forum, ActionItem.title,
              ActionItem.description, ActionItem.responsible_contact,
              ActionItem.responsible_organisation, ActionItem.due, ActionItem.status,
              ActionItem.completed_on, ActionItem.completion_note, ActionItem.version,
              ActionItem.created_at, ActionItem.updated_at)
    for start in range(0, len(rows), CHUNK):
        ActionItem.insert_many(rows[start:start + CHUNK], fields=fields).execute()
    for n, a in enumerate(data.actions):
        a["id"] = first_id + n
        m = a["meeting"]
        # as services/meetings/actions.py _audit gives the fields, when created as »åben«
        audit_rows.append((a["created_at"], rng.choice(D.USERS), "action_item", a["id"], "create",
                           a["title"], _audit_changes({
                               "title": a["title"], "description": a["description"],
                               "meeting": m.title, "agenda_item": a["item"]["title"],
                               "forum": m.forum.name if m.forum else None,
                               "responsible": a["contact"]["name"] if a["contact"] else None,
                               "organisation": a["org"].name if a["org"] else None,
                               "due": a["due"].isoformat(), "status": STATUS_LABELS["åben"]})))
        if a["status"] != "åben":
            changes = {"status": [STATUS_LABELS["åben"], STATUS_LABELS[a["status"]]]}
            if a["completed_on"]:
                changes["completed_on"] = [None, a["completed_on"].isoformat()]
            if a["completion_note"]:
                changes["completion_note"] = ["", a["completion_note"]]
            audit_rows.append((a["updated_at"], rng.choice(D.USERS), "action_item", a["id"],
                               "update", a["title"], json.dumps(changes, ensure_ascii=False)))


def check_actions(data: MeetingData) -> None:
    """Every action is written, with its search text."""
    from tryg_desktop.db.action_models import ActionItem

    assert ActionItem.select().count() == len(data.actions)
    assert not ActionItem.select().where(ActionItem.search_text == "").exists()


def check_meetings(data: MeetingData) -> None:
    """What was written is what was planned, with every meeting's search text."""
    from tryg_desktop.db.meeting_models import AgendaItem, Forum, Meeting, Participant
    from tryg_desktop.services.meetings import agenda

    counted = (Forum.select().count(), Meeting.select().count(), AgendaItem.select().count(),
               Participant.select().count())
    planned = (len(data.forums), len(data.meetings), sum(len(m.items) for m in data.meetings),
               sum(len(m.participants) for m in data.meetings))
    assert counted == planned, (counted, planned)
    assert not Meeting.select().where(Meeting.search_text == "").exists()
    assert len(agenda.items(data.pdf_meeting.id)) == PDF_ITEMS
    if data.minutes_meeting is not None:
        assert len(agenda.items(data.minutes_meeting.id)) == PDF_ITEMS


# --- the database -----------------------------------------------------------------------------

def _audit_changes(values: dict) -> str:
    """As audit.diff({}, values) records a new record: the fields it fills."""
    return json.dumps({k: [None, v] for k, v in values.items() if v not in ("", None)},
                      ensure_ascii=False)


def write_database(path: Path, orgs: list[Org], contacts: list[dict], rng: random.Random,
                   meeting_data: MeetingData | None = None,
                   meeting_rng: random.Random | None = None,
                   place_data: GP.PlaceData | None = None,
                   place_rng: random.Random | None = None) -> dict:
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.db.models import AuditEntry, Contact, Organisation
    from tryg_desktop.db import derived
    from tryg_desktop.db.derived import contact_derived, organisation_derived

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(path)  # the app's own migrations make the schema
    try:
        org_times = spread_times(rng, len(orgs), START, START + (END - START) * 0.6)
        contact_times = spread_times(rng, len(contacts), START + dt.timedelta(days=2), END)
        audit_rows = []
        with db.atomic():
            org_fields = (Organisation.name, Organisation.kind, Organisation.street,
                          Organisation.postal_code, Organisation.city, Organisation.phone,
                          Organisation.email, Organisation.website, Organisation.notes,
                          Organisation.active, Organisation.version, Organisation.created_at,
                          Organisation.updated_at, Organisation.sort_name, Organisation.sort_city)
            rows = [(o.name, o.kind, o.street, o.postal_code, o.city, o.phone, o.email, o.website,
                     o.notes, o.active, 1, t, t,
                     *organisation_derived(o.name, o.city).values())
                    for o, t in zip(orgs, org_times)]
            for start in range(0, len(rows), CHUNK):
                Organisation.insert_many(rows[start:start + CHUNK], fields=org_fields).execute()
            ids = dict(Organisation.select(Organisation.name, Organisation.id).tuples())
            for org, at in zip(orgs, org_times):
                org.id = ids[org.name]
                audit_rows.append((at, rng.choice(D.USERS), "organisation", org.id, "create",
                                   org.name, _audit_changes({
                                       "name": org.name, "kind": org.kind, "street": org.street,
                                       "postal_code": org.postal_code, "city": org.city,
                                       "phone": org.phone, "email": org.email,
                                       "website": org.website, "notes": org.notes,
                                       "active": org.active})))

            contact_fields = (Contact.name, Contact.title, Contact.organisation, Contact.phone,
                              Contact.mobile, Contact.email, Contact.notes, Contact.active,
                              Contact.is_private, Contact.version, Contact.created_at,
                              Contact.updated_at, Contact.search_text, Contact.sort_name,
                              Contact.sort_title, Contact.sort_organisation)
            rows = []
            for c, at in zip(contacts, contact_times):
                org_name = c["org"].name if c["org"] else ""
                rows.append((c["name"], c["title"], c["org"].id if c["org"] else None, c["phone"],
                             c["mobile"], c["email"], c["notes"], c["active"], c["is_private"], 1,
                             at, at, *contact_derived(c["name"], org_name, c["title"],
                                                      c["email"], c["phone"], c["mobile"]
                                                      ).values()))
            first_id = (Contact.select(Contact.id).order_by(Contact.id.desc()).scalar() or 0) + 1
            for start in range(0, len(rows), CHUNK):
                Contact.insert_many(rows[start:start + CHUNK], fields=contact_fields).execute()
            for number, (c, at) in enumerate(zip(contacts, contact_times)):
                c["id"] = first_id + number
                audit_rows.append((at, rng.choice(D.USERS), "contact", first_id + number, "create",
                                   c["name"], _audit_changes({
                                       "name": c["name"], "title": c["title"],
                                       "phone": c["phone"], "mobile": c["mobile"],
                                       "email": c["email"], "notes": c["notes"],
                                       "active": c["active"], "is_private": c["is_private"],
                                       "organisation": c["org"].name if c["org"] else None})))

            if meeting_data is not None:
                write_meetings(meeting_data, contacts, meeting_rng, audit_rows)
                if meeting_data.actions is not None:
                    write_actions(meeting_data, contacts, meeting_rng, audit_rows)
            if place_data is not None:
                GP.write_places(db, place_data, meeting_data, contacts, place_rng, audit_rows,
                                CHUNK)
            derived.refresh_all()  # the one owner writes the search texts and sort keys

            audit_rows.sort(key=lambda row: row[0])
            audit_fields = (AuditEntry.at, AuditEntry.user, AuditEntry.entity,
                            AuditEntry.record_id, AuditEntry.action, AuditEntry.label,
                            AuditEntry.changes)
            GP.insert_raw(db, AuditEntry._meta.table_name,
                          tuple(f.column_name for f in audit_fields), audit_rows, CHUNK)

        counted = (Organisation.select().count(), Contact.select().count())
        assert counted == (len(orgs), len(contacts)), counted
        indexed = db.execute_sql("SELECT count(*) FROM contact_search").fetchone()[0]
        assert indexed == len(contacts), ("FTS index", indexed)
        if meeting_data is not None:
            check_meetings(meeting_data)
            if meeting_data.actions is not None:
                check_actions(meeting_data)
        place_figures = GP.check_places(place_data) if place_data is not None else {}
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        close_database()
    return place_figures


# --- the CSV to import ------------------------------------------------------------------------

def _typed_phone(rng: random.Random, national: str) -> str:
    """A number as people type it into Excel."""
    spaced = " ".join(national[i:i + 2] for i in range(0, 8, 2))
    return rng.choices([spaced, national, f"+45 {spaced}", f"+45{national}", f"0045 {national}"],
                       weights=[45, 30, 15, 7, 3])[0]


def make_import_rows(rng: random.Random, orgs: list[Org],
                     count: int = IMPORT_ROWS) -> list[list[str]]:
    people = People(rng, D.IMPORT_SURNAMES)
    existing = {o.name.lower() for o in orgs}
    new_orgs: list[tuple[str, str]] = []
    while len(new_orgs) < 250:
        name = f"{rng.choice(D.NEW_ORGANISATION_WORDS)} {rng.choice(D.DISTRICTS)}"
        if name.lower() not in existing:
            existing.add(name.lower())
            new_orgs.append((name, ascii_slug(name) + ".dk"))
    org_cum = zipf_weights(len(orgs), 0.5)
    emails: set[str] = set()
    keys: set[tuple[str, str]] = set()
    rows = []
    while len(rows) < count:
        name, local = people.name()
        shape = rng.random()
        if shape < 0.60:
            org = rng.choices(orgs, cum_weights=org_cum)[0]
            org_name, domain, kind = org.name, org.domain, org.kind
        elif shape < 0.85:
            org_name, domain = rng.choice(new_orgs)
            kind = "ngo"
        else:
            org_name, domain, kind = "", rng.choice(PRIVATE_DOMAINS), "andet"
        key = (name.lower(), org_name.lower())
        if key in keys:
            continue
        keys.add(key)
        title = rng.choice(D.TITLES[kind]) if rng.random() < 0.8 else ""
        phone = (_typed_phone(rng, national_number(rng, LANDLINE_PREFIXES))
                 if rng.random() < 0.6 else "")
        mobile = (_typed_phone(rng, national_number(rng, MOBILE_PREFIXES))
                  if rng.random() < 0.7 else "")
        email = unique_email(local, domain, emails) if rng.random() < 0.9 else ""
        notes = rng.choice(D.NOTES) if rng.random() < 0.15 else ""
        rows.append([name, title, org_name, phone, mobile, email, notes])
    return rows


def write_import_csv(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Navn", "Titel", "Organisation", "Telefon", "Mobil", "E-mail", "Noter"])
    writer.writerows(rows)
    # Danish Excel's "CSV (semikolonsepareret)": Windows-1252, no BOM. strict: fail loudly on a
    # character that the encoding cannot hold, rather than writing a '?'.
    path.write_bytes(buffer.getvalue().encode("cp1252", errors="strict"))


# --- entry point ------------------------------------------------------------------------------

def generate(scale: int, out: Path | None = None, csv_out: Path | None = None, seed: int = SEED,
             quiet: bool = False, today: dt.date | None = None) -> dict:
    if scale not in SCALES:
        raise SystemExit(f"--scale must be one of {sorted(SCALES)}")
    out = Path(out) if out else database_file(scale)
    csv_out = Path(csv_out) if csv_out else csv_file(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n_orgs, n_contacts = SCALES[scale]
    started = time.perf_counter()
    rng = random.Random(f"{seed}-{scale}")
    orgs = make_organisations(rng, n_orgs)
    contacts = make_contacts(rng, n_contacts, orgs)
    # The meetings have their own random stream: the register stays the one issue 2 measured.
    today = today or dt.date.today()
    meeting_rng = random.Random(f"{seed}-{scale}-meetings")
    meeting_data = make_meetings(meeting_rng, scale, contacts,
                                 dt.datetime.combine(today, dt.time(12, 0)))
    # Minutes and action items (issue 4) from a stream of their own: the meetings stay the ones
    # issue 3 was measured on.
    make_actions(random.Random(f"{seed}-{scale}-actions"), scale, meeting_data, contacts)
    # Places, efforts and episodes (issue 5), again from a stream of their own.
    place_rng = random.Random(f"{seed}-{scale}-places")
    place_data = GP.make_place_data(place_rng, scale, orgs, contacts, meeting_data, today)
    place_figures = write_database(out, orgs, contacts, rng, meeting_data, meeting_rng,
                                   place_data, place_rng)
    import_rng = random.Random(f"{seed}-{scale}-import")
    write_import_csv(csv_out, make_import_rows(import_rng, orgs))

    from tryg_desktop.db.migrations import LATEST

    stamp = {
        "generator_version": GENERATOR_VERSION, "scale": scale, "seed": seed,
        "schema_version": LATEST, "organisations": n_orgs, "contacts": n_contacts,
        "inactive_contacts": sum(not c["active"] for c in contacts),
        "private_contacts": sum(c["is_private"] for c in contacts),
        "import_rows": IMPORT_ROWS, "database": out.name, "csv": csv_out.name,
        "meetings_today": today.isoformat(), "forums": len(meeting_data.forums),
        "meetings": len(meeting_data.meetings),
        "upcoming_meetings": sum(m.starts_at.date() >= today for m in meeting_data.meetings),
        "agenda_items": sum(len(m.items) for m in meeting_data.meetings),
        "participants": sum(len(m.participants) for m in meeting_data.meetings),
        "pdf_meeting_id": meeting_data.pdf_meeting.id, "pdf_meeting_items": PDF_ITEMS,
        "editor_meeting_ids": [m.id for m in meeting_data.editor_meetings],
        "action_items": len(meeting_data.actions),
        "action_statuses": {status: sum(a["status"] == status for a in meeting_data.actions)
                            for status, _ in ACTION_STATUS_SHARES},
        "open_overdue_actions": sum(a["status"] in ("åben", "i gang") and a["due"] < today
                                    for a in meeting_data.actions),
        "items_with_minutes": sum(bool(i.get("notes") or i.get("decision"))
                                  for m in meeting_data.meetings for i in m.items),
        "minutes_meeting_id": meeting_data.minutes_meeting.id,
        "minutes_meeting_actions": sum(a["meeting"] is meeting_data.minutes_meeting
                                       for a in meeting_data.actions),
        "places": len(place_data.places), "efforts": len(place_data.efforts),
        "episodes": len(place_data.episodes),
        "episodes_from": place_data.episodes[0][0].isoformat(),
        "meetings_with_place": sum(p is not None for p, _ in place_data.meeting_links.values()),
        "meetings_with_effort": sum(e is not None for _, e in place_data.meeting_links.values()),
        "actions_with_place": sum(p is not None for p, _ in place_data.action_links.values()),
        "actions_with_effort": sum(e is not None for _, e in place_data.action_links.values()),
        **place_figures,
        "database_bytes": out.stat().st_size, "seconds": round(time.perf_counter() - started, 1),
    }
    stamp_file(out).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    if not quiet:
        print(f"{out}: {n_orgs:,} organisations, {n_contacts:,} contacts "
              f"({stamp['inactive_contacts']:,} inactive, {stamp['private_contacts']:,} private), "
              f"{stamp['database_bytes'] / 1e6:.1f} MB")
        print(f"{stamp['forums']} forums, {stamp['meetings']:,} meetings "
              f"({stamp['upcoming_meetings']:,} upcoming) around {today}, "
              f"{stamp['agenda_items']:,} agenda items, {stamp['participants']:,} participants; "
              f"the {PDF_ITEMS}-item agenda to print: meeting {stamp['pdf_meeting_id']}")
        print(f"{stamp['action_items']:,} action items {stamp['action_statuses']} "
              f"({stamp['open_overdue_actions']:,} open and overdue), minutes on "
              f"{stamp['items_with_minutes']:,} items; the held {PDF_ITEMS}-item meeting whose "
              f"referat is printed: meeting {stamp['minutes_meeting_id']}")
        print(f"{stamp['places']:,} places, {stamp['efforts']:,} efforts, "
              f"{stamp['episodes']:,} episodes since {stamp['episodes_from']}; "
              f"{stamp['meetings_with_place']:,} meetings and {stamp['actions_with_place']:,} "
              f"actions at a place; {stamp['decline_place']}: {stamp['decline_after']} episodes "
              f"since effort {stamp['decline_effort_id']} started on "
              f"{stamp['decline_starts_on']}, {stamp['decline_same_days_a_year_earlier']} on "
              "the same days a year earlier")
        print(f"{csv_out}: {IMPORT_ROWS:,} rows (Windows-1252, ';')")
        print(f"in {stamp['seconds']} s")
    return stamp


def is_current(db_file: Path) -> bool:
    """True when db_file exists with its CSV and was made by this generator for the current
    schema (a stale file would be migrated, i.e. changed, by the first benchmark run), with
    meetings around a day at most MEETINGS_MAX_AGE_DAYS ago."""
    stamp = stamp_file(db_file)
    if not (db_file.is_file() and csv_file(db_file).is_file() and stamp.is_file()):
        return False
    try:
        info = json.loads(stamp.read_text(encoding="utf-8"))
    except ValueError:
        return False
    from tryg_desktop.db.migrations import LATEST

    try:
        age = (dt.date.today() - dt.date.fromisoformat(info.get("meetings_today", ""))).days
    except ValueError:
        return False
    return (info.get("generator_version") == GENERATOR_VERSION
            and info.get("schema_version") == LATEST and 0 <= age <= MEETINGS_MAX_AGE_DAYS)


def read_stamp(db_file: Path) -> dict:
    """What generate() recorded about db_file (its JSON side file)."""
    return json.loads(stamp_file(db_file).read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, choices=sorted(SCALES), required=True,
                        help="1: 500 organisations / 5,000 contacts / 200 meetings; "
                        "20: 10,000 / 100,000 / 4,000")
    parser.add_argument("--out", type=Path, help="the database file (default: "
                        "benchmarks/data/tryg-<scale>x.sqlite3); the CSV goes next to it")
    parser.add_argument("--csv", type=Path, help="the import CSV (default: <out>-import.csv)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--today", type=dt.date.fromisoformat,
                        help="the day the meetings lie around, YYYY-MM-DD (default: today)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    generate(args.scale, args.out, args.csv, args.seed, args.quiet, args.today)
    return 0


if __name__ == "__main__":
    sys.exit(main())
