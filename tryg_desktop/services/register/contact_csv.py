"""Contacts as CSV: reading what Danish Excel, Outlook and other programs write, and writing
the file Tryg Desktop exports (UTF-8 with BOM, ';', CRLF, Danish headers: Excel opens it right)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from tryg_desktop.l10n import format_integer, format_phone
from tryg_desktop.services.register.contact_formats import (
    FIELD_LABELS,
    IMPORT_FIELDS,
    IMPORT_MAX_RECORDS,
    NAME_PART_FIELDS,
    ImportFormatError,
    SourceRecord,
    bool_text,
    decode_text,
    looks_like_vcard,
    read_bytes,
    too_many_records,
)
from tryg_desktop.services.privacy import quoted
from tryg_desktop.services.text_files import sniff_delimiter

# Outlook's export has about 90 columns. Far more is not a contact list, and the mapping step
# shows one row per column: 100,000 of them would freeze the window.
MAX_COLUMNS = 1000

# Header names per field, normalised (see _normalise), best match first. A field takes the
# column whose header comes earliest in its list. "Titel" is last for title because Outlook
# uses it for the form of address (Hr./Fru) and puts the job in "Stilling"/"Job Title".
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("navn", "name", "fuldtnavn", "fuldenavn", "fullname", "kontaktperson",
             "kontaktnavn", "displayname", "vistnavn"),
    "title": ("titelrolle", "stilling", "jobtitle", "jobtitel", "rolle", "role", "position",
              "titel", "title"),
    "organisation": ("organisation", "firma", "company", "organization", "virksomhed",
                     "firmanavn", "companyname", "arbejdsplads"),
    "phone": ("telefon", "arbejdstelefon", "businessphone", "phone", "telefonnummer", "tlf",
              "tlfnr", "workphone", "telephone", "telefonarbejde"),
    "mobile": ("mobil", "mobiltelefon", "mobilephone", "mobile", "mobilnummer", "mobilnr",
               "mobiltlf", "cellphone", "cell"),
    "email": ("email", "emailadresse", "emailaddress", "mail", "mailadresse", "epost"),
    "notes": ("noter", "notes", "note", "bemærkninger", "bemærkning", "kommentar",
              "kommentarer", "comments"),
    "active": ("aktiv", "active"),
    "is_private": ("privatperson", "private", "privat"),
}
# Every column that holds part of the name is used, in column order; Outlook's middle name
# counts as a first name, so "Ole" + "Bjerg" + "Hansen" gives "Ole Bjerg Hansen".
NAME_PART_HEADERS: dict[str, tuple[str, ...]] = {
    "first_name": ("fornavn", "firstname", "givenname", "mellemnavn", "middlename"),
    "last_name": ("efternavn", "lastname", "surname", "familyname"),
}

_SEP_LINE = re.compile(r"sep=(.)[ \t]*(\r\n|\r|\n)", re.IGNORECASE)
# Appended after the text to learn whether a quoted field was left open (see parse_table).
_SENTINEL = "\ue000tryg-slut\ue000"


@dataclass
class CsvTable:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line where the record starts, cells); no blank rows
    encoding: str
    delimiter: str


def read_table(path: Path) -> CsvTable:
    text, encoding = decode_text(read_bytes(path), path.name)
    if looks_like_vcard(text):
        raise ImportFormatError(
            f"Filen {quoted(path.name, 60)} er en vCard-fil, ikke en CSV-fil.")
    return parse_table(text, encoding, path.name)


def parse_table(text: str, encoding: str, name: str) -> CsvTable:
    line_offset = 0
    delimiter = None
    sep = _SEP_LINE.match(text)
    if sep:  # Excel's "sep=;" first line names the delimiter
        delimiter, text, line_offset = sep.group(1), text[sep.end():], 1
    delimiter = delimiter or sniff_delimiter(text)
    # io.StringIO(newline="") hands the csv module the line ends untouched, as it needs to keep
    # line breaks inside quoted fields; reader.line_num then counts physical lines.
    reader = csv.reader(io.StringIO(text + "\n" + _SENTINEL, newline=""), delimiter=delimiter)
    parsed: list[tuple[int, list[str]]] = []  # no blank rows
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                parsed.append((start + line_offset, cells))
                if len(parsed) > IMPORT_MAX_RECORDS + 2:  # + the header and the sentinel
                    raise too_many_records(name)
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFormatError(_csv_problem(error, start + line_offset, name)) from None
    # A quote that is opened and never closed swallows the rest of the file into one field,
    # and the csv module says nothing; the sentinel then ends up inside that field.
    last_line, last = parsed.pop()
    if last != [_SENTINEL]:
        raise ImportFormatError(
            f"Linje {last_line} i filen {quoted(name, 60)}: et citationstegn (\") bliver ikke "
            "afsluttet, så resten af filen kan ikke læses. Ret filen, og prøv igen.")
    if not parsed:
        raise ImportFormatError(f"Filen {quoted(name, 60)} indeholder ingen rækker.")
    (_, headers), rows = parsed[0], parsed[1:]
    if len(headers) > MAX_COLUMNS:
        raise ImportFormatError(
            f"Filen {quoted(name, 60)} har {format_integer(len(headers))} kolonner; en "
            f"kontaktliste kan højst have {format_integer(MAX_COLUMNS)}. Kontrollér, at det er "
            "den rigtige fil.")
    return CsvTable([h.strip() for h in headers], rows, encoding, delimiter)


def _csv_problem(error: csv.Error, line: int, name: str) -> str:
    """The csv module's English error as a Danish sentence naming the line."""
    if "field limit" in str(error):
        limit = csv.field_size_limit() // 1024
        return (f"Linje {line} i filen {quoted(name, 60)} har et felt, der er for langt "
                f"(over {limit} KB). Ret filen, og prøv igen.")
    return f"Linje {line} i filen {quoted(name, 60)} kan ikke læses som CSV."


