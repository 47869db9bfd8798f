"""Comparing sources, pure (no database, no I/O): what a figure counts, who claims it,
and how the claims of one quantity relate over time.

- ``units``: unit classes (``soldiers`` -> ``troops``) and scope words; quantity keys
  and names (``North Korea · troops``).
- ``claimants``: canonical claimant names (titles trimmed, spelling variants and
  surnames joined to the full name).
- ``claims``: figures -> claims (one value by one origin, with its sources), in time
  order, each labelled against the one before; ``summary``: plain words for them.
- ``periods``: ISO values at their granularity as calendar periods.
- ``minhash``: near-duplicate articles (shingles, one-permutation MinHash, LSH bands).
"""
