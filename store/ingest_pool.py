"""Ingest many inputs on every core: extraction in worker processes, one writer.

:func:`ingest_many` gives the same outcomes, in the same order, and stores the same rows
as :func:`store.ingest.ingest_sources`; it is only faster when there are many inputs:

* The sources are read (files decoded, folders walked, feeds fetched) in this process,
  in order, exactly as the serial path reads them.
* Each document goes to a worker process (``concurrent.futures.ProcessPoolExecutor``,
  one per core) that cleans it, resolves its publication date, tells its language and
  runs extraction: :func:`store.ingest.clean_document` and
  :func:`store.ingest.prepare_document`, the very functions the serial path calls. The
  worker's initializer loads the language model once per worker. A worker first looks
  the cleaned text's hash up in the database (read-only): content stored already is not
  extracted again.
* This process is the one writer. It takes the prepared documents in input order and
  writes them with :func:`store.ingest.write_document` (again the serial path's code),
  several articles to a transaction (each article a savepoint in it: one that fails is
  rolled back alone and reported, the others are kept). A batch is committed after
  :data:`BATCH_ARTICLES` articles, after :data:`BATCH_SECONDS`, or as soon as the next
  document is not ready yet, so a slow input never holds finished ones back.
* Outcomes are yielded after their batch is committed, never before: a line printed
  means the article is stored. While the caller handles a batch's outcomes (prints
  them), SIGINT and SIGTERM are held back and delivered right after the last one, so a
  stored article is never left unreported by an interrupt (the serial path's promise:
  at most the article being committed is stored without its line).
* Ctrl-C, SIGTERM or any error: the open batch is rolled back, the workers are killed at
  once (they ignore SIGINT themselves and die with this process even on SIGKILL), and
  the exception goes on to the caller.

Small ingests do not pay for starting workers: the inputs are counted first (folders
by their file names, nothing read) and fewer than :data:`MIN_INPUTS` documents are
ingested in this process, one by one, as :func:`store.ingest.ingest_sources` does. A
long ingest starts the workers and, while they load, ingests its first
:data:`WARM_UP` documents the same way, so its first lines come at once.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from datetime import date
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from store.db import (
    DatabaseUnwritable,
    sqlite_utils,  # the one store.db imports (main imports it without numpy there)
    unwritable,
    write_transaction,
)
from store.ingest import (
    Outcome,
    Prepared,
    _ingest_item,
    clean_document,
    content_hash,
    prepare_document,
    write_document,
)
from store.sources.files import (
    MANIFEST,
    Item,
    Note,
    Problem,
    RawDocument,
    expand_source,
    is_url,
    reader_for,
)

MIN_INPUTS = 50  # fewer documents than this: no worker processes
BATCH_ARTICLES = 64  # articles in one write transaction, at most
BATCH_SECONDS = 0.25  # a batch is committed at the latest this long after it began


def worker_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# --------------------------------------------------------------------------- workers

_lookup = None  # a worker's read-only connection, to skip content stored already


def _init_worker(db_path: str | None) -> None:
    """In each worker: ignore Ctrl-C (the writer ends the workers), die with the
    parent, open the database read-only, load the language model once (forked after
    :func:`_warm_up`, it has it already)."""
    global _lookup
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with suppress(Exception):  # PR_SET_PDEATHSIG: SIGKILL to the writer ends us too
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    if db_path:
        with suppress(Exception):
            from store.db import connect_read_only

            _lookup = connect_read_only(db_path)
    from store.sources.language import _identifier

    _identifier()


def _known(digest: str) -> bool:
    if _lookup is None:
        return False
    try:
        row = _lookup.execute("SELECT 1 FROM articles WHERE content_hash = ?", [digest]).fetchone()
    except Exception:
        return False
    return row is not None


def _prepare(doc: RawDocument, published: date | None) -> Prepared | str | None:
    """In a worker: the prepared document, the one-line reason it has none, or None
    when its content is stored already (the writer makes sure)."""
    cleaned = clean_document(doc)
    if isinstance(cleaned, str):
        return cleaned
    title, body = cleaned
    if _known(content_hash(body)):
        return None
    return prepare_document(doc, title, body, published)


# --------------------------------------------------------------------------- the writer


class _HeldSignals:
    """SIGINT and SIGTERM noted, not acted on, until :meth:`release` (main thread only;
    elsewhere it does nothing)."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.previous: dict[int, object] = {}
        self.pending: list[int] = []

    def hold(self) -> None:
        if self.previous or threading.current_thread() is not threading.main_thread():
            return
        for signum in self.SIGNALS:
            self.previous[signum] = signal.signal(signum, self._note)

    def _note(self, signum, frame) -> None:
        self.pending.append(signum)

    def release(self) -> None:
        if not self.previous:
            return
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        self.previous = {}
        pending, self.pending = self.pending, []
        if pending:
            signal.raise_signal(pending[0])  # the usual handler runs now, here


