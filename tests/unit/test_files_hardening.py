"""Issue 10, points 1, 2 and 14: only regular files are read or replaced, an existing file is
replaced only when asked, and a CSV that trips the csv module gives a Danish message."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from tryg_desktop.services.files import (
    FileReadError,
    FileWriteError,
    TargetExistsError,
    check_output_target,
    read_regular_file,
    write_atomically,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and device nodes")


# -- check_output_target ---------------------------------------------------------------------

def test_new_file_in_an_existing_folder_is_fine(tmp_path):
    assert check_output_target(tmp_path / "ny.pdf", replace=False) == (tmp_path / "ny.pdf")


def test_existing_file_needs_replace(tmp_path):
    target = tmp_path / "referat.pdf"
    target.write_bytes(b"old")
    with pytest.raises(TargetExistsError) as err:
        check_output_target(target, replace=False)
    assert err.value.message == f"Filen »{target}« findes allerede."
    assert isinstance(err.value, FileWriteError)
    assert check_output_target(target, replace=True) == target.resolve()


def test_missing_folder(tmp_path):
    target = tmp_path / "findes-ikke" / "x.csv"
    with pytest.raises(FileWriteError, match="Mappen .* findes ikke"):
        check_output_target(target, replace=True)


def test_directory_is_refused(tmp_path):
    with pytest.raises(FileWriteError, match="er en mappe"):
        check_output_target(tmp_path, replace=True)


@posix_only
def test_device_node_is_refused_even_with_replace():
    with pytest.raises(FileWriteError, match="ikke en almindelig fil"):
        check_output_target("/dev/null", replace=True)


@posix_only
def test_fifo_is_refused(tmp_path):
    fifo = tmp_path / "rør"
    os.mkfifo(fifo)
    with pytest.raises(FileWriteError, match="ikke en almindelig fil"):
        check_output_target(fifo, replace=True)


def test_read_only_file_is_refused_even_with_replace(tmp_path):
    target = tmp_path / "låst.csv"
    target.write_bytes(b"keep me")
    target.chmod(stat.S_IRUSR)
    with pytest.raises(FileWriteError, match="skrivebeskyttet"):
        check_output_target(target, replace=True)


# -- write_atomically ------------------------------------------------------------------------

@posix_only
def test_write_to_dev_null_keeps_the_device_node():
    """Run as root, os.replace would swap /dev/null for a plain file."""
    with pytest.raises(FileWriteError, match="ikke en almindelig fil"):
        write_atomically("/dev/null", b"data")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@posix_only
def test_write_to_a_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "link"
    link.symlink_to("/dev/null")
    with pytest.raises(FileWriteError, match="ikke en almindelig fil"):
        write_atomically(link, b"data")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_write_to_a_directory_is_refused(tmp_path):
    folder = tmp_path / "mappe"
    folder.mkdir()
    with pytest.raises(FileWriteError, match="er en mappe"):
        write_atomically(folder, b"data")
    assert folder.is_dir()


def test_write_does_not_replace_a_read_only_file(tmp_path):
    target = tmp_path / "låst.csv"
    target.write_bytes(b"keep me")
    target.chmod(stat.S_IRUSR)
    with pytest.raises(FileWriteError, match="skrivebeskyttet"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["låst.csv"]  # no temporary file left


@posix_only
def test_written_file_is_private_and_a_symlink_target_is_written(tmp_path):
    real = tmp_path / "rigtig.txt"
    real.write_bytes(b"old")
    link = tmp_path / "genvej.txt"
    link.symlink_to(real)
    assert write_atomically(link, b"new") == link
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


# -- read_regular_file -----------------------------------------------------------------------

def test_read_regular_file(tmp_path):
    source = tmp_path / "a.csv"
    source.write_bytes(b"Navn\nAnna\n")
    assert read_regular_file(source, 100) == b"Navn\nAnna\n"


def test_read_missing_file(tmp_path):
    with pytest.raises(FileReadError, match="findes ikke"):
        read_regular_file(tmp_path / "nej.csv", 100)


def test_read_directory(tmp_path):
    with pytest.raises(FileReadError, match="er en mappe"):
        read_regular_file(tmp_path, 100)


def test_read_too_big(tmp_path):
    source = tmp_path / "stor.csv"
    source.write_bytes(b"x" * 3 * 1024 * 1024)
    with pytest.raises(FileReadError, match=r"for stor \(højst 2 MB\)"):
        read_regular_file(source, 2 * 1024 * 1024)


@posix_only
def test_read_device_is_refused():
    with pytest.raises(FileReadError, match="ikke en almindelig fil"):
        read_regular_file("/dev/zero", 100)


@posix_only
def test_read_fifo_is_refused_without_blocking(tmp_path):
    """Opening a FIFO with no writer blocks forever; it must be refused before the open. The
    read runs in a daemon thread so that a regression fails the test instead of hanging it."""
    fifo = tmp_path / "rør.csv"
    os.mkfifo(fifo)
    outcome = []

    def read():
        try:
            read_regular_file(fifo, 100)
        except FileReadError as error:
            outcome.append(error.message)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # unblock the open so the thread ends
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join()
    assert outcome == [f"»{fifo}« er ikke en almindelig fil."]


# -- the contact import on hostile files (points 1 and 2) ------------------------------------

@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_with_100000_columns_gives_a_danish_message(db, tmp_path, delimiter):
    """A first line over 128 KiB: the delimiter sniffing raised _csv.Error (field larger than
    field limit). 100,000 columns would also freeze the mapping step, so they are refused."""
    from tryg_desktop.db.models import Contact
    from tryg_desktop.services.register.contact_import import ImportFormatError, import_file, \
        read_csv_preview

    source = tmp_path / "bred.csv"
    source.write_text(delimiter.join(["Navn"] + [f"c{i}" for i in range(100_000)])
                      + "\nAnna" + delimiter + "x\n")
    for read in (read_csv_preview, import_file):
        with pytest.raises(ImportFormatError) as err:
            read(source)
        assert err.value.message == ("Filen »bred.csv« har 100.001 kolonner; en kontaktliste "
                                     "kan højst have 1.000. Kontrollér, at det er den rigtige fil.")
    assert Contact.select().count() == 0


def test_csv_with_a_long_first_line_of_one_field(db, tmp_path):
    from tryg_desktop.services.register.contact_import import ImportFormatError, import_file

    source = tmp_path / "lang.csv"
    source.write_text("N" * 200_000 + "\nAnna\n")
    with pytest.raises(ImportFormatError, match="Linje 1 .* for langt"):
        import_file(source)


def test_csv_with_a_field_over_the_csv_limit_names_the_line(db, tmp_path):
    from tryg_desktop.services.register.contact_import import ImportFormatError, import_file

    source = tmp_path / "lang.csv"
    source.write_text("Navn;Noter\nBo;kort\nAnna;" + "x" * 200_000 + "\n")
    with pytest.raises(ImportFormatError) as err:
        import_file(source)
    assert err.value.message == ("Linje 3 i filen »lang.csv« har et felt, der er for langt "
                                 "(over 128 KB). Ret filen, og prøv igen.")


def test_import_refuses_a_file_over_the_size_limit(db, tmp_path, monkeypatch):
    from tryg_desktop.services.register import contact_formats
    from tryg_desktop.services.register.contact_import import ImportFormatError, import_file

    monkeypatch.setattr(contact_formats, "IMPORT_MAX_BYTES", 1024)
    source = tmp_path / "stor.csv"
    source.write_text("Navn\n" + "Anna\n" * 1000)
    with pytest.raises(ImportFormatError, match="er for stor"):
        import_file(source)


@posix_only
def test_import_of_a_fifo_is_refused(db, tmp_path):
    from tryg_desktop.services.register.contact_import import ImportFormatError, import_file

    fifo = tmp_path / "rør.csv"
    os.mkfifo(fifo)
    with pytest.raises(ImportFormatError, match="ikke en almindelig fil"):
        import_file(fifo)  # the thread-guarded test above shows the read itself does not block


@posix_only
def test_import_of_a_device_is_refused(db):
    from tryg_desktop.services.register.contact_import import ImportFormatError, import_file

    with pytest.raises(ImportFormatError, match="ikke en almindelig fil"):
        import_file("/dev/zero")


@posix_only
def test_check_source_refuses_a_fifo_before_the_import(tmp_path):
    """The import dialog's first look at a .vcf: a FIFO said "findes ikke" (is_file)."""
    from tryg_desktop.services.register.contact_import import ImportFormatError, check_source

    fifo = tmp_path / "rør.vcf"
    os.mkfifo(fifo)
    with pytest.raises(ImportFormatError, match="ikke en almindelig fil"):
        check_source(fifo)
    with pytest.raises(ImportFormatError, match="findes ikke"):
        check_source(tmp_path / "væk.vcf")


