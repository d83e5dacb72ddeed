from pathlib import Path

from tryg_desktop import paths


def test_default_database_is_in_the_local_app_data_folder(tmp_path):
    path = paths.database_path(None)
    assert path.name == paths.DATABASE_FILE
    # XDG_DATA_HOME points under tmp_path (conftest): AppLocalDataLocation lives there on Linux.
    assert str(path).startswith(str(tmp_path))
    assert "Tryg Desktop" in str(path)


def test_option_beats_environment_beats_default(tmp_path, monkeypatch):
    monkeypatch.setenv("TRYG_DATABASE", str(tmp_path / "env.sqlite3"))
    assert paths.database_path(None) == tmp_path / "env.sqlite3"
    assert paths.database_path(str(tmp_path / "cli.sqlite3")) == tmp_path / "cli.sqlite3"


def test_unc_and_network_mounts_are_network_paths(tmp_path, monkeypatch):
    assert paths.is_network_path(r"\\fileserver\faelles\tryg.sqlite3")
    assert paths.is_network_path("//fileserver/faelles/tryg.sqlite3")
    assert not paths.is_network_path(tmp_path / "tryg.sqlite3")
    monkeypatch.setattr(paths, "_mount_fs_type", lambda path: "cifs")
    assert paths.is_network_path(Path("/mnt/k/tryg.sqlite3"))
