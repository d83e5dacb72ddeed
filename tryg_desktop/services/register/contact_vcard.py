"""Contacts as vCards: reading 2.1 (Outlook), 3.0 and 4.0, writing 3.0.

Reading: vobject does the lexing: unfolding, vCard 2.1's quoted-printable soft line breaks,
parameters, groups. The values are decoded here, because vobject's own value decoding cuts a
text at its first comma (it reads "a,b" as a list), and vCard 2.1 writers such as Outlook never
escape commas: "Træffes om formiddagen, dog ikke fredag" would lose its second half. Decoding
here also lets a quoted-printable value fall back from a wrong CHARSET, and lets a broken PHOTO
pass, since no field is read from it.

Writing: vCard 3.0 in UTF-8 by a small writer of our own. vobject writes correct cards too, but
at about 0.3 ms a card, which makes an export of 100,000 contacts take half a minute; the
format needs only escaping and line folding. The tests read our output back with vobject.
"""

from __future__ import annotations

import codecs
import io
import quopri
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from tryg_desktop.services.register.contact_formats import SourceRecord
from tryg_desktop.services.privacy import quoted

PRODID = "-//Tryg Aalborg//Tryg Desktop//DA"
ACTIVE, PRIVATE = "X-TRYG-ACTIVE", "X-TRYG-PRIVATE"
_MISSING_END = "Kontakten slutter ikke med END:VCARD."
# Outlook writes some 30 lines a card; a card of a million lines kept a million objects.
MAX_CARD_LINES = 1000
_TOO_LONG = f"Kontakten har mere end {MAX_CARD_LINES} linjer og kan ikke læses."
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")


# -- reading ---------------------------------------------------------------------------------

class _CardError(Exception):
    """A card that cannot be read; the message is the Danish reason."""


@dataclass
class _Property:
    params: list[list[str]]  # as vobject's parseLine gives them: [["TYPE", "work,voice"], ["PREF"]]
    value: str  # as in the file: still escaped, maybe still quoted-printable

    def param(self, name: str) -> str:
        return next((p[1] for p in self.params if len(p) > 1 and p[0].upper() == name), "")

    @property
    def types(self) -> set[str]:
        """TYPE values however the version writes them: 2.1 'TEL;WORK;VOICE', 3.0
        'TYPE=WORK,VOICE' (or TYPE repeated), 4.0 'TYPE="work,voice"' and 'PREF=1'."""
        types = {p[0].upper() for p in self.params if len(p) == 1}
        for p in self.params:
            if len(p) > 1 and p[0].upper() == "TYPE":
                types.update(t.strip().upper() for value in p[1:] for t in value.split(","))
        if self.param("PREF"):
            types.add("PREF")
        return types

    def decoded(self) -> str:
        """The value with its transfer encoding undone: quoted-printable decoded with its
        CHARSET (falling back to UTF-8, then Windows-1252, when that fails)."""
        encoding = self.param("ENCODING").upper()
        singles = {p[0].upper() for p in self.params if len(p) == 1}
        if encoding in ("QUOTED-PRINTABLE", "QP") or "QUOTED-PRINTABLE" in singles:
            try:
                data = self.value.encode("ascii")
            except UnicodeEncodeError:
                return self.value  # not really quoted-printable: keep the text as read
            return _decode_bytes(quopri.decodestring(data), self.param("CHARSET"))
        if encoding in ("BASE64", "B") or "BASE64" in singles:
            return ""  # binary (a photo, a key): no field of ours comes from it
        return self.value


@dataclass
class _Card:
    line: int
    version: str = "3.0"
    props: dict[str, list[_Property]] = field(default_factory=dict)
    count: int = 0  # property lines read

    def text(self, prop: _Property) -> str:
        value = prop.decoded()
        if not self.version.startswith("2"):  # 2.1 has no backslash escapes in plain text
            value = _unescape(value)
        return value.strip()

    def components(self, prop: _Property) -> list[str]:
        """A structured value (N, ORG) split on its unescaped semicolons."""
        parts = _UNESCAPED_SEMICOLON.split(prop.decoded())
        if self.version.startswith("2"):  # 2.1 escapes only the semicolon
            return [part.replace("\\;", ";").strip() for part in parts]
        return [_unescape(part).strip() for part in parts]

    def first(self, name: str) -> str:
        return next((t for t in (self.text(p) for p in self.props.get(name, [])) if t), "")

    def pick(self, props: list[_Property], preferred: tuple[str, ...], scheme: str) -> str:
        """The value of the first property with the first type in preferred that any has,
        else the first value; 'tel:' and 'mailto:' URIs (vCard 4.0) become plain values."""
        typed = [(p.types, _uri_value(self.text(p), scheme)) for p in props]
        typed = [(types, value) for types, value in typed if value]
        for want in preferred:
            for types, value in typed:
                if want in types:
                    return value
        return typed[0][1] if typed else ""

    def values(self) -> dict[str, str]:
        name = self.first("FN")
        if not name and self.props.get("N"):
            family, given, additional, *_ = self.components(self.props["N"][0]) + ["", ""]
            name = " ".join(p for p in (given, additional, family) if p)
        # ORG is organisation;unit;sub-unit …: the organisation is the first part.
        org = self.components(self.props["ORG"][0])[0] if self.props.get("ORG") else ""
        tels = self.props.get("TEL", [])
        mobiles = [p for p in tels if "CELL" in p.types]
        phones = [p for p in tels if not p.types & {"CELL", "FAX", "PAGER"}]
        notes = [self.text(p) for p in self.props.get("NOTE", [])]
        values = {
            "name": name,
            "title": self.first("TITLE") or self.first("ROLE"),
            "organisation": org,
            "phone": self.pick(phones, ("WORK", "PREF"), "tel"),
            "mobile": self.pick(mobiles, ("WORK", "PREF"), "tel"),
            "email": self.pick(self.props.get("EMAIL", []), ("PREF", "WORK", "INTERNET"),
                               "mailto"),
            # quoted-printable line breaks arrive as CRLF
            "notes": _LINE_BREAK.sub("\n", "\n".join(n for n in notes if n)),
        }
        for key, prop in (("active", ACTIVE), ("is_private", PRIVATE)):
            if prop in self.props:
                values[key] = self.first(prop)
        return values


