"""Contacts: the people at the partners, and residents (privatpersoner) with minimal data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Iterator

from peewee import JOIN, fn

from tryg_desktop.db import database, derived, not_for_index, same_text_ignoring_case
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.search import contact_search_condition, order_for_contact_search
from tryg_desktop.services import records, validation
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.errors import NotFoundError, ValidationError

ENTITY = "contact"
WHAT = "Kontakten"

FIELD_LABELS = {
    "name": "Navn", "title": "Titel/rolle", "organisation": "Organisation",
    "phone": "Telefon", "mobile": "Mobil", "email": "E-mail", "notes": "Noter",
    "active": "Aktiv", "is_private": "Privatperson",
}
# A resident (privatperson) is kept with these fields only: data minimisation.
PRIVATE_FIELDS = ("name", "phone", "mobile", "email", "active", "is_private")


@dataclass
class ContactInput:
    name: str = ""
    title: str = ""
    organisation_id: int | None = None
    phone: str = ""
    mobile: str = ""
    email: str = ""
    notes: str = ""
    active: bool = True
    is_private: bool = False


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    title: str
    organisation_id: int | None
    organisation_name: str
    phone: str
    mobile: str
    email: str
    notes: str
    active: bool
    is_private: bool
    version: int

    def as_input(self) -> ContactInput:
        return ContactInput(**{f.name: getattr(self, f.name) for f in fields(ContactInput)})


@dataclass
class ContactFilter:
    search: str = ""
    active: bool | None = None  # None: both
    organisation_id: int | None = None
    private: bool | None = None
    sort: str = "name"
    descending: bool = False


SORT_COLUMNS = ("name", "organisation", "title", "phone", "email")


def clean(data: ContactInput) -> tuple[ContactInput, dict[str, str]]:
    """The normalised input (phones in E.164) and the field errors (empty when valid)."""
    out = replace(data)  # a shallow copy: asdict's deep copy is slow in an import
    if out.is_private:
        out.title, out.organisation_id, out.notes = "", None, ""
    errors: dict[str, str] = {}
    checks = {
        "name": lambda v: validation.required(v, "Navnet"),
        "title": lambda v: validation.line(v, "Titlen"),
        "phone": validation.phone,
        "mobile": validation.phone,
        "email": validation.email,
        "notes": validation.free_text,
    }
    for field, check in checks.items():
        value, error = check(getattr(out, field))
        setattr(out, field, value)
        if error:
            errors[field] = error
    if out.organisation_id is not None and not Organisation.select().where(
            Organisation.id == out.organisation_id).exists():
        errors["organisation_id"] = "Organisationen findes ikke i registret. Vælg en fra listen."
    return out, errors


def find_duplicates(data: ContactInput, exclude_id: int | None = None) -> list[ContactRow]:
    """Likely the same person: the same email, or the same name in the same organisation."""
    name = (data.name or "").strip().lower()
    email = (data.email or "").strip().lower()
    same_name = fn.lower(Contact.name) == name
    same_name &= (Contact.organisation.is_null() if data.organisation_id is None
                  else Contact.organisation == data.organisation_id)
    cond = same_name
    if email:
        cond |= same_text_ignoring_case(Contact.email, email)
    query = _select().where(cond)
    if exclude_id:
        query = query.where(Contact.id != exclude_id)
    return [_row(c) for c in query.limit(10)]


def _organisation_name(org_id: int | None) -> str:
    if org_id is None:
        return ""
    org = Organisation.select(Organisation.name).where(Organisation.id == org_id).first()
    return org.name if org else ""


def row_values(data: ContactInput) -> dict:
    """The columns of a contact (the derived ones: db/derived.py); also the demo's bulk load."""
    values = asdict(data)
    values["organisation"] = values.pop("organisation_id")
    return values


def audit_values(data: ContactInput) -> dict:
    """The Historik's values, the organisation by name. Shared with the demo's bulk load."""
    values = asdict(data)
    values["organisation"] = _organisation_name(values.pop("organisation_id")) or None
    return values


def create(data: ContactInput) -> ContactRow:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        record_id = records.insert(Contact, ENTITY, row_values(data), data.name,
                                   audit_values(data))
        derived.changed(Contact, [record_id])
    return get(record_id)


