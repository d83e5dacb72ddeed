"""Privacy checks: CPR numbers must never be stored in free text, printed or exported unnoticed.

The one rule: find_cpr_numbers (and contains_cpr) decide what reads as a CPR number, for every
field, document, e-mail, .ics and export. quoted() is how a message shows a value the user
typed: CPR numbers masked ("010190-XXXX") and never more than a short excerpt.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Text is normalised before matching, so that a number copied from Word, a PDF or a web page
# reads as typed: invisible format characters (Unicode Cf: soft hyphen, zero-width space and
# joiners, BOM, direction marks) are dropped; NFKC folds full-width digits and odd spaces;
# every dash (Unicode Pd and the minus signs) becomes "-", every space or tab one " ".
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]+")
_DASHES = re.compile(
    "[\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a-\u2e3b\u2e40\u2e5d\u301c"
    "\u3030\u30a0\ufe31-\ufe32\ufe58\ufe63\uff0d\U00010ead\u2212\u2796\u207b\u208b]")
_SPACES = re.compile("[ \t\x0b\x0c\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_UNPRINTABLE = re.compile(r"[\x00-\x20\x7f-\x9f\s]+")  # a message shows one line

# A birth date DDMMYY, its two gaps alike (none, ".", "-", "/" or " "), then the serial number
# (SSSS) after "-", "/", " " or nothing, standing on its own: not glued to a letter or digit
# on either side, and not one group of a longer number whose groups are joined by - . / or ,
# (an account number "1234-1234567890", a case number "010190-1234-5", an amount).
_CPR = re.compile(
    r"(?<![^\W_])(?<![0-9][-./,])"
    r"([0-9]{2})([-./ ]?)([0-9]{2})\2([0-9]{2})"
    r"( ?[-/] ?| )?"
    r"([0-9])[0-9]{3}"
    r"(?![^\W_])(?![-./,][0-9])"
)
# The serial number's separators that go with each kind of date: "01.01.90-1234", "01 01 90
# 1234", "01-01-90-1234", but not a date and a time ("01.02.26 1400", "01-02-26 1400").
_SERIAL_AFTER = {"": {"", "-", " ", "/"}, ".": {"-", "/"}, "-": {"-"}, " ": {" ", "-"},
                 "/": {"/", "-"}}


def normalise(text: str | None) -> str:
    """text as the CPR rule reads it (see above)."""
    text = _INVISIBLE.sub("", text or "")
    if not text.isascii():
        text = _DASHES.sub("-", unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", text)


def _birth_year(yy: int, seventh: int) -> int:
    """The full birth year by the CPR century table (7th digit, first of the serial number)."""
    if seventh <= 3:
        return 1900 + yy
    if seventh in (4, 9):
        return (2000 if yy <= 36 else 1900) + yy
    return (2000 if yy <= 57 else 1800) + yy  # 5-8


def _matches(normalised: str):
    """The matches in normalised text whose birth date is a real date. No modulus-11 check:
    numbers issued since 2007 need not satisfy it."""
    for match in _CPR.finditer(normalised):
        day, gap, month, yy, serial_gap, seventh = match.groups()
        serial_gap = serial_gap or ""
        if (serial_gap.strip() or serial_gap) not in _SERIAL_AFTER[gap]:  # " - " reads as "-"
            continue
        try:
            dt.date(_birth_year(int(yy), int(seventh)), int(month), int(day))
        except ValueError:
            continue
        yield match


def find_cpr_numbers(text: str | None) -> list[str]:
    """Every CPR number in text, as written after normalising (dashes as "-", one space)."""
    return [match.group(0) for match in _matches(normalise(text))]


def contains_cpr(text: str | None) -> bool:
    return next(_matches(normalise(text)), None) is not None


def address_as_read(address: str | None) -> str:
    """An e-mail address as the rule reads it: the letters of its local part count as spaces,
    so that "borger0101901234@kommune.example" is caught as well as "0101901234@…" (in free
    text a number glued to a word is left alone; in an address the digits are the point)."""
    local, at, domain = (address or "").rpartition("@")
    if not at:
        return address or ""
    return re.sub(r"[^\W\d]", " ", local) + at + domain


def mask_cpr(text: str | None) -> str:
    """text (normalised) with every CPR number shown as its birth date only: "010190-XXXX"."""
    text = normalise(text)
    parts, end = [], 0
    for match in _matches(text):
        day, _, month, yy, _, _ = match.groups()
        parts += [text[end:match.start()], f"{day}{month}{yy}-XXXX"]
        end = match.end()
    return "".join(parts) + text[end:]


def excerpt(value, limit: int = 40, keep_end: bool = False) -> str:
    """A value fit for a message: CPR numbers masked, on one line, at most limit characters
    (a longer value is cut and ends in "…"; with keep_end, as for a path, begins with it)."""
    text = _UNPRINTABLE.sub(" ", mask_cpr(str(value if value is not None else ""))).strip()
    if len(text) <= limit:
        return text
    keep = max(limit - 1, 1)
    for _ in range(5):  # the cut may free a number from a longer one ("0101901234|5678")
        text = mask_cpr(text[-keep:].lstrip() if keep_end else text[:keep].rstrip())
        if len(text) <= keep:  # masking adds a "-": cut again if it did
            break
    text = text[-keep:] if keep_end else text[:keep]
    return "…" + text if keep_end else text + "…"


def quoted(value, limit: int = 40, keep_end: bool = False) -> str:
    """»value« for a message that quotes what the user typed or chose: see excerpt()."""
    return f"»{excerpt(value, limit, keep_end)}«"


def shown_path(path) -> str:
    """A path for a message: CPR numbers masked, and when very long "…/mappe/fil.csv" (the
    end matters most)."""
    return excerpt(path, 200, keep_end=True)


def quoted_path(path) -> str:
    """»path« as shown_path gives it."""
    return f"»{shown_path(path)}«"
