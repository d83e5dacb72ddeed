"""Import, export, backup and demo data driven from the main window, as a user would."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from tryg_desktop.services.register import contacts as C

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"


def drive_import(prompts, qtbot, path, after_click=None):
    seen = {}

    def handler(dialog):
        dialog.choose_button.click()  # the file picker answers with path
        seen["label"] = dialog.file_label.text()
        seen["mapping"] = dialog.mapping()
        dialog.import_button.click()
        if after_click:
            after_click(dialog)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=10000)
        seen["result"] = dialog.result_text.toPlainText()
        return 1

    prompts.open_paths.append(path)
    prompts.dialog_handlers.append(handler)
    return seen


def test_import_danish_excel_csv_with_mapping_and_rejected_lines(window, prompts, qtbot):
    seen = drive_import(prompts, qtbot, FIXTURES / "excel_dansk_cp1252.csv")
    window.files.import_contacts()
    assert "Windows-1252" in seen["label"] and "semikolon" in seen["label"]
    assert set(seen["mapping"].values()) >= {"name", "title", "organisation", "phone", "email"}
    assert "Importeret:" in seen["result"]
    assert "linje 5" in seen["result"] and "telefonnummer" in seen["result"]
    assert "linje 13" in seen["result"]  # the CPR number in a note
    names = [r.name for r in C.iter_all()]
    assert "Søren Jørgensen" in names and "Bent Ærø" not in names
    # The overview and the list show what landed.
    window.navigation.setCurrentRow(1)
    active = [r.name for r in C.iter_all(C.ContactFilter(active=True))]
    assert window.contacts_page.count_label.text() == f"{len(active)} kontakter"


def test_import_same_file_twice_changes_nothing(window, prompts, qtbot):
    drive_import(prompts, qtbot, FIXTURES / "outlook_2_1_cp1252.vcf")
    window.files.import_contacts()
    before = [(r.name, r.email, r.phone) for r in C.iter_all()]
    seen = drive_import(prompts, qtbot, FIXTURES / "outlook_2_1_cp1252.vcf")
    window.files.import_contacts()
    assert "Importeret: 0" in seen["result"]
    assert [(r.name, r.email, r.phone) for r in C.iter_all()] == before


def test_cancelled_import_leaves_nothing(window, prompts, qtbot, tmp_path):
    big = tmp_path / "mange.csv"
    rows = ["Navn;E-mail"] + [f"Person {n};p{n}@firma.example" for n in range(3000)]
    big.write_text("\n".join(rows), encoding="utf-8")
    # Annuller in the progress dialog, pressed while the worker is running.
    seen = drive_import(prompts, qtbot, big, after_click=lambda dialog: dialog.task.cancel())
    window.files.import_contacts()
    assert "annulleret" in seen["result"]
    assert C.count(C.ContactFilter()) == 0


def test_export_then_backup_from_the_menu(window, prompts, qtbot, tmp_path, db_path):
    C.create(C.ContactInput(name="Åse Ørsted", email="ase@example.dk", phone="98 31 31 31"))
    out = tmp_path / "ud" / "kontakter.csv"
    out.parent.mkdir()

    def answer_purpose(dialog):  # Formål med udtrækket, asked first
        dialog.field.setText("Telefonliste")
        dialog.save_button.click()
        return dialog.result()

    prompts.dialog_handlers.append(answer_purpose)
    prompts.save_paths.append(out)
    window.files.export_contacts()
    qtbot.waitUntil(lambda: any(a[1] == "Eksport færdig" for a in prompts.asked), timeout=10000)
    text = out.read_bytes().decode("utf-8-sig")
    assert "Åse Ørsted" in text and "98 31 31 31" in text

    copy = tmp_path / "kopi.sqlite3"
    prompts.save_paths.append(copy)
    window.files.backup()
    qtbot.waitUntil(lambda: any(a[1] == "Sikkerhedskopi gemt" for a in prompts.asked),
                    timeout=10000)
    [told] = [a[2] for a in prompts.asked if a[1] == "Sikkerhedskopi gemt"]
    assert told.startswith("Sikkerhedskopi gemt: ") and "1 kontakt" in told
    with sqlite3.connect(copy) as raw:
        assert raw.execute("SELECT name FROM contact").fetchall() == [("Åse Ørsted",)]


def test_conflict_with_another_process(window, prompts, qtbot, db_path):
    """Another Tryg Desktop process saves the same contact while the editor is open."""
    row = C.create(C.ContactInput(name="Ole"))
    window.navigation.setCurrentRow(1)
    page = window.contacts_page
    page.table.selectRow(0)
    prompts.choose_answers.append(None)  # "Fortsæt redigering": keep the typed text
    seen = {}

    def drive(dialog):
        other_process = (
            "import sys; from tryg_desktop.db import open_database;"
            "from tryg_desktop.services.register import contacts as C;"
            "open_database(sys.argv[1]); r = C.get(int(sys.argv[2])); d = r.as_input();"
            "d.title = 'Leder'; C.update(r.id, d, r.version)")
        subprocess.run([sys.executable, "-c", other_process, str(db_path), str(row.id)],
                       check=True)
        dialog.ui.titleEdit.setText("Frivillig")
        dialog._changed("title")
        seen["saved"] = dialog.save()
        seen["text_kept"] = dialog.ui.titleEdit.text()
        dialog._dirty = False
        return 0

    prompts.dialog_handlers.append(drive)
    page.open_row(0)
    assert seen == {"saved": False, "text_kept": "Frivillig"}
    assert C.get(row.id).title == "Leder"
    assert prompts.asked[-1][1] == "Ændret et andet sted"
