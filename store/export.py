"""Exports of a quantity or a search: figures, claims and timeline with provenance.

``render(db, fmt, quantity_id, search)`` returns the text of one export:

- ``json``: ``{"quantities", "claims", "figures", "timeline"}``; every claim lists its
  sources (article, outlet, URL, sentence, offsets), figures and dates carry theirs.
- ``csv``: one table, a row per figure of each claim and per date expression
  (``kind`` says which), each with its full provenance.
- ``timelinejs``: TimelineJS JSON (``{"title", "events"}``): a slide per dated claim
  (grouped by quantity) and per date expression of the selection.
- ``markdown``: a brief: per quantity its summary, then its claims in time order, each
  with its label, the quoted sentence and its citation.

Selection: ``quantity_id`` -> that quantity; ``search`` -> the quantities it matches,
and the figures and dates whose sentence matches; neither -> everything.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from store import comparing, queries
from store.compare.periods import period

CSV_KEYS = (
    "kind", "quantity_id", "quantity", "claim", "label", "amount", "value", "high",
    "qualifier", "hedged", "claimant", "claim_date", "n_sources", "figure_id", "text",
    "date", "article_id", "title", "outlet", "source", "published", "sentence", "start",
    "end", "sentence_start", "sentence_end",
)  # fmt: skip


class ExportError(ValueError):
    pass


def _selection(db: Any, quantity_id: int | None, search: str | None):
    if quantity_id is not None:
        detail = comparing.quantity_detail(db, quantity_id, sentences=True)
        if detail is None:
            raise ExportError(f"no quantity {quantity_id}")
        ids = {f for c in detail.claims for f in c.figures}
        articles = {a for c in detail.claims for a in c.articles}
        figures = [f for f in queries.list_figures(db, search) if f.id in ids]
        timeline = [d for d in queries.list_timeline(db, search) if d.article_id in articles]
        return [detail], figures, timeline
    rows = comparing.list_quantities(db, search)
    details = [comparing.quantity_detail(db, q.id, sentences=True) for q in rows]
    return (
        [d for d in details if d is not None],
        queries.list_figures(db, search),
        queries.list_timeline(db, search),
    )


def _json(details, figures, timeline) -> str:
    doc = {
        "quantities": [d.quantity.as_contract() for d in details],
        "claims": [d.claim_record(c) for d in details for c in d.claims],
        "figures": [f.as_contract() for f in figures],
        "timeline": [t.as_contract() for t in timeline],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _csv(details, figures, timeline) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_KEYS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for d in details:
        for n, c in enumerate(d.claims, 1):
            rec = d.claim_record(c, with_sources=False)
            for p in d.claim_sources(c):
                writer.writerow(
                    {
                        "kind": "claim", "quantity_id": d.quantity.id,
                        "quantity": d.quantity.name, "claim": n, "label": c.label,
                        "amount": rec["amount"], "value": rec["value"], "high": rec["high"],
                        "qualifier": c.qualifier, "hedged": str(c.hedged).lower(),
                        "claimant": c.claimant, "claim_date": c.date,
                        "n_sources": c.n_sources, "figure_id": p.figure_id, "text": p.text,
                        "article_id": p.article_id, "title": p.title, "outlet": p.outlet,
                        "source": p.source, "published": p.published,
                        "sentence": " ".join(p.sentence.split()), "start": p.start,
                        "end": p.end, "sentence_start": p.sentence_start,
                        "sentence_end": p.sentence_end,
                    }
                )  # fmt: skip
    for t in timeline:
        writer.writerow(
            {
                "kind": "date", "text": t.text, "date": t.value, "article_id": t.article_id,
                "title": t.title, "source": t.source, "published": t.published,
                "sentence": " ".join(t.sentence.split()), "start": t.start, "end": t.end,
                "sentence_start": t.sentence_start, "sentence_end": t.sentence_end,
            }
        )  # fmt: skip
    return out.getvalue()


def _tl_date(value: str | None) -> dict[str, str] | None:
    p = period(value)
    if p is None:
        return None
    d = p[0]
    out = {"year": str(d.year)}
    if value and len(value) >= 7 and "W" not in value and "Q" not in value:
        out["month"] = str(d.month)
    if value and len(value) >= 10 or (value and "W" in value):
        out["month"] = str(d.month)
        out["day"] = str(d.day)
    return out


def _cite(p: comparing.Provenance) -> str:
    where = p.outlet or p.source
    return f"{p.title} ({where}{', ' + p.published if p.published else ''})"


def _timelinejs(details, figures, timeline, title: str) -> str:
    events = []
    for d in details:
        for c in d.claims:
            start = _tl_date(c.date)
            if start is None:
                continue
            sources = _one_per_article(d.claim_sources(c))
            quote = " ".join(sources[0].sentence.split()) if sources else ""
            rec = d.claim_record(c, with_sources=False)
            events.append(
                {
                    "start_date": start,
                    "text": {
                        "headline": f"{rec['amount']} {d.quantity.unit_class}"
                        f" — {c.claimant or 'unattributed'}",
                        "text": f"<p>“{_html(quote)}”</p><p>{c.label}"
                        f"{': ' + _html(c.note) if c.note else ''}{_reported(c)};"
                        f" {c.n_sources} source{'s' if c.n_sources != 1 else ''}: "
                        + "; ".join(_html(_cite(p)) for p in sources)
                        + "</p>",
                    },
                    "group": d.quantity.name,
                }
            )
    for t in timeline:
        start = _tl_date(t.value)
        if start is None:
            continue
        events.append(
            {
                "start_date": start,
                "text": {
                    "headline": t.text,
                    "text": f"<p>“{_html(' '.join(t.sentence.split()))}”</p>"
                    f"<p>{_html(t.title)} ({_html(t.source)})</p>",
                },
                "group": "Timeline",
            }
        )
    doc = {"title": {"text": {"headline": title, "text": "Exported by nkwatch"}}, "events": events}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _one_per_article(sources: list) -> list:
    """One source per article, the one whose sentence names its claimant first; the
    article with a named claimant (then the earliest article) leads."""
    ranked = sorted(sources, key=lambda p: (p.claimant is None, p.article_id, p.start))
    seen: set[int] = set()
    out = []
    for p in ranked:
        if p.article_id not in seen:
            seen.add(p.article_id)
            out.append(p)
    return out


def _reported(c) -> str:
    """`` · reported 2025-06-09`` or `` · first reported 2025-06-07, latest 2025-06-08``."""
    first, last = c.first_reported, c.last_reported
    if not first:
        return ""
    if last and last[:10] != first[:10]:
        return f" · first reported {first[:10]}, latest {last[:10]}"
    return f" · reported {first[:10]}"


def _html(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _markdown(details, title: str) -> str:
    lines = [f"# {title}", ""]
    if not details:
        lines.append("No quantity matches.")
    for d in details:
        q = d.quantity
        lines += [f"## {q.name} (quantity {q.id})", "", q.summary, ""]
        for n, c in enumerate(d.claims, 1):
            rec = d.claim_record(c, with_sources=False)
            hedge = " (projection)" if c.hedged else ""
            scope = " ".join(x for x in (c.scope, c.place) if x)
            head = (
                f"{n}. **{c.date or 'undated'} · {rec['amount']}**{hedge}"
                f"{' · ' + scope if scope else ''} — {c.claimant or 'unattributed'}"
                f" · *{c.label}*{': ' + c.note if c.note else ''}"
                f" · {c.n_sources} independent source{'s' if c.n_sources != 1 else ''}"
                f"{f' in {len(c.articles)} articles' if len(c.articles) > c.n_sources else ''}"
                f"{_reported(c)}"
            )
            lines.append(head)
            for p in sorted(_one_per_article(d.claim_sources(c)), key=lambda p: p.article_id):
                quote = " ".join(p.sentence.split())
                lines.append(f"   > {quote}")
                link = (
                    f"[{p.title}]({p.source})" if "://" in p.source else f"{p.title} ({p.source})"
                )
                outlet = f", {p.outlet}" if p.outlet else ""
                dup = f", a copy of article {p.duplicate_of}" if p.duplicate_of else ""
                lines.append(
                    f"   — {link}{outlet}, {p.published or 'date unknown'}"
                    f" (article {p.article_id}, characters {p.start}–{p.end}{dup})"
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render(db: Any, fmt: str, quantity_id: int | None = None, search: str | None = None) -> str:
    return render_counted(db, fmt, quantity_id, search)[0]


def render_counted(
    db: Any, fmt: str, quantity_id: int | None = None, search: str | None = None
) -> tuple[str, int]:
    """:func:`render`, with the number of records it holds (quantities, figures and
    timeline entries), so a caller can say when a search selected nothing."""
    details, figures, timeline = _selection(db, quantity_id, search)
    text = _format(fmt, details, figures, timeline, quantity_id, search)
    return text, len(details) + len(figures) + len(timeline)


def _format(fmt: str, details, figures, timeline, quantity_id, search) -> str:
    if quantity_id is not None and details:
        title = f"Brief: {details[0].quantity.name}"
    elif search:
        title = f"Brief: {search}"
    else:
        title = "Brief: all quantities"
    if fmt == "json":
        return _json(details, figures, timeline)
    if fmt == "csv":
        return _csv(details, figures, timeline)
    if fmt == "timelinejs":
        return _timelinejs(details, figures, timeline, title)
    if fmt == "markdown":
        return _markdown(details, title)
    raise ExportError(f"unknown export format {fmt!r}")
