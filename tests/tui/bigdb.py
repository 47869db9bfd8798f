"""A large database built by direct inserts, for the "it opens without freezing" tests:
``articles`` articles, one quantity of ``claims`` claims (one figure each, each its own
value, claimant and day) and one figure in another quantity per remaining article (all one claim: 5 troops).
Already indexed (bands, quantities, counts), as an ingest would leave it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from store.db import open_db
from store.extract import EXTRACTOR_VERSION


def big_db(path: Path, articles: int = 100_000, claims: int = 10_000) -> Path:
    db = open_db(path)
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")  # a throwaway file: no need to wait for disk
    start = date(2024, 1, 1)
    with conn:
        conn.executemany(
            "INSERT INTO articles (id, source, source_name, title, body, published,"
            " content_hash, ingested_at, n_figures, extractor_version)"
            f" VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, {EXTRACTOR_VERSION})",
            (
                (
                    i,
                    f"https://example.org/{i}",
                    f"Outlet {i % 500}",
                    f"Story {i}",
                    f"Officials said {i} troops were counted. Story {i}.",
                    (start + timedelta(days=i % 700)).isoformat(),
                    f"hash-{i}",
                    "2025-01-01T00:00:00+00:00",
                )  # fmt: skip
                for i in range(1, articles + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO article_bands (band, article_id) VALUES (?, ?)",
            ((i, i) for i in range(1, articles + 1)),
        )
        conn.execute(
            "INSERT INTO quantities (id, key, name, actor, unit_class, n_claims, n_figures,"
            " n_sources, summary, stale) VALUES (1, 'Big|troops', 'Big · troops', 'Big',"
            " 'troops', ?, ?, 500, 'A very long story.', 0)",
            [claims, claims],
        )
        conn.execute(
            "INSERT INTO quantities (id, key, name, actor, unit_class, n_claims, n_figures,"
            " n_sources, summary, stale) VALUES (2, 'Other|troops', 'Other · troops', 'Other',"
            " 'troops', 1, ?, 500, 'Everything else.', 0)",
            [articles - claims],
        )
        conn.executemany(
            "INSERT INTO quantity_keys (key, quantity_id) VALUES (?, ?)",
            [("Big|troops", 1), ("Other|troops", 2)],
        )
        conn.executemany(
            "INSERT INTO figures (article_id, start_pos, end_pos, text, value, unit, actor,"
            " claimant, claimant_canonical, hedged, date, sentence_start, sentence_end,"
            " quantity_id) VALUES (?, 15, ?, ?, ?, 'troops', ?, ?, ?, ?, ?, 0, ?, ?)",
            (
                (
                    i,
                    15 + len(f"{i} troops"),
                    f"{i} troops",
                    float(i if i <= claims else 5),
                    "Big" if i <= claims else "Other",
                    *[f"Claimant {i}" if i <= claims else "Officials"] * 2,
                    i % 7 == 0,
                    (start + timedelta(days=i % 700)).isoformat(),
                    len(f"Officials said {i} troops were counted."),
                    1 if i <= claims else 2,
                )  # fmt: skip
                for i in range(1, articles + 1)
            ),
        )
    conn.close()
    return path
