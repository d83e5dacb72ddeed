"""Issue 10 points 1 and 2 in the import dialog: a FIFO, a folder or a 100,000-column CSV is
refused in the dialog's file line, in Danish, and the Importér button stays off."""

from __future__ import annotations

import os
import sys

import pytest


@pytest.fixture
def dialog(qtbot, db, settings, prompts):
    from tryg_desktop.views.register.import_dialog import ImportDialog

    widget = ImportDialog(prompts, settings)
    qtbot.addWidget(widget)
    return widget


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
@pytest.mark.parametrize("name", ["rør.vcf", "rør.csv"])
def test_a_fifo_is_refused_at_once(dialog, tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    dialog.load_file(fifo)
    assert "ikke en almindelig fil" in dialog.file_label.text()
    assert not dialog.import_button.isEnabled()


def test_a_folder_named_like_a_vcard(dialog, tmp_path):
    folder = tmp_path / "kontakter.vcf"
    folder.mkdir()
    dialog.load_file(folder)
    assert "er en mappe" in dialog.file_label.text()
    assert not dialog.import_button.isEnabled()


def test_a_csv_with_100000_columns(dialog, tmp_path):
    source = tmp_path / "bred.csv"
    source.write_text(";".join(f"c{i}" for i in range(100_000)) + "\n")
    dialog.load_file(source)
    assert "100.000 kolonner" in dialog.file_label.text()
    assert dialog.mapping_table.rowCount() == 0 and not dialog.import_button.isEnabled()
