"""nkwatch's data room: reading, cleaning, extraction and SQLite.

Never imports Textual or Rich (tests/test_layering.py checks it in a fresh interpreter).
"""
