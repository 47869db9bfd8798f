"""Score nkwatch's extraction against a gold file (the format of ../shared/gold/seeds.json).

Shared by tests/test_gold.py (the seed gold), tests/test_gold_news.py (real news text,
tests/data/gold_news/) and ``bench/gold_news.py``; run it directly for the full table and
every miss::

    .venv/bin/python -m tests.goldscore                 # the news gold, in-process ingest
    .venv/bin/python -m tests.goldscore -v              # ... and list every miss and extra
    .venv/bin/python -m tests.goldscore --seeds         # the seed gold
    .venv/bin/python -m tests.goldscore --cli .venv/bin/nkwatch   # through the CLI, like score.py
    .venv/bin/python -m tests.goldscore --json          # machine-readable

The metrics are those of ../shared/eval/score.py (a gold figure is found when a record has
its value and its sentence contains the gold context; attributes are scored on found
figures only, and only where the gold states them), plus three that score.py leaves out:

- ``unit``: the record's unit equals the gold unit (case-insensitive, singular or plural);
- ``claimant_none``: of found figures the gold marks ``"unattributed": true`` (the analyst
  says nobody is quoted for it; its ``claimant`` is ``[]``, which score.py reads as "not
  scored"), the share with no claimant in the record;
- ``traps``: records whose text matches a gold ``not_figures`` entry.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS_DIR = ROOT / "tests" / "data" / "gold_news"
NEWS_GOLD = NEWS_DIR / "gold.json"
SEEDS_DIR = ROOT / "seeds"
SEEDS_GOLD = ROOT / "tests" / "data" / "gold_seeds.json"

ATTRS = ("high", "qualifier", "unit", "actor", "claimant", "claimant_none", "date", "hedged")


def norm(s) -> str:
    return " ".join(
        str(s or "")
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .split()
    ).lower()


def words_in(a, b) -> bool:
    """True when the words of `a` stand, whole, inside `b` ("US" is not inside "Russia")."""
    a, b = norm(a), norm(b)
    return bool(a) and re.search(r"(?<!\w)" + re.escape(a) + r"(?!\w)", b) is not None


def _num_eq(a, b) -> bool:
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return False


def _unit_eq(a, b) -> bool:
    a, b = norm(a), norm(b)
    return bool(a) and (a == b or a.rstrip("s") == b.rstrip("s"))


def load_gold(path: Path | str = NEWS_GOLD) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


# --- getting records ---------------------------------------------------------------------


def records_in_process(gold: dict, articles: Path | str, db_path: Path | str):
    """Ingest every gold article through the real ingest path (cleaning, extraction,
    SQLite) into ``db_path``; return (figure records, timeline records) in contract form."""
    from store.db import open_db
    from store.ingest import ingest_sources
    from store.queries import list_figures, list_timeline

    db = open_db(db_path)
    try:
        for name, g in gold.items():
            published = date.fromisoformat(g["published"]) if g.get("published") else None
            outcomes = list(ingest_sources(db, [str(Path(articles) / name)], published=published))
            if [o.status for o in outcomes] != ["stored"]:
                raise RuntimeError(f"{name}: not stored: {outcomes}")
        figs = [f.as_contract() for f in list_figures(db)]
        events = [e.as_contract() for e in list_timeline(db)]
    finally:
        db.close()
    return figs, events


def records_via_cli(gold: dict, articles: Path | str, cmd: str):
    """The same through the public CLI, exactly as ../shared/eval/score.py does."""

    def run(*args):
        p = subprocess.run(shlex.split(cmd) + list(args), capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"{cmd} {' '.join(args)} failed ({p.returncode}): {p.stderr[-500:]}")
        return p.stdout

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "score.db")
        for name, g in gold.items():
            args = ["--db", db, "ingest", str(Path(articles) / name)]
            if g.get("published"):
                args += ["--published", g["published"]]
            run(*args)
        figs = json.loads(run("--db", db, "figures", "--format", "json"))
        events = json.loads(run("--db", db, "timeline", "--format", "json"))
    return figs, events


# --- scoring -----------------------------------------------------------------------------


@dataclass
class Score:
    metrics: dict
    counts: dict
    misses: list = field(default_factory=list)  # (article, kind, gold text, detail)
    extras: list = field(default_factory=list)  # (article, "unexpected"|"trap", text, value)


def _matches(p, f) -> bool:
    return _num_eq(p.get("value"), f["value"]) and norm(f["context"]) in norm(p.get("sentence"))


def score(gold: dict, figs: list[dict], events: list[dict]) -> Score:
    by_src = lambda recs, name: [r for r in recs if Path(str(r.get("source", ""))).name == name]  # noqa: E731
    misses, extras = [], []
    tot = dict(req=0, found=0, pred=0, pred_ok=0, traps=0)
    attrs = {k: [0, 0] for k in ATTRS}
    dates = dict(req=0, found=0, exact=0)
    for name, g in gold.items():
        preds = by_src(figs, name)
        tot["pred"] += len(preds)
        for p in preds:
            if any(_matches(p, f) for f in g["figures"]):
                tot["pred_ok"] += 1
            elif any(
                norm(t) in norm(p.get("text")) or norm(p.get("text")) in norm(t)
                for t in g.get("not_figures", [])
            ):
                tot["traps"] += 1
                extras.append((name, "trap", p.get("text"), p.get("value")))
            else:
                extras.append((name, "unexpected", p.get("text"), p.get("value")))
        for f in (f for f in g["figures"] if f["required"]):
            tot["req"] += 1
            hits = [p for p in preds if _matches(p, f)]
            if not hits:
                misses.append((name, "figure", f["context"], f["value"]))
                continue
            tot["found"] += 1
            p = hits[0]
            claim = f["claimant"]
            checks = {
                "high": (
                    f["high"] is not None or p.get("high") is not None,
                    p.get("high") == f["high"] or _num_eq(p.get("high"), f["high"]),
                ),
                "qualifier": (True, (p.get("qualifier") or None) == f["qualifier"]),
                "unit": (bool(f.get("unit")), _unit_eq(p.get("unit"), f.get("unit"))),
                "actor": (f["actor"] is not None, norm(p.get("actor")) == norm(f["actor"])),
                "claimant": (
                    bool(claim),
                    bool(p.get("claimant"))
                    and any(
                        words_in(c, p["claimant"]) or words_in(p["claimant"], c) for c in claim
                    ),
                ),
                "claimant_none": (bool(f.get("unattributed")), not p.get("claimant")),
                "date": (f["date"] is not None, p.get("date") == f["date"]),
                "hedged": (f["hedged"] is not None, bool(p.get("hedged")) == bool(f["hedged"])),
            }
            for k, (applies, ok) in checks.items():
                if applies:
                    attrs[k][1] += 1
                    attrs[k][0] += bool(ok)
                    if not ok:
                        want = {"claimant": claim, "claimant_none": None}.get(k, f.get(k))
                        got = p.get("claimant" if k == "claimant_none" else k)
                        misses.append((name, k, f["context"], f"want {want!r}, got {got!r}"))
        evs = by_src(events, name)
        for d in (d for d in g["dates"] if d["required"]):
            dates["req"] += 1
            hits = [
                e
                for e in evs
                if norm(e.get("text"))
                and (
                    norm(d["text"]) in norm(e.get("text")) or norm(e.get("text")) in norm(d["text"])
                )
            ]
            if not hits:
                misses.append((name, "date", d["text"], d["value"]))
                continue
            dates["found"] += 1
            if any(str(e.get("value")) == d["value"] for e in hits):
                dates["exact"] += 1
            else:
                got = [e.get("value") for e in hits]
                misses.append((name, "date value", d["text"], f"want {d['value']}, got {got}"))

    ratio = lambda a, b: a / b if b else 1.0  # noqa: E731
    recall = ratio(tot["found"], tot["req"])
    precision = ratio(tot["pred_ok"], tot["pred"])
    metrics = {
        "figure_recall": recall,
        "figure_precision": precision,
        "figure_f1": 2 * recall * precision / (recall + precision) if recall + precision else 0.0,
        **{k: ratio(*v) for k, v in attrs.items()},
        "date_recall": ratio(dates["found"], dates["req"]),
        "date_value": ratio(dates["exact"], dates["req"]),
    }
    counts = {**tot, **{f"n_{k}": v[1] for k, v in attrs.items()}, "dates": dates}
    return Score(metrics, counts, misses, extras)


def table(s: Score) -> str:
    c = s.counts
    lines = [
        f"{'figure_recall':18} {s.metrics['figure_recall']:.3f}  ({c['found']}/{c['req']} required gold figures found)",
        f"{'figure_precision':18} {s.metrics['figure_precision']:.3f}  ({c['pred_ok']}/{c['pred']} records match a gold figure; {c['traps']} traps)",
        f"{'figure_f1':18} {s.metrics['figure_f1']:.3f}",
    ]
    for k in ATTRS:
        lines.append(f"{k:18} {s.metrics[k]:.3f}  (over {c['n_' + k]} found figures that carry it)")
    d = c["dates"]
    lines.append(
        f"{'date_recall':18} {s.metrics['date_recall']:.3f}  ({d['found']}/{d['req']} date expressions found)"
    )
    lines.append(
        f"{'date_value':18} {s.metrics['date_value']:.3f}  ({d['exact']}/{d['req']} with the exact value)"
    )
    return "\n".join(lines)


# --- checks every gold set's test runs (tests/test_gold_{news,dev,holdout}.py) -----------

FIGURE_KEYS = frozenset(
    ("context", "value", "high", "qualifier", "unit", "actor", "claimant", "date", "hedged",
     "required")
)  # fmt: skip
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-(?:SP|SU|FA|WI))?$")


def check_floor(s: Score, metric: str, floor: dict[str, float]) -> None:
    """``metric`` of the score ``s`` is at least its floor; the misses say why not."""
    misses = [m for m in s.misses if m[1] in (metric, "figure", "date", "date value")][:40]
    assert s.metrics[metric] >= floor[metric], (metric, round(s.metrics[metric], 3), misses)


def check_offsets(figs: list[dict], events: list[dict]) -> None:
    for r in figs + events:
        assert r["text"] in r["sentence"]
        assert r["end"] - r["start"] == len(r["text"])


def check_manifest(folder: Path, gold: dict, manifest: dict) -> None:
    """One manifest entry (published, outlet, source) and one file per gold article."""
    assert set(manifest) == set(gold)
    for name, m in manifest.items():
        assert (folder / name).is_file(), name
        assert m["published"] == gold[name]["published"], name
        assert m["outlet"] and m["source"], name


def check_well_formed(folder: Path, gold: dict, name: str) -> None:
    """One article's annotation: known keys, values of the contract's kinds, and every
    context, date text and trap found in the article."""
    g = gold[name]
    body = norm((folder / name).read_text(encoding="utf-8"))
    assert ISO.match(g["published"])
    for f in g["figures"]:
        assert FIGURE_KEYS <= set(f) <= FIGURE_KEYS | {"unattributed"}, f
        assert norm(f["context"]) in body, f["context"]
        assert f["qualifier"] in (None, "approx", "max", "min"), f
        assert isinstance(f["claimant"], list), f
        assert not (f.get("unattributed") and f["claimant"]), f
        assert f["date"] is None or ISO.match(f["date"]), f
        assert f["high"] is None or f["high"] > f["value"], f
    for d in g["dates"]:
        assert set(d) == {"text", "value", "required"}, d
        assert norm(d["text"]) in body and ISO.match(d["value"]), d
    for t in g["not_figures"]:
        assert norm(t) in body, t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tests.goldscore", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--gold", help="gold file (default: tests/data/gold_news/gold.json)")
    ap.add_argument("--articles", help="folder of the articles the gold names")
    ap.add_argument("--seeds", action="store_true", help="score the seed gold on seeds/")
    ap.add_argument(
        "--cli", metavar="CMD", help="go through this nkwatch command instead of in-process"
    )
    ap.add_argument("--json", action="store_true", help="print metrics, misses and extras as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra record")
    a = ap.parse_args(argv)
    gold_path = Path(a.gold) if a.gold else (SEEDS_GOLD if a.seeds else NEWS_GOLD)
    articles = Path(a.articles) if a.articles else (SEEDS_DIR if a.seeds else gold_path.parent)
    try:
        gold = load_gold(gold_path)
    except (OSError, ValueError) as e:
        print(f"error: cannot read gold file {gold_path}: {e}", file=sys.stderr)
        return 2
    try:
        if a.cli:
            figs, events = records_via_cli(gold, articles, a.cli)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                figs, events = records_in_process(gold, articles, Path(tmp) / "gold.db")
    except (OSError, RuntimeError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    s = score(gold, figs, events)
    if a.json:
        print(
            json.dumps(
                {"metrics": s.metrics, "counts": s.counts, "misses": s.misses, "extras": s.extras},
                indent=1,
            )
        )
        return 0
    if a.verbose:
        for m in s.misses:
            print("MISS ", *m, sep=" | ")
        for x in s.extras:
            print("EXTRA", *x, sep=" | ")
        print()
    print(
        f"{gold_path.relative_to(ROOT) if gold_path.is_relative_to(ROOT) else gold_path}: {len(gold)} articles"
    )
    print(table(s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
