"""Near-duplicate articles: word shingles, a MinHash sketch, LSH bands.

The same wire story re-posted, or the same text with other furniture around it, is a
near-duplicate: it counts once toward corroboration. Each body becomes the set of its
5-word shingles (lower case, words only); their Jaccard similarity says how much two
texts share. Comparing every pair is quadratic, so each body gets a sketch of
:data:`K` numbers (one-permutation MinHash: each shingle hash falls in one of K bins,
a bin keeps its smallest; empty bins borrow from the next full one, "densification")
cut into :data:`BANDS` bands. Two texts sharing any band are candidates (likely above
about 0.5 similarity), and a candidate is confirmed on its exact shingle sets:

- Jaccard >= :data:`JACCARD` (0.7), or
- the shorter text's shingles are >= :data:`CONTAINED` (0.9) inside the longer one's
  and it is at least half its length (a re-post with a paragraph added).

Word hashes are BLAKE2b (stable across runs and processes, unlike ``hash``), rolled
into shingle hashes. Pure: text in,
numbers out; the database keeps the bands (``store.dupes``).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

SHINGLE = 5
K = 64
BANDS = 16
ROWS = K // BANDS
JACCARD = 0.7
CONTAINED = 0.9
_WORD = re.compile(r"\w+")
_MASK = (1 << 58) - 1


def _h(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


_PRIME = (1 << 61) - 1  # a Mersenne prime: the rolling hash is taken modulo it
_BASE = 1_000_000_007


@lru_cache(maxsize=65536)
def _word(w: str) -> int:
    return _h(w.encode()) % _PRIME


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashes of the text's ``size``-word shingles (the whole text when shorter).

    Each distinct word is hashed once (BLAKE2b); a shingle's hash rolls over its
    words' hashes (a polynomial modulo 2**61 - 1), so a 5 kB article takes about a
    millisecond instead of one BLAKE2b per shingle."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    ids = [_word(w) for w in words]
    if len(ids) <= size:
        size = len(ids)
    top = pow(_BASE, size - 1, _PRIME)
    h = 0
    for v in ids[:size]:
        h = (h * _BASE + v) % _PRIME
    out = {h}
    for i in range(size, len(ids)):
        h = ((h - ids[i - size] * top) * _BASE + ids[i]) % _PRIME
        out.add(h)
    return out


def signature(hashes: set[int]) -> list[int]:
    """K-number one-permutation MinHash sketch of a shingle set (all zeros if empty)."""
    if not hashes:
        return [0] * K
    bins: list[int | None] = [None] * K
    for h in hashes:
        i, v = h % K, (h // K) & _MASK
        cur = bins[i]
        if cur is None or v < cur:
            bins[i] = v
    out = [0] * K
    for i in range(K):
        j, step = i, 0
        while bins[j] is None:  # rotation densification: borrow from the right
            j = (j + 1) % K
            step += 1
        out[i] = (bins[j] + step * 1_000_003) & _MASK  # type: ignore[operator]
    return out


def bands(sig: list[int]) -> list[int]:
    """One signed 64-bit key per band (band number included), for an SQLite index."""
    keys = []
    for b in range(BANDS):
        part = sig[b * ROWS : (b + 1) * ROWS]
        data = b.to_bytes(2, "big") + b"".join(v.to_bytes(8, "big") for v in part)
        keys.append(_h(data) - (1 << 63))
    return keys


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def estimated_similarity(sa: list[int], sb: list[int]) -> float:
    return sum(x == y for x, y in zip(sa, sb, strict=True)) / K


def is_near_duplicate(a: set[int], b: set[int]) -> bool:
    """The rule above, on two exact shingle sets."""
    if not a or not b:
        return False
    if jaccard(a, b) >= JACCARD:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= len(large) / 2 and len(small & large) / len(small) >= CONTAINED
