"""Issue 10, "Fuzz in the suite": the CSV and vCard importers on hostile files. The only
exceptions allowed are the app's own Danish ServiceErrors, and the database passes SQLite's
integrity check afterwards. Kept small (about a second or two): the probing that found the
bugs ran 1,639 files; these are the shapes that broke something, plus random bytes."""

from __future__ import annotations

import codecs
import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tryg_desktop.services.register.contact_import import import_file, read_csv_preview
from tryg_desktop.services.errors import ServiceError

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])
SUFFIXES = [".csv", ".vcf", ".txt", ".vcard", ".tsv", ""]
_names = itertools.count()

# Characters that matter to the parsers, and a few that break naive ones.
_TRICKY = ";,\t\"'\r\n\x00\x0b\x0c\u2028\u2029\ufeff\u00a0\u2013=+-@\\:.æøåÆØÅ"
_cell = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) |
                st.sampled_from(list(_TRICKY)), max_size=30)
_HEADERS = ["Navn", "E-mail", "Telefon", "Mobil", "Organisation", "Noter", "Aktiv",
            "Privatperson", "Fornavn", "Efternavn", "Titel/rolle", "sep=;"]


def _import(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fil{next(_names)}{suffix}"
    path.write_bytes(data)
    calls = [import_file] + ([read_csv_preview] if suffix == ".csv" else [])
    for call in calls:
        try:
            call(path)
        except ServiceError as error:
            assert error.message.strip(), "an error without a message"
            assert "Traceback" not in error.message


def _integrity_ok() -> None:
    from tryg_desktop.db import integrity

    found = integrity.check()
    assert (found.pages, found.broken_links, found.unreadable) == ([], {}, False)


@st.composite
def csv_files(draw) -> bytes:
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    headers = draw(st.lists(st.sampled_from(_HEADERS) | _cell, min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(_cell, max_size=10), max_size=8))
    newline = draw(st.sampled_from(["\r\n", "\n", "\r", "\n\r"]))
    text = newline.join(delimiter.join(row) for row in [headers, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):  # cut off anywhere, as a half-copied file
        data = data[:draw(st.integers(0, len(data)))]
    return data


_VCARD_LINES = [
    "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", "VERSION:4.0",
    "FN:{v}", "N:{v};{v};;;", "ORG:{v};{v}", "TITLE:{v}", "NOTE:{v}", "EMAIL;TYPE=work:{v}",
    "TEL;WORK;VOICE:{v}", "TEL;TYPE=cell:{v}", "TEL;VALUE=uri:tel:{v}", "X-TRYG-ACTIVE:{v}",
    "X-TRYG-PRIVATE:{v}", "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET={c}:{v}",
    "FN;CHARSET={c};ENCODING=QUOTED-PRINTABLE:{v}=", "PHOTO;ENCODING=BASE64;TYPE=JPEG:{v}",
    "NOTE;QUOTED-PRINTABLE:{v}=0D=0A=C3=A6=", " {v}", "\t{v}", "item1.EMAIL:{v}", "{v}:{v}",
    "FN;{v}={v}:{v}", "BEGIN:{v}", "END:{v}", "AGENT:BEGIN:VCARD",
]
_CHARSETS = ["utf-8", "windows-1252", "x-nonsense", "rot13", "hex", "idna", "utf-16",
             "base64", "zlib", "punycode", "mbcs", "", "utf-7", "unicode_escape", "\x00"]


@st.composite
def vcard_files(draw) -> bytes:
    lines = draw(st.lists(st.sampled_from(_VCARD_LINES), min_size=1, max_size=14))
    text = "\r\n".join(
        line.replace("{v}", draw(_cell)).replace("{c}", draw(st.sampled_from(_CHARSETS)))
        for line in ["BEGIN:VCARD", *lines])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace")


@FUZZ
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(db, tmp_path, data, suffix):
    _import(tmp_path, data, suffix)
    _integrity_ok()


@FUZZ
@given(data=csv_files(), suffix=st.sampled_from([".csv", ".txt", ""]))
def test_csv_like_files(db, tmp_path, data, suffix):
    _import(tmp_path, data, suffix)
    _integrity_ok()


@FUZZ
@given(data=vcard_files(), suffix=st.sampled_from([".vcf", ".csv", ""]))
def test_vcard_like_files(db, tmp_path, data, suffix):
    _import(tmp_path, data, suffix)
    _integrity_ok()


# -- hand-made hostile files -----------------------------------------------------------------

HOSTILE = {
    "nul bytes": b"Navn;Noter\r\nAnna\x00Berg;x\x00y\r\n",
    "nul bytes after a UTF-8 BOM": codecs.BOM_UTF8 + b"Navn;Noter\r\nAnna\x00;x\r\n",
    "nul bytes in a vCard with BOM": codecs.BOM_UTF8 + b"BEGIN:VCARD\r\nFN:A\x00B\r\nEND:VCARD",
    "a 1 MB field": b"Navn;Noter\r\nAnna;" + b"x" * 1024 * 1024 + b"\r\n",
    "a 1 MB quoted field": b'Navn;Noter\r\nAnna;"' + b"x;" * 512 * 1024 + b'"\r\n',
    "a 1 MB name": b"Navn\r\n" + b"A" * 1024 * 1024 + b"\r\n",
    "a 1 MB vCard note": b"BEGIN:VCARD\r\nFN:A\r\nNOTE:" + b"x" * 1024 * 1024 + b"\r\nEND:VCARD",
    "100,000 columns (comma)": ",".join(f"c{i}" for i in range(100_000)).encode() + b"\n1\n",
    "100,000 columns (semicolon)": b"Navn" + b";" * 100_000 + b"\nAnna\n",
    "100,000 columns (tab) in a data row": b"Navn\tNoter\nAnna" + b"\t" * 100_000 + b"\n",
    "invalid UTF-8": b"Navn;Noter\r\nAnna;\xc3\x28\xa0\xa1\xff\xfe\r\n",
    "invalid UTF-8 after a BOM": codecs.BOM_UTF8 + b"Navn\r\n\xff\xfe\xc3\r\n",
    "odd-length UTF-16": codecs.BOM_UTF16_LE + "Navn\r\nAnna".encode("utf-16-le") + b"\x00",
    "UTF-16 lone surrogate": codecs.BOM_UTF16_LE + b"N\x00\x00\xd8\r\x00\n\x00",
    "UTF-32 BOM": codecs.BOM_UTF32_LE + "Navn\nAnna\n".encode("utf-32-le"),
    "only a BOM": codecs.BOM_UTF8,
    "two BOMs": codecs.BOM_UTF8 * 2 + b"Navn\nAnna\n",
    "mixed line endings": b"Navn;Noter\r\nAnna;a\rBo;b\nKim;\"c\r\nd\"\n\rUlla;e\r\r\n",
    "unclosed quote": b'Navn;Noter\nAnna;"never closed\nBo;x\n',
    "quote in the middle": b'Navn;Noter\nAn"na;x"y\n"Bo"x;z\n',
    "sep line only": b"sep=;\r\n",
    "sep line of a quote": b'sep="\r\nNavn"Noter\r\nAnna"x\r\n',
    "sep line of a line break": b"sep=\r\r\nNavn\rAnna\r",
    "formula cells": b"Navn;Telefon\r\n=HYPERLINK(\"x\");+4512345678\r\n'-Bo;@SUM(1)\r\n",
    "yes/no nonsense": b"Navn;Aktiv;Privatperson\r\nAnna;m\xc3\xa5ske;\xe2\x80\x93\r\n",
    "empty vCard": b"BEGIN:VCARD\r\nEND:VCARD\r\n",
    "vCard without END": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\n",
    "vCard with bad charsets": b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
                               b"FN;CHARSET=rot13;ENCODING=QUOTED-PRINTABLE:Anna=\r\n\r\n"
                               b"NOTE;CHARSET=idna;ENCODING=QUOTED-PRINTABLE:=C3=A6\r\n"
                               b"ORG;CHARSET=hex;ENCODING=QUOTED-PRINTABLE:x\r\nEND:VCARD\r\n",
    "vCard with a 100,000-line folded value": b"BEGIN:VCARD\r\nFN:A" + b"\r\n x" * 100_000
                                              + b"\r\nEND:VCARD\r\n",
    "vCard nested 1,000 deep": b"BEGIN:VCARD\r\n" * 1000 + b"END:VCARD\r\n" * 1000,
    "Excel file": b"PK\x03\x04" + bytes(range(256)),
    "whitespace only": b" \r\n\t\r\n",
}


def test_hostile_files(db, tmp_path):
    """Every case with both endings, on one database (a database per case would cost more
    than the cases); the failures are listed by name."""
    failures = []
    for (name, data), suffix in itertools.product(HOSTILE.items(), [".csv", ".vcf"]):
        try:
            _import(tmp_path, data, suffix)
        except Exception as error:  # noqa: BLE001 - collected, then reported together
            failures.append(f"{name} ({suffix}): {type(error).__name__}: {str(error)[:200]}")
    assert failures == []
    _integrity_ok()


def test_a_long_unknown_charset_is_not_echoed_whole(db, tmp_path):
    from tryg_desktop.services.register.contact_import import import_file as run

    path = tmp_path / "tegnsæt.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET="
                     + b"x" * 10_000 + b":Anna\r\nEND:VCARD\r\n")
    result = run(path)
    assert [r.line for r in result.rejected] == [1]
    assert len(result.rejected[0].reason) < 100


def test_a_card_of_a_million_lines_is_rejected_alone(db, tmp_path):
    from tryg_desktop.services.register.contact_import import import_file as run
    from tryg_desktop.services.register.contact_vcard import MAX_CARD_LINES

    path = tmp_path / "lang.vcf"
    path.write_text("BEGIN:VCARD\r\nFN:Lang\r\n" + "NOTE:x\r\n" * (MAX_CARD_LINES + 5)
                    + "END:VCARD\r\nBEGIN:VCARD\r\nFN:Kort\r\nEND:VCARD\r\n")
    result = run(path)
    assert result.imported == 1
    assert [(r.line, r.reason) for r in result.rejected] == [
        (1, f"Kontakten har mere end {MAX_CARD_LINES} linjer og kan ikke læses.")]
