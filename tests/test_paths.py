"""Where the database lives: --db, then $NKWATCH_DB, then the platform's data folder."""

from __future__ import annotations

from pathlib import Path

from store import paths


def test_env_variable_names_the_default_database(monkeypatch, tmp_path):
    monkeypatch.setenv("NKWATCH_DB", str(tmp_path / "env.db"))
    assert paths.default_db_path() == tmp_path / "env.db"
    assert paths.resolve_db_path(None) == tmp_path / "env.db"


def test_explicit_path_wins_over_env(monkeypatch, tmp_path):
    monkeypatch.setenv("NKWATCH_DB", str(tmp_path / "env.db"))
    assert paths.resolve_db_path(tmp_path / "cli.db") == tmp_path / "cli.db"


def test_without_env_the_user_data_folder_is_used(monkeypatch):
    from platformdirs import user_data_path

    monkeypatch.delenv("NKWATCH_DB", raising=False)
    default = paths.default_db_path()
    assert default.name == "nkwatch.db"
    assert default.parent == user_data_path("nkwatch", appauthor=False)


def test_blank_env_is_ignored(monkeypatch):
    monkeypatch.setenv("NKWATCH_DB", "  ")
    assert paths.default_db_path().name == "nkwatch.db"


def test_bundled_seeds_are_found_with_their_manifest():
    seeds = paths.seeds_dir()
    assert seeds is not None
    assert (seeds / "manifest.json").is_file()
    assert len(list(Path(seeds).glob("*.txt"))) == 5


def test_seeds_are_package_data_so_an_installed_nkwatch_carries_them():
    """A non-editable install (pip install ., pipx, uv tool install .) copies only the
    packages and their package data: the seeds live in the store package, every one of
    them matched by pyproject's package-data globs; top-level seeds/ is the same folder.
    (.ci/check_wheel.py builds and installs the wheel and opens the dashboard on them.)"""
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parent.parent
    seeds = paths.seeds_dir()
    store_dir = Path(paths.__file__).resolve().parent
    assert seeds == store_dir / "seeds"
    assert (root / "seeds").resolve() == seeds
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["store"]
    files = [p.relative_to(store_dir).as_posix() for p in seeds.iterdir()]
    assert len(files) == 6
    assert all(any(fnmatch.fnmatch(f, g) for g in globs) for f in files), (files, globs)