@posix_only
def test_attachment_from_a_fifo_or_device_is_refused(tmp_path):
    from tryg_desktop.services.meetings.attachments import read_file
    from tryg_desktop.services.errors import ServiceError

    fifo = tmp_path / "rør.pdf"
    os.mkfifo(fifo)
    for source in (fifo, "/dev/zero"):
        with pytest.raises(ServiceError, match="ikke en almindelig fil"):
            read_file(source)


def test_attachment_over_the_limit_names_its_size(tmp_path):
    from tryg_desktop.services.meetings.attachments import read_file
    from tryg_desktop.services.errors import ServiceError

    big = tmp_path / "stor.pdf"
    big.write_bytes(b"%PDF-" + b"x" * (11 * 1024 * 1024))
    with pytest.raises(ServiceError, match="Filen »stor.pdf« kan ikke vedhæftes. Filen er 11"):
        read_file(big)


# -- exports (point 14: "an export replaced a read-only file") -------------------------------

def _read_only(path):
    path.write_bytes(b"keep me")
    path.chmod(stat.S_IRUSR)
    return path


def test_contact_export_keeps_a_read_only_file(db, tmp_path):
    from tryg_desktop.services.register import contacts
    from tryg_desktop.services.register.contact_export import export_file

    contacts.create(contacts.ContactInput(name="Anna Berg"))
    for name in ("kontakter.csv", "kontakter.vcf"):
        target = _read_only(tmp_path / name)
        with pytest.raises(FileWriteError, match="skrivebeskyttet"):
            export_file(target)
        assert target.read_bytes() == b"keep me"


