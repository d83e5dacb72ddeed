"""Contact import from CSV and vCard files: real files, a real SQLite database, no mocks.

The fixture files in tests/fixtures/contacts/ are what the programs write: Danish Excel's
"CSV (semikolonsepareret)" in Windows-1252, Outlook's English CSV in UTF-8 with BOM, Outlook's
vCard 2.1 in Windows-1252 with quoted-printable values, and vCard 3.0 and 4.0 files.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tryg_desktop.db.models import AuditEntry, Contact, Organisation
from tryg_desktop.services import audit
from tryg_desktop.services.register import contacts, organisations
from tryg_desktop.services.register.contact_import import (
    IMPORT_FIELDS,
    ImportFormatError,
    ImportResult,
    RejectedRow,
    import_file,
    read_csv_preview,
)
from tryg_desktop.services.errors import ServiceError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"


def by_name() -> dict[str, contacts.ContactRow]:
    return {row.name: row for row in contacts.iter_all()}


def rejected(result: ImportResult) -> dict[int, str]:
    return {r.line: r.reason for r in result.rejected}


def counts() -> tuple[int, int, int]:
    return Contact.select().count(), Organisation.select().count(), AuditEntry.select().count()


def write_csv(path: Path, lines: list[str], encoding="utf-8", newline="\r\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


def make_org(name: str) -> organisations.OrganisationRow:
    return organisations.create(organisations.OrganisationInput(name=name, kind="kommune"))


# -- CSV --------------------------------------------------------------------------------------

def test_import_fields_are_the_published_ones():
    assert IMPORT_FIELDS == [
        ("name", "Navn"), ("title", "Titel/rolle"), ("organisation", "Organisation"),
        ("phone", "Telefon"), ("mobile", "Mobil"), ("email", "E-mail"), ("notes", "Noter"),
        ("active", "Aktiv"), ("is_private", "Privatperson")]


def test_preview_of_danish_excel_csv(db):
    preview = read_csv_preview(FIXTURES / "excel_dansk_cp1252.csv")
    assert preview.encoding == "cp1252"
    assert preview.delimiter == ";"
    assert preview.headers[:3] == ["Navn", "Stilling", "Firma"]
    assert preview.mapping == {0: "name", 1: "title", 2: "organisation", 3: "phone",
                               4: "mobile", 5: "email", 6: "notes", 7: "active",
                               8: "is_private"}
    # 13 lines after the header: one is the second line of a quoted note, one is blank.
    assert preview.row_count == 11
    assert len(preview.sample_rows) == 5
    assert preview.sample_rows[0][0] == "Søren Jørgensen"
    assert preview.sample_rows[1][6] == "Mødes på Ågade\r\nhver tirsdag; også i ferien"


def test_danish_excel_csv_imports_valid_rows_and_reports_bad_ones(db):
    existing = make_org("Aalborg kommune")  # the file spells it "Aalborg Kommune"
    result = import_file(FIXTURES / "excel_dansk_cp1252.csv")

    assert rejected(result) == {
        5: "»123« er ikke et gyldigt telefonnummer (fx 98 31 31 31 eller +46 8 123 456 78).",
        6: "Navnet skal udfyldes.",
        7: "»karen@@politi.dk« er ikke en gyldig e-mailadresse.",
        13: "Teksten ser ud til at indeholde et CPR-nummer. Det må ikke registreres her.",
        14: "Aktiv: »måske« skal være Ja eller Nej.",
    }
    assert (result.imported, result.duplicates) == (4, 2)  # lines 11 and 12 are duplicates
    assert result.organisations_created == 1  # the housing association; no org of a bad row
    assert not result.cancelled

    rows = by_name()
    assert set(rows) == {"Søren Jørgensen", "Åse Østergård", "Ole Beboer", "Mette Lund"}
    soren = rows["Søren Jørgensen"]
    assert (soren.organisation_id, soren.title) == (existing.id, "Gadeplansmedarbejder")
    assert (soren.phone, soren.mobile) == ("+4598313131", "+4520304050")
    assert soren.notes == "Træffes bedst om formiddagen"
    assert rows["Åse Østergård"].organisation_name == "Beboerforeningen Ålykkegården"
    assert rows["Åse Østergård"].notes == "Mødes på Ågade\nhver tirsdag; også i ferien"
    assert rows["Åse Østergård"].is_private is False  # empty cell: the default
    assert rows["Mette Lund"].active is False
    assert rows["Mette Lund"].organisation_id == existing.id  # "aalborg kommune" reused
    # A resident keeps the minimal fields only, as in the editor.
    ole = rows["Ole Beboer"]
    assert (ole.is_private, ole.active, ole.mobile) == (True, True, "+4522334455")
    assert (ole.title, ole.organisation_id, ole.notes) == ("", None, "")
    assert organisations.find_by_name("Blå Kors") is None
    assert organisations.find_by_name("Kirkens Korshær") is None


def test_summary_lists_counts_and_rejected_lines(db):
    result = import_file(FIXTURES / "excel_dansk_cp1252.csv")
    lines = result.summary().splitlines()
    assert lines[:4] == ["Importeret: 4 kontakter", "Nye organisationer: 2",
                         "Sprunget over (findes allerede): 2", "Afvist: 5"]
    assert lines[4].startswith("  linje 5: »123« er ikke et gyldigt telefonnummer")
    assert len(lines) == 9


def test_summary_wording():
    result = ImportResult(imported=1, rejected=[RejectedRow(3, "Navnet skal udfyldes.")])
    assert result.summary() == ("Importeret: 1 kontakt\nSprunget over (findes allerede): 0\n"
                                "Afvist: 1\n  linje 3: Navnet skal udfyldes.")
    many = ImportResult(rejected=[RejectedRow(n, "x") for n in range(2, 32)])
    assert many.summary().splitlines()[-1] == "  … og 10 linjer mere"
    assert ImportResult(cancelled=True).summary() == (
        "Importen blev annulleret. Der er ikke gemt noget.")


def test_outlook_english_csv_with_bom_and_name_parts(db):
    preview = read_csv_preview(FIXTURES / "outlook_english_bom.csv")
    assert (preview.encoding, preview.delimiter, preview.row_count) == ("utf-8-sig", ",", 4)
    assert preview.headers[0] == "First Name"  # no BOM left on the first header
    assert preview.mapping == {0: "first_name", 1: "first_name", 2: "last_name", 3: None,
                               4: "organisation", 5: None, 6: "title", 7: "phone", 8: None,
                               9: "mobile", 10: "email", 11: "notes"}

    result = import_file(FIXTURES / "outlook_english_bom.csv")
    assert rejected(result) == {
        4: "Navnet skal udfyldes.",
        5: "»555« er ikke et gyldigt telefonnummer (fx 98 31 31 31 eller +46 8 123 456 78).",
    }
    assert (result.imported, result.organisations_created) == (2, 2)
    anne = by_name()["Anne Marie Ågård"]
    # "Title" is Outlook's Ms./Mr.; the job is in "Job Title".
    assert (anne.title, anne.organisation_name) == ("Street worker", "Kirkens Korshær")
    assert (anne.phone, anne.mobile) == ("+4598123456", "+4520112233")
    assert anne.notes == "Speaks Danish, English"
    assert by_name()["Jens Østergaard"].phone == "+4598313133"


def test_danish_first_and_last_name_columns(db, tmp_path):
    path = write_csv(tmp_path / "navne.csv", [
        "Fornavn;Efternavn;Arbejdstelefon;Mobiltelefon;E-mail",
        "Ida;Ørnstrup;98 31 31 31;;ida@x.dk",
        ";Madsen;;;",
    ], encoding="cp1252")
    preview = read_csv_preview(path)
    assert preview.mapping == {0: "first_name", 1: "last_name", 2: "phone", 3: "mobile",
                               4: "email"}
    result = import_file(path)
    assert result.imported == 2
    assert set(by_name()) == {"Ida Ørnstrup", "Madsen"}


def test_chosen_mapping_overrides_the_guess(db, tmp_path):
    path = write_csv(tmp_path / "liste.csv", [
        "Kolonne A;Kolonne B;Kolonne C",
        "Hanne Dahl;hanne@dahl.dk;hemmelig note",
    ])
    assert read_csv_preview(path).mapping == {0: None, 1: None, 2: None}
    with pytest.raises(ImportFormatError, match="navnet"):
        import_file(path)  # nothing recognised, so no name column
    result = import_file(path, {0: "name", 1: "email", 2: None})
    assert result.imported == 1
    row = by_name()["Hanne Dahl"]
    assert (row.email, row.notes) == ("hanne@dahl.dk", "")
    with pytest.raises(ImportFormatError, match="Ukendt felt"):
        import_file(path, {0: "name", 1: "cpr"})


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_comma_and_tab_delimiters_are_sniffed(db, tmp_path, delimiter):
    path = write_csv(tmp_path / "kontakter.csv", [
        delimiter.join(["Name", "Company", "E-mail", "Active"]),
        delimiter.join(["Kim Larsen", '"Gasolin, Christianshavn"', "kim@x.dk", "no"]),
    ], newline="\n")
    assert read_csv_preview(path).delimiter == delimiter
    assert import_file(path).imported == 1
    row = by_name()["Kim Larsen"]
    assert (row.organisation_name, row.active) == ("Gasolin, Christianshavn", False)


def test_excel_unicode_text_and_sep_line(db, tmp_path):
    # Excel's "Unicode-tekst" is UTF-16 with BOM and tabs; "sep=;" is Excel's delimiter hint.
    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes("Navn\tMobil\r\nÆbbe Øst\t20 30 40 50\r\n".encode("utf-16"))
    sep = write_csv(tmp_path / "sep.csv", ["sep=;", "Navn;Telefon", "Åge;12"])
    assert read_csv_preview(utf16).encoding == "utf-16"
    assert import_file(utf16).imported == 1
    result = import_file(sep)
    assert rejected(result).keys() == {3}  # the sep line counts as line 1
    assert by_name()["Æbbe Øst"].mobile == "+4520304050"


def test_yes_no_values(db, tmp_path):
    values = ["Ja", "nej", "yes", "NO", "true", "False", "1", "0", "x", ""]
    path = write_csv(tmp_path / "flag.csv", ["Navn;Aktiv"] + [
        f"Person {i};{value}" for i, value in enumerate(values)])
    assert import_file(path).imported == len(values)
    active = [by_name()[f"Person {i}"].active for i in range(len(values))]
    assert active == [True, False, True, False, True, False, True, False, True, True]


# -- vCard ------------------------------------------------------------------------------------

def test_outlook_vcard_21_quoted_printable_windows_1252(db):
    result = import_file(FIXTURES / "outlook_2_1_cp1252.vcf")
    assert rejected(result) == {
        22: "»12« er ikke et gyldigt telefonnummer (fx 98 31 31 31 eller +46 8 123 456 78).",
        35: "Navnet skal udfyldes.",
    }
    assert result.imported == 2
    soren = by_name()["Søren Jørgensen"]
    assert soren.organisation_name == "Beboerforeningen Ålykkegården"  # QP, ORG's first part
    assert soren.title == "Næstformand"
    # The fax is not the phone; the CELL is the mobile.
    assert (soren.phone, soren.mobile) == ("+4598313131", "+4520304050")
    assert soren.email == "soren.jorgensen@alykke.dk"
    # Quoted-printable with =0D=0A, soft line breaks and commas, which 2.1 does not escape.
    assert soren.notes == (
        "Træffes bedst om formiddagen.\nMødes på Ågade hver tirsdag, og så videre med en lang "
        "linje, som Outlook brækker med bløde linjeskift for at holde linjerne korte.")
    karen = by_name()["Karen Kærgård"]  # no FN: the name comes from the QP-encoded N
    assert karen.organisation_name == "Nordjyllands Politi"
    # 2.1 has no backslash escapes: a Windows path stays a path.
    assert karen.notes == "Referater ligger i H:\\Tryg\\noter, mappe 2"


def test_vcard_30(db):
    result = import_file(FIXTURES / "kontakter_3_0.vcf")
    assert rejected(result) == {13: "Kontakten slutter ikke med END:VCARD.",
                                16: "Kontakten kan ikke læses: fejl i linje 19."}
    assert result.imported == 2
    dorthe = by_name()["Dorthe Ærenlund"]
    assert dorthe.organisation_name == "Tryg Aalborg, Sekretariatet"
    assert (dorthe.phone, dorthe.mobile) == ("+4598313140", "+4521212121")
    assert dorthe.notes == ("Første linje\nAnden linje med semikolon; og komma, og en meget "
                            "lang hale, som er foldet over flere linjer.")
    assert by_name()["Gitte Holm"].active is False  # X-TRYG-ACTIVE:FALSE


def test_vcard_40(db):
    result = import_file(FIXTURES / "kontakter_4_0.vcf")
    assert rejected(result) == {13: "»gustav@« er ikke en gyldig e-mailadresse."}
    freja = by_name()["Freja Østerby"]
    assert (freja.phone, freja.mobile) == ("+4598313150", "+4520406080")  # tel: URIs
    assert freja.email == "freja.osterby@aalborg.dk"  # PREF=1 wins
    assert (freja.organisation_name, freja.title) == ("Aalborg Kommune", "SSP-konsulent")


def test_vcard_content_is_recognised_whatever_the_extension(db, tmp_path):
    path = tmp_path / "kontakter.txt"
    path.write_bytes((FIXTURES / "kontakter_4_0.vcf").read_bytes())
    assert import_file(path).imported == 1


def test_unknown_charset_rejects_only_that_card(db, tmp_path):
    path = tmp_path / "tegnsaet.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=x-ukendt;ENCODING=QUOTED-PRINTABLE:=E6\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bo\r\nEND:VCARD\r\n", encoding="ascii")
    result = import_file(path)
    assert result.imported == 1
    assert rejected(result) == {1: "Kontakten kan ikke læses: ukendt tegnsæt »x-ukendt«."}


# -- duplicates, re-import, audit ---------------------------------------------------------------

def test_duplicates_against_the_register_and_within_the_file(db, tmp_path):
    kommune = make_org("Aalborg Kommune")
    contacts.create(contacts.ContactInput(name="Eva Holm", email="Eva.Holm@Aalborg.dk"))
    contacts.create(contacts.ContactInput(name="Per Ravn", organisation_id=kommune.id))
    contacts.create(contacts.ContactInput(name="Lise Berg"))
    path = write_csv(tmp_path / "dubletter.csv", [
        "Navn;Organisation;E-mail",
        "Eva H.;;EVA.HOLM@aalborg.dk",  # same e-mail, other case
        "PER  RAVN;aalborg kommune;",  # same name and organisation
        "Per Ravn;Blå Kors;",  # same name, other organisation: not a duplicate
        "lise berg;;",  # same name, both without organisation
        "Ny Person;Ny Forening;ny@x.dk",
        "Ny Anden;;NY@x.dk",  # same e-mail as the row above
        "ny person;NY FORENING;",  # same name and organisation as the row above
    ])
    result = import_file(path)
    assert (result.imported, result.duplicates, result.rejected) == (2, 5, [])
    assert result.organisations_created == 2  # Blå Kors and Ny Forening, once each
    assert Contact.select().count() == 5


def test_importing_the_same_file_twice_changes_nothing(db):
    for name in ("excel_dansk_cp1252.csv", "outlook_2_1_cp1252.vcf", "kontakter_3_0.vcf"):
        first = import_file(FIXTURES / name)
        before = counts()
        second = import_file(FIXTURES / name)
        assert counts() == before, name
        assert (second.imported, second.organisations_created) == (0, 0)
        assert second.duplicates == first.imported + first.duplicates
        assert rejected(second) == rejected(first)


def test_audit_entry_as_for_a_contact_created_in_the_editor(db, tmp_path):
    org = make_org("Blå Kors")
    contacts.create(contacts.ContactInput(name="Via Editor", organisation_id=org.id,
                                          phone="98 31 31 31", notes="To\nlinjer"))
    path = write_csv(tmp_path / "en.csv", ['Navn;Organisation;Telefon;Noter',
                                           'Via Import;blå kors;98 31 31 31;"To\nlinjer"'])
    import_file(path)
    [editor], [imported] = (audit.history("contact", by_name()[n].id)
                            for n in ("Via Editor", "Via Import"))
    assert (imported.action, imported.label) == ("create", "Via Import")
    assert imported.changes.pop("name") == [None, "Via Import"]
    assert editor.changes.pop("name") == [None, "Via Editor"]
    assert imported.changes == editor.changes
    assert imported.changes["organisation"] == [None, "Blå Kors"]


def test_imported_contacts_are_searchable(db):
    import_file(FIXTURES / "excel_dansk_cp1252.csv")
    found = contacts.fetch(contacts.ContactFilter(search="ålykke"))
    assert [row.name for row in found] == ["Åse Østergård"]
    assert contacts.count(contacts.ContactFilter(search="98 31 31 32")) == 1


# -- progress and cancel ---------------------------------------------------------------------------

def many_rows(tmp_path: Path, n: int) -> Path:
    return write_csv(tmp_path / "mange.csv", ["Navn;Organisation;E-mail"] + [
        f"Person {i};Forening {i % 7};p{i}@x.dk" for i in range(n)])


def test_progress_is_reported_every_hundred_rows(db, tmp_path):
    calls = []
    result = import_file(many_rows(tmp_path, 250), progress=lambda *a: calls.append(a))
    assert result.imported == 250
    assert calls == [(0, 250), (100, 250), (200, 250), (250, 250)]


@pytest.mark.parametrize("cancel_on_call", [2, 4])  # 4: after the last row, before commit
def test_cancel_rolls_everything_back(db, tmp_path, cancel_on_call):
    contacts.create(contacts.ContactInput(name="Findes i forvejen"))
    before = counts()
    calls = []

    def is_cancelled():
        calls.append(1)
        return len(calls) >= cancel_on_call

    result = import_file(many_rows(tmp_path, 250), is_cancelled=is_cancelled)
    assert len(calls) == cancel_on_call
    assert result.cancelled
    assert (result.imported, result.organisations_created) == (0, 0)
    assert counts() == before  # no contacts, organisations or audit entries left behind


# -- files that cannot be read --------------------------------------------------------------------

@pytest.mark.parametrize("name, content, message", [
    ("findes-ikke.csv", None, "findes ikke"),
    ("tom.csv", b"  \r\n", "er tom"),
    ("regneark.csv", b"PK\x03\x04xl/workbook.xml", "Excel-regneark"),
    ("ukendte-tegn.csv", b"Navn\r\nB\x81\x8d\r\n", "Tegnene i filen"),
    ("utf16-uden-bom.csv", "Navn\r\nBo\r\n".encode("utf-16-le"), "ikke ud til at være en tekstfil"),
    ("forkert.vcf", b"Navn;Telefon\r\nBo;\r\n", "ikke en vCard-fil"),
    ("ukendt.dat", b"Hej med dig\r\n", "hverken en CSV- eller en vCard-fil"),
    ("citat.csv", b'Navn;Noter\r\nBo;ok\r\nKim;"ingen slut\r\nUlla;x\r\n', "Linje 3"),
])
def test_unreadable_files_give_a_danish_import_format_error(db, tmp_path, name, content,
                                                            message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImportFormatError) as error:
        import_file(path)
    assert isinstance(error.value, ServiceError)
    assert message in error.value.message
    assert Contact.select().count() == 0


def test_preview_refuses_a_vcard_and_a_folder(db, tmp_path):
    with pytest.raises(ImportFormatError, match="vCard-fil, ikke en CSV-fil"):
        read_csv_preview(FIXTURES / "kontakter_3_0.vcf")
    with pytest.raises(ImportFormatError, match="er en mappe"):
        read_csv_preview(tmp_path)


def test_unclosed_quote_message_names_the_line(db, tmp_path):
    path = tmp_path / "citat.csv"
    path.write_bytes(b'Navn;Noter\r\nBo;ok\r\nKim;"ingen slut\r\nUlla;x\r\n')
    with pytest.raises(ImportFormatError) as error:
        read_csv_preview(path)
    assert error.value.message == (
        "Linje 3 i filen »citat.csv«: et citationstegn (\") bliver ikke afsluttet, så resten "
        "af filen kan ikke læses. Ret filen, og prøv igen.")


def test_windows_1252_and_bom_are_told_apart(db, tmp_path):
    text = "Navn;Noter\r\nÅse;Træffes på Ørstedsvej – ring først\r\n"
    cp1252 = tmp_path / "ansi.csv"
    cp1252.write_bytes(text.encode("cp1252"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(codecs.BOM_UTF8 + text.replace("Åse", "Åse B").encode("utf-8"))
    assert read_csv_preview(cp1252).encoding == "cp1252"
    assert read_csv_preview(bom).encoding == "utf-8-sig"
    import_file(cp1252)
    import_file(bom)
    assert by_name()["Åse"].notes == by_name()["Åse B"].notes == (
        "Træffes på Ørstedsvej – ring først")
