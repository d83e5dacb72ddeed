import sqlite3

import pytest

from tryg_desktop.db import backup as db_backup
from tryg_desktop.l10n import COLLATION_NAME, danish_compare
from tryg_desktop.services import backup
from tryg_desktop.services import contacts as C
from tryg_desktop.services import organisations as O
from tryg_desktop.services.errors import ServiceError


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
    with pytest.raises(ServiceError, match="Mappen findes ikke"):
        backup.make_backup(tmp_path / "mangler" / "kopi.sqlite3")
    with pytest.raises(ServiceError, match="er en mappe"):
        backup.make_backup(tmp_path)
