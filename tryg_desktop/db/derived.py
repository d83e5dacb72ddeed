"""Derived columns: the search text and the Danish sort keys. This module is their one owner.

What each column holds is computed by the pure functions at the top; `changed` and `deleting`
rebuild the stored values of a record and of every record whose text names it (a contact's
actions, an organisation's contacts and actions, a forum's or a place's meetings), in the
caller's transaction. Writes go one UPDATE per batch of rows, and only for rows whose value
differs. Plain peewee, no triggers: the same code serves SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterable, Iterator

from peewee import JOIN, fn

from tryg_desktop.db.action_models import ActionItem
from tryg_desktop.db.meeting_models import Forum, Meeting
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.place_models import Effort, Place
from tryg_desktop.l10n import danish_sort_key

BATCH = 200  # rows per UPDATE: 200 × 4 columns × 2 parameters stays far below every limit

# -- what each column holds -------------------------------------------------------------------


def _joined(*parts) -> str:
    return " ".join(p.strip().lower() for p in parts if p and p.strip())


def _phone_digits(e164: str | None) -> str:
    """'+4598313131' → '98313131 4598313131' so both the national and the full number match."""
    if not e164:
        return ""
    digits = re.sub(r"\D", "", e164)
    return f"{digits[2:]} {digits}" if digits.startswith("45") else digits


def contact_search_text(name, organisation, title, email, phone, mobile) -> str:
    return _joined(name, organisation, title, email, _phone_digits(phone), _phone_digits(mobile))


def contact_derived(name, organisation, title, email, phone, mobile) -> dict:
    """The search text and the Danish sort keys (binary-ordered, so ORDER BY uses an index and
    no Python callback). Bulk inserts of new contacts put these in their rows directly."""
    return {
        "search_text": contact_search_text(name, organisation, title, email, phone, mobile),
        "sort_name": danish_sort_key(name),
        "sort_title": danish_sort_key(title),
        "sort_organisation": danish_sort_key(organisation),
    }


def organisation_derived(name, city) -> dict:
    return {"sort_name": danish_sort_key(name), "sort_city": danish_sort_key(city)}


def action_search_text(title, description, responsible, organisation) -> str:
    """organisation: the one the Handlinger list shows (the action's own, else the person's)."""
    return _joined(title, description, responsible, organisation)


def meeting_search_text(title, forum, location, kind, place) -> str:
    """kind: the code, which is its Danish label in lower case (services/meetings/meetings.py
    KINDS)."""
    return _joined(title, forum, location, kind, place)


# -- refreshing the stored values ---------------------------------------------------------


def changed(model, ids: Iterable[int]) -> None:
    """Records of `model` were created or changed: rebuild their derived columns and those of
    every record whose text is built from them. Call inside the writer's transaction."""
    ids = sorted(set(ids))
    if not ids:
        return
    own = _OWN.get(model)
    if own is not None:
        for chunk in _chunks(ids):
            own(model.id.in_(chunk))
    for refresh, condition in _DEPENDENTS.get(model, ()):
        for chunk in _chunks(ids):
            refresh(condition(chunk))


@contextmanager
def deleting(model, ids: Iterable[int]) -> Iterator[None]:
    """Wrap the delete of records of `model`: the records whose text names them are found
    before (the database then unlinks them) and rebuilt after."""
    ids = sorted(set(ids))
    found = []
    for refresh, condition in _DEPENDENTS.get(model, ()):
        kind = _TARGET[refresh]
        hit = set()
        for chunk in _chunks(ids):
            hit.update(r[0] for r in _base(refresh).select(kind.id).where(condition(chunk))
                       .tuples())
        found.append((refresh, kind, sorted(hit)))
    yield
    for refresh, kind, hit in found:
        for chunk in _chunks(hit):
            refresh(kind.id.in_(chunk))


def refresh_all() -> None:
    """Rebuild every derived column (after writes that bypassed the services, e.g. a bulk
    generator or an older version's data). Call inside a transaction."""
    for refresh in (_organisations, _contacts, _forums, _places, _efforts, _actions, _meetings):
        refresh(None)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start:start + BATCH]


def _write(model, rows: Iterable[tuple]) -> None:
    """rows: (id, {column: value}, (stored values in the same order)); only changed rows are
    written, one UPDATE per batch."""
    pending = [(record_id, values) for record_id, values, stored in rows
               if tuple(values.values()) != tuple(stored)]
    if pending:
        columns = [model._meta.fields[name].column_name for name in pending[0][1]]
        update_by_id(model._meta.database, model._meta.table_name, columns,
                     [(record_id, *values.values()) for record_id, values in pending])


