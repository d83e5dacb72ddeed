"""Importing contacts from CSV (Excel, Outlook) and vCard (2.1, 3.0, 4.0) files.

Every row goes through the same validation as the contact editor (contacts.clean). Rows that
fail are reported with their line number and reason; rows that match an existing contact, or an
earlier row of the file, are skipped, so importing a file twice changes nothing the second time.
The whole import is one transaction: cancelled or failed, nothing is left half-written.

It is written for large files (10,000 rows into a register of 100,000 contacts in a few seconds):
the duplicate keys of the register are read once into sets, and contacts and their audit
entries are inserted in bulk.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from peewee import SqliteDatabase

from tryg_desktop.db import database
from tryg_desktop.db.bulk import insert_rows
from tryg_desktop.db.models import Contact, utcnow
from tryg_desktop.db.derived import contact_derived
from tryg_desktop.services import audit
from tryg_desktop.services.register import contact_csv, contact_vcard, contacts, organisations
from tryg_desktop.services.register.contact_formats import (
    CSV_SUFFIXES,
    FIELD_LABELS,
    IMPORT_FIELDS,
    IMPORT_MAX_RECORDS,
    VCARD_SUFFIXES,
    ImportFormatError,
    SourceRecord,
    check_source,
    decode_text,
    looks_like_vcard,
    parse_bool,
    read_bytes,
    too_many_records,
)
from tryg_desktop.services.errors import ValidationError
from tryg_desktop.services.privacy import quoted
from tryg_desktop.services.text_files import DELIMITERS

__all__ = ["IMPORT_FIELDS", "CsvPreview", "ImportFormatError", "ImportResult", "RejectedRow",
           "check_source", "import_file", "read_csv_preview"]

PROGRESS_EVERY = 100  # rows between progress reports and cancel checks
INSERT_CHUNK = 500  # rows per INSERT: well inside SQLite's limit of bound variables
SUMMARY_MAX_REJECTED = 20  # rejected lines listed in summary(); all are in result.rejected
SAMPLE_ROWS = 5

Progress = Callable[[int, int], None]


@dataclass
class CsvPreview:
    headers: list[str]
    mapping: dict[int, str | None]  # column index → field, None: the column is not imported
    sample_rows: list[list[str]]
    encoding: str  # Python codec name: "utf-8-sig", "utf-8", "cp1252" or "utf-16"
    delimiter: str
    row_count: int  # data rows, blank rows not counted


@dataclass
class RejectedRow:
    line: int  # CSV: the line the record starts on (the header is line 1); vCard: BEGIN:VCARD
    reason: str


@dataclass
class ImportResult:
    imported: int = 0
    duplicates: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    organisations_created: int = 0
    cancelled: bool = False

    def summary(self) -> str:
        if self.cancelled:
            return "Importen blev annulleret. Der er ikke gemt noget."
        lines = [f"Importeret: {self.imported} {'kontakt' if self.imported == 1 else 'kontakter'}"]
        if self.organisations_created:
            lines.append(f"Nye organisationer: {self.organisations_created}")
        lines.append(f"Sprunget over (findes allerede): {self.duplicates}")
        lines.append(f"Afvist: {len(self.rejected)}")
        lines += [f"  linje {r.line}: {r.reason}" for r in self.rejected[:SUMMARY_MAX_REJECTED]]
        if len(self.rejected) > SUMMARY_MAX_REJECTED:
            lines.append(f"  … og {len(self.rejected) - SUMMARY_MAX_REJECTED} linjer mere")
        return "\n".join(lines)


def read_csv_preview(path) -> CsvPreview:
    """The file's columns with a guessed mapping and a few rows, for the mapping step."""
    table = contact_csv.read_table(Path(path))
    return CsvPreview(
        headers=table.headers, mapping=contact_csv.guess_mapping(table.headers),
        sample_rows=[cells for _, cells in table.rows[:SAMPLE_ROWS]], encoding=table.encoding,
        delimiter=table.delimiter, row_count=len(table.rows))


