"""Opening the database safely (issue 10 points 5, 13, 15): a full disk, private files,
read-only files, and SQLite's English translated in one place."""

import os
import re
import sqlite3
import stat
import sys

import pytest

from tryg_desktop import cli
from tryg_desktop.db import (
    DatabaseOpenError,
    DiskFullError,
    ReadOnlyDatabaseError,
    close_database,
    connection,
    danish_os_message,
    danish_sqlite_message,
    is_read_only,
    open_database,
)
from tryg_desktop.services.register import contacts as C

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")


def _fill_disk(db, spare_pages=3):
    """A full disk, as SQLite sees one: the file may grow by a few pages only."""
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages + spare_pages}")


def _contacts_csv(path, rows=3000):
    lines = ["Navn,E-mail"] + [f"Person {i} Hansen,p{i}@eksempel.dk" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _count(db, table):
    return db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]


def _integrity(db):
    return db.execute_sql("PRAGMA integrity_check").fetchone()[0]


# --- point 5: a full disk -------------------------------------------------------------------

@pytest.mark.sqlite_only("fills the SQLite file's disk with max_page_count")
def test_import_on_a_full_disk_says_so_in_danish_and_rolls_back(db, tmp_path):
    from tryg_desktop.services.register.contact_import import import_file

    _fill_disk(db)
    with pytest.raises(DiskFullError) as caught:
        import_file(_contacts_csv(tmp_path / "k.csv"))
    assert caught.value.message.startswith("Disken er fuld")
    assert _count(db, "contact") == 0 and _integrity(db) == "ok"
    assert not db.connection().in_transaction


@pytest.mark.sqlite_only("fills the SQLite file's disk with max_page_count")
def test_demo_on_a_full_disk_says_so_in_danish_and_rolls_back(db):
    """It said "cannot rollback - no transaction is active" (SQLite had already rolled back)
    or "no such savepoint" (the nested atomic of a create)."""
    from tryg_desktop.services.demo.demo import load_demo

    _fill_disk(db)
    with pytest.raises(DiskFullError) as caught:
        load_demo()
    assert "rollback" not in str(caught.value) and "savepoint" not in str(caught.value)
    assert _count(db, "organisation") == 0 and _integrity(db) == "ok"
    # The connection is fit for use again once there is room.
    db.execute_sql("PRAGMA max_page_count = 1073741823")
    assert load_demo().summary()


@pytest.mark.sqlite_only("fills the SQLite file's disk with max_page_count")
def test_cli_import_on_a_full_disk_is_one_danish_line(db, db_path, tmp_path, capsys, monkeypatch):
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    close_database()
    monkeypatch.setitem(connection.PRAGMAS, "max_page_count", pages + 3)
    code = cli.run(cli.parse_args(["--database", str(db_path), "contacts", "import",
                                   str(_contacts_csv(tmp_path / "k.csv"))]))
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("Fejl: ") and err.count("\n") == 1, err
    assert "Disken er fuld" in err and "disk is full" not in err, err
    monkeypatch.delitem(connection.PRAGMAS, "max_page_count")
    assert _count(open_database(db_path), "contact") == 0
    close_database()


def test_a_new_database_on_a_full_disk_leaves_no_file_behind(tmp_path, monkeypatch):
    """The migration is the new file's first real write; when it fails, the 0-byte (or
    half-made) file and the folder made for it are removed."""
    monkeypatch.setitem(connection.PRAGMAS, "max_page_count", 2)
    folder = tmp_path / "ny mappe"
    path = folder / "tryg.sqlite3"
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(path)
    assert "Disken er fuld" in str(caught.value)
    assert not path.exists() and not folder.exists()


def test_a_full_disk_at_the_os_level_also_cleans_up(tmp_path, monkeypatch):
    """ENOSPC from the OS while the new file is being set up (the real thing on a tiny tmpfs)."""
    import errno

    def no_space(db):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tryg_desktop.db.migrations.migrate", no_space)
    path = tmp_path / "tryg.sqlite3"
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(path)
    assert "disken er fuld" in str(caught.value) and "Errno" not in str(caught.value)
    assert not path.exists()


def test_an_existing_database_is_never_removed_when_opening_fails(db_path, monkeypatch):
    open_database(db_path)
    close_database()

    def broken(db):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("tryg_desktop.db.migrations.migrate", broken)
    with pytest.raises(DatabaseOpenError):
        open_database(db_path)
    assert db_path.stat().st_size > 0


@pytest.mark.parametrize("english", [
    "database or disk is full", "database disk image is malformed",
    "cannot rollback - no transaction is active", "duplicate column name: search_text",
    "attempt to write a readonly database", "database is locked", "file is not a database",
])
def test_sqlite_english_is_translated_in_one_place(english):
    danish = danish_sqlite_message(english)
    assert danish != english
    english_words = r"\b(disk|full|rollback|transaction|column|readonly|locked|is)\b"
    assert not re.search(english_words, danish), danish


def test_file_exists_is_danish(tmp_path):
    """A file where the database's folder should be gave "[Errno 17] File exists"."""
    blocker = tmp_path / "data"
    blocker.write_text("ikke en mappe")
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(blocker / "sub" / "tryg.sqlite3")
    text = str(caught.value)
    assert "Errno" not in text and "File exists" not in text and "Not a directory" not in text
    assert danish_os_message(FileExistsError(17, "File exists", "x")).startswith("der findes")


# --- point 13: private files ----------------------------------------------------------------

