"""The project's own promises: README commands, CI, compiled forms, layering."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_commands():
    return re.findall(r"```\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_readme_starts_with_two_one_line_commands():
    commands = _readme_commands()
    assert len(commands) >= 2
    assert commands[0].endswith("main.py")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    assert _readme_commands()[1] in (ROOT / ".ci" / "run").read_text().splitlines()


def test_compiled_forms_are_up_to_date():
    """A form edited in ui/ without running ui/compile.py fails here."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(ROOT / "ui" / "compile.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_plain_gui_start_skips_the_command_line_parser():
    from tryg_desktop.app import _gui_only_database

    assert _gui_only_database([]) is None
    assert _gui_only_database(["--database", "x.sqlite3"]) == "x.sqlite3"
    assert _gui_only_database(["--database=x.sqlite3"]) == "x.sqlite3"
    for argv in (["demo"], ["--database", "x", "demo"], ["--help"], ["--database"],
                 ["--database", "--help"], ["--database="]):
        assert _gui_only_database(argv) is False, argv


def test_a_plain_server_start_skips_the_command_line_parser_too():
    from tryg_desktop.app import _gui_only_server

    url = "postgresql://jha@tryg.kommune.local/tryg"
    assert _gui_only_server(["--server", url]) == url
    assert _gui_only_server([f"--server={url}"]) == url
    for argv in ([], ["--server", url, "server", "init"], ["--server", "--help"],
                 ["--server"], ["--database", "x"], ["--server", "-v"]):
        assert _gui_only_server(argv) is None, argv


def test_every_audited_kind_of_record_has_a_danish_name():
    """The Oversigt's "Seneste ændringer" must never show a code name such as agenda_item."""
    from tryg_desktop.services.audit import ENTITY_NAMES

    entities = set()
    for path in (ROOT / "tryg_desktop" / "services").rglob("*.py"):
        text = path.read_text()
        entities |= set(re.findall(r'^ENTITY = "([a-z_]+)"', text, re.M))
        entities |= set(re.findall(r'audit\.record\(\s*"([a-z_]+)"', text))
    assert entities and entities <= set(ENTITY_NAMES), entities - set(ENTITY_NAMES)
