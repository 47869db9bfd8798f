"""Shared fixtures: every test runs against a temporary database, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_database(tmp_path_factory, monkeypatch):
    """Point NKWATCH_DB at a temp file so nothing can touch the real data folder."""
    monkeypatch.setenv("NKWATCH_DB", str(tmp_path_factory.mktemp("nkwatch-home") / "default.db"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def db(db_path):
    from store.db import open_db

    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def cli(capsys, db_path):
    """Run ``nkwatch --db DB ARGS...`` in-process; returns (exit status, stdout, stderr)."""
    from tui.cli import main

    def run(*args: str, db: Path | None = None):
        code = main(["--db", str(db or db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
