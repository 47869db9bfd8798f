"""An article as the reader shows it (:class:`Document`): the text (a header, then the
body), its marks as a span index, and its display lines per width, each width wrapped
once and the last few kept. Plain data built off the event loop; no widget here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from operator import attrgetter

from store.browse import ArticleView
from store.extract import supports
from store.sources.language import language_name
from tui.highlight import SpanIndex, outlet, plain, sanitize, source_label, wrap_lines

FIGURE_KINDS = frozenset({"figure", "hedged", "vague"})
_start = attrgetter("start")
WIDTHS_KEPT = 3  # wrapped layouts kept per article (narrow and wide panes, a resize)


class Document:
    """An article as the reader shows it: the text (a header, then the body), its
    marks as a span index, and its display lines per width, wrapped once each.

    Built off the event loop (:meth:`Reader.prepare`); the reader only reads it.
    """

    def __init__(self, view: ArticleView) -> None:
        self.view = view
        title = plain(view.title)
        # " ·" then a no-break space: a wrapped line never ends on a dangling dot
        meta = plain(" ·\u00a0".join(_meta_bits(view)))
        changed = "".join(f"changed: {plain(c)}\n" for c in view.changes)
        prefix = f"{title}\n{meta}\n{changed}\n"
        self.base = base = len(prefix)  # where the body starts in the text
        self.text = sanitize(prefix + view.body)
        head: list[tuple[int, int, str]] = [
            (0, len(title), "title"),
            (len(title) + 1, len(title) + 1 + len(meta), "meta"),
        ]
        if changed:
            start = len(title) + len(meta) + 2
            head.append((start, start + len(changed) - 1, "changed"))
        self.head = SpanIndex(head)
        spans = view.spans
        if view.changed:  # a revised figure is marked changed too, right after itself
            spans = tuple(
                s
                for sp in view.spans
                for s in (
                    (sp, replace(sp, kind="changed"))
                    if sp.ref in view.changed and sp.kind in FIGURE_KINDS
                    else (sp,)
                )
            )  # fmt: skip
        columns = (
            [base + sp.start for sp in spans],
            [base + sp.end for sp in spans],
            [sp.kind for sp in spans],
        )
        self.marks = SpanIndex(order=len(head) + 1, columns=columns)  # after the active sentence
        self.figures = [sp for sp in view.spans if sp.kind in FIGURE_KINDS]
        self.figures.sort(key=_start)  # sorted already as a rule: a linear pass
        self.figure_starts = list(map(_start, self.figures))
        self._layouts: dict[int, tuple[list[int], list[int]]] = {}
        self._lock = threading.Lock()

    def layout(
        self, width: int, should_stop: Callable[[], bool] | None = None
    ) -> tuple[list[int], list[int]] | None:
        """Line starts and ends at ``width`` (wrapped now unless kept); None if stopped."""
        with self._lock:
            found = self._layouts.get(width)
        if found is not None:
            return found
        lines = wrap_lines(self.text, width, should_stop)
        if lines is None:
            return None
        with self._lock:
            self._layouts[width] = lines
            while len(self._layouts) > WIDTHS_KEPT:
                del self._layouts[next(iter(self._layouts))]
        return lines


def _meta_bits(view: ArticleView) -> list[str]:
    bits = [f"article {view.id}"]
    name = outlet(view.source_name, "")  # the site shows in the URL below
    if name:
        bits.append(name)
    if view.published:
        bits.append(view.published + (" (inferred)" if view.published_inferred else ""))
    else:
        bits.append("date unknown")
    n_fig = sum(1 for sp in view.spans if sp.kind in FIGURE_KINDS)
    if view.language and not supports(view.language):
        bits.append(f"{language_name(view.language)}: figures not extracted")
    else:
        bits.append(f"{n_fig} figure{'s' if n_fig != 1 else ''}")
    if view.revision > 1:
        bits.append(f"revision {view.revision} (R: what changed)")
    bits.append(source_label(view.source))  # a URL whole, a file by its name
    return bits
