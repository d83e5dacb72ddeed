"""The access log (issue 13, point 1): every kind of access lands in it through the real
services, on SQLite and PostgreSQL; the database refuses to change it; the queue keeps what the
database refused."""

from __future__ import annotations

import pytest

from tryg_desktop.services.data_protection import access_log
from tryg_desktop.services.register import contacts, organisations


def _logged(**where) -> list[access_log.LogEntry]:
    access_log.flush()
    return list(reversed(access_log.entries(access_log.LogFilter(**where))))


def _contact(name: str = "Anna Jensen") -> contacts.ContactRow:
    return contacts.create(contacts.ContactInput(name=name, email="anna@example.dk"))


def test_viewing_a_contact_is_logged(db):
    anna = _contact()
    assert contacts.view(anna.id).name == "Anna Jensen"
    [entry] = _logged(action="view")
    assert (entry.record_type, entry.record_id, entry.action_label) == ("contact", anna.id,
                                                                          "Visning")
    assert entry.user and entry.at is not None


def test_get_alone_is_not_a_view(db):
    anna = _contact()
    contacts.get(anna.id)
    assert _logged(action="view") == []


def test_a_search_typed_letter_by_letter_is_one_entry(db):
    _contact()
    for typed in ("A", "An", "Ann", "Anna"):
        flt = contacts.ContactFilter(search=typed)
        contacts.count(flt)
        contacts.fetch(flt, 0, 200)
    contacts.fetch(contacts.ContactFilter(search="Anna"), 200, 200)  # scrolling
    [entry] = _logged(action="search")
    assert (entry.record_type, entry.detail) == ("contact", "Anna")


def test_listing_without_search_text_is_not_a_search(db):
    _contact()
    contacts.fetch(contacts.ContactFilter(), 0, 200)
    contacts.count(contacts.ContactFilter(active=True))
    assert _logged(action="search") == []


def test_two_different_searches_are_two_entries(db):
    _contact()
    contacts.fetch(contacts.ContactFilter(search="Anna"))
    contacts.fetch(contacts.ContactFilter(search="Bo"))
    organisations.fetch(organisations.OrganisationFilter(search="Politi"))
    assert [(e.record_type, e.detail) for e in _logged(action="search")] == [
        ("contact", "Anna"), ("contact", "Bo"), ("organisation", "Politi")]


def test_a_cpr_number_searched_for_is_masked_in_the_log(db):
    contacts.fetch(contacts.ContactFilter(search="010203-1234"))
    [entry] = _logged(action="search")
    assert "1234" not in entry.detail


def test_deleting_a_contact_is_logged_with_the_deletion(db):
    anna = _contact()
    contacts.delete(anna.id)
    [entry] = _logged(action="delete")
    assert (entry.record_type, entry.record_id, entry.detail) == ("contact", anna.id,
                                                                   "Kontakten")


def test_deleting_an_organisation_is_logged(db):
    org = organisations.create(organisations.OrganisationInput(name="Kærby Boligforening"))
    organisations.delete(org.id)
    [entry] = _logged(action="delete")
    assert (entry.record_type, entry.record_id) == ("organisation", org.id)


def test_a_refused_deletion_leaves_no_trace(db):
    from tryg_desktop.services.errors import ConflictError

    anna = _contact()
    with pytest.raises(ConflictError):
        contacts.delete(anna.id, version=anna.version + 7)
    assert _logged(action="delete") == []
