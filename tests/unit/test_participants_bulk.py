"""Inviting many at once (a forum's list, a whole organisation): the active ones not yet
invited, each with its audit entry, in a few queries."""

import datetime as dt

from tryg_desktop.db.models import AuditEntry
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.meetings import meetings as M
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.meetings import participants as P


def test_add_many_skips_the_inactive_and_those_already_invited(db):
    start = dt.datetime(2027, 1, 12, 14)
    meeting = M.create(M.MeetingInput(title="Dialogmøde", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=2)))
    org = O.create(O.OrganisationInput(name="Blå Kors"))
    people = [C.create(C.ContactInput(name=f"Person {n:03d}", organisation_id=org.id)).id
              for n in range(600)]  # more than one chunk of 500
    gone = C.get(people[1])
    C.update(gone.id, C.ContactInput(**{**gone.as_input().__dict__, "active": False}),
             gone.version)
    P.add_contact(meeting.id, people[0], "tilmeldt")
    assert P.add_many(meeting.id, people + people[:3]) == 598
    rows = P.of_meeting(meeting.id)
    assert len(rows) == 599 and people[1] not in {r.contact_id for r in rows}
    assert next(r for r in rows if r.contact_id == people[0]).invitation == "tilmeldt"
    entries = AuditEntry.select().where(AuditEntry.entity == "participant")
    assert entries.count() == 599
    assert {e.label for e in entries} >= {"Person 599 – Dialogmøde"}
    assert P.add_organisation(meeting.id, org.id) == (0, 599)
