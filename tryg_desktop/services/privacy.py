"""Privacy checks: CPR numbers must never be stored in free text, printed or exported unnoticed."""

from __future__ import annotations

import datetime as dt
import re

# DDMMYY-SSSS, DDMMYYSSSS or DDMMYY SSSS, standing on its own: not glued to a letter or digit on
# either side, and not one group of a longer number whose groups are joined by - . / or ,
# (an account number "1234-1234567890", a case number "010190-1234-5", an amount).
_CPR = re.compile(
    r"(?<![^\W_])(?<!\d[-./,])"
    r"(\d{2})(\d{2})(\d{2})[- ]?(\d)\d{3}"
    r"(?![^\W_])(?![-./,]\d)"
)


def _birth_year(yy: int, seventh: int) -> int:
    """The full birth year by the CPR century table (7th digit, first of the serial number)."""
    if seventh <= 3:
        return 1900 + yy
    if seventh in (4, 9):
        return (2000 if yy <= 36 else 1900) + yy
    return (2000 if yy <= 57 else 1800) + yy  # 5-8


def find_cpr_numbers(text: str | None) -> list[str]:
    """Every CPR number in text with a real birth date, as written. No modulus-11 check:
    numbers issued since 2007 need not satisfy it."""
    found = []
    for match in _CPR.finditer(text or ""):
        day, month, yy, seventh = (int(g) for g in match.groups())
        try:
            dt.date(_birth_year(yy, seventh), month, day)
        except ValueError:
            continue
        found.append(match.group(0))
    return found


def contains_cpr(text: str | None) -> bool:
    return bool(find_cpr_numbers(text))
