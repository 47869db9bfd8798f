"""The dashboard's keys as the help screen and the command palette list them.

Both read the live bindings of the app and of each pane, with the user keymap applied,
so neither is a hand-written list that drifts from the keys that work.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from tui.widgets.chrome import PANE_TITLES, PANES

Row = tuple[str, str, str, str]  # (keys, description, action, binding id)

# Inherited from ScrollView; the panes never scroll sideways.
SIDEWAYS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})

MOVEMENT = frozenset(
    {
        "cursor_up", "cursor_down", "page_up", "page_down", "half_up", "half_down",
        "scroll_line(-1)", "scroll_line(1)", "scroll_page(-1)", "scroll_page(1)",
        "scroll_half(-1)", "scroll_half(1)", "scroll_up", "scroll_down", "scroll_home",
        "scroll_end",
    }
)  # fmt: skip
"""Cursor keys: listed in help, but no use as palette commands."""


def binding_entries(app: App[Any]) -> list[tuple[str, Any, list[Row]]]:
    """``(section, node, [(keys, description, action)])``: the app's own keys, then each
    pane's, with the user keymap applied, so help and palette show the keys that work now.
    """
    nodes: list[tuple[str, Any]] = [("Everywhere", app)]
    nodes += [(PANE_TITLES[name], app.query_one(f"#{name}")) for name in PANES]
    # Screens over the dashboard that have keys of their own (the quantity screens).
    for screen in app.screen_stack[1:]:
        title = getattr(screen, "help_title", None)
        if title:
            nodes.append((title, screen))
            nodes += [(f"{title} list", lst) for lst in screen.query("LazyList")]
    keymap = app._keymap  # the keymap set with App.set_keymap (private API)
    sections = []
    for title, node in nodes:
        bindings = node._bindings.copy()  # the node's own bindings (private API)
        if keymap:
            bindings.apply_keymap(keymap)
        by_action: dict[str, tuple[list[str], str, str]] = {}
        for key, items in bindings.key_to_bindings.items():
            for b in items:
                if b.system or not b.description or b.action in SIDEWAYS:
                    continue
                keys, desc, known = by_action.setdefault(b.action, ([], b.description, ""))
                if not known and b.id:  # Textual's own ctrl+q has none; our q has one
                    by_action[b.action] = (keys, desc, b.id)
                display = app.get_key_display(b.with_key(key, None))
                if display not in keys:
                    keys.append(display)
        rows = [
            (" ".join(keys), desc, action, binding_id)
            for action, (keys, desc, binding_id) in by_action.items()
        ]
        sections.append((title, node, rows))
    return sections


HelpRow = tuple[str, str, str]  # (keys, description, binding id)


def help_sections(app: App[Any]) -> list[tuple[str, list[HelpRow]]]:
    """The help screen's sections: keys the three lists share are listed once (their ids
    differ by list: ``articles.up``, ``figures.up``; shown as ``*.up``)."""
    entries = binding_entries(app)
    lists = [rows for title, _, rows in entries if title in ("Articles", "Figures", "Timeline")]

    def same(a: Row, b: Row) -> bool:
        return a[:3] == b[:3]

    shared = [row for row in lists[0] if all(any(same(row, r) for r in rows) for rows in lists[1:])]
    sections: list[tuple[str, list[HelpRow]]] = []
    for title, _, rows in entries:
        if title == "Articles":
            generic = [(k, d, "*." + i.split(".", 1)[-1] if i else "") for k, d, _, i in shared]
            sections.append(("Lists (articles, figures, timeline)", generic))
        kept = [(k, d, i) for k, d, a, i in rows if not any(same((k, d, a, i), r) for r in shared)]
        sections.append((title, kept))
    return sections


def known_binding_ids(app: App[Any], screens: tuple[type, ...] = ()) -> set[str]:
    """Every binding id of the app, the widgets on its screen and ``screens``."""
    nodes: list[Any] = [app, *app.screen.walk_children(with_self=True)]
    ids: set[str] = set()
    for node in nodes:
        for items in node._bindings.key_to_bindings.values():  # private API, as above
            ids.update(b.id for b in items if b.id)
    for screen in screens:
        for b in getattr(screen, "BINDINGS", []):
            if getattr(b, "id", None):
                ids.add(b.id)
    return ids


def unknown_binding_ids(app: App[Any], keymap: dict[str, str]) -> list[str]:
    """The ids in a user keymap that name no binding (a typo, or an old name)."""
    from tui.screens.confirm import ConfirmScreen, PublishedScreen
    from tui.screens.help import HelpScreen

    known = known_binding_ids(app, (HelpScreen, ConfirmScreen, PublishedScreen))
    return sorted(k for k in keymap if k not in known)
