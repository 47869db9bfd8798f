"""Page metadata: trafilatura's own metadata extraction (htmldate for the date), which
store/sources/page.py uses, against the hand-written reader it replaced (meta tags,
JSON-LD, <time>; read from the commit before the change, in a git checkout).

Runs over the HTML fixtures in tests/data/web and the pages in tests/data/web/metadata
(each with its gold publication date, title and outlet in gold.json); prints, for each
way, how many of the three fields it gets right and how long it takes per page.

    .venv/bin/python bench/metadata.py [-v]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.sources import page  # noqa: E402

HAND_WRITTEN_AT = "135fcfa"  # the last commit with the hand-written reader


def _hand_module():
    """store/sources/page.py as it was at HAND_WRITTEN_AT (None outside a git checkout)."""
    import subprocess
    import types

    try:
        source = subprocess.run(
            ["git", "show", f"{HAND_WRITTEN_AT}:store/sources/page.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("hand_written_page")
    exec(compile(source, "hand_written_page.py", "exec"), module.__dict__)
    return module


OLD = _hand_module()

FOLDER = ROOT / "tests" / "data" / "web" / "metadata"
FIELDS = ("published", "title", "site_name")


def hand(html: str, url: str | None) -> dict:
    tree = OLD._parse_html(html)
    meta = OLD._page_metadata(tree) if tree is not None else {}
    published = meta.get("published")
    return {
        "published": published.isoformat() if published else None,
        "title": meta.get("title"),
        "site_name": meta.get("site_name"),
    }


def trafilatura_meta(html: str, url: str | None) -> dict:
    """What nkwatch uses: store.sources.page.page_metadata."""
    found = page.page_metadata(html, url)
    published = found.get("published")
    return {
        "published": published.isoformat() if published else None,
        "title": found.get("title"),
        "site_name": found.get("site_name"),
    }


def trafilatura_extensive(html: str, url: str | None) -> dict:
    """trafilatura with htmldate's extensive search (dates in the text too)."""
    from trafilatura import extract_metadata

    m = extract_metadata(
        html, default_url=url, date_config={"extensive_search": True, "original_date": True}
    )
    return {"published": m.date, "title": m.title, "site_name": m.sitename}


def hand_then_trafilatura(html: str, url: str | None) -> dict:
    a, b = hand(html, url), trafilatura_meta(html, url)
    return {k: a[k] or b[k] for k in FIELDS}


def trafilatura_then_hand(html: str, url: str | None) -> dict:
    a, b = trafilatura_meta(html, url), hand(html, url)
    return {k: a[k] or b[k] for k in FIELDS}


WAYS = {
    "hand-written only": hand,
    "trafilatura (nkwatch's page_metadata)": trafilatura_meta,
    "trafilatura (htmldate, extensive)": trafilatura_extensive,
    "hand-written, then trafilatura": hand_then_trafilatura,
    "trafilatura, then hand-written": trafilatura_then_hand,
}


def norm(value: object) -> object:
    return " ".join(str(value).split()) if isinstance(value, str) else value


def main(verbose: bool = False) -> None:
    gold = json.loads((FOLDER / "gold.json").read_text())
    pages = {name: (FOLDER / name).read_bytes().decode("utf-8", "replace") for name in gold}
    n = len(gold)
    print(f"{n} pages, 3 fields each (publication date, title, outlet)")
    for label, way in WAYS.items():
        if OLD is None and way is not trafilatura_meta and way is not trafilatura_extensive:
            print(f"{label:36} (needs the git history: {HAND_WRITTEN_AT})")
            continue
        way(pages[next(iter(pages))], None)  # warm up (imports)
        right = dict.fromkeys(FIELDS, 0)
        misses = []
        started = time.perf_counter()
        for name, want in gold.items():
            got = way(pages[name], want.get("url"))
            for field in FIELDS:
                if norm(got[field]) == norm(want[field]):
                    right[field] += 1
                else:
                    misses.append(f"    {name} {field}: {got[field]!r} (gold {want[field]!r})")
        ms = (time.perf_counter() - started) / n * 1000
        total = sum(right.values())
        print(
            f"{label:36} {total:2}/{3 * n}  date {right['published']}/{n}  "
            f"title {right['title']}/{n}  outlet {right['site_name']}/{n}  {ms:5.1f} ms/page"
        )
        if verbose:
            print("\n".join(misses))


if __name__ == "__main__":
    main("-v" in sys.argv)
