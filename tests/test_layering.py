"""store/ never loads Textual or Rich; the CLI's listing commands stay light."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import store

ROOT = Path(__file__).resolve().parent.parent


def fresh_python(code: str) -> str:
    """Run ``code`` in a new interpreter; return its stdout (the last line)."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_no_store_module_imports_textual_or_rich():
    names = sorted(m.name for m in pkgutil.walk_packages(store.__path__, "store."))
    assert {"store.queries", "store.extract.figures", "store.sources.feeds"} <= set(names)
    code = (
        "import importlib, json, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich', 'tui'))))"
    )
    assert json.loads(fresh_python(code)) == []


def test_listing_commands_do_not_import_textual(tmp_path):
    db = tmp_path / "t.db"
    code = (
        "import io, json, sys, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--db', {str(db)!r}, 'ingest', {str(ROOT / 'seeds')!r}]) == 0\n"
        "    for cmd in ('articles', 'figures', 'timeline'):\n"
        f"        assert main(['--db', {str(db)!r}, cmd, '--format', 'json']) == 0\n"
        f"    assert main(['--db', {str(db)!r}, 'search', 'troops']) == 0\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich'))))"
    )
    assert json.loads(fresh_python(code)) == []


def test_reading_commands_do_not_load_date_parsing(tmp_path):
    """Listing is the fast path: no extraction steps, no dateparser."""
    db = tmp_path / "t.db"
    code = (
        "import io, json, sys, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--db', {str(db)!r}, 'figures', '--format', 'json']) == 0\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('dateparser', 'store') and m in ('dateparser', 'store.extract.pipeline', "
        "'store.extract.dates', 'store.extract.figures'))))"
    )
    assert json.loads(fresh_python(code)) == []


def _imports(path: Path) -> set[str]:
    """Modules ``path`` imports at run time (``if TYPE_CHECKING:`` blocks are skipped)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                found.add(child.module)
                found.update(f"{child.module}.{alias.name}" for alias in child.names)
            visit(child)

    visit(tree)
    return found


def _modules(package: str) -> dict[str, set[str]]:
    root = ROOT / package.replace(".", "/")
    return {
        str(path.relative_to(ROOT)): _imports(path)
        for path in sorted(root.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


# The database room: every module at the root of store/ (db, schema, ingest, writes,
# queries, browse, ...), found on disk so a new one is covered the day it is added.
DATABASE = tuple(f"store.{p.stem}" for p in (ROOT / "store").glob("*.py") if p.stem != "__init__")
PURE = ("store.extract", "store.compare")


def _banned(imports: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in imports if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_database_modules_are_found():
    assert {"store.db", "store.ingest", "store.writes", "store.queries"} <= set(DATABASE)


@pytest.mark.parametrize("package", PURE)
def test_extraction_is_pure(package):
    """store.extract and store.compare read no source, no database, no interface."""
    for name, imports in _modules(package).items():
        bad = _banned(
            imports, ("store.sources", "store.paths", *DATABASE, "tui", "textual", "rich")
        )
        assert not bad, f"{name} imports {bad}"
        io = _banned(imports, ("sqlite3", "sqlite_utils", "urllib", "socket", "httpx"))
        assert not io, f"{name} imports {io}"


def test_sources_do_not_write_the_database():
    for name, imports in _modules("store.sources").items():
        bad = _banned(imports, (*DATABASE, "tui", "textual", "rich"))
        assert not bad, f"{name} imports {bad}"


def test_store_never_imports_the_interface():
    for name, imports in _modules("store").items():
        bad = _banned(imports, ("tui", "textual", "rich"))
        assert not bad, f"{name} imports {bad}"


def test_no_tui_module_reaches_back_into_the_app():
    """Only the entry points build the app; widgets and commands get what they need passed
    in, or from a module both import (a type-only import is fine)."""
    entry_points = {"tui/cli/dashboard.py", "tui/screenshots.py", "tui/serve.py", "tui/app.py"}
    for name, imports in _modules("tui").items():
        if name not in entry_points:
            assert "tui.app" not in imports, f"{name} imports tui.app"


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv .venv")]
    assert len(commands) == 2, commands  # one to run the dashboard, one to run the tests
    run_cmd, test_cmd = commands
    assert run_cmd.endswith(".venv/bin/nkwatch")
    assert test_cmd.endswith("-m pytest")
    assert test_cmd in ci.splitlines()
