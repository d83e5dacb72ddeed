"""Search-as-you-type: the one function that turns typed text into search terms, and the
conditions built from them. (The searched text itself is built in db/derived.py.)

Each contact carries search_text (lower-cased name, organisation, title, email, phone digits).
A trigram index over that column answers substring searches of three or more characters
without scanning the table (FTS5 on SQLite, pg_trgm on PostgreSQL: db/*_dialect.py); shorter
terms fall back to LIKE.
"""

from __future__ import annotations

import re

from tryg_desktop.db.dialect import for_database

_DIGITS_ONLY = re.compile(r"^[\d\s+\-]+$")
# Control characters, surrogates and the invisible format characters (zero-width space, soft
# hyphen, bidi marks): none of them is typed on purpose, and a NUL ends an SQL string.
_UNSEARCHABLE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e"
                           "\u2060-\u206f\ufeff\ud800-\udfff]")
MAX_TERMS = 10
MAX_TERM_LENGTH = 100


def search_terms(text: str) -> list[str]:
    """The user's text as search terms, the one function every search box goes through.

    Control and invisible characters go (a NUL broke the FTS query); a phone number typed with
    spaces is one term; repeated terms count once, and only the first MAX_TERMS terms of at
    most MAX_TERM_LENGTH characters are used: each term adds a condition, and some hundred
    conditions overflowed SQLite's parser and Python's recursion limit."""
    text = _UNSEARCHABLE.sub(" ", text or "").strip().lower()
    if not text:
        return []
    if _DIGITS_ONLY.match(text):
        digits = re.sub(r"\D", "", text)
        return [digits[:MAX_TERM_LENGTH]] if digits else []
    terms = list(dict.fromkeys(term[:MAX_TERM_LENGTH] for term in text.split()))
    return terms[:MAX_TERMS]


def matching_every_term(text: str, *columns):
    """A WHERE condition: every term of text occurs in at least one of columns (each already
    lower-cased, or wrapped in fn.lower), with LIKE's wildcards escaped. None: no terms."""
    condition = None
    for term in search_terms(text):
        # peewee's contains() escapes % and _ (and its escape character) in the pattern.
        any_column = columns[0].contains(term)
        for column in columns[1:]:
            any_column |= column.contains(term)
        condition = any_column if condition is None else condition & any_column
    return condition


def contact_search_condition(model, text: str):
    """A WHERE condition matching every term of text somewhere in the contact's search_text:
    the dialect's trigram index for terms of three or more characters, LIKE for shorter ones."""
    conditions = []
    indexed = []
    for term in search_terms(text):
        if len(term) >= 3:
            indexed.append(term)
        else:
            conditions.append(for_database().contains_lowercase(model.search_text, term))
    if indexed:
        conditions.append(for_database().contact_text_search(model, indexed))
    if not conditions:
        return None
    condition = conditions[0]
    for extra in conditions[1:]:
        condition &= extra
    return condition


def order_for_contact_search(text: str, keys: list) -> list:
    """The ORDER BY keys of a contact list searched with text: when a term goes through the
    trigram index, the dialect may rewrite the first key so that the server starts from the
    index's matches instead of walking the sort order (the same order either way)."""
    if keys and any(len(term) >= 3 for term in search_terms(text)):
        return [for_database().order_after_text_search(keys[0]), *keys[1:]]
    return keys
