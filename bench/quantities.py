"""Benchmark: what comparing sources costs, against a baseline measured in the same run.

    .venv/bin/python bench/quantities.py [--articles 100000] [--claims 10000]

* opening one quantity of N claims (``store.comparing.quantity_detail``: its figures
  read, grouped into claims, labelled, summarised, with provenance) against reading the
  same rows alone (baseline: one SELECT of the quantity's figures);
* the ingest hook (``store.quantities.index_article``: near-duplicate lookup, canonical
  claimants, quantities) against storing the same article's row (baseline), per article,
  on the seeds re-ingested under new hashes.

Numbers only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store import comparing, quantities  # noqa: E402
from store.db import open_db  # noqa: E402
from tests.tui.bigdb import big_db  # noqa: E402


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--claims", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.db"
        t = time.perf_counter()
        big_db(path, args.articles, args.claims)
        print(
            f"built {args.articles:,} articles, {args.claims:,} claims in {time.perf_counter() - t:.1f} s"
        )
        db = open_db(path)
        base = best(lambda: db.execute("SELECT * FROM figures WHERE quantity_id = 1").fetchall())
        detail = best(lambda: comparing.quantity_detail(db, 1))
        print(f"read the quantity's {args.claims:,} figures:   {base * 1000:8.1f} ms (baseline)")
        print(f"open the quantity (claims, labels): {detail * 1000:8.1f} ms ({detail / base:.0f}x)")
        body = (ROOT / "seeds" / "000_cfacce3046a14ca6.txt").read_text(encoding="utf-8")
        n = 200

        def store_rows() -> None:
            with db.conn:
                for i in range(n):
                    db.execute(
                        "INSERT INTO articles (source, title, body, content_hash, ingested_at)"
                        " VALUES ('bench', 't', ?, ?, 'now')",
                        [body + f" {i}", f"bench-{time.perf_counter_ns()}-{i}"],
                    )

        def index_rows() -> None:
            ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE source = 'bench'")]
            with db.conn:
                for aid in ids[-n:]:
                    quantities.index_article(db, aid, body)

        stored = best(store_rows, 1)
        indexed = best(index_rows, 1)
        print(f"store {n} article rows:             {stored / n * 1000:8.2f} ms each (baseline)")
        print(f"index them (duplicates, quantities): {indexed / n * 1000:8.2f} ms each"
              f" ({indexed / stored:.1f}x)")  # fmt: skip
        db.close()


if __name__ == "__main__":
    main()
