"""The values typed on the command line, read once for every command: ids, dates, years and the
files a command writes. A value that cannot be used is a short Danish UserError: a 23-digit id
used to reach SQLite as an OverflowError, and a date in year 9999 the statistics as "year 10000
is out of range"."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tryg_desktop.date_input import MAX_YEAR, MIN_YEAR
from tryg_desktop.services.privacy import quoted  # a refused value: CPR masked, cut short

MAX_ID = 2**63 - 1  # the largest INTEGER SQLite stores
# ASCII digits only: int() would also take "1_000" and Arabic-Indic digits.
_INTEGER = re.compile(r"[+-]?[0-9]+")


class UserError(Exception):
    """A mistake the user can fix; the message is Danish and shown as is."""


def _integer(text: str) -> int | None:
    """The whole number in text, or None; a number too long for SQLite is returned as -1
    (int() of thousands of digits is slow and may raise)."""
    text = text.strip()
    if not _INTEGER.fullmatch(text):
        return None
    if len(text.lstrip("+-").lstrip("0")) > len(str(MAX_ID)):
        return -1
    return int(text)


def parse_id(text: str | None, what: str) -> int | None:
    """A record's id from the command line ("Mødets" for a meeting); None when not given."""
    if text is None:
        return None
    value = _integer(text)
    if value is None:
        raise UserError(f"{what} id skal være et tal, ikke {quoted(text)}.")
    if not 1 <= value <= MAX_ID:
        raise UserError(f"{what} id skal være et tal mellem 1 og {MAX_ID}, "
                        f"ikke {quoted(text)}.")
    return value


def parse_year(text: str) -> int:
    value = _integer(text)
    if value is None or value < 0:
        raise UserError(f"Året skal være et tal, fx 2027, ikke {quoted(text)}.")
    return value


def parse_date(text: str, what: str) -> dt.date:
    """A date as ISO (2026-01-31) or as Danes write it (31.01.2026), in the years the app's
    date fields take: a period must be countable month by month and day by day."""
    day = None
    for parse in (dt.date.fromisoformat, lambda t: dt.datetime.strptime(t, "%d.%m.%Y").date()):
        try:
            day = parse(text.strip())
            break
        except ValueError:
            pass
    if day is None:
        raise UserError(f"{what} {quoted(text)} er ikke en gyldig dato. Skriv den som "
                        "ÅÅÅÅ-MM-DD, fx 2026-01-31.")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise UserError(f"{what} skal ligge i årene {MIN_YEAR}-{MAX_YEAR}, ikke {quoted(text)}.")
    return day


def output_file(text: str, force: bool) -> Path:
    """The file a command is about to write, as typed. It may be replaced only with --force;
    a folder, a device, a read-only file or a missing folder is refused (files.py decides)."""
    from tryg_desktop.services.files import TargetExistsError, check_output_target

    path = Path(text)
    try:
        check_output_target(path, replace=force)
    except TargetExistsError as exc:
        raise UserError(f"{exc.message} Brug --force for at overskrive den.") from None
    return path


def refuse_nul(values) -> None:
    """A NUL character cannot be in a file name or in SQL text; a shell cannot pass one, but a
    script calling us can."""
    if any(isinstance(value, str) and "\0" in value for value in values):
        raise UserError("Et argument indeholder et NUL-tegn, som ikke kan bruges.")
