"""The interface: the ``nkwatch`` command (``cli``) and the Textual dashboard (``app``).

Reads and writes data only through ``store``; no SQL is written here.
"""