def test_actions_csv_keeps_a_read_only_file(db, tmp_path):
    from tryg_desktop.services.meetings.action_export import write_csv

    target = _read_only(tmp_path / "handlinger.csv")
    with pytest.raises(FileWriteError, match="skrivebeskyttet"):
        write_csv(target)
    assert target.read_bytes() == b"keep me"


@posix_only
def test_contact_export_to_a_device_is_refused(db, tmp_path):
    from tryg_desktop.services.register.contact_export import export_file

    link = tmp_path / "kontakter.csv"  # export_file picks the format by the name's ending
    link.symlink_to("/dev/null")
    with pytest.raises(FileWriteError, match="ikke en almindelig fil"):
        export_file(link)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# -- files a contact list cannot be (too many records) ---------------------------------------

@pytest.mark.parametrize("suffix", [".csv", ".vcf"])
def test_import_refuses_more_records_than_a_register_holds(db, tmp_path, monkeypatch, suffix):
    """60 MB of "a\\n" is 30 million rows: gigabytes and minutes before any check ran."""
    from tryg_desktop.db.models import Contact
    from tryg_desktop.services.register import contact_csv, contact_formats, contact_import

    for module in (contact_formats, contact_csv, contact_import):
        monkeypatch.setattr(module, "IMPORT_MAX_RECORDS", 3, raising=False)
    source = tmp_path / f"mange{suffix}"

    def write(names):
        if suffix == ".csv":
            source.write_text("Navn\n\n\n" + "\n".join(names) + "\n")  # blank rows don't count
        else:
            source.write_text("".join(f"BEGIN:VCARD\nFN:{n}\nEND:VCARD\n" for n in names))

    names = [f"Person {i}" for i in range(4)]
    write(names)
    with pytest.raises(contact_import.ImportFormatError, match="har mere end 3 kontakter"):
        contact_import.import_file(source)
    assert Contact.select().count() == 0
    write(names[:3])
    assert contact_import.import_file(source).imported == 3


# -- the reproductions of the issue, through the command line --------------------------------

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def test_cli_import_of_a_100000_column_csv(capsys, db_path, tmp_path):
    from tryg_desktop import cli

    source = tmp_path / "bred.csv"
    source.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n1\n")
    code = cli.run(cli.parse_args(["--database", str(db_path), "contacts", "import",
                                   str(source)]))
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert err.strip().endswith("Kontrollér, at det er den rigtige fil."), err
    assert len(err.strip().splitlines()) == 1 and "Error" not in err


@posix_only
def test_cli_import_of_a_fifo_exits_with_a_danish_line(db_path, tmp_path):
    """`contacts import FIFO` blocked forever; the timeout only keeps a regression from
    hanging the suite."""
    import subprocess

    fifo = tmp_path / "rør.csv"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, str(MAIN), "--database", str(db_path), "contacts",
                           "import", str(fifo)], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode != 0
    assert done.stderr.strip().endswith("er ikke en almindelig fil."), done.stderr
    assert "Traceback" not in done.stderr
