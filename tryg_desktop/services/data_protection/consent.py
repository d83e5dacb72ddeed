"""A resident's consent to be named (issue 13, point 5): THE one rule for naming people in the
documents that go to the participants.

The rule (`may_be_named`): partners' staff (not privatperson) are always named. A privatperson
(beboer) is named only while a consent is on record: given on a date, for a stated purpose, and
not withdrawn. Without one they are counted ("2 beboere") wherever the participants' versions
list people: Til stede, Afbud and Inviterede in the Dagsorden, the participants' Referat and
the Fremmødeliste, and the .ics's description. The internal versions (the chair's Drejebog,
Referat --full) name everyone, as before. participants.ParticipantRow carries the answer,
computed from the same query that reads the participants (no query per row, no cache), so a
withdrawal takes effect on the next print.

Giving consent again after a withdrawal starts a new consent (the withdrawal date is cleared);
the Historik keeps the earlier one.

E-mail drafts and .ics (what "named" means for recipients; decided here, once):
- A resident's e-mail address is never shown to the other recipients, with or without consent:
  consent is to be *named*, not to have one's address handed round. So residents are always
  in Bcc of the invitation and minutes drafts, and never an ATTENDEE of the .ics (every
  attendee sees every ATTENDEE line, address included); they get the .ics with the mail.
- In Bcc, a resident without consent is the bare address (no display name): the draft is a
  file that may be forwarded or kept, and carries no name the rule does not allow. With
  consent, the Bcc entry carries the name.
- The .ics's DESCRIPTION says who else is invited, after the agenda: residents with consent by
  name, the rest counted ("Inviterede beboere: Anne Berg og 2 beboere."), afbud likewise.
- The PDFs attached are the participants' versions, which follow the rule above.

Actions (Handlingsliste, the Referat's actions, the Dagsorden's »Opfølgning på handlinger«):
a resident responsible for an action is shown as "Beboer" in the participants' versions unless
they consented (`actions`, `open_actions`: one query for all the rows, at print time, so an
approved referat's snapshot follows a withdrawal too). The internal versions name them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from tryg_desktop.db import database
from tryg_desktop.db.models import Contact, utcnow
from tryg_desktop.services import audit, validation
from tryg_desktop.services.errors import NotFoundError, ServiceError, ValidationError

__all__ = ["FIELD_LABELS", "RESIDENT", "ConsentRecord", "actions", "clean", "get", "give",
           "may_be_named", "open_actions", "residents_text", "save", "unnamed_contacts",
           "withdraw"]

RESIDENT = "Beboer"  # in place of the name of a resident responsible for an action
ENTITY = "contact"  # the consent lives on the contact, and so does its Historik
WHAT = "Kontakten"
FIELD_LABELS = {"consent_given_on": "Samtykke givet", "consent_purpose": "Samtykke til",
                "consent_withdrawn_on": "Samtykke trukket tilbage"}


@dataclass(frozen=True)
class ConsentRecord:
    given_on: dt.date | None = None
    purpose: str = ""
    withdrawn_on: dt.date | None = None

    @property
    def in_force(self) -> bool:
        return self.given_on is not None and self.withdrawn_on is None

    @property
    def is_empty(self) -> bool:
        return self.given_on is None and not self.purpose.strip() and self.withdrawn_on is None


def may_be_named(is_private: bool, given_on: dt.date | None = None,
                 withdrawn_on: dt.date | None = None) -> bool:
    """THE rule: whether a person may be named in a document for participants."""
    if not is_private:
        return True
    return given_on is not None and withdrawn_on is None


def residents(count: int) -> str:
    """'1 beboer', '2 beboere'."""
    return f"{count} {'beboer' if count == 1 else 'beboere'}"


def residents_text(names: list[str], counted: int) -> str:
    """'Anne Berg, Ole Dam og 2 beboere' — the named ones, then the counted; '' if none."""
    parts = list(names) + ([residents(counted)] if counted else [])
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " og " + parts[-1]


def unnamed_contacts(contact_ids) -> set[int]:
    """Those of contact_ids that a participants' document may not name (by `may_be_named`)."""
    wanted = sorted({c for c in contact_ids if c is not None})
    hidden: set[int] = set()
    for start in range(0, len(wanted), 500):  # SQLite's limit on bound values
        query = (Contact.select(Contact.id, Contact.is_private, Contact.consent_given_on,
                                Contact.consent_withdrawn_on)
                 .where(Contact.id.in_(wanted[start:start + 500])
                        & (Contact.is_private == True)))  # noqa: E712 - SQL
        hidden.update(c.id for c in query
                      if not may_be_named(c.is_private, c.consent_given_on,
                                          c.consent_withdrawn_on))
    return hidden


def actions(rows: list, who) -> list:
    """Action rows (actions.ActionRow) as `who` (disclosure.Audience) may see their responsible
    person: for participants, a resident without consent becomes RESIDENT."""
    if who.internal or not rows:
        return list(rows)
    hidden = unnamed_contacts(r.responsible_contact_id for r in rows)
    return [dataclasses.replace(r, responsible_name=RESIDENT)
            if r.responsible_contact_id in hidden and r.responsible_name else r for r in rows]


