"""Privacy checks: CPR numbers must never be stored in free text, printed or exported unnoticed."""

from __future__ import annotations

import datetime as dt
import re

# DDMMYY-SSSS or DDMMYYSSSS, not part of a longer number.
_CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?!\d)")


def find_cpr_numbers(text: str | None) -> list[str]:
    """Everything in text that reads as a CPR number with a real birth date."""
    found = []
    for match in _CPR.finditer(text or ""):
        day, month, year = (int(g) for g in match.groups()[:3])
        try:
            dt.date(2000 + year, month, day)
        except ValueError:
            continue
        found.append(match.group(0))
    return found


def contains_cpr(text: str | None) -> bool:
    return bool(find_cpr_numbers(text))
