"""Search-as-you-type over contacts, and the derived columns that finding and ordering read.

Each contact carries search_text (lower-cased name, organisation, title, email, phone digits).
On SQLite an FTS5 trigram index over that column answers substring searches of three or more
characters without scanning the table; shorter terms fall back to LIKE. On PostgreSQL a pg_trgm
index would play the trigram index's part.
"""

from __future__ import annotations

import re

from peewee import SQL, Expression, SqliteDatabase

from tryg_desktop.db.connection import database, not_for_index
from tryg_desktop.l10n import danish_sort_key

_DIGITS_ONLY = re.compile(r"^[\d\s+\-]+$")


def contact_derived(name, organisation, title, email, phone, mobile) -> dict:
    """The columns every writer of a contact keeps in step with its fields: the search text and
    the Danish sort keys (binary-ordered, so ORDER BY uses an index and no Python callback)."""
    return {
        "search_text": contact_search_text(name, organisation, title, email, phone, mobile),
        "sort_name": danish_sort_key(name),
        "sort_title": danish_sort_key(title),
        "sort_organisation": danish_sort_key(organisation),
    }


def organisation_derived(name, city) -> dict:
    return {"sort_name": danish_sort_key(name), "sort_city": danish_sort_key(city)}


def contact_search_text(name, organisation, title, email, phone, mobile) -> str:
    parts = [name, organisation, title, email, _phone_digits(phone), _phone_digits(mobile)]
    return " ".join(p.strip().lower() for p in parts if p)


def _phone_digits(e164: str | None) -> str:
    """'+4598313131' → '98313131 4598313131' so both the national and the full number match."""
    if not e164:
        return ""
    digits = re.sub(r"\D", "", e164)
    return f"{digits[2:]} {digits}" if digits.startswith("45") else digits


def search_terms(text: str) -> list[str]:
    """Split the user's text into terms; a phone number typed with spaces is one term."""
    text = text.strip().lower()
    if not text:
        return []
    if _DIGITS_ONLY.match(text):
        return [re.sub(r"\D", "", text)] if re.sub(r"\D", "", text) else []
    return text.split()


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contact_search_condition(model, text: str):
    """A WHERE condition matching every term of text somewhere in the contact's search_text."""
    conditions = []
    fts_terms = []
    for term in search_terms(text):
        if len(term) >= 3 and isinstance(database.obj, SqliteDatabase):
            fts_terms.append('"' + term.replace('"', '""') + '"')
        else:
            conditions.append(SQL("search_text LIKE ? ESCAPE '\\'", [f"%{_escape_like(term)}%"]))
    if fts_terms:
        match = " AND ".join(fts_terms)
        # "+id": the unary plus keeps SQLite from driving the query from the matches and then
        # sorting them all (30 ms for a common word at 100,000 contacts); it walks the sort
        # index instead and checks each id against the matches (under 8 ms in every case).
        conditions.append(Expression(not_for_index(model.id), "IN", SQL(
            "(SELECT rowid FROM contact_search WHERE contact_search MATCH ?)", [match])))
    if not conditions:
        return None
    condition = conditions[0]
    for extra in conditions[1:]:
        condition &= extra
    return condition