def ingest_many(
    db: sqlite_utils.Database,
    sources: Iterable[str],
    *,
    published: date | None = None,
    source_name: str | None = None,
    stdin: BinaryIO | None = None,
    replace: bool = False,
    workers: int | None = None,
    min_inputs: int = MIN_INPUTS,
    total: Callable[[int], None] | None = None,
) -> Iterator[Outcome]:
    """The outcomes of :func:`store.ingest.ingest_sources` for ``sources``, with
    extraction on ``workers`` processes (default: one per core) when they hold at least
    ``min_inputs`` documents. ``total`` is told how many documents there are, as counted
    before reading (:func:`count_documents`)."""
    sources = list(sources)
    found = count_documents(sources)
    if total:
        total(found)
    n_workers = worker_count() if workers is None else workers
    items = _items(sources, stdin)
    if found < min_inputs or n_workers < 2:
        yield from _serial(db, items, published, source_name, replace)
        return
    _warm_up()  # before the fork: the workers inherit what it loads
    path = getattr(db, "path", None)
    pool = ProcessPoolExecutor(
        n_workers, mp_context=_context(), initializer=_init_worker,
        initargs=(str(path) if path else None,),
    )  # fmt: skip
    try:
        for _ in range(n_workers):
            pool.submit(int)  # starts the workers: they load the model meanwhile
        # The first documents are done here, one by one, while the workers start (up
        # to a long one: that is the workers' job).
        rest: list[Item | Outcome] = []
        yield from _serial(db, items, published, source_name, replace, WARM_UP, rest)
        yield from _pooled(db, pool, chain(rest, items), published, source_name, replace, n_workers)
    finally:
        _stop(pool)


WARM_UP = 16  # documents ingested in this process while the workers start ...
WARM_UP_CHARS = 50_000  # ... unless one is longer than this


def _warm_up() -> None:
    """Load the language model and the extraction rules (compiled patterns, tables) in
    this process, which needs them anyway for the first documents: forked workers then
    start with them, instead of each paying about a second of CPU to load them again."""
    from store.extract import extract
    from store.sources.language import detect_language

    detect_language("Officials said on Monday that about 1,200 people had left the city.")
    extract("Officials said on Monday that about 1,200 people had left the city.", None)


