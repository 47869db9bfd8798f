"""The SQLite schema, versioned with ``PRAGMA user_version``.

``MIGRATIONS[i]`` takes a database from version ``i`` to ``i + 1``; a new version is a
new entry appended to the list, never an edit of an old one. An entry is an SQL script,
or a function of the connection for a step that needs Python (a backfill); either
runs inside the migration's one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = str | Callable[[sqlite3.Connection], None]


def _sentences_and_words(conn: sqlite3.Connection) -> None:
    """Sentence boundaries stored once (store/sentence_index.py) and an unstemmed index
    for prefix search; both filled for the articles already stored."""
    from store.db import _statements
    from store.sentence_index import backfill

    for statement in _statements(_SENTENCES_AND_WORDS):
        conn.execute(statement)
    conn.execute("INSERT INTO articles_words(articles_words) VALUES ('rebuild')")
    backfill(conn)


# Search (issue 10). ``article_sentences``: each article's sentence boundaries, split at
# ingest, so search results and ``figures --search`` never split a body again. A body
# that changes loses its row (the ingest writes the new one in the same transaction).
# ``articles_words``: the same title and body as ``articles_fts`` without the Porter
# stemmer, for prefix terms: the stemmed index holds ``escal`` for escalation, so
# ``escalat*`` found nothing there; here it finds escalate, escalation, escalating.
_SENTENCES_AND_WORDS = """
    CREATE TABLE article_sentences (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        bounds BLOB NOT NULL             -- (start, end) per sentence: little-endian uint32 pairs
    );
    CREATE TRIGGER articles_sentences_stale AFTER UPDATE OF body ON articles BEGIN
        DELETE FROM article_sentences WHERE article_id = new.id;
    END;
    CREATE VIRTUAL TABLE articles_words USING fts5(
        title, body, content='articles', content_rowid='id', tokenize='unicode61'
    );
    CREATE TRIGGER articles_words_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_words(rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    CREATE TRIGGER articles_words_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_words(articles_words, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END;
    CREATE TRIGGER articles_words_au AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_words(articles_words, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO articles_words(rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
"""

MIGRATIONS: list[Migration] = [
    # 0 -> 1: the first schema.
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,            -- path or URL as given
        source_name TEXT,                -- outlet, from --source-name or the page
        title TEXT NOT NULL,
        body TEXT NOT NULL,              -- cleaned text; all offsets point into it
        published TEXT,                  -- ISO date or NULL when unknown
        published_inferred INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL UNIQUE,
        ingested_at TEXT NOT NULL,
        n_figures INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE figures (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start_pos INTEGER NOT NULL,
        end_pos INTEGER NOT NULL,
        text TEXT NOT NULL,
        value REAL NOT NULL,
        high REAL,
        qualifier TEXT,
        unit TEXT NOT NULL,
        actor TEXT,
        claimant TEXT,
        claimant_start INTEGER,
        claimant_end INTEGER,
        hedged INTEGER NOT NULL DEFAULT 0,
        vague INTEGER NOT NULL DEFAULT 0,
        date TEXT,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL
    );
    CREATE INDEX figures_article ON figures(article_id, start_pos);
    CREATE INDEX figures_value ON figures(value);
    CREATE TABLE dates (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start_pos INTEGER NOT NULL,
        end_pos INTEGER NOT NULL,
        text TEXT NOT NULL,
        value TEXT NOT NULL,
        end_value TEXT,
        granularity TEXT NOT NULL,
        sort_key TEXT NOT NULL,          -- first day of the period, YYYY-MM-DD, for ordering
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL
    );
    CREATE INDEX dates_article ON dates(article_id, start_pos);
    CREATE INDEX dates_sort ON dates(sort_key, article_id, start_pos);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='articles', content_rowid='id', tokenize='porter unicode61'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    """,
    # 1 -> 2: the dashboard sorts a corpus' figures by date and by claimant; without these
    # a window of a million figures sorted that way takes half a second, with them 6 ms.
    """
    CREATE INDEX figures_date ON figures(date, article_id, start_pos);
    CREATE INDEX figures_claimant ON figures(claimant COLLATE NOCASE, id);
    """,
    # 2 -> 3: the language each article is written in (ISO 639-1, told at ingest; NULL for
    # articles stored before), and how sure the detector was. Figures are extracted only
    # where the rules are meant to work.
    """
    ALTER TABLE articles ADD COLUMN language TEXT;
    ALTER TABLE articles ADD COLUMN language_confidence REAL;
    CREATE INDEX articles_language ON articles(language);
    """,
    # 3 -> 4: comparing sources. Each figure gets a canonical claimant, its scope words
    # and a quantity (store/quantities.py); articles remember the original they
    # near-duplicate (store/dupes.py: LSH bands of a MinHash sketch). Figures stored
    # before this version are indexed on first use (quantity_id IS NULL).
    """
    ALTER TABLE articles ADD COLUMN duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL;
    ALTER TABLE figures ADD COLUMN claimant_canonical TEXT;
    ALTER TABLE figures ADD COLUMN quantity_id INTEGER;
    ALTER TABLE figures ADD COLUMN scope TEXT NOT NULL DEFAULT '';
    ALTER TABLE figures ADD COLUMN place TEXT NOT NULL DEFAULT '';
    CREATE INDEX figures_quantity ON figures(quantity_id, id);
    CREATE INDEX figures_claimant_canonical ON figures(claimant_canonical COLLATE NOCASE, id);
    CREATE TABLE quantities (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,               -- 'actor|unit_class' it was made for
        name TEXT NOT NULL,              -- 'North Korea · troops'
        actor TEXT,
        unit_class TEXT NOT NULL,
        n_claims INTEGER NOT NULL DEFAULT 0,
        n_figures INTEGER NOT NULL DEFAULT 0,
        n_sources INTEGER NOT NULL DEFAULT 0,
        summary TEXT NOT NULL DEFAULT '',
        stale INTEGER NOT NULL DEFAULT 1 -- counts and summary to be recomputed
    );
    CREATE INDEX quantities_rank ON quantities(n_claims DESC, n_figures DESC, id);
    -- Which quantity a grouping key goes to: 'actor|class', or a finer key an analyst
    -- split off ('actor|class|unit=servicemen'); a merge points keys elsewhere.
    CREATE TABLE quantity_keys (
        key TEXT PRIMARY KEY,
        quantity_id INTEGER NOT NULL REFERENCES quantities(id) ON DELETE CASCADE
    );
    CREATE TABLE quantity_merged (old_id INTEGER PRIMARY KEY, into_id INTEGER NOT NULL);
    CREATE TABLE claimant_names (
        key TEXT PRIMARY KEY,            -- store.compare.claimants.name_key
        display TEXT NOT NULL,           -- the canonical name
        surname TEXT                     -- name_key of the last word, for full names
    );
    CREATE INDEX claimant_names_surname ON claimant_names(surname);
    CREATE TABLE article_bands (
        band INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE INDEX article_bands_band ON article_bands(band);
    CREATE INDEX article_bands_article ON article_bands(article_id);
    CREATE TRIGGER figures_quantity_stale AFTER DELETE ON figures
    WHEN old.quantity_id IS NOT NULL BEGIN
        UPDATE quantities SET stale = 1 WHERE id = old.quantity_id;
    END;
    -- A corrected figure date or publication date (nkwatch set) changes its claims.
    CREATE TRIGGER figures_date_stale AFTER UPDATE OF date ON figures
    WHEN new.quantity_id IS NOT NULL BEGIN
        UPDATE quantities SET stale = 1 WHERE id = new.quantity_id;
    END;
    CREATE TRIGGER articles_published_stale AFTER UPDATE OF published, source_name ON articles
    BEGIN
        UPDATE quantities SET stale = 1 WHERE id IN
            (SELECT quantity_id FROM figures WHERE article_id = new.id);
    END;
    """,
    # 4 -> 5: a live story (issue 12). Watched feeds and pages with their HTTP validators
    # and poll status; the earlier versions of an article re-fetched with changed text
    # (revisions, the article keeping its id) and the figures that changed between them;
    # watch rules (a search or a quantity) and the alerts they raised; articles the watch
    # brought in that the dashboard has not shown yet.
    """
    ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE articles ADD COLUMN unseen INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_unseen ON articles(unseen) WHERE unseen = 1;
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,         -- 1 is the first version stored
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        published TEXT,
        content_hash TEXT NOT NULL,
        stored_at TEXT NOT NULL,         -- when this version was stored
        replaced_at TEXT NOT NULL,       -- when the next one took its place
        figures TEXT NOT NULL,           -- JSON list: this version's figures
        UNIQUE (article_id, number)
    );
    CREATE TABLE figure_changes (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        figure_id INTEGER REFERENCES figures(id) ON DELETE SET NULL,  -- the figure now
        revision INTEGER NOT NULL,       -- the revision that brought the change
        old_text TEXT NOT NULL,
        old_value REAL NOT NULL,
        old_high REAL,
        new_text TEXT NOT NULL,
        new_value REAL NOT NULL,
        new_high REAL,
        unit TEXT NOT NULL
    );
    CREATE INDEX figure_changes_article ON figure_changes(article_id, revision);
    CREATE INDEX figure_changes_figure ON figure_changes(figure_id);
    CREATE TABLE watch_sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        added_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_poll TEXT,                  -- ISO time (UTC) of the last attempt
        last_ok TEXT,                    -- ... and of the last that worked
        last_status TEXT,                -- one line: what the last poll did or why it failed
        failures INTEGER NOT NULL DEFAULT 0,  -- failed polls in a row (backoff)
        next_poll REAL,                  -- Unix time before which it is not polled again
        n_new INTEGER NOT NULL DEFAULT 0 -- articles and revisions it brought in
    );
    CREATE TABLE watch_state (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE watch_rules (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('search', 'quantity')),
        query TEXT,                      -- what a search rule searches for
        quantity_id INTEGER,             -- what a quantity rule follows
        created_at TEXT NOT NULL
    );
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        rule_id INTEGER REFERENCES watch_rules(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        figure_id INTEGER REFERENCES figures(id) ON DELETE SET NULL,
        kind TEXT NOT NULL,              -- new high | new claimant | conflict
        message TEXT NOT NULL,
        value REAL NOT NULL,
        high REAL,
        unit TEXT NOT NULL,
        claimant TEXT,
        known TEXT,                      -- JSON: what was known that this goes beyond
        sentence TEXT NOT NULL,
        created_at TEXT NOT NULL,
        seen INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX alerts_seen ON alerts(seen, id);
    """,
    # +1: evidence (issue 8). Each figure keeps the words that decided its fields (a JSON
    # object of cues, store.extract.models.Evidence; NULL for figures stored before), and
    # each article the version of the rules that extracted it (store.extract.
    # EXTRACTOR_VERSION; 0 for articles stored before), so `nkwatch reextract` knows
    # which articles are stale. Self-contained: it may be renumbered at a merge.
    """
    ALTER TABLE figures ADD COLUMN evidence TEXT;
    ALTER TABLE articles ADD COLUMN extractor_version INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_extractor_version ON articles(extractor_version);
    """,
    # 6 -> 7: stored sentence boundaries and the unstemmed prefix index, backfilled
    # (above: a step in Python, since splitting sentences is).
    _sentences_and_words,
    # 7 -> 8: ingest looks up the versions stored from a source (a path or URL) for every
    # new article; without an index that read every article row, so an ingest slowed down
    # with the size of the store (21 ms an article at 2,000 articles; 0.02 ms with it).
    """
    CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
