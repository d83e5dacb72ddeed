"""Search-as-you-type over contacts.

Each contact carries search_text (lower-cased name, organisation, title, email, phone digits).
On SQLite an FTS5 trigram index over that column answers substring searches of three or more
characters without scanning the table; shorter terms fall back to LIKE. On PostgreSQL a pg_trgm
index would play the trigram index's part.
"""

from __future__ import annotations

import re

from peewee import SQL, SqliteDatabase

from tryg_desktop.db.connection import database

_DIGITS_ONLY = re.compile(r"^[\d\s+\-]+$")


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
        conditions.append(model.id.in_(
            SQL("(SELECT rowid FROM contact_search WHERE contact_search MATCH ?)", [match])))
    if not conditions:
        return None
    condition = conditions[0]
    for extra in conditions[1:]:
        condition &= extra
    return condition
