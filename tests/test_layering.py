"""store/ never loads Textual or Rich; the CLI's listing commands stay light."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

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
    names = sorted(m.name for m in pkgutil.iter_modules(store.__path__, "store."))
    assert "store.queries" in names and "store.ingest" in names
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
    """Listing is the fast path: no extraction, no dateparser."""
    db = tmp_path / "t.db"
    code = (
        "import io, json, sys, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--db', {str(db)!r}, 'figures', '--format', 'json']) == 0\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('dateparser', 'store') and m in ('dateparser', 'store.extract'))))"
    )
    assert json.loads(fresh_python(code)) == []


def test_store_source_never_names_the_tui():
    for path in (ROOT / "store").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("import textual", "from textual", "import rich", "from rich", "from tui"):
            assert banned not in text, f"{path.name}: {banned}"


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv .venv")]
    assert len(commands) == 2, commands  # one to run the dashboard, one to run the tests
    run_cmd, test_cmd = commands
    assert run_cmd.endswith(".venv/bin/nkwatch")
    assert test_cmd.endswith("-m pytest")
    assert test_cmd in ci.splitlines()