@posix_only
def test_a_new_database_and_its_side_files_are_private(tmp_path):
    old = os.umask(0o022)  # the usual umask, which gave 0644
    try:
        folder = tmp_path / "Tryg" / "Tryg Desktop"
        db = open_database(folder / "tryg.sqlite3")
        C.create(C.ContactInput(name="Bo Berg"))
        for suffix in ("", "-wal", "-shm"):
            mode = stat.S_IMODE((folder / f"tryg.sqlite3{suffix}").stat().st_mode)
            assert mode == 0o600, (suffix, oct(mode))
        for made in (folder, folder.parent):
            assert stat.S_IMODE(made.stat().st_mode) == 0o700, made
        assert db is not None
    finally:
        close_database()
        os.umask(old)


@posix_only
def test_a_folder_the_user_chose_keeps_its_mode(tmp_path):
    shared = tmp_path / "delt"
    shared.mkdir()
    os.chmod(shared, 0o755)
    open_database(shared / "tryg.sqlite3")
    close_database()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE((shared / "tryg.sqlite3").stat().st_mode) == 0o600


@posix_only
def test_the_settings_file_is_private(tmp_path):
    from tryg_desktop.settings import ORGANIZER_NAME, Settings

    old = os.umask(0o022)
    try:
        settings = Settings(str(tmp_path / "config" / "settings.ini"))
        settings.set(ORGANIZER_NAME, "Tryg Aalborg")
        settings.sync()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "config" / "settings.ini").stat().st_mode) == 0o600


# --- point 15: read-only --------------------------------------------------------------------

def _seeded(db_path):
    open_database(db_path)
    C.create(C.ContactInput(name="Åge Holm"))
    close_database()


def test_read_only_opening_lists_but_does_not_write(db_path):
    _seeded(db_path)
    before = db_path.read_bytes()
    open_database(db_path, read_only=True)
    try:
        assert is_read_only()
        assert [c.name for c in C.iter_all()] == ["Åge Holm"]
        with pytest.raises(ReadOnlyDatabaseError) as caught:
            C.create(C.ContactInput(name="Bo Berg"))
        assert caught.value.message.startswith("Databasen er skrivebeskyttet")
    finally:
        close_database()
    assert db_path.read_bytes() == before
    open_database(db_path)
    assert not is_read_only()
    close_database()


def test_a_file_marked_read_only_opens_read_only(db_path):
    """The mode bits decide, also for root (whom they do not stop): a file marked read-only
    was marked so by someone."""
    _seeded(db_path)
    os.chmod(db_path, 0o444)
    open_database(db_path)
    try:
        assert is_read_only()
        assert [c.name for c in C.iter_all()] == ["Åge Holm"]
    finally:
        close_database()


def test_a_read_only_database_that_needs_migrating_says_open_it_writable_once(db_path):
    from tryg_desktop.db.migrations import migrate

    raw = open_database(db_path, migrate=False)
    migrate(raw, target=3)
    close_database()
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(db_path, read_only=True)
    assert "skrivebeskyttet" in str(caught.value) and "skriveadgang" in str(caught.value)
    assert str(db_path) in str(caught.value) and "file:" not in str(caught.value)
    raw = sqlite3.connect(db_path)
    assert raw.execute('SELECT MAX(version) FROM schema_version').fetchone()[0] == 3
    raw.close()


def test_cli_lists_a_read_only_database(db_path, capsys, monkeypatch):
    _seeded(db_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK
                        else real_access(p, mode, **kw))
    code = cli.run(cli.parse_args(["--database", str(db_path), "contacts", "list"]))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Åge Holm" in out


@posix_only
def test_an_older_versions_world_readable_default_folder_is_made_private(tmp_path):
    """Versions before issue 10 left the app's own folder 0755 and the database 0644."""
    from tryg_desktop import paths

    folder = paths.app_data_dir()
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    old_file = folder / paths.DATABASE_FILE
    old_file.write_bytes(b"")
    os.chmod(old_file, 0o644)
    assert paths.database_path() == old_file
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(old_file.stat().st_mode) == 0o600
    chosen = tmp_path / "valgt" / "tryg.sqlite3"
    chosen.parent.mkdir()
    os.chmod(chosen.parent, 0o755)
    paths.database_path(str(chosen))
    assert stat.S_IMODE(chosen.parent.stat().st_mode) == 0o755


def test_a_step_another_process_has_just_done_is_not_run_again(db_path, monkeypatch):
    """Two processes opening an old file at once both read the old version; the second ran
    the step again and failed with "duplicate column name". The version read before the
    steps is made stale here, as the other process would have made it."""
    from tryg_desktop.db import migrations

    db = open_database(db_path)  # "the other process" has migrated the file
    real = migrations.schema_version
    calls = []

    def first_read_is_stale(database):
        calls.append(1)
        return 1 if len(calls) == 1 else real(database)

    monkeypatch.setattr(migrations, "schema_version", first_read_is_stale)
    assert migrations.migrate(db) == migrations.LATEST
    monkeypatch.undo()
    assert real(db) == migrations.LATEST
    close_database()


def test_a_database_held_by_another_writer_says_so_in_danish(db_path, monkeypatch):
    from tryg_desktop.db import BusyDatabaseError

    monkeypatch.setitem(connection.PRAGMAS, "busy_timeout", 50)
    open_database(db_path)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        with pytest.raises(BusyDatabaseError) as caught:
            C.create(C.ContactInput(name="Bo Berg"))
        assert caught.value.message.startswith("Databasen er optaget")
    finally:
        other.execute("ROLLBACK")
        other.close()
        close_database()
