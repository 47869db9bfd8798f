"""The help screen, built from the bindings that are live when it opens."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

Section = tuple[str, list[tuple[str, str]]]

LEGEND: list[tuple[str, str, str]] = [
    ("figure", "reader--figure", "a figure stated as fact (bold, underlined)"),
    ("hedged", "reader--hedged", "a figure presented as possible or planned (italic)"),
    ("claimant", "reader--claimant", "who says so (bold)"),
    ("date", "reader--date", "a date expression (italic)"),
    ("▌", "reader--gutter", "the active sentence"),
    ("match", "reader--match", "a search hit (reverse)"),
]


class HelpScreen(ModalScreen[None]):
    """Keys by pane, from the live (keymap-applied) bindings, plus what marks mean."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, sections: list[Section], styles: dict[str, object]) -> None:
        super().__init__()
        self.sections = sections
        self.mark_styles = styles

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "nkwatch keys"
            body.border_subtitle = "esc closes"
            yield Static(self._keys_table(), id="help-keys")
            yield Static(self._legend(), id="help-legend")

    def _keys_table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column()
        for title, rows in self.sections:
            if not rows:
                continue
            table.add_row("", "")
            table.add_row(Text(title, style="bold underline"), "")
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
        return table

    def _legend(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", no_wrap=True)
        table.add_column()
        table.add_row("", "")
        table.add_row(Text("In the reader", style="bold underline"), "")
        for sample, cls, meaning in LEGEND:
            style = self.mark_styles.get(cls)
            table.add_row(Text(sample, style=style or ""), Text(meaning))  # type: ignore[arg-type]
        return table
