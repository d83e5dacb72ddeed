"""Danish formatting (babel, loaded lazily) and the Danish collation (QCollator).

This is the one module below the views that may use QtCore, and only for QCollator: it knows
that Æ, Ø, Å come after Z and that "Aa" is Å, which Python's sorted() and SQLite do not.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Iterable

LOCALE = "da_DK"
COLLATION_NAME = "DANISH"


@functools.cache
def _collator():
    from PySide6.QtCore import QCollator, QLocale, Qt

    collator = QCollator(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)  # "Punkt 2" before "Punkt 10"
    return collator


def danish_compare(a: str | None, b: str | None) -> int:
    """-1, 0 or 1 in Danish order; None and "" sort first. Ties are broken on the exact text
    so that the order is total (SQLite indexes need that)."""
    a = a or ""
    b = b or ""
    result = _collator().compare(a, b)
    if result == 0 and a != b:
        return -1 if a < b else 1
    return (result > 0) - (result < 0)


# Primary letters after z in Danish, as characters that follow "z" in code-point order.
_AE, _OE, _AA = "{", "|", "}"
_PRIMARY = {"æ": _AE, "ä": _AE, "ø": _OE, "ö": _OE, "ő": _OE, "å": _AA, "ü": "y", "ű": "y",
            "ß": "ss", "ð": "d", "þ": "th"}
_DIGITS = re.compile(r"\d+")


def danish_sort_key(text: str | None) -> str:
    """A string whose plain (binary) order is Danish order: what QCollator does for da_DK, as a
    value a database can index and compare without calling back into Python.

    Three levels as in the Unicode collation: letters (Æ, Ø, Å after Z; "aa" is Å; accents
    ignored; numbers by value), then accents, then case (capitals first, as in Danish), and the
    text itself last so that the order is total. tests/unit/test_danish_order.py holds it to
    QCollator's answer on thousands of names."""
    text = unicodedata.normalize("NFC", text or "")
    lower = text.lower()
    primary, secondary, tertiary = [], [], []
    i = 0
    while i < len(lower):
        ch = lower[i]
        if ch == "a" and lower[i + 1:i + 2] == "a":  # "aa" is Å (Aalborg after Østerbro)
            primary.append(_AA)
            secondary.append("1")
            tertiary.append("0" if text[i].isupper() else "1")
            i += 2
            continue
        if ch.isdigit():
            run = _DIGITS.match(lower, i).group(0)
            digits = run.lstrip("0") or "0"
            primary.append(chr(0x30 + min(len(digits), 60)) + digits)  # shorter number first
            i += len(run)
            continue
        base = _PRIMARY.get(ch)
        if base is None:
            decomposed = unicodedata.normalize("NFD", ch)
            base = decomposed[0] if decomposed[0].isascii() else ch
        primary.append(base)
        secondary.append("0" if base == ch or ch in "æøå" else "1")
        tertiary.append("0" if text[i].isupper() else "1")
        i += 1
    return "".join(primary) + "\x01" + "".join(secondary) + "\x01" + "".join(tertiary) \
        + "\x01" + text


def danish_sorted(items: Iterable, key=lambda x: x) -> list:
    return sorted(items, key=functools.cmp_to_key(lambda x, y: danish_compare(key(x), key(y))))


def format_date(value: dt.date, fmt: str = "long") -> str:
    """'3. december 2026' (long), 'torsdag den 3. december 2026' (full), '03.12.2026' (short)."""
    from babel.dates import format_date as _format_date

    if fmt == "short":
        return _format_date(value, "dd.MM.yyyy", locale=LOCALE)
    return _format_date(value, fmt, locale=LOCALE)


def format_time(value: dt.time | dt.datetime) -> str:
    """'14.00' (babel's short Danish time)."""
    from babel.dates import format_time as _format_time

    return _format_time(value, format="short", locale=LOCALE)


def format_datetime(value: dt.datetime) -> str:
    """'27.11.2026 kl. 14.00' for lists and history. Danish convention adds 'kl.', which no
    locale's default pattern has; QLocale (not babel) because lists show this at start-up."""
    from PySide6.QtCore import QDateTime, QLocale

    locale = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
    return locale.toString(QDateTime(value.replace(tzinfo=None)), "dd.MM.yyyy 'kl.' HH.mm")


def format_integer(value: int) -> str:
    """'100.000'. QLocale, not babel: this runs at start-up, where babel's locale data costs."""
    from PySide6.QtCore import QLocale

    return QLocale(QLocale.Language.Danish, QLocale.Country.Denmark).toString(int(value))


def format_money(value: float) -> str:
    """'1.234,50 kr.'"""
    from babel.numbers import format_decimal

    return f"{format_decimal(value, format='#,##0.00', locale=LOCALE)} kr."


@functools.lru_cache(maxsize=8192)  # the tables repaint the same numbers over and over
def format_phone(e164: str | None) -> str:
    """E.164 as written in Denmark: '+4598313131' → '98 31 31 31'; foreign numbers internationally."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, "DK")
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 45:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
