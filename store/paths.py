"""Where nkwatch keeps its database and finds its bundled seed articles.

Order for the database: ``--db`` (passed in by the caller), then ``$NKWATCH_DB``, then
``nkwatch.db`` in the user data directory that platformdirs names for this platform.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "nkwatch"
DB_ENV = "NKWATCH_DB"
DB_FILENAME = "nkwatch.db"


def default_db_path() -> Path:
    """The database used when no ``--db`` is given: ``$NKWATCH_DB`` or the user data dir."""
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``explicit`` when given (``--db``), else :func:`default_db_path`."""
    if explicit is not None and str(explicit).strip():
        return Path(explicit).expanduser()
    return default_db_path()


def project_root() -> Path:
    """The directory holding the ``store`` package (the repository in a checkout)."""
    return Path(__file__).resolve().parent.parent


def seeds_dir() -> Path | None:
    """The bundled seed articles (``store/seeds/``: the articles + ``manifest.json``), or
    None if absent.

    They are package data, so an installed nkwatch (``pip install .``, pipx, ``uv tool
    install .``) carries them as an editable install does; the repository's top-level
    ``seeds`` is a link to the same folder.
    """
    for candidate in (Path(__file__).resolve().parent / "seeds", project_root() / "seeds"):
        if candidate.is_dir() and (candidate / "manifest.json").is_file():
            return candidate
    return None