def update(contact_id: int, data: ContactInput, version: int) -> ContactRow:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    old = get(contact_id)
    with database.atomic():
        records.update(Contact, ENTITY, WHAT, contact_id, version, row_values(data), data.name,
                       audit_values(old.as_input()), audit_values(data))
        # Search text and sort keys: the contact's own and those of its actions.
        derived.changed(Contact, [contact_id])
    return get(contact_id)


def set_active(contact_id: int, active: bool, version: int) -> ContactRow:
    data = get(contact_id).as_input()
    data.active = active
    return update(contact_id, data, version)


def delete(contact_id: int, version: int | None = None) -> None:
    row = get(contact_id)
    with database.atomic(), derived.deleting(Contact, [contact_id]):
        records.delete(Contact, ENTITY, WHAT, contact_id, version, row.name,
                       audit_values(row.as_input()))


def get(contact_id: int) -> ContactRow:
    row = _select().where(Contact.id == contact_id).first()
    if row is None:
        raise NotFoundError(f"Kontakten findes ikke (id {contact_id}).")
    return _row(row)


def view(contact_id: int) -> ContactRow:
    """get() for a person's record opened to be read (the contact dialog): the access log
    notes the view (queued, written by the next flush)."""
    row = get(contact_id)
    access_log.record("view", ENTITY, contact_id)
    return row


def _select():
    return (Contact.select(Contact, Organisation.name.alias("organisation_name"))
            .join(Organisation, JOIN.LEFT_OUTER, on=(Contact.organisation == Organisation.id))
            .objects())


def _query(flt: ContactFilter, query=None):
    query = _select() if query is None else query
    condition = contact_search_condition(Contact, flt.search)
    if condition is not None:
        query = query.where(condition)
    if flt.active is not None:
        query = query.where(not_for_index(Contact.active) == flt.active)
    if flt.private is not None:
        query = query.where(not_for_index(Contact.is_private) == flt.private)
    if flt.organisation_id is not None:
        query = query.where(Contact.organisation == flt.organisation_id)
    return query


def _order(flt: ContactFilter) -> list:
    """Danish order through the stored sort keys: each ordering walks an index."""
    column = {
        "name": Contact.sort_name,
        "organisation": Contact.sort_organisation,
        "title": Contact.sort_title,
        "phone": Contact.phone,
        "email": Contact.email,
    }[flt.sort if flt.sort in SORT_COLUMNS else "name"]
    keys = [column] if column is Contact.sort_name else [column, Contact.sort_name]
    keys = order_for_contact_search(flt.search, [*keys, Contact.id])
    return [k.desc() for k in keys] if flt.descending else keys


def fetch(flt: ContactFilter, offset: int = 0, limit: int = 200) -> list[ContactRow]:
    """One page of rows in the filter's order: the table model asks for pages as it scrolls.
    A search (a search text) is logged once, on its first page: scrolling is the same search."""
    if offset == 0:
        _log_search(flt)
    query = _query(flt).order_by(*_order(flt)).offset(offset).limit(limit)
    return [_row(c) for c in query]


def count(flt: ContactFilter) -> int:
    # Without the organisation join: counting is the hot path of search-as-you-type.
    _log_search(flt)  # the same entry as fetch()'s: the queue keeps one of a run
    return _query(flt, Contact.select()).count()


def _log_search(flt: ContactFilter) -> None:
    if flt.search and flt.search.strip():
        access_log.record("search", ENTITY, detail=flt.search.strip())


def iter_all(flt: ContactFilter | None = None) -> Iterator[ContactRow]:
    """Every matching contact in the filter's order (exports, JSON listing), streamed from one
    query: paging with OFFSET would re-read the skipped rows for every page."""
    flt = flt or ContactFilter()
    for c in _query(flt).order_by(*_order(flt)).iterator():
        yield _row(c)


def _row(c) -> ContactRow:
    return ContactRow(
        id=c.id, name=c.name, title=c.title, organisation_id=c.organisation_id,
        organisation_name=getattr(c, "organisation_name", None) or "", phone=c.phone,
        mobile=c.mobile, email=c.email, notes=c.notes, active=c.active,
        is_private=c.is_private, version=c.version)
