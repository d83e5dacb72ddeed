"""CPR detection (issue 4): what find_cpr_numbers must find, and what it must leave alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tryg_desktop.services.privacy import (
    contains_cpr,
    find_cpr_numbers,
    mask_cpr,
    quoted,
    quoted_path,
)

# (id, text, expected matches as written)
POSITIVE = [
    ("dash", "010190-1234", ["010190-1234"]),
    ("plain", "0101901234", ["0101901234"]),
    ("space", "010190 1234", ["010190 1234"]),
    ("embedded-comma", "cpr 010190-1234, tak", ["010190-1234"]),
    ("end-of-sentence", "Vedr. 0101901234.", ["0101901234"]),
    ("in-parentheses", "borger (311285-4321)", ["311285-4321"]),
    ("in-quotes", 'cpr "241288-1234"', ["241288-1234"]),
    ("after-colon", "CPR:010203-1234", ["010203-1234"]),
    ("newline-around", "linje\n0101901234\nslut", ["0101901234"]),
    ("after-danish-word", "Født 24.12.88, cpr 241288-1234", ["241288-1234"]),
    ("no-mod11", "010190-1235", ["010190-1235"]),  # fails modulus 11, still a CPR
    ("no-mod11-plain", "1212121213", ["1212121213"]),
    ("two-numbers", "010190-1234 og 0202024321", ["010190-1234", "0202024321"]),
    ("leap-2000-via-4", "290200-4123", ["290200-4123"]),
    ("leap-2000-via-5", "290200-5123", ["290200-5123"]),
    ("leap-1996", "290296-1234", ["290296-1234"]),
    ("leap-1904-via-0", "290204-0123", ["290204-0123"]),
    ("leap-2036-via-9", "290236-9123", ["290236-9123"]),
    ("year-2057-via-8", "310157-8123", ["310157-8123"]),
    ("year-1858-via-5", "010158-5123", ["010158-5123"]),
    ("year-1937-via-4", "311237-4123", ["311237-4123"]),
    ("last-day-of-year", "311299 1234", ["311299 1234"]),
    ("feb-28", "280201-1234", ["280201-1234"]),
    ("april-30", "300490-1234", ["300490-1234"]),
    ("underscore-in-filename", "scan_0101901234.pdf", ["0101901234"]),
    ("after-plus", "+0101901234", ["0101901234"]),
    ("space-form-after-number", "123456 0101901234", ["0101901234"]),
    ("mixed-with-phone", "tlf 98 31 31 31, cpr 010190-1234", ["010190-1234"]),
    ("double-space", "010190  1234", ["010190 1234"]),  # issue 10 point 7: two spaces count
]

NEGATIVE = [
    ("date-dots", "03.12.2026"),
    ("date-iso", "2026-12-03"),
    ("date-slash-dash", "3/12-2026"),
    ("date-short", "24.12.88"),
    ("phone-pairs", "98 31 31 31"),
    ("phone-plus45", "+45 98 31 31 31"),
    ("phone-plain", "98313131"),
    ("phone-plus45-plain", "+4598313131"),
    ("phone-0045", "004598313131"),
    ("phone-mobile", "20 12 34 56"),
    ("phone-mobile-plain", "20123456"),
    ("case-number", "sag 2026-123456"),
    ("journal-number", "j.nr. 27.00.00-A00-1-26"),
    ("short-case", "25-001234"),
    ("amount", "1.234.567,50 kr."),
    ("ean", "5701234567890"),
    ("account", "1234-1234567890"),
    ("account-cpr-like-tail", "1234-0101901234"),
    ("eleven-digits", "10101901234"),
    ("glued-letter-before", "x0101901234"),
    ("glued-letter-after", "0101901234x"),
    ("glued-danish-letter", "ø010190-1234"),
    ("glued-digit-after", "01019012345"),
    ("not-a-date-99", "9912311234"),
    ("day-32", "3201901234"),
    ("month-13", "0113901234"),
    ("day-00", "0001901234"),
    ("month-00", "0100901234"),
    ("april-31", "310490-1234"),
    ("feb-30", "300200-4123"),
    ("no-leap-1900-via-0", "290200-1234"),
    ("no-leap-1900-via-3", "290200 3234"),
    ("no-leap-1937-via-4", "290237-4123"),  # 1937
    ("no-leap-1800-via-5", "290258-5123"),  # 1858
    ("no-leap-1900-plain", "2902001234"),
    ("nine-digits", "010190123"),
    ("dash-five-digits", "010190-12345"),
    ("two-separators", "010190--1234"),
    ("cpr-followed-by-group", "010190-1234-5"),
    ("decimal-tail", "0101901234.5"),
    ("decimal-comma-lead", "1,0101901234"),
    ("empty", ""),
    ("letters-only", "ingen numre her"),
]


@pytest.mark.parametrize("text,expected", [pytest.param(t, e, id=i) for i, t, e in POSITIVE])
def test_finds_cpr(text, expected):
    assert find_cpr_numbers(text) == expected
    assert contains_cpr(text)


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in NEGATIVE])
def test_leaves_other_numbers_alone(text):
    assert find_cpr_numbers(text) == []
    assert not contains_cpr(text)


def test_none_is_empty():
    assert find_cpr_numbers(None) == []
    assert not contains_cpr(None)


def test_one_megabyte_of_text_runs():
    chunk = ("Møde 03.12.2026 tlf +45 98 31 31 31, sag 2026-123456, beløb 1.234.567,50 kr. "
             "EAN 5701234567890 konto 1234-1234567890 9912311234 ")
    text = chunk * (1_000_000 // len(chunk) + 1) + "cpr 010190-1234. "
    text += "1" * 200_000  # one long digit run at the end
    assert len(text) > 1_000_000
    assert find_cpr_numbers(text) == ["010190-1234"]


# Issue 10 point 7: the 25 common spellings of one CPR number (copied from Word, PDFs, web
# pages, typed on a phone). Each must be found, whatever the dash, space or invisible mark.
SPELLINGS = [
    ("hyphen", "010190-1234"),
    ("plain", "0101901234"),
    ("space", "010190 1234"),
    ("en-dash", "010190\u20131234"),
    ("em-dash", "010190\u20141234"),
    ("hyphen-u2010", "010190\u20101234"),
    ("non-breaking-hyphen", "010190\u20111234"),
    ("figure-dash", "010190\u20121234"),
    ("minus-sign", "010190\u22121234"),
    ("full-width-hyphen", "010190\uff0d1234"),
    ("non-breaking-space", "010190\u00a01234"),
    ("narrow-nbsp", "010190\u202f1234"),
    ("tab", "010190\t1234"),
    ("two-spaces", "010190  1234"),
    ("zero-width-space", "010190\u200b1234"),
    ("zero-width-joiner", "010190\u200d1234"),
    ("soft-hyphen", "010190\u00ad1234"),
    ("bom-inside", "010190\ufeff1234"),
    ("spaced-dash", "010190 - 1234"),
    ("dotted", "01.01.90-1234"),
    ("spaced-groups", "01 01 90 1234"),
    ("slashed", "010190/1234"),
    ("all-dashes", "01-01-90-1234"),
    ("full-width-digits", "\uff10\uff11\uff10\uff11\uff19\uff10-\uff11\uff12\uff13\uff14"),
    ("hyphen-and-invisible-mark", "\u200e010190-1234\u200f"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in SPELLINGS])
def test_finds_every_common_spelling(text):
    assert len(find_cpr_numbers(f"Borger, cpr {text}, ringede")) == 1
    assert contains_cpr(text)
    assert mask_cpr(f"cpr {text}") == "cpr 010190-XXXX"


# What the wider rule must still leave alone.
NOT_CPR = [
    ("date-alone-dotted", "født 01.01.1990"),
    ("date-short-alone", "01.01.90"),
    ("date-spaced-alone", "mødet 01 01 90"),
    ("date-and-year", "01.01.1990 1234"),
    ("case-number-en-dash", "010190\u20131234-5"),
    ("case-number-slashed", "010190/1234/5"),
    ("account-en-dash", "1234\u20130101901234"),
    ("phone-plus45-nbsp", "+45\u00a098\u00a031\u00a031\u00a031"),
    ("phone-pairs-tab", "20\t12\t34\t56"),
    ("amount-nbsp", "1\u00a0010\u00a0190,12 kr."),
    ("mixed-gaps", "01.01-90 1234"),
    ("three-dashes", "010190---1234"),
    ("five-digit-serial-en-dash", "010190\u201312345"),
    ("version-like", "v1.01.01.90-1234"),
    ("invalid-date-en-dash", "310490\u20131234"),
    ("dotted-date-and-time", "mødet 01.02.26 1400"),
    ("dashed-date-and-time", "01-02-26 1400"),
    ("slashed-date-and-time", "01/02/26 1400"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in NOT_CPR])
def test_wider_rule_leaves_other_numbers_alone(text):
    assert find_cpr_numbers(text) == []


def test_quoted_masks_cpr_and_cuts_long_values():
    assert quoted("010190\u20131234") == "»010190-XXXX«"
    assert quoted("ring 0101901234 i dag") == "»ring 010190-XXXX i dag«"
    huge = quoted("x" * 1_000_000)
    assert len(huge) <= 42 and huge.endswith("…«")
    assert quoted("linje\nto\x00tre") == "»linje to tre«"
    assert quoted(None) == "»«"
    # A cut must not free a CPR number from a longer digit run.
    assert not contains_cpr(quoted("a" * 28 + " 01019012345678"))
    assert not contains_cpr(quoted_path("01019012345678" + "/x" * 100))


def test_quoted_path_keeps_the_file_name():
    path = "/home/bruger/" + "mappe/" * 80 + "Borger 010190-1234.csv"
    shown = quoted_path(path)
    assert shown.startswith("»…") and shown.endswith("Borger 010190-XXXX.csv«")
    assert len(shown) <= 202


# Whatever the text, a message built with quoted() holds no CPR number and stays short.
_PIECES = st.sampled_from(["010190", "1234", "-", "\u2013", " ", "\u00a0", "\u200b", ".", "/",
                           "01", "90", "x", "\n", "ø", "\uff11"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=5), max_size=30))
def test_quoted_never_shows_a_cpr_number(pieces):
    text = "".join(pieces)
    shown = quoted(text)
    assert not contains_cpr(shown) and len(shown) <= 42
    assert not contains_cpr(mask_cpr(text))
