"""Reading a text file whose encoding and separator nobody declared (the contact import and the
safety measures' import): the encodings Danish Excel and Outlook write, and the CSV separator
the header line shows."""

from __future__ import annotations

import codecs
import csv
import io

from tryg_desktop.services.errors import ServiceError
from tryg_desktop.services.privacy import quoted

DELIMITERS = (";", ",", "\t")  # in order of preference when a header line fits several


class TextFileError(ServiceError):
    """The bytes are not text the app can read (the Danish message says what to do)."""


def decode_text(data: bytes, name: str, kinds: str = "CSV") -> tuple[str, str]:
    """(text, codec name): UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"),
    else Windows-1252, which is what Danish Excel and Outlook write when asked for "CSV".
    kinds: what the file should have been, for the message ("CSV eller vCard")."""
    not_text = f"Filen {quoted(name, 60)} ser ikke ud til at være en tekstfil ({kinds})."
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data:
        raise TextFileError(not_text)
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # NUL bytes after a BOM: binary, and no database keeps a NUL in text
            raise TextFileError(not_text)
        return text, encoding
    raise TextFileError(
        f"Tegnene i filen {quoted(name, 60)} kan ikke læses. Gem filen som UTF-8 eller "
        "Windows-1252 (ANSI), og prøv igen.")


def sniff_delimiter(text: str) -> str:
    """The candidate that splits the first non-blank line into the most columns.
    (csv.Sniffer guesses from character frequencies and is easily fooled by notes.)"""
    first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    counts = [(_column_count(first, d), d) for d in DELIMITERS]
    best = max(count for count, _ in counts)
    return next(d for count, d in counts if count == best)


def _column_count(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:  # e.g. a field over csv.field_size_limit(): not this delimiter, or
        return 0  # not a usable file; the caller's parser then says which line
