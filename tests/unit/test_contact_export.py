"""Contact export to CSV and vCard, and the round trip export → import → export."""

from __future__ import annotations

import codecs
import csv
import io

import pytest
import vobject

from tryg_desktop.db import close_database, open_database
from tryg_desktop.db.models import Organisation
from tryg_desktop.services.register import contacts, organisations
from tryg_desktop.services.register.contact_export import ExportError, export_file
from tryg_desktop.services.register.contact_import import import_file
from tryg_desktop.services.errors import CprFoundError, ServiceError

HEADER = "Navn;Titel/rolle;Organisation;Telefon;Mobil;E-mail;Noter;Aktiv;Privatperson"
LONG_NOTE = ("Første linje med æøå og ÆØÅ, der skal foldes i et vCard. " * 4).strip()


def add(name, org=None, **fields):
    return contacts.create(contacts.ContactInput(
        name=name, organisation_id=org.id if org else None, **fields))


def seed():
    """Contacts that exercise every field and every escaping rule of both formats."""
    blaa = organisations.create(organisations.OrganisationInput(name="Blå Kors", kind="ngo"))
    odd = organisations.create(organisations.OrganisationInput(
        name='Kirkens Korshær; Aalborg, "Gadeteam"', kind="ngo"))
    add("Åse Østergård", blaa, title="Formand", phone="98 31 31 31", mobile="20 30 40 50",
        email="ase@blaakors.dk",
        notes='Første linje\nAnden; linje med "citat", komma og \\ backslash')
    add("Zebra Hansen", odd, title="Leder, gadeteam", active=False, notes=LONG_NOTE)
    add("Aage Bech", phone="+46 8 123 456 78")  # Aa sorts as Å, after Åse
    add("Bo Beboer", is_private=True, mobile="22 33 44 55", email="bo@example.dk")
    add("Ole Hansen", blaa, email="ole@blaakors.dk")
    add("Ole Hansen", odd)  # the same name in another organisation is another person
    add("Ærlig Navn")


def snapshot():
    return [(r.name, r.title, r.organisation_name, r.phone, r.mobile, r.email, r.notes,
             r.active, r.is_private) for r in contacts.iter_all()]


def fresh_database(path):
    close_database()
    open_database(path)