def _context():
    """``fork`` where there is one (Linux, macOS): workers start at once with the
    modules already imported (Python 3.14 would default to ``forkserver``). The writer
    has no other thread when it forks."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def count_documents(sources: list[str]) -> int:
    """How many documents ``sources`` will give, told cheaply (no file is read): a
    folder counts its files that ingest reads, anything else counts one."""
    n = 0
    for source in sources:
        path = Path(source).expanduser() if source != "-" and not is_url(source) else None
        if path is None or not path.is_dir():
            n += 1
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            base = Path(root)
            n += sum(
                1
                for name in files
                if not name.startswith(".") and name != MANIFEST
                and reader_for(base / name, False) is not None
            )  # fmt: skip
    return n


def _items(sources: Iterable[str], stdin: BinaryIO | None) -> Iterator[Item | Outcome]:
    """Every item the sources expand to, in order; a source that broke while being
    read gives its error outcome (as :func:`ingest_sources` does)."""
    for source in sources:
        try:
            yield from expand_source(source, stdin=stdin)
        except Exception as e:
            yield Outcome(source, "error", f"{type(e).__name__}: {e}")


def _serial(
    db: sqlite_utils.Database,
    items: Iterator[Item | Outcome],
    published: date | None,
    source_name: str | None,
    replace: bool,
    limit: int | None = None,
    rest: list[Item | Outcome] | None = None,
) -> Iterator[Outcome]:
    """Items ingested here, one transaction each (the serial path), up to ``limit``
    documents or up to one longer than :data:`WARM_UP_CHARS`, which is put in ``rest``."""
    docs = 0
    for item in items:
        if limit is not None and isinstance(item, RawDocument) and len(item.text) > WARM_UP_CHARS:
            assert rest is not None
            rest.append(item)
            return
        if isinstance(item, Outcome):
            yield item
        else:
            yield _ingest_item(db, item, published, source_name, replace)
        docs += isinstance(item, RawDocument)
        if limit is not None and docs >= limit:
            return


def _pooled(
    db: sqlite_utils.Database,
    pool: ProcessPoolExecutor,
    items: Iterator[Item | Outcome],
    published: date | None,
    source_name: str | None,
    replace: bool,
    n_workers: int,
) -> Iterator[Outcome]:
    pending: deque[tuple[Item | Outcome, Future | None]] = deque()
    limit = n_workers * 16  # documents read ahead of the writer, at most
    held = _HeldSignals()
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                item = next(items, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, RawDocument):
                    pending.append((item, pool.submit(_prepare, item, published)))
                else:
                    pending.append((item, None))
            if not pending:
                return
            # Signals are held from just before the commit until the caller has had
            # every outcome of the batch.
            batch = _write_batch(db, pending, published, source_name, replace, held)
            yield from batch
            held.release()
    finally:
        held.release()


def _write_batch(
    db: sqlite_utils.Database,
    pending: deque[tuple[Item | Outcome, Future | None]],
    published: date | None,
    source_name: str | None,
    replace: bool,
    held: _HeldSignals,
) -> list[Outcome]:
    """Write the documents at the head of ``pending`` whose preparation is done (at
    least the first, waiting for it) in one transaction; their outcomes. ``held`` holds
    signals back from just before the commit."""
    out: list[Outcome] = []
    _, first = pending[0]
    if first is not None:
        first.result()  # wait outside the transaction: never hold the lock idle
    began = time.monotonic()
    with write_transaction(db):
        while pending and len(out) < BATCH_ARTICLES:
            item, future = pending[0]
            if future is not None and not future.done():
                break
            if out and time.monotonic() - began > BATCH_SECONDS:
                break
            pending.popleft()
            out.append(_write_one(db, item, future, published, source_name, replace))
        held.hold()
    return out


def _write_one(
    db: sqlite_utils.Database,
    item: Item | Outcome,
    future: Future | None,
    published: date | None,
    source_name: str | None,
    replace: bool,
) -> Outcome:
    if isinstance(item, Outcome):
        return item
    if isinstance(item, Problem):
        return Outcome(item.source, "error", item.message)
    if isinstance(item, Note):
        return Outcome(item.source, "note", item.message)
    assert future is not None
    try:
        prepared = future.result()
    except Exception as e:  # the worker broke on this document: report, go on
        return Outcome(item.source, "error", f"{type(e).__name__}: {e}")
    if isinstance(prepared, str):
        return Outcome(item.source, "error", prepared)
    try:
        with db.atomic():  # a savepoint: this document whole or not at all
            if prepared is None:  # a worker saw it stored: the serial path decides
                return _ingest_item(db, item, published, source_name, replace)
            return write_document(
                db, item, prepared, published=published, source_name=source_name,
                replace=replace,
            )  # fmt: skip
    except DatabaseUnwritable:
        raise
    except Exception as e:  # a database error on one article: report it, go on
        fatal = unwritable(e, getattr(db, "path", None))
        if fatal is not None:
            raise fatal from e
        return Outcome(item.source, "error", f"{type(e).__name__}: {e}")


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now: queued work is dropped, work in progress killed."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        with suppress(Exception):
            proc.kill()
    for proc in processes:
        with suppress(Exception):
            proc.join(1)
