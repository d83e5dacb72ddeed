import json
import time

import pytest

from tryg_desktop.db.models import AuditEntry, Contact, Organisation
from tryg_desktop.services import contacts as C
from tryg_desktop.services import demo
from tryg_desktop.services import organisations as O
from tryg_desktop.services.errors import ValidationError

POSTAL_CODES = {"9000": "Aalborg", "9200": "Aalborg SV", "9210": "Aalborg SØ",
                "9220": "Aalborg Øst", "9400": "Nørresundby"}


def _json(name):
    return json.loads((demo.DEMO_DIR / name).read_text(encoding="utf-8"))


def test_loads_every_record_through_the_services(db):
    orgs, people = _json("organisations.json"), _json("contacts.json")
    assert 25 <= len(orgs) <= 30 and 60 <= len(people) <= 80

    started = time.perf_counter()
    result = demo.load_demo()
    elapsed = time.perf_counter() - started

    assert (result.organisations_created, result.contacts_created) == (len(orgs), len(people))
    assert Organisation.select().count() == len(orgs)
    assert Contact.select().count() == len(people)
    # Through the services: every record has its audit entry, phones are normalised to E.164.
    created = AuditEntry.select().where(AuditEntry.action == "create").count()
    assert created == len(orgs) + len(people)
    assert all(r.phone.startswith("+45") for r in C.iter_all() if r.phone)
    assert elapsed < 2, f"demo data took {elapsed:.2f} s"


def test_summary_is_danish(db):
    text = demo.load_demo().summary()
    assert text.startswith("Demodata indlæst: ")
    assert "organisationer" in text and "kontakter oprettet" in text


def test_second_load_creates_nothing(db):
    first = demo.load_demo()
    audit_before = AuditEntry.select().count()
    second = demo.load_demo()
    assert (second.organisations_created, second.contacts_created) == (0, 0)
    assert second.organisations_skipped == first.organisations_created
    assert second.contacts_skipped == first.contacts_created
    assert Contact.select().count() == first.contacts_created
    assert AuditEntry.select().count() == audit_before
    assert "allerede" in second.summary()


def test_existing_organisation_is_reused(db):
    own = O.create(O.OrganisationInput(name="nordkraft", kind="kultur"))  # other case
    result = demo.load_demo()
    assert result.organisations_skipped == 1
    assert O.find_by_name("Nordkraft").id == own.id
    assert C.count(C.ContactFilter(organisation_id=own.id)) > 0


def test_postal_codes_and_cities_are_aalborgs_own(db):
    demo.load_demo()
    rows = O.fetch(O.OrganisationFilter(), limit=1000)
    assert {r.postal_code for r in rows} <= set(POSTAL_CODES)
    assert len({r.postal_code for r in rows}) == 5
    assert all(POSTAL_CODES[r.postal_code] == r.city for r in rows)


def test_content_shows_danish_names_residents_and_inactive_people(db):
    demo.load_demo()
    rows = list(C.iter_all())
    names = [r.name for r in rows]
    assert any(n.startswith("Aa") for n in names) and any(n.startswith("Å") for n in names)
    assert any(ch in "".join(names) for ch in "æø")
    # Danish order: an "Aa" name comes last, after Æ, Ø, Å.
    assert names[-1].startswith(("Aa", "Å"))
    assert names.index(next(n for n in names if n.startswith("Ø"))) < names.index(
        next(n for n in names if n.startswith("Aa")))
    residents = [r for r in rows if r.is_private]
    assert 3 <= len(residents) <= 4
    assert all(not (r.title or r.organisation_id or r.notes) for r in residents)
    assert any(not r.active for r in rows)
    titles = {r.title for r in rows}
    assert {"gadeplansmedarbejder", "vicepolitiinspektør", "nærpolitibetjent", "parkleder",
            "forstander", "butikschef", "formand", "SSP-konsulent"} <= titles
    orgs = {r.name for r in O.fetch(O.OrganisationFilter(), limit=1000)}
    assert "Aalborg Kommune, Socialområdet – Gadeteam" in orgs
    assert "Nordjyllands Politi, Aalborg Politistation" in orgs


def test_progress_reaches_the_total(db):
    calls = []
    demo.load_demo(progress=lambda done, total: calls.append((done, total)))
    total = len(_json("organisations.json")) + len(_json("contacts.json"))
    assert calls[-1] == (total, total)
    assert [done for done, _ in calls] == list(range(1, total + 1))


def test_one_bad_record_leaves_nothing_behind(db, tmp_path, monkeypatch):
    (tmp_path / "organisations.json").write_text(
        json.dumps([{"name": "Blå Kors", "kind": "ngo", "postal_code": "9000"}]), encoding="utf-8")
    (tmp_path / "contacts.json").write_text(json.dumps([
        {"name": "Åse Berg", "organisation": "Blå Kors"},
        {"name": "Ole", "phone": "123"},  # invalid: the whole load must roll back
    ]), encoding="utf-8")
    monkeypatch.setattr(demo, "DEMO_DIR", tmp_path)
    with pytest.raises(ValidationError):
        demo.load_demo()
    assert Organisation.select().count() == 0
    assert Contact.select().count() == 0
    assert AuditEntry.select().count() == 0


def test_demo_emails_can_never_reach_a_real_mailbox(db):
    """Demo data is what newcomers try invitations on: .example (RFC 2606) never resolves."""
    from tryg_desktop.services import contacts, organisations

    demo.load_demo()
    emails = [c.email for c in contacts.iter_all() if c.email]
    emails += [o.email for o in organisations.fetch(organisations.OrganisationFilter(), 0, 1000)
               if o.email]
    assert emails and all(e.endswith(".example") for e in emails)
