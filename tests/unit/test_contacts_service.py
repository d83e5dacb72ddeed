import pytest

from tryg_desktop.services import audit
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.errors import ConflictError, HasContactsError, ValidationError


def make_org(name="Blå Kors", **kw):
    return O.create(O.OrganisationInput(name=name, kind="ngo", **kw))


def test_phone_stored_e164_and_email_normalised(db):
    org = make_org()
    row = C.create(C.ContactInput(name="Åse Jensen", organisation_id=org.id,
                                  phone="98 31 31 31", email="Ase@Blaakors.DK"))
    assert row.phone == "+4598313131"
    assert row.email == "Ase@blaakors.dk"
    assert row.organisation_name == "Blå Kors"


def test_invalid_fields_return_danish_errors(db):
    with pytest.raises(ValidationError) as err:
        C.create(C.ContactInput(name=" ", phone="123", email="ole@", notes="cpr 010190-1234"))
    assert set(err.value.errors) == {"name", "phone", "email", "notes"}
    assert "telefonnummer" in err.value.errors["phone"]
    assert "CPR" in err.value.errors["notes"]


def test_private_person_keeps_minimal_fields(db):
    org = make_org()
    row = C.create(C.ContactInput(name="Beboer", is_private=True, organisation_id=org.id,
                                  title="Formand", notes="noget"))
    assert (row.title, row.organisation_id, row.notes) == ("", None, "")


def test_danish_order_in_database(db):
    for name in ["Østerbro", "Aalborg", "Zebra", "Ærø", "Åbybro", "Bent"]:
        C.create(C.ContactInput(name=name))
    names = [r.name for r in C.fetch(C.ContactFilter())]
    assert names == ["Bent", "Zebra", "Ærø", "Østerbro", "Åbybro", "Aalborg"]
    desc = [r.name for r in C.fetch(C.ContactFilter(descending=True))]
    assert desc == list(reversed(names))


def test_a_searched_list_keeps_the_danish_order_of_every_sort_column(db):
    """A search through the trigram index may be answered from the index's matches rather
    than by walking the sort order (PostgreSQL): the rows and their order are the same as the
    whole list's, filtered, for each sort column and direction."""
    orgs = [make_org(name) for name in ("Østerbro Beboerforening", "Blå Kors", "Aalborg Kommune")]
    names = ["Åge Jensen", "Ærø Jensen", "Bent Jensen", "Zara Jensen", "Aase Holm", "Øjvind Jensen",
             "Anne Jensen"]
    for n, name in enumerate(names):
        C.create(C.ContactInput(name=name, organisation_id=orgs[n % 3].id,
                                title=["Leder", "Ærkeformand", "Gadeplan"][n % 3]))
    for sort in ("name", "organisation", "title"):
        for descending in (False, True):
            everyone = [r.name for r in C.fetch(C.ContactFilter(sort=sort,
                                                                descending=descending))]
            for text in ("jensen", "jen", "sen a", "je"):
                found = [r.name for r in C.fetch(C.ContactFilter(search=text, sort=sort,
                                                                 descending=descending))]
                matching = {r.name for r in C.fetch(C.ContactFilter(search=text))}
                assert len(matching) >= 2 and set(found) == matching, (sort, text)
                assert found == [n for n in everyone if n in matching], (sort, text)
    assert [r.name for r in C.fetch(C.ContactFilter(search="jensen"))] == [
        "Anne Jensen", "Bent Jensen", "Zara Jensen", "Ærø Jensen", "Øjvind Jensen", "Åge Jensen"]


def test_search_over_name_organisation_title_email_phone(db):
    org = make_org("Kirkens Korshær")
    C.create(C.ContactInput(name="Ole Øster", organisation_id=org.id, title="Gadeplansmedarbejder",
                            email="ole@korshaer.dk", phone="98 12 34 56"))
    C.create(C.ContactInput(name="Anne Berg"))
    for text in ["øster", "ØSTER", "korshær", "gadeplan", "ole@kor", "98 12 34", "9812", "ol"]:
        assert [r.name for r in C.fetch(C.ContactFilter(search=text))] == ["Ole Øster"], text
        assert C.count(C.ContactFilter(search=text)) == 1
    assert C.count(C.ContactFilter(search="ingen sådan")) == 0


def test_version_conflict_never_overwrites(db):
    row = C.create(C.ContactInput(name="Ole"))
    C.update(row.id, C.ContactInput(name="Ole Hansen"), row.version)
    with pytest.raises(ConflictError):
        C.update(row.id, C.ContactInput(name="Ole Jensen"), row.version)
    assert C.get(row.id).name == "Ole Hansen"


def test_audit_trail_records_fields_old_to_new(db):
    row = C.create(C.ContactInput(name="Ole", email="ole@example.dk"))
    C.update(row.id, C.ContactInput(name="Ole", email="ole@kommune.dk"), row.version)
    entries = audit.history("contact", row.id)
    assert [e.action for e in entries] == ["update", "create"]
    assert entries[0].changes == {"email": ["ole@example.dk", "ole@kommune.dk"]}
    assert entries[0].user == audit.current_user()
    C.delete(row.id)
    assert audit.history("contact", row.id)[0].action == "delete"


def test_duplicate_detection(db):
    org = make_org()
    C.create(C.ContactInput(name="Ole Hansen", organisation_id=org.id, email="ole@bk.dk"))
    assert C.find_duplicates(C.ContactInput(name="ole hansen", organisation_id=org.id))
    assert C.find_duplicates(C.ContactInput(name="Anden", email="OLE@bk.dk"))
    assert not C.find_duplicates(C.ContactInput(name="Ole Hansen"))


def test_delete_organisation_with_contacts_asks_to_unlink(db):
    org = make_org()
    person = C.create(C.ContactInput(name="Ole", organisation_id=org.id))
    with pytest.raises(HasContactsError):
        O.delete(org.id)
    O.delete(org.id, unlink_contacts=True)
    assert C.get(person.id).organisation_id is None
    assert C.count(C.ContactFilter(search="blå")) == 0


def test_rename_organisation_updates_contact_search(db):
    org = make_org()
    C.create(C.ContactInput(name="Ole", organisation_id=org.id))
    O.update(org.id, O.OrganisationInput(name="Blå Kors Danmark", kind="ngo"), org.version)
    assert C.count(C.ContactFilter(search="danmark")) == 1


def test_organisation_validation_and_listing(db):
    with pytest.raises(ValidationError) as err:
        O.create(O.OrganisationInput(name="X", postal_code="900", website="ikke en adresse"))
    assert set(err.value.errors) == {"postal_code", "website"}
    make_org("Østre Boligforening")
    make_org("Aalborg Kommune")
    make_org("Frelsens Hær")
    assert [r.name for r in O.fetch(O.OrganisationFilter())] == [
        "Frelsens Hær", "Østre Boligforening", "Aalborg Kommune"]
    assert [r.name for r in O.fetch(O.OrganisationFilter(search="øst"))] == ["Østre Boligforening"]


def test_cpr_numbers_refused_in_name_title_and_notes(db):
    with pytest.raises(ValidationError) as err:
        C.create(C.ContactInput(name="Borger 0101901234", title="cpr 010190-1234",
                                notes="Født 24.12.88, cpr 241288-1234"))
    assert set(err.value.errors) == {"name", "title", "notes"}
