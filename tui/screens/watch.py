"""Screens of the watch: the alerts (enter jumps to the figure's sentence) and what
changed between an article's revisions."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.alerts import Alert
from tui.highlight import plain

WATCH_CSS = """
AlertsScreen, RevisionsScreen {
    align: center middle;
    background: $background 60%;
}
.watch-dialog {
    width: 100;
    max-width: 100%;
    height: auto;
    max-height: 90%;
    border: round $accent;
    border-subtitle-color: $text-muted;
    background: $surface;
    padding: 0 1;
}
.watch-dialog OptionList, .watch-dialog OptionList:focus {
    height: auto;
    max-height: 30;
    border: none;
}
.watch-dialog VerticalScroll {
    height: auto;
    max-height: 30;
}
.watch-empty {
    padding: 1 1;
    color: $text-muted;
}
.diff-removed { color: $text-error; }
.diff-added { color: $text-success; }
"""


class AlertsScreen(ModalScreen[Alert | None]):
    """The alerts, newest first, unseen ones marked; enter goes to the figure."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,exclamation_mark", "close", "Close", id="alerts.close"),
    ]
    DEFAULT_CSS = WATCH_CSS

    def __init__(self, alerts: list[Alert]) -> None:
        super().__init__()
        self.alerts = alerts

    def compose(self) -> ComposeResult:
        box = Vertical(classes="watch-dialog")
        unseen = sum(not a.seen for a in self.alerts)
        box.border_title = f"Alerts ({unseen} new)" if unseen else "Alerts"
        box.border_subtitle = "enter: go to the figure · esc: close"
        with box:
            if not self.alerts:
                yield Static(
                    "No alerts. The watch raises one when a figure it stores goes beyond "
                    'what was known under a rule (nkwatch rules --add "Kursk casualties").',
                    classes="watch-empty",
                )
                return
            yield OptionList(*(Option(self._line(a), id=str(a.id)) for a in self.alerts))

    @staticmethod
    def _line(alert: Alert) -> Text:
        text = Text(no_wrap=False)
        text.append("● " if not alert.seen else "  ", style="bold")
        text.append(f"{alert.created_at[:16].replace('T', ' ')}  ", style="dim")
        text.append(plain(alert.message))
        return text

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = next((a for a in self.alerts if str(a.id) == event.option.id), None)
        self.dismiss(chosen)

    def action_close(self) -> None:
        self.dismiss(None)


class RevisionsScreen(ModalScreen[None]):
    """What changed in the current article: its revisions, the figures that changed, and
    the paragraphs removed (-) and added (+) by the latest revision."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,R", "close", "Close", id="revisions.close"),
    ]
    DEFAULT_CSS = WATCH_CSS

    def __init__(self, title: str, revision: int, changes: tuple[str, ...], diff: list[str]):
        super().__init__()
        self.article_title = title
        self.revision = revision
        self.changes = changes
        self.diff = diff

    def compose(self) -> ComposeResult:
        box = Vertical(classes="watch-dialog")
        box.border_title = f"Revision {self.revision}: {plain(self.article_title)}"
        box.border_subtitle = "esc: close"
        with box:
            if self.revision <= 1:
                yield Static(
                    "This article has one version: nothing changed.", classes="watch-empty"
                )
                return
            with VerticalScroll():
                for change in self.changes:
                    yield Static(Text("changed: ", style="bold") + Text(plain(change)))
                for line in self.diff:
                    kind = "diff-removed" if line.startswith("-") else "diff-added"
                    yield Static(Text(plain(line)), classes=kind)

    def action_close(self) -> None:
        self.dismiss(None)
