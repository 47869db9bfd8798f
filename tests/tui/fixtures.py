"""Databases for the dashboard tests.

``seeded_db`` is what a new user gets: the bundled seeds through the real ingest.
``curated_db`` holds the same seed bodies with a fixed, hand-placed set of figures
and dates, so snapshots do not change every time extraction gets better.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from store.db import open_db
from store.extract import EXTRACTOR_VERSION
from store.extract.sentences import split_sentences
from store.ingest import ensure_seeded, sort_key

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seeded_db(path: Path) -> Path:
    db = open_db(path)
    failed = [f"{o.source}: {o.message}" for o in ensure_seeded(db) if o.status == "error"]
    db.conn.close()
    assert not failed, "seed ingest failed: " + "; ".join(failed)
    return path


# (seed file, phrase, figure text inside phrase, value, high, qualifier, unit, actor,
#  claimant, claimant phrase, hedged, date)
CURATED_FIGURES = [
    ("000", "send up to 100,000 troops", "up to 100,000 troops", 100000, None, "max", "troops",
     "North Korea", "G20", "G20 countries", True, None),
    ("000", "about 15,000 North Korean troops", "about 15,000 North Korean troops", 15000,
     None, "approx", "troops", "North Korea", "Dmytro Ponomarenko", "Dmytro Ponomarenko",
     True, None),
    ("000", "20 soldiers were killed", "20 soldiers", 20, None, None, "soldiers", None,
     "Kyiv Post", None, False, "2024-10-04"),
    ("000", "six North Korean military personnel", "six North Korean military personnel", 6,
     None, None, "personnel", "North Korea", "Kyiv Post", None, False, "2024-10-04"),
    ("003", "has sent 3,000 troops to Russia", "3,000 troops", 3000, None, None, "troops",
     "North Korea", "South Korean intelligence", "South Korean intelligence", False, None),
    ("003", "a total of about 10,000 troops", "about 10,000 troops", 10000, None, "approx",
     "troops", "North Korea", "Seoul", "Seoul", True, "2024-12"),
    ("004", "of 10,000 to 12,000 North Korean troops", "10,000 to 12,000 North Korean troops",
     10000, 12000, None, "troops", "North Korea", None, None, True, None),
    ("004", "More than 10,000 North Korean troops", "More than 10,000 North Korean troops",
     10000, None, "min", "troops", "North Korea", "Jeon Ha-kyou", "Jeon Ha-kyou", False,
     "2024-11-05"),
]  # fmt: skip

# (seed file, date text, value, granularity)
CURATED_DATES = [
    ("000", "Tuesday", "2024-11-19", "day"),
    ("003", "Wednesday", "2024-10-23", "day"),
    ("003", "September", "2024-09", "month"),
    ("003", "8 October", "2024-10-08", "day"),
    ("003", "December", "2024-12", "month"),
    ("004", "November 5", "2024-11-05", "day"),
]


def _seed_files() -> dict[str, Path]:
    return {p.name[:3]: p for p in sorted(SEEDS.glob("*.txt"))}


def curated_db(path: Path) -> Path:
    """Seed bodies with fixed figures and dates (found by phrase, offsets checked)."""
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    db = open_db(path)
    ids: dict[str, int] = {}
    bodies: dict[str, str] = {}
    for key, file in _seed_files().items():
        raw = file.read_text(encoding="utf-8")
        title, _, body = raw.partition("\n")
        body = body.strip("\n")
        bodies[key] = body
        published = manifest.get(file.name, {}).get("published")
        db["articles"].insert(
            {
                "source": f"seeds/{file.name}",
                "source_name": "Seed outlet" if key != "002" else None,
                "title": title.strip(),
                "body": body,
                "published": published if key != "001" else None,
                "published_inferred": 1 if key == "004" else 0,
                "content_hash": f"curated-{key}",
                "ingested_at": datetime(2024, 12, 1, tzinfo=UTC).isoformat(),
                "n_figures": 0,
                "extractor_version": EXTRACTOR_VERSION,  # hand-placed: never "re-extract due"
            }
        )
        ids[key] = db.execute("SELECT last_insert_rowid()").fetchone()[0]

    def sentence_of(body: str, pos: int) -> tuple[int, int]:
        for s in split_sentences(body):
            if s.start <= pos < s.end:
                return s.start, s.end
        raise AssertionError(f"no sentence at {pos}")

    counts: dict[str, int] = {}
    for (key, phrase, text, value, high, qual, unit, actor, claimant, c_phrase, hedged,
         date) in CURATED_FIGURES:  # fmt: skip
        if not phrase:
            continue
        body = bodies[key]
        at = body.index(phrase) + phrase.index(text)
        s0, s1 = sentence_of(body, at)
        c_start = c_end = None
        if c_phrase and c_phrase in body[s0:s1]:
            c_start = s0 + body[s0:s1].index(c_phrase)
            c_end = c_start + len(c_phrase)
        db["figures"].insert(
            {
                "article_id": ids[key], "start_pos": at, "end_pos": at + len(text),
                "text": text, "value": value, "high": high, "qualifier": qual, "unit": unit,
                "actor": actor, "claimant": claimant, "claimant_start": c_start,
                "claimant_end": c_end, "hedged": int(hedged), "vague": 0, "date": date,
                "sentence_start": s0, "sentence_end": s1,
            }
        )  # fmt: skip
        counts[key] = counts.get(key, 0) + 1
    for key, text, value, gran in CURATED_DATES:
        body = bodies[key]
        at = body.index(text)
        s0, s1 = sentence_of(body, at)
        db["dates"].insert(
            {
                "article_id": ids[key], "start_pos": at, "end_pos": at + len(text),
                "text": text, "value": value, "end_value": None, "granularity": gran,
                "sort_key": sort_key(value), "sentence_start": s0, "sentence_end": s1,
            }
        )  # fmt: skip
    for key, n in counts.items():
        db.execute("UPDATE articles SET n_figures = ? WHERE id = ?", [n, ids[key]])
    db.conn.commit()
    db.conn.close()
    return path
