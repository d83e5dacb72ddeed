import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tryg_desktop.db import backup as db_backup
from tryg_desktop.l10n import COLLATION_NAME, danish_compare
from tryg_desktop.services import backup
from tryg_desktop.services.register import contacts as C
from tryg_desktop.services.register import organisations as O
from tryg_desktop.services.errors import ServiceError

pytestmark = pytest.mark.sqlite_only("the SQLite file's own backup; the server's is test_server_transfer.py")

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def _connect(path):
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.create_collation(COLLATION_NAME, danish_compare)
    return conn


def _names(path):
    with sqlite3.connect(str(path)) as conn:
        return sorted(r[0] for r in conn.execute('SELECT name FROM "contact"'))


@pytest.fixture
def filled(db):
    org = O.create(O.OrganisationInput(name="Blå Kors", kind="ngo"))
    C.create(C.ContactInput(name="Åse Berg", organisation_id=org.id))
    C.create(C.ContactInput(name="Ole Sørensen"))
    return db


def test_backup_while_another_connection_is_writing(filled, db_path, tmp_path):
    # Like the GUI in the middle of a save: a write transaction open, not yet committed.
    other = _connect(db_path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("""INSERT INTO "contact" (name, title, phone, mobile, email, notes, active,
                     is_private, version, created_at, updated_at, search_text)
                     VALUES ('Ikke gemt', '', '', '', '', '', 1, 0, 1, '', '', '')""")
    target = tmp_path / "kopi.sqlite3"
    try:
        result = backup.make_backup(target)
    finally:
        other.execute("COMMIT")
        other.close()

    assert (result.contacts, result.organisations) == (2, 1)
    assert result.summary() == f"Sikkerhedskopi gemt: {target} (2 kontakter, 1 organisation)"
    assert _names(target) == ["Ole Sørensen", "Åse Berg"]  # committed data only
    assert "Ikke gemt" in _names(db_path)  # the other writer was not disturbed


def test_copy_is_one_complete_file_that_the_app_opens(filled, tmp_path):
    from tryg_desktop.db import close_database, open_database

    target = tmp_path / "kopi.sqlite3"
    backup.make_backup(target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("kopi", ".kopi"))) \
        == ["kopi.sqlite3"]  # no -wal beside it, no temporary file left
    with sqlite3.connect(str(target)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    close_database()
    open_database(target)
    assert [r.name for r in C.iter_all()] == ["Ole Sørensen", "Åse Berg"]
    assert C.fetch(C.ContactFilter(search="blå"))[0].organisation_name == "Blå Kors"


def test_replaces_an_older_backup(filled, tmp_path):
    target = tmp_path / "kopi.sqlite3"
    backup.make_backup(target)
    C.create(C.ContactInput(name="Bo Ny"))
    assert backup.make_backup(target).contacts == 3
    assert "Bo Ny" in _names(target)


def test_failed_backup_keeps_the_old_one(filled, tmp_path, monkeypatch):
    target = tmp_path / "kopi.sqlite3"
    target.write_bytes(b"old backup")

    def broken(path):
        raise sqlite3.DatabaseError("disk I/O error")

    monkeypatch.setattr(db_backup, "inspect_copy", broken)
    with pytest.raises(ServiceError, match="Sikkerhedskopien kunne ikke laves"):
        backup.make_backup(target)
    assert target.read_bytes() == b"old backup"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kopi")] == []


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_refuses_to_overwrite_the_open_database(filled, db_path, suffix):
    before = _names(db_path)
    with pytest.raises(ServiceError, match="oven i den database, der er åben"):
        backup.make_backup(str(db_path) + suffix)
    assert _names(db_path) == before


def test_refuses_the_open_database_through_another_name(filled, db_path, tmp_path):
    link = tmp_path / "link.sqlite3"
    link.symlink_to(db_path)
    with pytest.raises(ServiceError, match="oven i"):
        backup.make_backup(link)


def test_target_must_be_a_file_in_an_existing_folder(filled, tmp_path):
    with pytest.raises(ServiceError, match="Mappen .* findes ikke"):
        backup.make_backup(tmp_path / "mangler" / "kopi.sqlite3")
    with pytest.raises(ServiceError, match="er en mappe"):
        backup.make_backup(tmp_path)


# --- issue 10 point 12: no hidden copies left behind, only regular files, private ---------------

def _hidden(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _dead_pid():
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_stale_copies_of_a_dead_backup_are_removed(filled, tmp_path):
    dead = _dead_pid()
    stale = [f".kopi.sqlite3.tryg-kopi.{dead}.tmp", f".kopi.sqlite3.tryg-kopi.{dead}.tmp-journal",
             f".andet.sqlite3.tryg-kopi.{dead}.tmp-wal"]
    for name in stale:
        (tmp_path / name).write_bytes(b"halv kopi")
    running = tmp_path / f".kopi.sqlite3.tryg-kopi.{os.getppid()}.tmp"  # a backup under way
    running.write_bytes(b"i gang")
    other = tmp_path / ".noget-andet.tmp"  # not ours
    other.write_bytes(b"x")

    backup.make_backup(tmp_path / "kopi.sqlite3")
    assert _hidden(tmp_path) == sorted([running.name, other.name])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_backup_leaves_nothing_after_the_next_one(db_path, tmp_path):
    """`python main.py backup` killed while it copies a biggish database; the next backup
    clears what it left, and the target is a complete copy."""
    from tryg_desktop.db import close_database, open_database

    open_database(db_path)
    C.create(C.ContactInput(name="Åse Berg"))
    close_database()
    with _connect(db_path) as raw:  # some 24 MB, so that the copy takes a while
        raw.execute("CREATE TABLE fyld (data BLOB)")
        raw.executemany("INSERT INTO fyld VALUES (randomblob(1048576))", [()] * 24)
    out = tmp_path / "ud"
    out.mkdir()
    target = out / "kopi.sqlite3"
    process = subprocess.Popen([sys.executable, str(MAIN), "--database", str(db_path),
                                "backup", str(target)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None and not _hidden(out):
        time.sleep(0.0005)  # kill as soon as the temporary copy appears
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    left = _hidden(out)
    assert left or target.exists()
    assert all(f"tryg-kopi.{process.pid}." in name for name in left)  # recognisably ours

    open_database(db_path, migrate=False)
    try:
        assert backup.make_backup(target).contacts == 1
    finally:
        close_database()
    assert _hidden(out) == [] and [p.name for p in out.iterdir()] == ["kopi.sqlite3"]


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_refuses_a_fifo_or_a_device(filled, tmp_path):
    fifo = tmp_path / "kø"
    os.mkfifo(fifo)
    with pytest.raises(ServiceError, match="ikke en almindelig fil"):
        backup.make_backup(fifo)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    with pytest.raises(ServiceError, match="ikke en almindelig fil"):
        backup.make_backup("/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert _hidden(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_backup_is_readable_by_the_user_alone(filled, tmp_path):
    target = tmp_path / "kopi.sqlite3"
    target.write_bytes(b"")
    target.chmod(0o644)
    backup.make_backup(target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


# --- restoring ----------------------------------------------------------------------------------

def test_restore_brings_back_the_backup_and_keeps_the_current_data_aside(filled, db_path,
                                                                          tmp_path):
    from datetime import datetime

    copy = tmp_path / "kopi.sqlite3"
    backup.make_backup(copy)
    C.create(C.ContactInput(name="Bo Efter"))  # made after the backup
    other = _connect(db_path)  # another window of the app, open all along

    result = backup.restore_backup(copy, now=datetime(2026, 12, 3, 14, 5))

    assert result.kept_aside == db_path.parent / "tryg.sqlite3.før-gendannelse-2026-12-03T1405"
    assert (result.contacts, result.organisations) == (2, 1)
    assert [r.name for r in C.iter_all()] == ["Ole Sørensen", "Åse Berg"]
    assert C.fetch(C.ContactFilter(search="blå"))[0].name == "Åse Berg"
    assert sorted(r[0] for r in other.execute('SELECT name FROM "contact"')) \
        == ["Ole Sørensen", "Åse Berg"]
    other.close()
    assert "Bo Efter" in _names(result.kept_aside)  # nothing is lost
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(result.kept_aside).st_mode) == 0o600
    # The same minute again: a second file, the first one kept.
    again = backup.restore_backup(copy, now=datetime(2026, 12, 3, 14, 5))
    assert again.kept_aside.name == "tryg.sqlite3.før-gendannelse-2026-12-03T1405-2"
    dead = _dead_pid()  # a restore killed while it kept the data aside
    (tmp_path / f".tryg.sqlite3.før-gendannelse-x.tryg-kopi.{dead}.tmp").write_bytes(b"halv")
    backup.restore_backup(copy)
    assert "Bo Efter" in _names(result.kept_aside)
    assert _hidden(tmp_path) == []


def test_restore_migrates_an_older_backup(filled, tmp_path):
    from tryg_desktop.db import close_database, database, open_database
    from tryg_desktop.db.migrations import LATEST, migrate

    old = tmp_path / "gammel.sqlite3"
    close_database()
    open_database(old, migrate=False)
    migrate(database.obj, target=1)
    close_database()
    open_database(tmp_path / "tryg.sqlite3")
    backup.restore_backup(old)
    with sqlite3.connect(str(tmp_path / "tryg.sqlite3")) as raw:
        assert raw.execute('SELECT MAX(version) FROM schema_version').fetchone()[0] == LATEST
    assert [r.name for r in C.iter_all()] == []


def test_a_damaged_or_foreign_file_is_not_restored(filled, db_path, tmp_path):
    damaged = tmp_path / "skadet.sqlite3"
    backup.make_backup(damaged)
    data = bytearray(damaged.read_bytes())
    data[4096 * 2:4096 * 4] = b"\xff" * 8192  # pages in the middle overwritten
    damaged.write_bytes(bytes(data))
    foreign = tmp_path / "andet.sqlite3"
    with sqlite3.connect(str(foreign)) as raw:
        raw.execute("CREATE TABLE noget (x)")
    text = tmp_path / "tekst.sqlite3"
    text.write_text("ikke en database")

    for path in (damaged, foreign, text):
        with pytest.raises(ServiceError, match="ikke en brugbar sikkerhedskopi"):
            backup.restore_backup(path)
    assert _names(db_path) == ["Ole Sørensen", "Åse Berg"]
    assert not list(tmp_path.glob("*før-gendannelse*"))  # refused before anything was done


def test_a_backup_from_a_newer_version_is_not_restored(filled, db_path, tmp_path):
    newer = tmp_path / "nyere.sqlite3"
    backup.make_backup(newer)
    with sqlite3.connect(str(newer)) as raw:
        raw.execute('UPDATE schema_version SET version = version + 1')
    with pytest.raises(ServiceError, match="nyere version"):
        backup.restore_backup(newer)
    with pytest.raises(ServiceError, match="findes ikke"):
        backup.restore_backup(tmp_path / "mangler.sqlite3")


def test_no_restore_into_a_database_opened_read_only(filled, db_path, tmp_path):
    from tryg_desktop.db import close_database, open_database

    copy = tmp_path / "kopi.sqlite3"
    backup.make_backup(copy)
    close_database()
    open_database(db_path, read_only=True)
    with pytest.raises(ServiceError, match="skrivebeskyttet"):
        backup.restore_backup(copy)
    assert not list(tmp_path.glob("*før-gendannelse*"))


def test_an_older_versions_leftovers_go_once_an_hour_old(filled, tmp_path):
    old = [".kopi.sqlite3.k3j_x9az.tmp", ".kopi.sqlite3.k3j_x9az.tmp-journal"]
    fresh = ".kopi.sqlite3.ab12cd34.tmp"  # perhaps a backup under way in an older version
    other = ".andet.csv.k3j_x9az.tmp"  # an export's temporary file, not ours to judge
    for name in [*old, fresh, other]:
        (tmp_path / name).write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    for name in [*old, other]:
        os.utime(tmp_path / name, (two_hours_ago, two_hours_ago))
    backup.make_backup(tmp_path / "kopi.sqlite3")
    assert _hidden(tmp_path) == sorted([fresh, other])


def test_a_read_only_file_is_not_replaced(filled, tmp_path):
    target = tmp_path / "kopi.sqlite3"
    target.write_bytes(b"gammel kopi")
    target.chmod(0o444)
    with pytest.raises(ServiceError, match="skrivebeskyttet"):
        backup.make_backup(target)
    assert target.read_bytes() == b"gammel kopi"
    assert _hidden(tmp_path) == []


def test_a_backup_with_another_page_size_is_restored(filled, db_path, tmp_path):
    copy = tmp_path / "kopi.sqlite3"
    backup.make_backup(copy)
    with _connect(copy) as raw:  # as if the file had been rewritten by another tool
        raw.execute("PRAGMA page_size=8192")
        raw.execute("VACUUM")
        assert raw.execute("PRAGMA page_size").fetchone() == (8192,)
    C.create(C.ContactInput(name="Bo Efter"))
    backup.restore_backup(copy)
    assert [r.name for r in C.iter_all()] == ["Ole Sørensen", "Åse Berg"]
    assert C.fetch(C.ContactFilter(search="blå"))[0].name == "Åse Berg"
    assert _hidden(tmp_path) == []


def test_a_damaged_database_is_said_in_danish_and_keeps_the_last_good_backup(db_path, tmp_path):
    from tryg_desktop.db import close_database, open_database

    open_database(db_path)
    for n in range(300):
        C.create(C.ContactInput(name=f"Person {n}"))
    target = tmp_path / "ud" / "kopi.sqlite3"
    target.parent.mkdir()
    backup.make_backup(target)
    good = target.read_bytes()
    close_database()
    with _connect(db_path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_entry'") \
            .fetchone()[0]
    data = bytearray(db_path.read_bytes())
    page = 4096 * (root - 1)  # the history's first page: the copy succeeds, the check does not
    data[page:page + 4096] = b"\x07" * 4096
    db_path.write_bytes(bytes(data))

    open_database(db_path, migrate=False)
    try:
        with pytest.raises(ServiceError) as caught:
            backup.make_backup(target)
    finally:
        close_database()
    message = caught.value.message
    assert "beskadiget" in message and "python main.py check" in message
    assert "page" not in message.lower() and "btree" not in message.lower()
    assert target.read_bytes() == good
    assert _hidden(target.parent) == []