def update_by_id(db, table: str, columns: list[str], rows: list[tuple]) -> None:
    """rows: (id, value per column). UPDATE … SET column = CASE id WHEN … END WHERE id IN (…),
    one statement per BATCH rows, its SQL written here: peewee's rendering of such a CASE took
    longer than running it."""
    p = db.param
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        cases = " ".join([f"WHEN {p} THEN {p}"] * len(batch))
        sets = ", ".join(f'"{column}" = CASE "id" {cases} END' for column in columns)
        params = [value for n in range(len(columns)) for row in batch
                  for value in (row[0], row[n + 1])]
        db.execute_sql(f'UPDATE "{table}" SET {sets} WHERE "id" IN ({", ".join([p] * len(batch))})',
                       params + [row[0] for row in batch])


def _where(query, condition):
    return query if condition is None else query.where(condition)


def _organisations(condition) -> None:
    query = _where(Organisation.select(Organisation.id, Organisation.name, Organisation.city,
                                       Organisation.sort_name, Organisation.sort_city),
                   condition)
    _write(Organisation, ((i, organisation_derived(name, city), (k1, k2))
                          for i, name, city, k1, k2 in query.tuples()))


def _contacts_query():
    return (Contact.select(Contact.id, Contact.name, Organisation.name, Contact.title,
                           Contact.email, Contact.phone, Contact.mobile, Contact.search_text,
                           Contact.sort_name, Contact.sort_title, Contact.sort_organisation)
            .join(Organisation, JOIN.LEFT_OUTER, on=(Contact.organisation == Organisation.id)))


def _contacts(condition) -> None:
    _write(Contact, ((row[0], contact_derived(*row[1:7]), row[7:])
                     for row in _where(_contacts_query(), condition).tuples()))


def _sort_key_refresh(model, source, key):
    def refresh(condition) -> None:
        query = _where(model.select(model.id, source, key), condition)
        _write(model, ((i, {key.name: danish_sort_key(text)}, (stored,))
                       for i, text, stored in query.tuples()))
    return refresh


_forums = _sort_key_refresh(Forum, Forum.name, Forum.sort_name)
_places = _sort_key_refresh(Place, Place.name, Place.sort_name)
_efforts = _sort_key_refresh(Effort, Effort.title, Effort.sort_title)

Responsible = Contact.alias("derived_responsible")
ResponsibleOrg = Organisation.alias("derived_responsible_org")
ContactOrg = Organisation.alias("derived_contact_org")


def _actions_query():
    return (ActionItem.select(ActionItem.id, ActionItem.title, ActionItem.description,
                              Responsible.name,
                              fn.COALESCE(ResponsibleOrg.name, ContactOrg.name),
                              ActionItem.search_text)
            .join(Responsible, JOIN.LEFT_OUTER,
                  on=(ActionItem.responsible_contact == Responsible.id))
            .join(ContactOrg, JOIN.LEFT_OUTER, on=(Responsible.organisation == ContactOrg.id))
            .switch(ActionItem)
            .join(ResponsibleOrg, JOIN.LEFT_OUTER,
                  on=(ActionItem.responsible_organisation == ResponsibleOrg.id)))


def _actions(condition) -> None:
    _write(ActionItem, ((row[0], {"search_text": action_search_text(*row[1:5])}, row[5:])
                        for row in _where(_actions_query(), condition).tuples()))


def _meetings_query():
    return (Meeting.select(Meeting.id, Meeting.title, Forum.name, Meeting.location, Meeting.kind,
                           Place.name, Meeting.search_text)
            .join(Forum, JOIN.LEFT_OUTER, on=(Meeting.forum == Forum.id))
            .switch(Meeting)
            .join(Place, JOIN.LEFT_OUTER, on=(Meeting.place == Place.id)))


def _meetings(condition) -> None:
    _write(Meeting, ((row[0], {"search_text": meeting_search_text(*row[1:6])}, row[6:])
                     for row in _where(_meetings_query(), condition).tuples()))


def _base(refresh):
    """The query a refresh reads, for finding the rows a delete will touch."""
    return {_contacts: _contacts_query, _actions: _actions_query,
            _meetings: _meetings_query}[refresh]()


_OWN = {Organisation: _organisations, Contact: _contacts, Forum: _forums, Place: _places,
        Effort: _efforts, ActionItem: _actions, Meeting: _meetings}
_TARGET = {_contacts: Contact, _actions: ActionItem, _meetings: Meeting}
# Whose text names whom: (refresh, condition on a chunk of the source's ids).
_DEPENDENTS = {
    Contact: [(_actions, lambda ids: ActionItem.responsible_contact.in_(ids))],
    Organisation: [
        (_contacts, lambda ids: Contact.organisation.in_(ids)),
        # Two conditions, not one OR: each walks its own index (an OR read all actions).
        (_actions, lambda ids: ActionItem.responsible_organisation.in_(ids)),
        (_actions, lambda ids: ActionItem.responsible_contact.in_(
            Contact.select(Contact.id).where(Contact.organisation.in_(ids))))],
    Forum: [(_meetings, lambda ids: Meeting.forum.in_(ids))],
    Place: [(_meetings, lambda ids: Meeting.place.in_(ids))],
}
