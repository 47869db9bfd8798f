"""Reading the world: what the user points at -> raw text with its metadata.

``files`` expands a source (file, folder with ``manifest.json``, stdin, URL) into
documents; ``web`` reads HTML pages and RSS/Atom feeds (``fetch`` gets them over HTTP,
``page`` reads a page and its metadata, ``feeds`` a feed's entries); ``clean`` strips
page furniture from the text; ``pubdate`` settles the publication date.

Nothing here extracts figures or touches the database: ``store.ingest`` calls these,
then ``store.extract``, then writes. A new kind of source goes here.
"""
