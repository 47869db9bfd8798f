"""Modal screens that ask before the dashboard changes what is stored: a yes/no
confirmation, and a publication date to set."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from store.sources.pubdate import parse_iso_date

DIALOG_CSS = """
ConfirmScreen, PublishedScreen {
    align: center middle;
    background: $background 60%;
}
.dialog {
    width: 66;
    max-width: 100%;
    height: auto;
    border: round $accent;
    border-subtitle-color: $text-muted;
    background: $surface;
    padding: 1 2;
}
.dialog-text {
    width: 100%;
    margin: 0 0 1 0;
}
.dialog-buttons {
    height: auto;
    align-horizontal: right;
}
.dialog-buttons Button {
    margin: 0 0 0 2;
}
#published-error {
    color: $text-error;
    height: auto;
}
"""


class ConfirmScreen(ModalScreen[bool]):
    """A question with a yes and a no; ``y`` / enter on the button say yes, ``n`` / esc
    say no. Dismisses with True only on yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]
    DEFAULT_CSS = DIALOG_CSS

    def __init__(self, title: str, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield Static(self.question, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button("Cancel (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


# What PublishedScreen returns: (True, date or None for "unknown"), or None on cancel.
DateAnswer = tuple[bool, date | None] | None


class PublishedScreen(ModalScreen[DateAnswer]):
    """Ask for a publication date (``2024-11-18``, ``18 Nov 2024``; empty: unknown).
    Enter applies it, esc cancels; a date that does not read says why and stays."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="published.cancel"),
    ]
    DEFAULT_CSS = DIALOG_CSS

    def __init__(self, title: str, question: str, current: str | None) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter sets · esc cancels"
            yield Static(self.question, classes="dialog-text", markup=False)
            yield Input(
                value=self.current,
                placeholder="YYYY-MM-DD or 18 Nov 2024; empty for unknown",
                id="published-input",
            )
            yield Static("", id="published-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss((True, None))
            return
        try:
            when = parse_iso_date(text)
        except ValueError as e:
            self.query_one("#published-error", Static).update(f"✗ {e}")
            return
        self.dismiss((True, when))

    def action_cancel(self) -> None:
        self.dismiss(None)
