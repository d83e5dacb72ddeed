"""Danish formatting (babel, loaded lazily) and the Danish collation (QCollator).

This is the one module below the views that may use QtCore, and only for QCollator: it knows
that Æ, Ø, Å come after Z and that "Aa" is Å, which Python's sorted() and SQLite do not.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

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
_AA_UNIT = "\ue000"  # stands for a two-letter "aa" while the levels are built
_PRIMARY = str.maketrans({"æ": _AE, "ä": _AE, "ø": _OE, "ö": _OE, "ő": _OE, "å": _AA,
                          _AA_UNIT: _AA, "ü": "y", "ű": "y", "ß": "ss", "ð": "d", "þ": "th"})
_NOT_ACCENTED = frozenset("æøå")
_DIGITS = re.compile(r"\d+")


@functools.lru_cache(maxsize=4096)
def _base_letter(ch: str) -> str:
    """é → e, ñ → n: the letter without its accent; other characters as they are."""
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed[0].isascii() else ch


def _number(match: re.Match) -> str:
    digits = match.group(0).lstrip("0") or "0"
    return chr(0x30 + min(len(digits), 60)) + digits  # a shorter number sorts first


def danish_sort_key(text: str | None) -> str:
    """A string whose plain (binary) order is Danish order: what QCollator does for da_DK, as a
    value a database can index and compare without calling back into Python.

    Three levels as in the Unicode collation: letters (Æ, Ø, Å after Z; "aa" is Å; accents
    ignored; numbers by value), then accents, then case (capitals first, as in Danish), and the
    text itself last so that the order is total. tests/unit/test_danish_order.py holds it to
    QCollator's answer on thousands of names. Written with str methods, not a loop per letter:
    an import computes three keys for every row."""
    text = unicodedata.normalize("NFC", text or "")
    lower = text.lower()
    if len(lower) != len(text):  # a letter whose lower case is two characters (rare)
        text = lower
    case = ["0" if ch.isupper() else "1" for ch in text]
    if "aa" in lower:  # "aa" is one letter, Å: "Aalborg" after "Østerbro"
        for match in reversed(list(re.finditer("aa", lower))):
            del case[match.start() + 1]
        lower = lower.replace("aa", _AA_UNIT)
    primary = lower.translate(_PRIMARY)
    if not primary.isascii():
        primary = "".join(ch if ch.isascii() else _base_letter(ch) for ch in primary)
    if any(ch.isdigit() for ch in primary):
        primary = _DIGITS.sub(_number, primary)
    secondary = "".join("0" if ch.isascii() or ch in _NOT_ACCENTED else "1" for ch in lower)
    return f"{primary}\x01{secondary}\x01{''.join(case)}\x01{text}"


def format_date(value: dt.date, fmt: str = "long") -> str:
    """'3. december 2026' (long), 'torsdag den 3. december 2026' (full), '03.12.2026' (short)."""
    from babel.dates import format_date as _format_date

    if fmt == "short":
        return _format_date(value, "dd.MM.yyyy", locale=LOCALE)
    return _format_date(value, fmt, locale=LOCALE)


WEEKDAYS = ("man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn.")


# The short forms every list, history and detail line uses: one owner each. f-strings, not
# babel: a list formats thousands of cells, and babel's locale data costs at start-up.
def short_date(value: dt.date) -> str:
    """'03.12.2026'."""
    return f"{value:%d.%m.%Y}"


def weekday_date(value: dt.date) -> str:
    """'tor. 07.01.2027'."""
    return f"{WEEKDAYS[value.weekday()]} {value:%d.%m.%Y}"


def clock(value: dt.time | dt.datetime | str) -> str:
    """'14.00' (Danish style; a stored '14:00' as well)."""
    if isinstance(value, str):
        return value.strip().replace(":", ".")
    return f"{value:%H.%M}"


def time_range(start: dt.time | dt.datetime, end: dt.time | dt.datetime) -> str:
    """'14.00–16.00' (an en dash, no spaces)."""
    return f"{clock(start)}–{clock(end)}"


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


def percent_value(part: float, whole: float) -> int | None:
    """part of whole in whole per cent, rounded half up (5 of 8 → 63); None when whole is 0."""
    from decimal import ROUND_HALF_UP, Decimal

    if not whole:
        return None
    exact = Decimal(repr(part)) * 100 / Decimal(repr(whole))
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rate_percent(rate: float) -> int:
    """A rate (0.625) in whole per cent, rounded half up (63), from the float's shortest
    text, so 0.145 gives 15 and not 14 (0.145 * 100 is 14.499… as a float)."""
    from decimal import ROUND_HALF_UP, Decimal

    # str(): a float's shortest text, and a Decimal's own (a server's SUM is a numeric).
    return int((Decimal(str(rate)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent(part: float, whole: float, empty: str = "–") -> str:
    """'63\u00a0%' for 5 of 8: rounded half up, with a non-breaking space, so the number and
    the sign never part at a line end; `empty` when whole is 0."""
    value = percent_value(part, whole)
    return empty if value is None else f"{value}\u00a0%"


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
