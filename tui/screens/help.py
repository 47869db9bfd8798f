"""The help screen, built from the bindings that are live when it opens."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.formats import MARKS

Section = tuple[str, list[tuple[str, str, str]]]  # (title, [(keys, description, id)])
KEY_WIDTH = 16

# Each mark's style without colour is named: every one reads with NO_COLOR too.
LEGEND: list[tuple[str, str, str]] = [
    ("figure", "reader--figure", "a figure reported as fact (bold, underlined)"),
    ("hedged", "reader--hedged", "a figure presented as possible or planned (italic, underlined)"),
    ("vague", "reader--vague", 'a vague amount, "thousands of" (underlined)'),
    ("claimant", "reader--claimant", "who says so (bold)"),
    ("date", "reader--date", "a date expression (italic)"),
    ("▌", "reader--gutter", "the active sentence"),
    ("match", "reader--match", "a search hit (reversed without colour)"),
]

# One mark, one meaning: the same signs in the lists, the reader and the CLI tables.
LIST_MARKS: list[tuple[str, str]] = [
    *MARKS,
    ("Oct 2024", "a month-level date (not the 1st)"),
    ("│", "same period as the row above"),
    ("Value▼", "the figures' sort order (s cycles, a click on a header sorts)"),
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
        yield Footer()

    def _keys_table(self) -> Group:
        parts: list[Text | Table] = [
            Text('Rebind a key by its id (the last column) in keymap.toml: copy = "c"')
        ]
        for title, rows in self.sections:
            if not rows:
                continue
            parts.append(Text(f"\n{title}", style="bold underline"))
            table = Table.grid(padding=(0, 2))
            table.add_column(justify="right", style="bold", no_wrap=True, min_width=KEY_WIDTH)
            table.add_column()
            table.add_column(style="italic", no_wrap=True)  # the id a keymap rebinds
            for keys, description, binding_id in rows:
                table.add_row(Text(keys), Text(description), Text(binding_id))
            parts.append(table)
        return Group(*parts)

    def _legend(self) -> Group:
        reader = Table.grid(padding=(0, 2))
        reader.add_column(justify="right", no_wrap=True, min_width=KEY_WIDTH)
        reader.add_column()
        for sample, cls, meaning in LEGEND:
            style = self.mark_styles.get(cls)
            reader.add_row(Text(sample, style=style or ""), Text(meaning))  # type: ignore[arg-type]
        lists = Table.grid(padding=(0, 2))
        lists.add_column(justify="right", no_wrap=True, min_width=KEY_WIDTH)
        lists.add_column()
        for sample, meaning in LIST_MARKS:
            lists.add_row(Text(sample), Text(meaning))
        return Group(
            Text("\nMarks in the reader", style="bold underline"),
            reader,
            Text("\nMarks in the lists", style="bold underline"),
            lists,
        )