def test_csv_is_utf8_bom_semicolons_crlf_danish_headers(db, tmp_path):
    seed()
    path = tmp_path / "kontakter.csv"
    assert export_file(path) == 7
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    text = data[len(codecs.BOM_UTF8):].decode("utf-8")
    assert text.startswith(HEADER + "\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    # Danish order: Æ, Ø, Å after Z, and Aa is Å ("Aage" before "Åse").
    assert [r[0] for r in rows[1:]] == ["Bo Beboer", "Ole Hansen", "Ole Hansen", "Zebra Hansen",
                                        "Ærlig Navn", "Aage Bech", "Åse Østergård"]
    ase = rows[7]
    assert ase == ["Åse Østergård", "Formand", "Blå Kors", "98 31 31 31", "20 30 40 50",
                   "ase@blaakors.dk",
                   'Første linje\nAnden; linje med "citat", komma og \\ backslash', "Ja", "Nej"]
    assert rows[6][3] == "+46 8 123 456 78"
    assert rows[1][-2:] == ["Ja", "Ja"]  # Bo Beboer: active, privatperson
    assert rows[4][-2:] == ["Nej", "Nej"]  # Zebra Hansen: inactive
    # Every record ends in CRLF; the note's own line break stays LF inside its quotes.
    assert text.endswith("\r\n") and text.count("\r\n") == 8


def test_vcard_30_is_read_by_vobject(db, tmp_path):
    seed()
    path = tmp_path / "kontakter.vcf"
    assert export_file(path) == 7
    data = path.read_bytes()
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded, in octets
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert [c.fn.value for c in cards][-2:] == ["Aage Bech", "Åse Østergård"]
    ase = cards[-1]
    assert ase.version.value == "3.0"
    assert ase.org.value == ["Blå Kors"]
    assert ase.title.value == "Formand"
    assert {t.type_param: t.value for t in ase.tel_list} == {"WORK": "+4598313131",
                                                             "CELL": "+4520304050"}
    assert ase.email.value == "ase@blaakors.dk"
    assert ase.note.value == 'Første linje\nAnden; linje med "citat", komma og \\ backslash'
    assert ase.n.value.family == "Østergård" and ase.n.value.given == "Åse"
    zebra = cards[3]
    assert zebra.org.value == ['Kirkens Korshær; Aalborg, "Gadeteam"']
    assert zebra.note.value == LONG_NOTE
    assert zebra.contents["x-tryg-active"][0].value == "FALSE"
    assert cards[0].contents["x-tryg-private"][0].value == "TRUE"


@pytest.mark.parametrize("suffix", [".csv", ".vcf"])
def test_round_trip_is_lossless_and_stable(db, tmp_path, suffix):
    seed()
    original = snapshot()
    organisations_before = sorted(o.name for o in Organisation.select())
    first = tmp_path / f"første{suffix}"
    export_file(first)

    fresh_database(tmp_path / "tom.sqlite3")
    result = import_file(first)
    assert (result.imported, result.duplicates, result.rejected) == (7, 0, [])
    assert snapshot() == original
    assert sorted(o.name for o in Organisation.select()) == organisations_before

    second = tmp_path / f"anden{suffix}"
    export_file(second)
    assert second.read_bytes() == first.read_bytes()
    # …and the file imported again adds nothing.
    assert import_file(second).duplicates == 7


def test_csv_and_vcard_carry_the_same_data(db, tmp_path):
    seed()
    export_file(tmp_path / "a.vcf")
    fresh_database(tmp_path / "b.sqlite3")
    import_file(tmp_path / "a.vcf")
    export_file(tmp_path / "b.csv")
    fresh_database(tmp_path / "c.sqlite3")
    import_file(tmp_path / "b.csv")
    export_file(tmp_path / "c.vcf")
    assert (tmp_path / "c.vcf").read_bytes() == (tmp_path / "a.vcf").read_bytes()


def test_filter_chooses_rows_but_not_their_order(db, tmp_path):
    seed()
    path = tmp_path / "aktive.csv"
    flt = contacts.ContactFilter(active=True, sort="phone", descending=True)
    assert export_file(path, flt) == 6
    text = path.read_text(encoding="utf-8-sig")
    names = [row[0] for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")][1:]
    assert names == ["Bo Beboer", "Ole Hansen", "Ole Hansen", "Ærlig Navn", "Aage Bech",
                     "Åse Østergård"]


@pytest.mark.parametrize("suffix", [".csv", ".vcf"])
def test_cpr_number_stops_the_export_and_nothing_is_written(db, tmp_path, suffix):
    seed()
    # The editor refuses CPR numbers now; a row written by an older version (or by hand in the
    # database) can still hold one, and the export must catch it.
    from tryg_desktop.db.models import Contact

    kurt = add("Kurt Nielsen", title="Sagsbehandler")
    Contact.update(title="Sagsbehandler, cpr 010190-1234").where(Contact.id == kurt.id).execute()
    path = tmp_path / f"kontakter{suffix}"
    path.write_bytes(b"den gamle fil")
    with pytest.raises(CprFoundError) as error:
        export_file(path)
    assert error.value.where == ["Kurt Nielsen"]
    assert "Kurt Nielsen" in error.value.message and "CPR" in error.value.message
    assert path.read_bytes() == b"den gamle fil"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_unknown_file_type(db, tmp_path):
    out = tmp_path / "ud"
    out.mkdir()
    with pytest.raises(ExportError) as error:
        export_file(out / "kontakter.xlsx")
    assert isinstance(error.value, ServiceError)
    assert error.value.message.startswith("Ukendt filtype ».xlsx«")
    assert list(out.iterdir()) == []


def test_missing_folder_is_a_danish_error_and_no_temp_file_remains(db, tmp_path):
    seed()
    from tryg_desktop.services.files import FileWriteError

    with pytest.raises(FileWriteError, match="Mappen .* findes ikke"):
        export_file(tmp_path / "findes-ikke" / "kontakter.csv")
    out = tmp_path / "ud"
    out.mkdir()
    export_file(out / "kontakter.csv")
    assert [p.name for p in out.iterdir()] == ["kontakter.csv"]


def test_empty_register_exports_only_the_header(db, tmp_path):
    assert export_file(tmp_path / "tom.csv") == 0
    assert (tmp_path / "tom.csv").read_bytes() == codecs.BOM_UTF8 + (HEADER + "\r\n").encode()
    assert export_file(tmp_path / "tom.vcf") == 0
    assert (tmp_path / "tom.vcf").read_bytes() == b""


def test_csv_export_defuses_excel_formulas_and_import_restores_the_text(db, tmp_path, db_path):
    from tryg_desktop.db import close_database, open_database
    from tryg_desktop.services.register.contact_import import import_file

    add("=HYPERLINK(\"http://x\")", notes="-rettet af ole\n'citat'", title="@leder")
    path = tmp_path / "kontakter.csv"
    export_file(path)
    text = path.read_bytes().decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'-rettet" in text and "'@leder" in text
    close_database()
    open_database(tmp_path / "ny.sqlite3")
    assert import_file(path).imported == 1
    [row] = list(contacts.iter_all())
    assert (row.name, row.title, row.notes) == (
        "=HYPERLINK(\"http://x\")", "@leder", "-rettet af ole\n'citat'")
