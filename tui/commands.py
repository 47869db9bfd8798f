"""Command palette entries: the dashboard's own actions, from the live bindings.

The palette and the help screen read the same list (:func:`tui.bindings.binding_entries`),
so a rebinding in the keymap shows in both and neither drifts from the keys.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.bindings import MOVEMENT, binding_entries


class NkwatchCommands(Provider):
    """Every described dashboard binding as a palette command, run on its own pane."""

    def _commands(self) -> list[tuple[str, str, object, str]]:
        out = []
        for section, node, rows in binding_entries(self.app):
            for keys, description, action, _ in rows:
                if action in MOVEMENT:
                    continue  # cursor keys make no sense as palette commands
                out.append((f"{section}: {description}", keys, node, action))
        return out

    async def _run(self, node: object, action: str) -> None:
        await self.app.run_action(action, node)  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for label, keys, node, action in self._commands():
            yield DiscoveryHit(label, partial(self._run, node, action), help=f"key: {keys}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, keys, node, action in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(self._run, node, action),
                    help=f"key: {keys}",
                )  # fmt: skip
