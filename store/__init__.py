"""nkwatch's data room: reading sources, extracting figures and dates, and SQLite.

- ``store.sources``: what the user points at (files, folders, stdin, URLs, pages,
  feeds) -> cleaned text with its title, outlet and publication date.
- ``store.extract``: the pure pipeline, text + publication date -> figures, dates,
  claimants, each with offsets into the text. No I/O.
- this package's own modules are the database: ``db`` (connections, migrations, write
  transactions), ``dberrors`` (what a failure means),
  ``schema``, ``ingest`` (the one place that calls sources, then extract, then writes),
  ``queries`` (the CLI's records) and ``browse`` (the dashboard's windowed reads),
  ``paths`` (where the database lives).

Never imports Textual or Rich (tests/test_layering.py checks it).
"""
