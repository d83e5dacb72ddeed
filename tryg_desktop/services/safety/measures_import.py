"""Safety measures from a CSV file (issue 15, point 9), e.g. the police's yearly
tryghedsundersøgelse per district or the findings of this year's tryghedsvandringer.

The file: UTF-8 (with or without BOM) or Windows-1252 (what Danish Excel saves as "CSV"),
separated by semicolons (as Danish Excel does), commas or tabs, with these headings in the first line, in any order (case does not matter):

    type;sted;bydel;fra;til;kilde;andel_trygge;besvarelser;fund

- type: undersøgelse (also tryghedsundersøgelse) or tryghedsvandring (also vandring)
- sted: a place's name as in Steder (case does not matter); empty for a district's measure
- bydel: the district, when sted is empty (ignored when sted is given)
- fra, til: the period, as 01.03.2026 or 2026-03-01
- kilde: who measured, e.g. "Nordjyllands Politi, tryghedsundersøgelse"
- andel_trygge: per cent who feel safe, 0–100, decimal comma or point (empty for a walk)
- besvarelser: the number of respondents (may be empty)
- fund: a walk's findings or a note (never names or CPR numbers)

All or nothing: a line that cannot be used is refused with its line number, and then nothing
is imported."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from tryg_desktop.db import database
from tryg_desktop.db.place_models import Place
from tryg_desktop.services.errors import ServiceError, ValidationError
from tryg_desktop.services.files import MB, FileReadError, read_regular_file
from tryg_desktop.services.privacy import quoted
from tryg_desktop.services.safety import measures
from tryg_desktop.services.text_files import TextFileError, decode_text, sniff_delimiter

HEADINGS = ("type", "sted", "bydel", "fra", "til", "kilde", "andel_trygge", "besvarelser", "fund")
REQUIRED = ("type", "fra", "til", "kilde")
MAX_BYTES = 5 * MB  # a city's surveys and walks for many years are a few kilobytes
MAX_SHOWN_ERRORS = 10
KIND_WORDS = {"undersøgelse": measures.SURVEY, "tryghedsundersøgelse": measures.SURVEY,
              "survey": measures.SURVEY, "tryghedsvandring": measures.WALK,
              "vandring": measures.WALK}
FIELD_WORDS = {"kind": "type", "place_id": "sted", "district": "bydel", "period_start": "fra",
               "period_end": "til", "source": "kilde", "value": "andel_trygge",
               "respondents": "besvarelser", "findings": "fund"}


class MeasureImportError(ServiceError):
    """The file cannot be used; the message names the refused lines (the first ten), and
    `lines` holds each refused line's message for a window that lists them."""

    def __init__(self, message: str, lines: list[str] | None = None) -> None:
        super().__init__(message)
        self.lines = lines or []


@dataclass(frozen=True)
class ImportResult:
    rows: list  # measures.MeasureRow, as created

    @property
    def summary(self) -> str:
        n = len(self.rows)
        return f"{n} {'tryghedsmåling' if n == 1 else 'tryghedsmålinger'} importeret."


def parse_date(text: str) -> dt.date | None:
    """01.03.2026, 1.3.2026 or 2026-03-01; None when it is neither."""
    text = text.strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    return None


def _text(data: bytes, name: str) -> str:
    try:
        text, _encoding = decode_text(data, name)
    except TextFileError as error:
        raise MeasureImportError(error.message) from None
    if not text.strip():
        raise MeasureImportError(f"Filen {quoted(name, 60)} er tom.")
    return text


def _heading_map(header: list[str]) -> dict[str, int]:
    found = {cell.strip().casefold(): index for index, cell in enumerate(header)}
    missing = [h for h in REQUIRED if h not in found]
    if missing or not ({"sted", "bydel"} & found.keys()):
        raise MeasureImportError(
            "Første linje skal have overskrifterne " + ";".join(HEADINGS) + " (mangler: "
            + ", ".join(missing or ["sted eller bydel"]) + ").")
    return {h: found[h] for h in HEADINGS if h in found}


def _places_by_name() -> dict[str, int]:
    return {name.casefold(): place_id for place_id, name in
            Place.select(Place.id, Place.name).tuples()}


def _read_line(cells: list[str], columns: dict[str, int], place_ids: dict[str, int]
               ) -> tuple[measures.MeasureInput | None, str | None]:
    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    kind = KIND_WORDS.get(cell("type").casefold())
    if kind is None:
        return None, (f"typen {quoted(cell('type'))} er ukendt "
                      "(skriv undersøgelse eller tryghedsvandring)")
    place_id, district = None, cell("bydel")
    if cell("sted"):
        place_id = place_ids.get(cell("sted").casefold())
        if place_id is None:
            return None, f"stedet {quoted(cell('sted'))} findes ikke i Steder"
        district = ""
    dates = []
    for name in ("fra", "til"):
        day = parse_date(cell(name))
        if day is None:
            return None, (f"{name}-datoen {quoted(cell(name))} er ikke en dato "
                          "(skriv fx 01.03.2026 eller 2026-03-01)")
        dates.append(day)
    return measures.MeasureInput(
        kind=kind, place_id=place_id, district=district, period_start=dates[0],
        period_end=dates[1], source=cell("kilde"), value=cell("andel_trygge") or None,
        respondents=cell("besvarelser") or None, findings=cell("fund")), None


def read_measures(text: str) -> tuple[list[measures.MeasureInput], list[str]]:
    """The measures in the text and the refused lines' Danish messages ("Linje 4: …")."""
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text))
    try:
        header = next(reader)
    except StopIteration:
        raise MeasureImportError("Filen er tom.") from None
    columns = _heading_map(header)
    place_ids = _places_by_name()
    items: list[measures.MeasureInput] = []
    errors: list[str] = []
    line = reader.line_num
    for cells in reader:
        first, line = line + 1, reader.line_num  # where the record starts, as editors count
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            # "62,5" unquoted in a comma-separated file: two fields, each read wrong.
            errors.append(f"Linje {first}: Linjen har flere felter end overskrifterne. Står "
                          "der et decimaltal med komma i en kommasepareret fil, skal det stå i "
                          "anførselstegn (\"62,5\"), eller gem filen med semikolon.")
            continue
        item, problem = _read_line(cells, columns, place_ids)
        if problem is None:
            _, field_errors = measures.clean(item)
            if field_errors:
                problem = "; ".join(f"{FIELD_WORDS.get(f, f)}: {m}"
                                    for f, m in field_errors.items())
        if problem:
            errors.append(f"Linje {first}: {problem[0].upper()}{problem[1:]}")
        else:
            items.append(item)
    return items, errors


def import_text(text: str) -> ImportResult:
    items, errors = read_measures(text)
    if errors:
        shown = errors[:MAX_SHOWN_ERRORS]
        more = len(errors) - len(shown)
        raise MeasureImportError(
            "Intet er importeret. " + " ".join(shown)
            + (f" … og {more} linjer mere." if more else ""), errors)
    if not items:
        raise MeasureImportError("Filen har ingen målinger under overskrifterne.")
    with database.atomic():
        try:
            return ImportResult(measures.create_many(items))
        except ValidationError as error:  # a place deleted meanwhile: nothing is kept
            raise MeasureImportError("Intet er importeret. "
                                     + " ".join(error.errors.values())) from None


def import_file(path: Path | str) -> ImportResult:
    """All or nothing, in one transaction; MeasureImportError in Danish otherwise."""
    path = Path(path)
    try:
        data = read_regular_file(path, MAX_BYTES)
    except FileReadError as error:
        raise MeasureImportError(error.message) from None
    return import_text(_text(data, path.name))