def records(text: str) -> Iterator[SourceRecord]:
    """One SourceRecord per BEGIN:VCARD, with the line it stands on. Lines outside cards are
    ignored; a card that cannot be read becomes a record with an error, and only that card is
    lost. Nested cards (2.1's AGENT) are not supported; Outlook does not write them."""
    from vobject.base import ParseError, getLogicalLines, parseLine

    card: _Card | None = None
    error: str | None = None
    # newline=None: CR, LF and CRLF all end a line, as in the user's editor.
    for logical, number in getLogicalLines(io.StringIO(text, newline=None), allowQP=True):
        number = max(number, 1)  # vobject numbers the file's first line 0
        try:
            name, params, value, _group = parseLine(logical, number)
        except ParseError:
            if card is not None and error is None:
                error = f"Kontakten kan ikke læses: fejl i linje {number}."
            continue
        name, marker = name.upper(), value.strip().upper()
        if name == "BEGIN" and marker == "VCARD":
            if card is not None:
                yield SourceRecord(card.line, error=_MISSING_END)
            card, error = _Card(number), None
        elif card is None:
            continue
        elif name == "END" and marker == "VCARD":
            yield _record(card, error)
            card = None
        elif name == "VERSION":
            card.version = value.strip()
        elif card.count >= MAX_CARD_LINES:
            error = error or _TOO_LONG  # read on to its END:VCARD, keeping nothing
        else:
            card.count += 1
            card.props.setdefault(name, []).append(_Property(params, value))
    if card is not None:
        yield SourceRecord(card.line, error=_MISSING_END)


def _record(card: _Card, error: str | None) -> SourceRecord:
    if error:
        return SourceRecord(card.line, error=error)
    try:
        return SourceRecord(card.line, card.values())
    except _CardError as exc:
        return SourceRecord(card.line, error=str(exc))


def _decode_bytes(data: bytes, charset: str) -> str:
    if charset:
        try:
            codec = codecs.lookup(charset).name
        except (LookupError, ValueError):  # ValueError: a NUL in the name
            raise _CardError(
                f"Kontakten kan ikke læses: ukendt tegnsæt {quoted(charset, 30)}.") from None
        try:
            return data.decode(codec)
        except (UnicodeError, LookupError):
            # A wrong CHARSET is not rare; nor are codecs that are no text encodings
            # (rot13, base64: LookupError) or fail with a plain UnicodeError (idna).
            pass  # try what is common
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # cannot fail


def _unescape(text: str) -> str:
    r"""vCard 3.0/4.0 text escapes: \n and \N are line breaks; \, \; \\ the character itself."""
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _uri_value(text: str, scheme: str) -> str:
    """'tel:+45-98-31-31-31' (vCard 4.0) → '+45-98-31-31-31'; plain values unchanged."""
    if text.lower().startswith(scheme + ":"):
        text = text[len(scheme) + 1:].split(";")[0]
    return text.strip()


# -- writing ---------------------------------------------------------------------------------

def _escape(text: str) -> str:
    text = _LINE_BREAK.sub("\n", text)
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
            .replace(";", "\\;"))


def _fold(line: str) -> str:
    """RFC 6350 §3.2: lines of at most 75 octets, continued after CRLF + one space; a UTF-8
    character is never cut in two."""
    if len(line.encode("utf-8")) <= 75:
        return line
    pieces, current, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space of a continuation counts
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _split_name(name: str) -> tuple[str, str]:
    """(family, given) for N: the last word is taken as the family name."""
    given, _, family = name.strip().rpartition(" ")
    return family, given


def card(row) -> str:
    """One ContactRow as a vCard 3.0."""
    family, given = _split_name(row.name)
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}",
             f"FN:{_escape(row.name)}", f"N:{_escape(family)};{_escape(given)};;;"]
    if row.organisation_name:
        lines.append(f"ORG:{_escape(row.organisation_name)}")
    if row.title:
        lines.append(f"TITLE:{_escape(row.title)}")
    if row.phone:
        lines.append(f"TEL;TYPE=WORK:{row.phone}")
    if row.mobile:
        lines.append(f"TEL;TYPE=CELL:{row.mobile}")
    if row.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(row.email)}")
    if row.notes:
        lines.append(f"NOTE:{_escape(row.notes)}")
    # Not in the standard, so other programs ignore them; they make the round trip lossless.
    lines.append(f"{ACTIVE}:{'TRUE' if row.active else 'FALSE'}")
    lines.append(f"{PRIVATE}:{'TRUE' if row.is_private else 'FALSE'}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write(rows: Iterable) -> bytes:
    return "".join(card(row) for row in rows).encode("utf-8")
