"""Publication dates on real pages: nkwatch's page metadata (trafilatura, htmldate for
the date) against the hand-written reader it replaced, on htmldate's own evaluation
sets of saved real pages with their gold dates.

    git clone https://github.com/adbar/htmldate /tmp/htmldate
    .venv/bin/python bench/metadata_real.py /tmp/htmldate/tests

The sets: ``eval_mediacloud_2020.json`` (200 news pages from Media Cloud, many
languages, in ``test_set/``) and ``eval_default.json`` (800 web pages, news, blogs and
institutions, mostly German, in ``eval/`` and ``cache/``). For each way it prints the
pages whose date is right, wrong and missing. htmldate is developed against these very
sets, so they favour it; they are real pages all the same, where bench/metadata.py's
fixtures are written in the shapes of real CMSs. The pages stay in htmldate's checkout.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metadata import OLD, hand, trafilatura_meta  # noqa: E402

SETS = {
    "mediacloud 2020 (news)": ("eval_mediacloud_2020.json", ("test_set",)),
    "eval_default (web)": ("eval_default.json", ("eval", "cache")),
}


def _read(tests: Path, folders: tuple[str, ...], name: str) -> str | None:
    for folder in folders:
        path = tests / folder / name
        if path.exists():
            return path.read_bytes().decode("utf-8", "replace")
    return None


def main(tests: Path) -> None:
    ways = {"nkwatch page_metadata": trafilatura_meta}
    if OLD is not None:
        ways = {"hand-written (135fcfa)": hand, **ways}
    for label, (gold_file, folders) in SETS.items():
        gold = json.loads((tests / gold_file).read_text())
        pages = [(url, _read(tests, folders, g["file"]), g["date"]) for url, g in gold.items()]
        pages = [p for p in pages if p[1] is not None]
        for name, way in ways.items():
            right = wrong = missing = 0
            started = time.perf_counter()
            for url, html, want in pages:
                try:
                    got = way(html, url)["published"]
                except Exception:  # noqa: BLE001 - a page a way cannot read has no date
                    got = None
                if not got:
                    missing += 1
                elif got[:10] == want:
                    right += 1
                else:
                    wrong += 1
            ms = (time.perf_counter() - started) / len(pages) * 1000
            print(
                f"{label:24} {name:24} right {right:3}  wrong {wrong:3}  missing {missing:3}"
                f"  of {len(pages)}  {ms:5.1f} ms/page"
            )


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1], "eval_default.json").exists():
        sys.exit("usage: bench/metadata_real.py HTMLDATE_CHECKOUT/tests")
    main(Path(sys.argv[1]))
