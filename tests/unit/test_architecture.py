"""The plan of the house, kept by tests: the layers, the feature wings and no import circles.

The import graph is read from the source with ast, every import counted wherever it stands
(at the top, inside a function, under TYPE_CHECKING): a lazy import still ties two modules
together for a reader, and a circle of lazy imports becomes a real one the day someone moves
an import to the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tryg_desktop"
WINGS = ("register", "meetings", "safety")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) for every import statement in path; names is empty for `import a.b`."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            found.append((base, [alias.name for alias in node.names]))
    return found


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that path imports: `from a.b import c` counts as a.b.c when c is
    a module, as a.b when c is a name defined there. (Every import also runs the packages'
    __init__ files on the way; those edges are left out, as a reader leaves them out.)"""
    found = set()
    for base, names in _imported(path):
        submodules = {f"{base}.{each}" for each in names} & modules
        found |= submodules
        if not names or len(submodules) < len(names):
            found.add(base)
    return {each for each in found if each in modules and each != _module_name(path)}


def import_graph() -> dict[str, set[str]]:
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph = {name: _imports(path, modules) for name, path in paths.items()}
    # `from a.b import c` where c is a module imports a.b as well only through its package
    # __init__; a plain `from a.b import x` is an edge to a.b (kept above).
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle of imports, as a path that returns to its start (Tarjan's strongly
    connected components, then one shortest circle through each)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_shortest_circle(graph, set(component)) for component in components]


def _shortest_circle(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & component):
            if target == start:
                return paths[node] + [start]
            if target not in paths:
                paths[target] = paths[node] + [target]
                queue.append(target)
    return sorted(component)


def _layer(module: str) -> str:
    """db, services, reports or views; "top" for the modules beside them (app, cli, l10n …)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ("db", "services", "reports", "views") \
        else "top"


def _wing(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[2] in WINGS + ("demo", "kit") else None


def test_no_import_circles_in_the_package():
    found = cycles(import_graph())
    assert not found, "Importcirkler: " + "; ".join(" → ".join(circle) for circle in found)


def test_the_cycle_finder_names_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_lazy_and_type_checking_imports(tmp_path):
    graph = import_graph()
    # a lazy import inside a function (views/main_window.py builds pages on first use)
    assert "tryg_desktop.views.register.contacts_page" in graph["tryg_desktop.views.main_window"]
    # and one under TYPE_CHECKING (reports name the services' row types for the type checker)
    assert "tryg_desktop.services.meetings.meetings" in graph["tryg_desktop.reports.agenda"]


def _offenders(rule) -> list[str]:
    graph = import_graph()
    return sorted(f"{source} → {target}" for source, targets in graph.items()
                  for target in targets if rule(source, target))


def test_layers_point_one_way():
    """views → services → db; reports read from services; nothing below views knows a view."""
    below = {"db": {"services", "reports", "views"}, "services": {"views"},
             "reports": {"views", "db"}}
    assert _offenders(lambda source, target: _layer(target) in below.get(_layer(source), ())) \
        == []
    # The composition root, the command line and the Qt settings sit above every layer too.
    above = {f"tryg_desktop.{name}" for name in ("app", "cli", "cli_commands", "settings")}
    assert _offenders(lambda source, target: _layer(source) in below and target in above) == []


def test_views_never_touch_the_database_directly():
    for path in (PACKAGE / "views").rglob("*.py"):
        for module, _ in _imported(path):
            assert not module.startswith(("peewee", "playhouse", "tryg_desktop.db")), path


def test_services_hold_no_database_driver():
    """Issue 12: what only one database understands lives in db/ (the dialects, the file's
    backup, the server's roles and transfer); a service imports neither driver."""
    drivers = ("sqlite3", "psycopg", "playhouse.sqlite_ext", "playhouse.pool")
    found = [(str(path.relative_to(ROOT)), module)
             for path in (PACKAGE / "services").rglob("*.py")
             for module, _ in _imported(path) if module.startswith(drivers)]
    assert found == []


def _uses_qt_widgets(path: Path) -> bool:
    return any(module == "PySide6.QtWidgets" or (module == "PySide6" and "QtWidgets" in names)
               for module, names in _imported(path))


def test_nothing_below_the_views_imports_qt_widgets():
    """Only the views (and app.py, which makes them) know widgets; the command line runs
    without them."""
    below = [path for sub in ("db", "services", "reports")
             for path in (PACKAGE / sub).rglob("*.py")]
    beside = [path for path in PACKAGE.glob("*.py") if path.name != "app.py"]
    assert [str(path.relative_to(ROOT)) for path in below + beside if _uses_qt_widgets(path)] == []
    assert _uses_qt_widgets(PACKAGE / "views" / "main_window.py")  # the check itself works


def test_the_kit_imports_no_feature_wing():
    """views/kit holds what every page shares; a widget there that needs a wing belongs in it."""
    assert _offenders(lambda source, target: _wing(source) == "kit"
                      and _layer(target) == "views" and _wing(target) in WINGS) == []


def test_shared_services_import_no_feature_wing():
    """services/*.py (audit, records, validation, files, privacy, errors, backup, pdf …) serve
    every wing, so they may not lean on one."""
    def rule(source, target):
        return (_layer(source) == "services" and _wing(source) is None
                and _layer(target) == "services" and _wing(target) is not None)
    assert _offenders(rule) == []


def test_every_view_and_service_lives_in_a_wing_or_is_shared_on_purpose():
    """A new file lands in a wing; the top of views/ is the application's shell only."""
    shell = {"main_window", "main_menus", "file_actions", "about_dialog", "error_dialog",
             "error_reporter", "database_banners", "restore_dialog", "settings_dialog",
             "shortcuts_dialog", "__init__"}
    assert {path.stem for path in (PACKAGE / "views").glob("*.py")} == shell
    shared = {"__init__", "audit", "auto_backup", "backup", "db_health", "errors", "files",
              "pdf", "privacy", "records", "validation",
              "spreadsheet",  # the CPR check of every .xlsx, as pdf.py's of every PDF
              "text_files",  # an undeclared encoding and separator: the register's and the
              # safety wing's imports
              # the team's server: every wing works on it
              "server_admin", "server_login", "pending_saves"}
    assert {path.stem for path in (PACKAGE / "services").glob("*.py")} == shared


def test_an_alias_means_one_module_across_the_package():
    """`S` is the settings wherever it appears; a one-letter alias that meant settings in one
    file and statistics in another made the reader guess."""
    meanings: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tryg_desktop"):
                for alias in node.names:
                    if alias.asname:
                        meanings.setdefault(alias.asname, set()).add(f"{node.module}.{alias.name}")
    assert meanings["S"] == {"tryg_desktop.settings"}
    assert {alias: modules for alias, modules in meanings.items() if len(modules) > 1} == {}


@pytest.mark.parametrize("wing", WINGS)
def test_each_wing_exists_in_views_and_services(wing):
    for layer in ("views", "services"):
        folder = PACKAGE / layer / wing
        assert (folder / "__init__.py").is_file() and len(list(folder.glob("*.py"))) > 3