def _normalise(header: str) -> str:
    """'E-mail Address' → 'emailaddress', 'Titel/rolle' → 'titelrolle'."""
    return re.sub(r"[^0-9a-zæøå]", "", header.lower())


def guess_mapping(headers: list[str]) -> dict[int, str | None]:
    keys = [_normalise(h) for h in headers]
    mapping: dict[int, str | None] = {index: None for index in range(len(headers))}
    # Our own export's labels first, then the synonym lists.
    for index, header in enumerate(headers):
        for field, label in IMPORT_FIELDS:
            if header.lower() == label.lower() and field not in mapping.values():
                mapping[index] = field
    for field, names in HEADER_NAMES.items():
        if field in mapping.values():
            continue
        candidates = [(names.index(key), index) for index, key in enumerate(keys)
                      if key in names and mapping[index] is None]
        if candidates:
            mapping[min(candidates)[1]] = field
    for field, names in NAME_PART_HEADERS.items():
        for index, key in enumerate(keys):
            if key in names and mapping[index] is None:
                mapping[index] = field
    return mapping


def check_mapping(mapping: dict[int, str | None]) -> None:
    allowed = set(FIELD_LABELS) | set(NAME_PART_FIELDS)
    for field in mapping.values():
        if field is not None and field not in allowed:
            raise ImportFormatError(f"Ukendt felt {quoted(field)} i valget af kolonner.")
    chosen = set(mapping.values())
    if "name" not in chosen and not chosen & set(NAME_PART_FIELDS):
        raise ImportFormatError("Vælg, hvilken kolonne der indeholder navnet.")


def records(table: CsvTable, mapping: dict[int, str | None]) -> Iterator[SourceRecord]:
    """Each row as raw field values. Short rows (Excel drops empty trailing cells) read as
    empty; where several columns feed one field, the first non-empty one wins."""
    check_mapping(mapping)
    columns = sorted((index, field) for index, field in mapping.items() if field)
    for line, cells in table.rows:
        values: dict[str, str] = {}
        parts: dict[str, list[str]] = {"first_name": [], "last_name": []}
        for index, field in columns:
            cell = unguard(cells[index].strip()) if index < len(cells) else ""
            if field in parts:
                parts[field].append(cell)
            elif cell and not values.get(field):
                values[field] = cell
        if not values.get("name"):
            values["name"] = " ".join(p for p in parts["first_name"] + parts["last_name"] if p)
        yield SourceRecord(line, values)


# Excel runs a cell that starts with one of these as a formula ("CSV injection"), so free text
# that starts with one gets an apostrophe, which Excel shows as text and the import removes.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START + ("'",)) else text


def unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] and text[1:].startswith(
        _FORMULA_START + ("'",)) else text


def cells(row) -> list[str]:
    """A ContactRow as the export's cells, in IMPORT_FIELDS order."""
    return [guard(row.name), guard(row.title), guard(row.organisation_name),
            format_phone(row.phone), format_phone(row.mobile), guard(row.email),
            guard(row.notes), bool_text(row.active), bool_text(row.is_private)]


def write(rows: Iterable) -> bytes:
    """UTF-8 with BOM (without it Excel reads the file as Windows-1252 and garbles æøå),
    ';' as Danish Excel expects, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([label for _, label in IMPORT_FIELDS])
    for row in rows:
        writer.writerow(cells(row))
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