def import_file(path, mapping: dict[int, str | None] | None = None,
                progress: Progress | None = None,
                is_cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Import a .csv or .vcf/.vcard file. mapping (CSV only) defaults to the guessed one.
    progress(done, total) and is_cancelled() are called every PROGRESS_EVERY rows; when
    is_cancelled() returns True everything is rolled back and the result says cancelled."""
    records = _read_records(Path(path), mapping)
    total = len(records)

    def checkpoint(done: int) -> None:
        if progress:
            progress(done, total)
        if is_cancelled and is_cancelled():
            raise _Cancelled

    # SQLite: take the write lock at BEGIN. The import reads the register before it writes, and
    # a deferred transaction fails at its first write if another connection (the GUI's) has
    # written since the read; with the lock taken first, the other connection waits instead.
    lock = {"lock_type": "IMMEDIATE"} if isinstance(database.obj, SqliteDatabase) else {}
    try:
        with database.atomic(**lock):
            importer = _Importer()
            for done, record in enumerate(records):
                if done % PROGRESS_EVERY == 0:
                    checkpoint(done)
                importer.add(record)
            importer.flush()
            checkpoint(total)  # a cancel that came during the last rows still rolls back
    except _Cancelled:
        return ImportResult(cancelled=True)
    return importer.result


class _Cancelled(Exception):
    """Raised inside the transaction so that leaving it rolls everything back."""


def _read_records(path: Path, mapping: dict[int, str | None] | None) -> list[SourceRecord]:
    text, encoding = decode_text(read_bytes(path), path.name)
    suffix = path.suffix.lower()
    if looks_like_vcard(text):
        cards = list(itertools.islice(contact_vcard.records(text), IMPORT_MAX_RECORDS + 1))
        if len(cards) > IMPORT_MAX_RECORDS:
            raise too_many_records(path.name)
        return cards
    if suffix in VCARD_SUFFIXES:
        raise ImportFormatError(f"Filen {quoted(path.name, 60)} er ikke en vCard-fil "
                                f"(BEGIN:VCARD mangler).")
    if suffix not in CSV_SUFFIXES and not _looks_like_csv(text):
        raise ImportFormatError(
            f"Filen {quoted(path.name, 60)} er hverken en CSV- eller en vCard-fil. Vælg en "
            ".csv- eller .vcf-fil.")
    table = contact_csv.parse_table(text, encoding, path.name)
    return list(contact_csv.records(table, contact_csv.guess_mapping(table.headers)
                                    if mapping is None else mapping))


def _looks_like_csv(text: str) -> bool:
    """For a file without a known extension: a header line that splits into columns."""
    first = text.lstrip().split("\n", 1)[0]
    return any(d in first for d in DELIMITERS)


class _Importer:
    """Validates rows, skips duplicates and inserts the rest in chunks, inside the caller's
    transaction."""

    def __init__(self) -> None:
        self.result = ImportResult()
        # What counts as "already there": e-mails, and (name, organisation id or None).
        self.emails: set[str] = set()
        self.names: set[tuple[str, object]] = set()
        # database.execute hands back the driver's cursor: for 100,000 rows several times
        # faster than letting peewee build a tuple per row.
        query = Contact.select(Contact.name, Contact.email, Contact.organisation)
        for name, email, org_id in database.execute(query):
            if email:
                self.emails.add(email.lower())
            self.names.add((_name_key(name), org_id))
        # lower-case name → (id, name as registered); missing: not in the register (yet)
        self.orgs: dict[str, tuple[int, str] | None] = organisations.ids_by_lower_name()
        self.pending: list[tuple[contacts.ContactInput, str]] = []

    def add(self, record: SourceRecord) -> None:
        if record.error:
            self._reject(record.line, [record.error])
            return
        data, problems = _to_input(record.values)
        data, errors = contacts.clean(data)
        problems += errors.values()
        if problems:
            self._reject(record.line, problems)
            return
        org_name = "" if data.is_private else record.values.get("organisation", "").strip()
        email_key, name_key = data.email.lower(), _name_key(data.name)
        # An organisation that is not in the register yet is keyed by its name until created.
        org_key = self._org_key(org_name)
        if (email_key and email_key in self.emails) or (name_key, org_key) in self.names:
            self.result.duplicates += 1
            return
        if org_name:
            try:
                data.organisation_id, org_name = self._organisation(org_name)
            except ValidationError as error:
                self._reject(record.line, list(error.errors.values()))
                return
        if email_key:
            self.emails.add(email_key)
        self.names.add((name_key, data.organisation_id))
        self.pending.append((data, org_name))
        if len(self.pending) >= INSERT_CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        now = utcnow()
        rows = [dict(name=d.name, title=d.title, organisation=d.organisation_id, phone=d.phone,
                     mobile=d.mobile, email=d.email, notes=d.notes, active=d.active,
                     is_private=d.is_private, version=1, created_at=now, updated_at=now,
                     **contact_derived(d.name, org, d.title, d.email, d.phone, d.mobile))
                for d, org in self.pending]
        ids = insert_rows(Contact, rows)
        audit.record_many([(contacts.ENTITY, record_id, "create", d.name,
                            audit.diff({}, _audit_values(d, org)))
                           for record_id, (d, org) in zip(ids, self.pending)])
        self.result.imported += len(self.pending)
        self.pending = []

    def _org_key(self, org_name: str):
        """The organisation part of a name key: its id, or its name while it does not exist."""
        if not org_name:
            return None
        key = org_name.lower()
        known = self.orgs.get(key)
        return known[0] if known else ("ny", key)

    def _organisation(self, org_name: str) -> tuple[int, str]:
        """(id, registered name) of the organisation, created (type Andet) if it is new."""
        key = org_name.lower()
        if self.orgs.get(key) is None:
            created = organisations.create(organisations.OrganisationInput(name=org_name,
                                                                           kind="andet"))
            self.orgs[key] = (created.id, created.name)
            self.result.organisations_created += 1
        return self.orgs[key]

    def _reject(self, line: int, reasons) -> None:
        self.result.rejected.append(RejectedRow(line, " ".join(reasons)))


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())


def _to_input(values: dict[str, str]) -> tuple[contacts.ContactInput, list[str]]:
    """The raw values as a ContactInput (organisation left for later) and the problems that
    contacts.clean does not see: yes/no columns."""
    problems = []
    flags = {}
    for name, default in (("active", True), ("is_private", False)):
        text = values.get(name, "")
        flags[name] = parse_bool(text, default)
        if flags[name] is None:
            problems.append(
                f"{FIELD_LABELS[name]}: {quoted(text.strip())} skal være Ja eller Nej.")
            flags[name] = default
    notes = values.get("notes", "").replace("\r\n", "\n").replace("\r", "\n")
    return contacts.ContactInput(
        name=values.get("name", ""), title=values.get("title", ""),
        phone=values.get("phone", ""), mobile=values.get("mobile", ""),
        email=values.get("email", ""), notes=notes, **flags), problems


def _audit_values(data: contacts.ContactInput, org_name: str) -> dict:
    """As contacts.create records them: the organisation by name."""
    values = dict(vars(data))  # a shallow copy: asdict's deep copy costs more than the rest
    del values["organisation_id"]
    values["organisation"] = org_name or None
    return values
