"""The user's keymap: binding id -> keys, read from a TOML file.

Every dashboard binding has an id (``copy``, ``figures.sort`` ...); a keymap file
rebinds them without touching the code, and the help screen and palette show the
rebinding because both read the live bindings (:mod:`tui.bindings`).
"""

from __future__ import annotations

import os
from pathlib import Path

KEYMAP_ENV = "NKWATCH_KEYMAP"


def keymap_path() -> Path:
    """``$NKWATCH_KEYMAP``, else ``keymap.toml`` in the user config directory."""
    env = os.environ.get(KEYMAP_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("nkwatch", appauthor=False) / "keymap.toml"


def load_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """Binding id -> keys from a TOML file (``copy = "c"``, ``"figures.sort" = ["o", "O"]``,
    at top level or under ``[keys]``). A missing file is an empty keymap; a broken one
    is an empty keymap and a one-line reason."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, f"{path}: keymap ignored ({error})"
    table = data.get("keys", data)
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[binding_id] = keys.strip()
        elif isinstance(keys, list) and keys and all(isinstance(k, str) for k in keys):
            keymap[binding_id] = ",".join(k.strip() for k in keys)
    return keymap, None
