"""What the contact import and export share across file formats: the fields, the error type,
reading a text file whose encoding nobody declared, and yes/no values.

contact_import re-exports IMPORT_FIELDS and ImportFormatError; code outside the import/export
modules should take them from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.files import (
    MB,
    FileReadError,
    check_regular_file,
    read_regular_file,
)
from tryg_desktop.services.privacy import quoted

# (field, Danish label) in the order of the export's columns. The labels are the CSV headers.
IMPORT_FIELDS: list[tuple[str, str]] = [
    ("name", "Navn"),
    ("title", "Titel/rolle"),
    ("organisation", "Organisation"),
    ("phone", "Telefon"),
    ("mobile", "Mobil"),
    ("email", "E-mail"),
    ("notes", "Noter"),
    ("active", "Aktiv"),
    ("is_private", "Privatperson"),
]
FIELD_LABELS = dict(IMPORT_FIELDS)
# A name split over columns (Outlook, many Excel lists); the parts are joined with spaces.
NAME_PART_FIELDS = ("first_name", "last_name")

# 100,000 contacts exported from Outlook are about 30 MB. A bigger file, or one of more
# records, is not a contact list; reading it whole would take minutes and gigabytes.
IMPORT_MAX_BYTES = 60 * MB
IMPORT_MAX_RECORDS = 200_000

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
VCARD_SUFFIXES = (".vcf", ".vcard")

_TRUE = {"ja", "j", "yes", "y", "true", "sand", "1", "x"}
_FALSE = {"nej", "n", "no", "false", "falsk", "0"}


class ImportFormatError(ServiceError):
    """The file cannot be read at all: missing, unreadable encoding, not CSV or vCard."""


@dataclass
class SourceRecord:
    """One contact as read from a file, before validation: raw text per import field."""

    line: int  # where the record starts, as the user's editor numbers lines
    values: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # set when the record could not be read at all


def check_source(path: Path) -> None:
    """A quick look before a file is chosen for import: a regular file, not too big."""
    try:
        check_regular_file(path, IMPORT_MAX_BYTES)
    except FileReadError as error:
        raise ImportFormatError(error.message) from None


def read_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file (a FIFO would block the import) of at most
    IMPORT_MAX_BYTES, with a Danish ImportFormatError for anything else."""
    try:
        data = read_regular_file(path, IMPORT_MAX_BYTES)
    except FileReadError as error:
        raise ImportFormatError(error.message) from None
    if not data.strip():
        raise ImportFormatError(f"Filen {quoted(path.name, 60)} er tom.")
    # Spreadsheets and other binary files: say what to do instead of "unknown characters".
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportFormatError(
            f"Filen {quoted(path.name, 60)} er et Excel-regneark eller en anden binær fil, ikke "
            f"en CSV- "
            "eller vCard-fil. Gem den i Excel som »CSV (semikolonsepareret)«, og prøv igen.")
    return data


def too_many_records(name: str) -> ImportFormatError:
    from tryg_desktop.l10n import format_integer

    return ImportFormatError(
        f"Filen {quoted(name, 60)} har mere end {format_integer(IMPORT_MAX_RECORDS)} kontakter. "
        "Del den op i mindre filer, og importér dem hver for sig.")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """(text, codec name), as services/text_files reads any text file; ImportFormatError."""
    from tryg_desktop.services.text_files import TextFileError
    from tryg_desktop.services.text_files import decode_text as decode

    try:
        return decode(data, name, "CSV eller vCard")
    except TextFileError as error:
        raise ImportFormatError(error.message) from None


def looks_like_vcard(text: str) -> bool:
    return text.lstrip().upper().startswith("BEGIN:VCARD")


def parse_bool(text: str | None, default: bool) -> bool | None:
    """Ja/Nej, yes/no, true/false, 1/0 and x (a tick in a spreadsheet column); empty gives the
    default; None means the text is not a yes or a no."""
    text = (text or "").strip().lower()
    if not text:
        return default
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def bool_text(value: bool) -> str:
    return "Ja" if value else "Nej"
