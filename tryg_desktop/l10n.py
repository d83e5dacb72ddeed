"""Danish formatting (babel, loaded lazily) and the Danish collation (QCollator).

This is the one module below the views that may use QtCore, and only for QCollator: it knows
that Æ, Ø, Å come after Z and that "Aa" is Å, which Python's sorted() and SQLite do not.
"""

from __future__ import annotations

import datetime as dt
import functools
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
