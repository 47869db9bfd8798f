"""nkwatch's data room: reading sources, extracting figures and dates, and SQLite.

- ``store.sources``: what the user points at (files, folders, stdin, URLs, pages,
  feeds) -> cleaned text with its title, outlet and publication date. Writes nothing.
- ``store.extract``: the pure pipeline, text + publication date -> figures, dates,
  claimants, each with offsets into the text. No I/O.
- ``store.compare``: pure too: figures -> quantities and claims, their labels.
- this package's own modules are the database: ``db`` (connections, migrations, write
  transactions), ``dberrors`` (what a failure means), ``schema``, ``paths`` (where the
  database lives); ``ingest`` (the one place that calls sources, then extract, then
  writes, with ``writes``); ``queries`` + ``records`` (the CLI's reads) and ``browse`` +
  ``browse_records`` (the dashboard's windowed reads); indexes kept at ingest (``fts``,
  ``sentence_index``, ``quantities``, ``dupes``, ``claimant_index``); fixing what is
  stored (``manage``, ``reextract``); comparing (``comparing``, ``export``); the watch
  (``watch``, ``watcher``, ``alerts``, ``revisions``).

Never imports Textual or Rich; ``store.extract`` and ``store.compare`` import nothing
from the database modules or ``store.sources`` (tests/test_layering.py checks it).
"""
