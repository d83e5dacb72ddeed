"""Organisations: the partners (municipal units, police, NGOs, businesses, associations …)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from peewee import SQL, fn

from tryg_desktop.db import database, derived, not_for_index, same_text_ignoring_case
from tryg_desktop.db.models import Contact, Organisation
from tryg_desktop.db.search import matching_every_term
from tryg_desktop.services import audit, records, validation
from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.errors import HasContactsError, NotFoundError, ValidationError

ENTITY = "organisation"
WHAT = "Organisationen"

# (code, Danish label) in the order the type list shows them.
KINDS = [
    ("kommune", "Kommune"),
    ("politi", "Politi"),
    ("ngo", "NGO / frivillig organisation"),
    ("erhverv", "Erhverv"),
    ("boligforening", "Boligforening"),
    ("beboerforening", "Beboerforening"),
    ("samraad", "Samråd"),
    ("udsatteraad", "Udsatteråd"),
    ("kultur", "Kulturinstitution"),
    ("uddannelse", "Uddannelsesinstitution"),
    ("andet", "Andet"),
]
KIND_LABELS = dict(KINDS)

FIELD_LABELS = {
    "name": "Navn", "kind": "Type", "street": "Adresse", "postal_code": "Postnr.", "city": "By",
    "phone": "Telefon", "email": "E-mail", "website": "Hjemmeside", "notes": "Noter",
    "active": "Aktiv",
}


def kind_from_text(text: str | None) -> str:
    """A type code from a code or a Danish label, case-insensitive; unknown text gives 'andet'."""
    text = (text or "").strip().lower()
    for code, label in KINDS:
        if text in (code, label.lower()) or (text and label.lower().startswith(text)):
            return code
    return "andet"


@dataclass
class OrganisationInput:
    name: str = ""
    kind: str = "andet"
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    notes: str = ""
    active: bool = True


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    kind: str
    street: str
    postal_code: str
    city: str
    phone: str
    email: str
    website: str
    notes: str
    active: bool
    version: int
    contact_count: int = 0

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_input(self) -> OrganisationInput:
        return OrganisationInput(**{f.name: getattr(self, f.name) for f in fields(OrganisationInput)})


@dataclass
class OrganisationFilter:
    search: str = ""
    kind: str | None = None
    active: bool | None = None  # None: both
    sort: str = "name"
    descending: bool = False


SORT_COLUMNS = ("name", "kind", "city", "phone", "email", "contact_count")
SQL_CONTACT_COUNT = SQL('"contact_count"')


def clean(data: OrganisationInput) -> tuple[OrganisationInput, dict[str, str]]:
    """The normalised input and the field errors (empty when valid)."""
    out = replace(data)
    errors: dict[str, str] = {}
    checks = {
        "name": lambda v: validation.required(v, "Navnet"),
        "postal_code": validation.postal_code,
        "phone": validation.phone,
        "email": validation.email,
        "website": validation.website,
        "notes": validation.free_text,
    }
    for field, check in checks.items():
        value, error = check(getattr(out, field))
        setattr(out, field, value)
        if error:
            errors[field] = error
    for field in ("street", "city"):
        setattr(out, field, getattr(out, field).strip())
    if out.kind not in KIND_LABELS:
        errors["kind"] = "Vælg en type fra listen."
    return out, errors


def find_duplicates(data: OrganisationInput, exclude_id: int | None = None) -> list[OrganisationRow]:
    """Organisations with the same name (case-insensitive) or the same email."""
    name = (data.name or "").strip().lower()
    email = (data.email or "").strip().lower()
    cond = fn.lower(Organisation.name) == name
    if email:
        cond |= same_text_ignoring_case(Organisation.email, email)
    query = Organisation.select().where(cond)
    if exclude_id:
        query = query.where(Organisation.id != exclude_id)
    return [_row(o) for o in query]


def row_values(data: OrganisationInput) -> dict:
    """The columns of an organisation. Shared with the demo's bulk load."""
    return asdict(data)


def audit_values(data: OrganisationInput) -> dict:
    """The Historik's values, the kind in Danish. Shared with the demo's bulk load."""
    values = asdict(data)
    values["kind"] = KIND_LABELS.get(data.kind, data.kind)
    return values


def create(data: OrganisationInput) -> OrganisationRow:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        record_id = records.insert(Organisation, ENTITY, row_values(data), data.name,
                                   audit_values(data))
        derived.changed(Organisation, [record_id])
    return get(record_id)


def update(org_id: int, data: OrganisationInput, version: int) -> OrganisationRow:
    data, errors = clean(data)
    if errors:
        raise ValidationError(errors)
    old = get(org_id)
    with database.atomic():
        records.update(Organisation, ENTITY, WHAT, org_id, version, row_values(data), data.name,
                       audit_values(old.as_input()), audit_values(data))
        # Its sort keys, and the search text of its contacts and of their actions.
        derived.changed(Organisation, [org_id])
    return get(org_id)