def open_actions(summary, who):
    """actions.OpenActions (the Dagsorden's follow-up) with its rows through `actions`."""
    return dataclasses.replace(summary, rows=actions(summary.rows, who))


def get(contact_id: int) -> ConsentRecord:
    row = (Contact.select(Contact.consent_given_on, Contact.consent_purpose,
                          Contact.consent_withdrawn_on)
           .where(Contact.id == contact_id).first())
    if row is None:
        raise NotFoundError(f"Kontakten findes ikke (id {contact_id}).")
    return ConsentRecord(_date(row.consent_given_on), row.consent_purpose or "",
                         _date(row.consent_withdrawn_on))


def clean(record: ConsentRecord, is_private: bool,
          today: dt.date | None = None) -> tuple[ConsentRecord, dict[str, str]]:
    """The normalised record and its field errors (keys: given_on, purpose, withdrawn_on).
    A contact that is not a privatperson keeps no consent (the record comes back empty)."""
    if not is_private:
        return ConsentRecord(), {}
    today = today or dt.date.today()
    purpose, purpose_error = validation.line(record.purpose, "Formålet")
    out = ConsentRecord(record.given_on, purpose, record.withdrawn_on)
    errors: dict[str, str] = {}
    if out.is_empty:
        return out, errors
    if out.given_on is None:
        errors["given_on"] = "Angiv datoen for samtykket."
    elif out.given_on > today:
        errors["given_on"] = "Samtykkets dato kan ikke ligge i fremtiden."
    if purpose_error:
        errors["purpose"] = purpose_error
    elif not purpose:
        errors["purpose"] = "Skriv, hvad samtykket gælder (formålet)."
    if out.withdrawn_on is not None:
        if out.withdrawn_on > today:
            errors["withdrawn_on"] = "Datoen for tilbagetrækning kan ikke ligge i fremtiden."
        elif out.given_on is not None and out.withdrawn_on < out.given_on:
            errors["withdrawn_on"] = "Samtykket kan ikke trækkes tilbage før det blev givet."
    return out, errors


def save(contact_id: int, record: ConsentRecord, version: int) -> int:
    """Store the consent exactly as `record` (the contact editor's three fields) if the contact
    is still at `version`; returns the contact's version after (unchanged when nothing
    changed). Raises ValidationError, NotFoundError or ConflictError; nothing is written then."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFoundError(f"Kontakten findes ikke (id {contact_id}).")
    record, errors = clean(record, contact.is_private)
    if errors:
        raise ValidationError(errors)
    old = ConsentRecord(_date(contact.consent_given_on), contact.consent_purpose or "",
                        _date(contact.consent_withdrawn_on))
    changes = audit.diff(_audit_values(old), _audit_values(record))
    if not changes:
        if contact.version != version:
            from tryg_desktop.services.records import raise_missing_or_conflict

            raise_missing_or_conflict(Contact, contact_id, WHAT)
        return version
    with database.atomic():
        updated = (Contact.update(consent_given_on=record.given_on,
                                  consent_purpose=record.purpose,
                                  consent_withdrawn_on=record.withdrawn_on,
                                  version=Contact.version + 1, updated_at=utcnow())
                   .where((Contact.id == contact_id) & (Contact.version == version)).execute())
        if not updated:
            from tryg_desktop.services.records import raise_missing_or_conflict

            raise_missing_or_conflict(Contact, contact_id, WHAT)
        audit.record(ENTITY, contact_id, "update", contact.name, changes)
    return version + 1


def give(contact_id: int, given_on: dt.date, purpose: str, version: int) -> int:
    """Record a consent given on `given_on` for `purpose` (a new one replaces a withdrawn one).
    Returns the contact's new version."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFoundError(f"Kontakten findes ikke (id {contact_id}).")
    if not contact.is_private:
        raise ServiceError("Samtykke registreres kun for privatpersoner; andre nævnes altid "
                           "ved navn.")
    if given_on is None:
        raise ValidationError({"given_on": "Angiv datoen for samtykket."})
    return save(contact_id, ConsentRecord(given_on, purpose or "", None), version)


def withdraw(contact_id: int, withdrawn_on: dt.date, version: int) -> int:
    """Record that the consent was withdrawn on `withdrawn_on`: from the next print the
    resident is counted, not named. Returns the contact's new version."""
    current = get(contact_id)
    if current.given_on is None:
        raise ServiceError("Der er intet samtykke at trække tilbage.")
    if withdrawn_on is None:
        raise ValidationError({"withdrawn_on": "Angiv datoen for tilbagetrækningen."})
    return save(contact_id, ConsentRecord(current.given_on, current.purpose, withdrawn_on),
                version)


def _audit_values(record: ConsentRecord) -> dict:
    return {"consent_given_on": record.given_on.isoformat() if record.given_on else None,
            "consent_purpose": record.purpose or None,
            "consent_withdrawn_on":
                record.withdrawn_on.isoformat() if record.withdrawn_on else None}


def _date(value) -> dt.date | None:
    """A DateField as read back (SQLite may return text)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
