"""``nkwatch serve`` in a real browser: Debian's Chromium, headless, driven by Playwright.

The page draws the terminal on a canvas, so the test reads what the browser shows from
xterm.js's own screen buffer (the ``Terminal.buffer`` API): an init script notes the
page's terminal object when textual.js creates it. Keys go in through the browser's
keyboard, as a person types them. The screenshot of the last state is saved to
``screenshots/browser.png`` (the one in the README).

Needs Playwright (``pip install playwright``, which brings its driver, no browser) and
Chromium (``apt-get install chromium``; ``$NKWATCH_CHROMIUM`` names another binary).
Without them the test is skipped, and says why.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.serving import ROOT, nkwatch, served
from tests.tui.fixtures import seeded_db

pytest.importorskip("textual_serve", reason="textual-serve is not installed (nkwatch[serve])")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
)

CHROMIUM = os.environ.get("NKWATCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Headless, and no calls home: without the background-networking flags Chromium keeps
# opening connections that a machine with no internet refuses.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOT = ROOT / "screenshots" / "browser.png"
VIEWPORT = {"width": 1280, "height": 720}
WAIT_SECONDS = 45.0  # an upper bound on a busy machine, not a speed check

# When textual.js builds its terminal object it sets ``websocket_url`` first: catch
# that object, then let the property be an ordinary one.
HOOK = """
Object.defineProperty(Object.prototype, "websocket_url", {
  configurable: true,
  set(value) {
    window.__nkwatchTerminal = this;
    Object.defineProperty(this, "websocket_url",
      {value, writable: true, enumerable: true, configurable: true});
  },
});
"""
SCREEN = """() => {
  const t = window.__nkwatchTerminal && window.__nkwatchTerminal.terminal;
  if (!t) return [];
  const lines = [];
  for (let y = 0; y < t.rows; y++) {
    const line = t.buffer.active.getLine(t.buffer.active.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines;
}"""


def pane(screen: list[str], title: str) -> list[str]:
    """The lines inside the bordered pane titled ``title`` ("2 Figures")."""
    tops = [i for i, line in enumerate(screen) if f"─ {title} " in line]
    if not tops:
        return []
    top = tops[0]
    at = screen[top].find(f"─ {title} ")
    left, right = screen[top].rfind("╭", 0, at), screen[top].find("╮", at)
    inside = []
    for line in screen[top + 1 :]:
        if len(line) <= left or line[left] == "╰":
            break
        inside.append(line[left + 1 : right])
    return inside


def figure_rows(screen: list[str]) -> list[str]:
    """The figures list's rows (below its header line), blank lines dropped."""
    lines = pane(screen, "2 Figures")
    header = next((i for i, line in enumerate(lines) if "Value" in line and "Unit" in line), None)
    if header is None:
        return []
    return [line for line in lines[header + 1 :] if line.strip()]


def looks_like(row: str, figure: dict) -> bool:
    """Whether a figures-list row shows ``figure`` (its number, unit and claimant as far
    as the columns show them)."""
    value = figure["value"]
    number = f"{int(value):,}" if value == int(value) else f"{value:,}"
    unit = (figure["unit"] or "")[:8]
    claimant = (figure["claimant"] or "")[:12]
    return number in row and unit in row and claimant in row


def toasts(screen: list[str]) -> str:
    """The text of the notifications (right of their ``▌`` edge, without the frame of
    the pane under them), lines joined."""
    text = " ".join(line.rsplit("▌", 1)[1] for line in screen if "▌" in line)
    return normal(re.sub("[\u2500-\u257f]", " ", text))


def normal(text: str) -> str:
    return " ".join(text.split())


class Browser:
    def __init__(self, page) -> None:
        self.page = page

    def screen(self) -> list[str]:
        return self.page.evaluate(SCREEN)

    def wait_for(self, what: str, check) -> list[str]:
        """Poll the screen until ``check(screen)`` holds; fail with the screen if never."""
        deadline = time.monotonic() + WAIT_SECONDS
        screen: list[str] = []
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen and check(screen):
                return screen
            self.page.wait_for_timeout(100)
        pytest.fail(f"the browser never showed {what}; it showed:\n" + "\n".join(screen))

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or $NKWATCH_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, timeout=60_000)
        except sync_api.Error as e:
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {str(e).splitlines()[0]}")
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return seeded_db(tmp_path_factory.mktemp("browser") / "seeded.db")


def open_dashboard(chromium, url: str):
    context = chromium.new_context(viewport=VIEWPORT)
    origin = url.rstrip("/")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    context.add_init_script(HOOK)
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.focus(".xterm-helper-textarea")  # where xterm.js takes the keyboard
    return context, Browser(page)


def test_dashboard_in_chromium_search_jump_copy_keys(chromium, db):
    word = "Kursk"
    everything = json.loads(nkwatch("--db", str(db), "figures", "--format", "json").stdout)
    matching = json.loads(
        nkwatch("--db", str(db), "figures", "--search", word, "--format", "json").stdout
    )
    assert 0 < len(matching) < len(everything)

    with served(db) as server:
        context, browser = open_dashboard(chromium, server.url)
        try:
            screen = browser.wait_for(
                "the articles pane with the seed articles",
                lambda s: (
                    sum(bool(re.match(r"\d{4}-\d\d-\d\d ", x)) for x in pane(s, "1 Articles")) == 5
                ),
            )
            unfiltered = browser.wait_for("the figures", lambda s: len(figure_rows(s)) > 0)
            assert len(figure_rows(unfiltered)) > len(matching)

            browser.press("/")
            browser.type(word)
            browser.press("Enter")
            screen = browser.wait_for(
                f"the figures filtered by {word!r}",
                lambda s: (
                    len(figure_rows(s)) == len(matching)
                    # the counts come from a worker after the list ("…" until then)
                    and any(
                        f"Search {word}" in line and f"{len(matching)} figures" in line
                        for line in s
                    )
                ),
            )
            status = next(line for line in screen if f"Search {word}" in line)
            assert f"{len(matching)} figures" in status
            # The rows are the matching figures (the dashboard orders them its own way).
            shown = figure_rows(screen)
            rows_of = {id(r): [row for row in shown if looks_like(row, r)] for r in matching}
            assert all(rows_of.values()), [r["text"] for r in matching if not rows_of[id(r)]]

            browser.press("2", "Enter")  # the first figure: its sentence in the reader
            candidates = [r for r in matching if looks_like(shown[0], r)]
            screen = browser.wait_for(
                "the figure's sentence marked in the reader",
                lambda s: any(line.startswith("▌") for line in pane(s, "4 Reader")),
            )
            # Lines flagged in the margin; the last column is the reader's scroll bar.
            marked = normal(
                " ".join(line[1:-1] for line in pane(screen, "4 Reader") if line.startswith("▌"))
            )
            first = next(
                (
                    r
                    for r in candidates
                    if normal(r["text"]) in marked and normal(r["sentence"]) in marked
                ),
                None,
            )
            assert first is not None, (marked, shown[0])

            browser.press("y")  # copy: reaches the browser's clipboard
            deadline = time.monotonic() + WAIT_SECONDS
            copied = ""
            while time.monotonic() < deadline and first["sentence"] not in copied:
                browser.page.wait_for_timeout(100)
                copied = browser.page.evaluate("navigator.clipboard.readText()")
            assert normal(first["sentence"]) in normal(copied), copied
            assert first["title"] in copied

            browser.wait_for("the copy notice", lambda s: any("Copied" in x for x in s))
            SCREENSHOT.parent.mkdir(exist_ok=True)
            browser.page.screenshot(path=str(SCREENSHOT))

            # Keys a browser could keep for itself reach the dashboard: help and its
            # escape, the palette's ctrl+p (print, in a browser). Escape needs a moment
            # alone, as in a terminal: escape then a key at once is alt+key.
            browser.press("?")
            browser.wait_for("the help screen", lambda s: any("nkwatch keys" in x for x in s))
            browser.page.wait_for_timeout(300)
            browser.press("Escape")
            browser.wait_for("help closed", lambda s: not any("nkwatch keys" in x for x in s))
            browser.press("Control+p")
            browser.wait_for("the palette", lambda s: any("Search for commands" in x for x in s))
        finally:
            context.close()
    png = SCREENSHOT.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == VIEWPORT["width"]


def test_read_only_dashboard_in_chromium_refuses_a_delete(chromium, db):
    def articles(s: list[str]) -> int:
        return sum(bool(re.match(r"\d{4}-\d\d-\d\d ", x)) for x in pane(s, "1 Articles"))

    with served(db, "--read-only") as server:
        context, browser = open_dashboard(chromium, server.url)
        try:
            browser.wait_for("the articles pane", lambda s: articles(s) == 5)
            browser.press("D")  # delete the current article
            message = "read-only: deleting an article is not allowed (served with --read-only)"
            screen = browser.wait_for("the read-only refusal", lambda s: message in toasts(s))
            assert not any("Delete article" in x for x in screen)  # no confirmation asked
            assert articles(screen) == 5
        finally:
            context.close()
    listed = json.loads(nkwatch("--db", str(db), "articles", "--format", "json").stdout)
    assert len(listed) == 5