def set_active(org_id: int, active: bool, version: int) -> OrganisationRow:
    row = get(org_id)
    data = row.as_input()
    data.active = active
    return update(org_id, data, version)


def delete(org_id: int, version: int | None = None, unlink_contacts: bool = False) -> None:
    """Deleting an organisation with contacts needs unlink_contacts=True; they then stay in the
    register without an organisation."""
    row = get(org_id)
    with database.atomic(), derived.deleting(Organisation, [org_id]):
        linked = list(Contact.select(Contact.id, Contact.name)
                      .where(Contact.organisation == org_id).tuples())
        if linked and not unlink_contacts:
            raise HasContactsError(len(linked))
        if linked:
            Contact.update(organisation=None, version=Contact.version + 1).where(
                Contact.organisation == org_id).execute()
            audit.record_many([("contact", contact_id, "update", name,
                                {"organisation": [row.name, None]})
                               for contact_id, name in linked])
        records.delete(Organisation, ENTITY, WHAT, org_id, version, row.name,
                       audit_values(row.as_input()))


def get(org_id: int) -> OrganisationRow:
    row = _select().where(Organisation.id == org_id).first()
    if row is None:
        raise NotFoundError(f"Organisationen findes ikke (id {org_id}).")
    return _row(row)


def _select():
    count = (Contact.select(fn.COUNT(Contact.id))
             .where(Contact.organisation == Organisation.id))
    return Organisation.select(Organisation, count.alias("contact_count"))


def _query(flt: OrganisationFilter):
    query = _select()
    condition = matching_every_term(
        flt.search, fn.lower(Organisation.name), fn.lower(Organisation.city),
        fn.lower(Organisation.email), Organisation.phone, Organisation.postal_code,
        fn.lower(Organisation.kind))
    if condition is not None:
        query = query.where(condition)
    if flt.kind:
        query = query.where(Organisation.kind == flt.kind)
    if flt.active is not None:
        query = query.where(not_for_index(Organisation.active) == flt.active)
    return query


def _order(flt: OrganisationFilter):
    column = {
        "name": Organisation.sort_name,
        "kind": Organisation.kind,  # the codes sort as their Danish labels do
        "city": Organisation.sort_city,
        "phone": Organisation.phone,
        "email": Organisation.email,
        "contact_count": SQL_CONTACT_COUNT,
    }[flt.sort if flt.sort in SORT_COLUMNS else "name"]
    keys = [column] if column is Organisation.sort_name else [column, Organisation.sort_name]
    keys.append(Organisation.id)
    return [k.desc() for k in keys] if flt.descending else keys


def fetch(flt: OrganisationFilter, offset: int = 0, limit: int = 200) -> list[OrganisationRow]:
    if offset == 0:  # a search is logged on its first page: scrolling is the same search
        _log_search(flt)
    query = _query(flt).order_by(*_order(flt)).offset(offset).limit(limit)
    return [_row(o) for o in query]


def count(flt: OrganisationFilter) -> int:
    _log_search(flt)  # the same entry as fetch()'s: the queue keeps one of a run
    return _query(flt).count()


def _log_search(flt: OrganisationFilter) -> None:
    if flt.search and flt.search.strip():
        access_log.record("search", ENTITY, detail=flt.search.strip())


def choices(include_inactive: bool = False) -> list[tuple[int, str]]:
    """(id, name) in Danish order, for an organisation picker."""
    query = Organisation.select(Organisation.id, Organisation.name)
    if not include_inactive:
        query = query.where(Organisation.active == True)  # noqa: E712 - peewee expression
    return [(o.id, o.name) for o in query.order_by(Organisation.sort_name)]


def ids_by_lower_name() -> dict[str, tuple[int, str]]:
    """Every organisation as lower-case name → (id, registered name), read in one query: the
    importer looks names up thousands of times, and lower() in SQL cannot use an index."""
    query = Organisation.select(Organisation.id, Organisation.name).tuples()
    return {name.lower(): (org_id, name) for org_id, name in query}


def find_by_name(name: str) -> OrganisationRow | None:
    org = Organisation.select().where(fn.lower(Organisation.name) == name.strip().lower()).first()
    return _row(org) if org else None


def _row(o) -> OrganisationRow:
    return OrganisationRow(
        id=o.id, name=o.name, kind=o.kind, street=o.street, postal_code=o.postal_code,
        city=o.city, phone=o.phone, email=o.email, website=o.website, notes=o.notes,
        active=o.active, version=o.version, contact_count=getattr(o, "contact_count", 0) or 0)
