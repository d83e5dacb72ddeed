"""Synthetic Tryg Desktop data for the benchmark: a SQLite register and a contacts CSV to import.

    python benchmarks/generate.py --scale 1     # 500 organisations, 5,000 contacts
    python benchmarks/generate.py --scale 20    # 10,000 organisations, 100,000 contacts

The database is created by tryg_desktop.db.open_database (so the real migrations make the
schema, the Danish indexes, the FTS5 trigram index and its triggers) and then filled with the
peewee models in bulk (insert_many in chunks, in one transaction). Every record also gets the
"create" audit entry the app would have written. The same seed always gives the same data.

Next to the database (FILE.sqlite3) it writes FILE-import.csv: 10,000 contacts as Danish Excel
saves "CSV (semikolonsepareret)": ';', Windows-1252, CRLF, header
Navn;Titel;Organisation;Telefon;Mobil;E-mail;Noter, phones typed the ways people type them.
None of its names or e-mail addresses is in the database; about 60 % of its rows name an
organisation that exists, 25 % a new one, the rest none. And FILE.json records what was made.
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

DATA_DIR = HERE / "data"
# Bump when the generated data changes: run.py regenerates files stamped with another version.
GENERATOR_VERSION = 1
SEED = 20261127
SCALES = {1: (500, 5_000), 20: (10_000, 100_000)}  # scale → (organisations, contacts)
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


# --- the database -----------------------------------------------------------------------------

def _audit_changes(values: dict) -> str:
    """As audit.diff({}, values) records a new record: the fields it fills."""
    return json.dumps({k: [None, v] for k, v in values.items() if v not in ("", None)},
                      ensure_ascii=False)


def write_database(path: Path, orgs: list[Org], contacts: list[dict], rng: random.Random) -> None:
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.db.models import AuditEntry, Contact, Organisation
    from tryg_desktop.db.search import contact_derived, organisation_derived

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
                audit_rows.append((at, rng.choice(D.USERS), "contact", first_id + number, "create",
                                   c["name"], _audit_changes({
                                       "name": c["name"], "title": c["title"],
                                       "phone": c["phone"], "mobile": c["mobile"],
                                       "email": c["email"], "notes": c["notes"],
                                       "active": c["active"], "is_private": c["is_private"],
                                       "organisation": c["org"].name if c["org"] else None})))

            audit_rows.sort(key=lambda row: row[0])
            audit_fields = (AuditEntry.at, AuditEntry.user, AuditEntry.entity,
                            AuditEntry.record_id, AuditEntry.action, AuditEntry.label,
                            AuditEntry.changes)
            for start in range(0, len(audit_rows), CHUNK):
                AuditEntry.insert_many(audit_rows[start:start + CHUNK],
                                       fields=audit_fields).execute()

        counted = (Organisation.select().count(), Contact.select().count())
        assert counted == (len(orgs), len(contacts)), counted
        indexed = db.execute_sql("SELECT count(*) FROM contact_search").fetchone()[0]
        assert indexed == len(contacts), ("FTS index", indexed)
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        close_database()


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
             quiet: bool = False) -> dict:
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
    write_database(out, orgs, contacts, rng)
    import_rng = random.Random(f"{seed}-{scale}-import")
    write_import_csv(csv_out, make_import_rows(import_rng, orgs))

    from tryg_desktop.db.migrations import LATEST

    stamp = {
        "generator_version": GENERATOR_VERSION, "scale": scale, "seed": seed,
        "schema_version": LATEST, "organisations": n_orgs, "contacts": n_contacts,
        "inactive_contacts": sum(not c["active"] for c in contacts),
        "private_contacts": sum(c["is_private"] for c in contacts),
        "import_rows": IMPORT_ROWS, "database": out.name, "csv": csv_out.name,
        "database_bytes": out.stat().st_size, "seconds": round(time.perf_counter() - started, 1),
    }
    stamp_file(out).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    if not quiet:
        print(f"{out}: {n_orgs:,} organisations, {n_contacts:,} contacts "
              f"({stamp['inactive_contacts']:,} inactive, {stamp['private_contacts']:,} private), "
              f"{stamp['database_bytes'] / 1e6:.1f} MB")
        print(f"{csv_out}: {IMPORT_ROWS:,} rows (Windows-1252, ';')")
        print(f"in {stamp['seconds']} s")
    return stamp


def is_current(db_file: Path) -> bool:
    """True when db_file exists with its CSV and was made by this generator for the current
    schema (a stale file would be migrated, i.e. changed, by the first benchmark run)."""
    stamp = stamp_file(db_file)
    if not (db_file.is_file() and csv_file(db_file).is_file() and stamp.is_file()):
        return False
    try:
        info = json.loads(stamp.read_text(encoding="utf-8"))
    except ValueError:
        return False
    from tryg_desktop.db.migrations import LATEST

    return (info.get("generator_version") == GENERATOR_VERSION
            and info.get("schema_version") == LATEST)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, choices=sorted(SCALES), required=True,
                        help="1: 500 organisations / 5,000 contacts; 20: 10,000 / 100,000")
    parser.add_argument("--out", type=Path, help="the database file (default: "
                        "benchmarks/data/tryg-<scale>x.sqlite3); the CSV goes next to it")
    parser.add_argument("--csv", type=Path, help="the import CSV (default: <out>-import.csv)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    generate(args.scale, args.out, args.csv, args.seed, args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
