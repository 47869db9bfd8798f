"""Read what the user points nkwatch at: files, folders, ``-`` (stdin), URLs.

Each source expands into raw documents (text still to be cleaned) or problems, one
per input that could not be read, each with a one-line reason. Nothing here touches
the database.

Decoding: UTF-8 (a BOM is honoured, also UTF-16/32 BOMs); text that is not UTF-8 is
decoded as Windows-1252 (the usual encoding of such news text; Latin-1 if even that
fails) with a note saying so. Data with NUL bytes, a known binary signature or many
control characters is refused as binary. Files over :data:`MAX_BYTES` are refused
before they are read.

Which files are read is a table, :data:`READERS`, keyed by suffix: plain text
(``.txt``) and Markdown (``.md``, its marks removed) are read here; HTML pages and RSS/Atom feeds go to
:mod:`store.sources.web`, imported only when such a file or an ``http(s)://`` URL comes up.
A file named explicitly is read as text whatever its suffix; inside a folder, only
suffixes in the table are read and other files are reported as skipped.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 20 * 1024 * 1024
MANIFEST = "manifest.json"
STDIN_SOURCE = "<stdin>"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable"),
)


class SourceError(Exception):
    """An input that cannot be read; ``str(e)`` is the one-line reason."""


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read, before cleaning."""

    source: str  # the path or URL as given (a folder's files: folder joined with name)
    text: str
    published: date | None = None  # from a manifest, a page or a feed; not inferred
    source_name: str | None = None
    title: str | None = None  # a page's own title, when the reader knows it
    note: str | None = None  # something worth telling the user (e.g. the encoding used)


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that yielded no document, with its one-line reason."""

    source: str
    message: str


@dataclass(frozen=True, slots=True)
class Note:
    """Something to tell the user about a source that is not a failure."""

    source: str
    message: str


Item = RawDocument | Problem | Note


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


# Terminal control sequences in text copied from a terminal or a log: CSI (colours,
# cursor moves: ESC [ ... final, or the 8-bit CSI), OSC (titles, hyperlinks: ESC ] ...
# BEL or ST), DCS/SOS/PM/APC strings (ESC P/X/^/_ ... ST), two- and three-byte escapes
# (ESC ( B, ESC 7), and backspace overstrikes (``N\bN`` bold, ``_\bN`` underline).
_TERMINAL_CODES = re.compile(
    r"""\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]
    |(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?
    |(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?
    |\x1b[ -/]*[0-~]
    |[^\n\x08]\x08""",
    re.X,
)


def strip_terminal_codes(text: str) -> tuple[str, int]:
    """``text`` without terminal escape sequences and overstrikes, and how many went."""
    if "\x1b" not in text and "\x08" not in text and not re.search("[\x90-\x9f]", text):
        return text, 0
    return _TERMINAL_CODES.subn("", text)


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """``(text, note)`` for ``data``; SourceError when it is empty or binary.

    Terminal escape sequences (text copied from a terminal or a log) are removed with a
    note; only what is still full of control characters after that is binary."""
    if not data:
        raise SourceError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError:
                raise SourceError(f"invalid {encoding.upper()} text") from None
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise SourceError(f"binary file ({kind}), not text")
    if b"\x00" in data[:65536]:
        raise SourceError("binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        text, note = data.decode("cp1252"), "not UTF-8; decoded as Windows-1252"
    except UnicodeDecodeError:
        text, note = data.decode("latin-1"), "not UTF-8; decoded as Latin-1"
    text, more = _checked(text)
    return text, "; ".join(n for n in (note, more) if n)


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")  # below 32 but for \t \n \v \f \r


def _checked(text: str) -> tuple[str, str | None]:
    """``(text, note)``: ``text`` without terminal escape sequences (the note says how
    many went), unless it looks like binary data or holds nothing but whitespace."""
    text, removed = strip_terminal_codes(text)
    sample = text[:65536]
    controls = len(_CONTROLS.findall(sample))
    if sample and controls / len(sample) > 0.01:
        raise SourceError("binary file (control characters), not text")
    if not text.strip():
        raise SourceError("no text (only whitespace)")
    note = None
    if removed:
        plural = "s" if removed != 1 else ""
        note = f"{removed} terminal escape sequence{plural} (colours, cursor moves) removed"
    return text, note


def _size_message(size: int) -> str:
    return f"file too large ({size / 1048576:.1f} MB; the limit is {MAX_BYTES // 1048576} MB)"


def read_text_file(path: Path) -> tuple[str, str | None]:
    """Decoded text of a local file, refusing large or binary files."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(_size_message(size))
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise SourceError("permission denied") from None
    except OSError as e:
        raise SourceError(e.strerror or str(e)) from None
    if len(data) > MAX_BYTES:
        raise SourceError(_size_message(len(data)))
    return decode_bytes(data)


def read_stream(stream: BinaryIO) -> tuple[str, str | None]:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SourceError(f"input too large (over {MAX_BYTES // 1048576} MB)")
    if not data:
        raise SourceError("empty input")
    return decode_bytes(data)


# --- readers by suffix ---------------------------------------------------------------

Reader = Callable[[Path, str], list["Item"]]


def _read_text(path: Path, source: str) -> list[Item]:
    text, note = read_text_file(path)
    return [RawDocument(source=source, text=text, note=note)]


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_ITALIC = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)


def markdown_to_text(text: str) -> str:
    """Markdown as the plain text a reader sees: no ``#``, link targets, images, ``**``.

    Only the marks that would otherwise end up inside sentences are removed; lists,
    paragraphs and line breaks stay as they are.
    """
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_ITALIC.sub(r"\2", text)
    text = _MD_RULE.sub("", text)
    return _MD_QUOTE.sub("", text)


_MD_SETEXT = re.compile(r"\A\s*([^\n]+)\n[ \t]{0,3}(?:=+|-+)[ \t]*(?:\n|\Z)")


def markdown_title(text: str) -> str | None:
    """The heading a Markdown document opens with (``# Title`` or ``Title`` over
    ``=====``), or None when it opens with anything else."""
    m = _MD_HEADING.match(text.lstrip("\n\ufeff")) or _MD_SETEXT.match(text)
    if not m:
        return None
    title = markdown_to_text(m.group(1)).strip()
    return title or None


def _read_markdown(path: Path, source: str) -> list[Item]:
    text, note = read_text_file(path)
    title = markdown_title(text)
    return [RawDocument(source=source, text=markdown_to_text(text), title=title, note=note)]


def _web_module():
    try:
        from store.sources import web
    except ImportError as e:
        if e.name in ("store.sources.web", "trafilatura", "feedparser"):
            raise SourceError(f"web ingest not available ({e.name} missing)") from None
        raise
    return web


def items_from_web_documents(docs, source: str) -> list[Item]:
    """RawDocuments of the web layer's documents, then its per-entry failures and notes."""
    items: list[Item] = [
        RawDocument(
            source=str(d.source),
            text=d.text or "",
            published=d.published,
            source_name=d.source_name,
            title=d.title,
        )
        for d in docs
    ]
    items += [Problem(source, str(m)) for m in getattr(docs, "failures", ())]
    items += [Note(source, str(m)) for m in getattr(docs, "notes", ())]
    return items


def _read_web_file(path: Path, source: str) -> list[Item]:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise SourceError(e.strerror or str(e)) from None
    if size > MAX_BYTES:
        raise SourceError(_size_message(size))
    if size == 0:
        raise SourceError("empty file")
    web = _web_module()
    docs = _call_web(web.documents_from_file, path)
    return items_from_web_documents(docs, source)


def _call_web(fn, arg):
    try:
        docs = fn(arg)
    except SourceError:
        raise
    except Exception as e:  # the web layer's own errors: report, never a traceback
        raise SourceError(_one_line(e)) from None
    if not docs and not getattr(docs, "failures", None):
        raise SourceError("no article text found")
    return docs


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return text or type(e).__name__


TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
WEB_SUFFIXES = (".html", ".htm", ".xhtml", ".xml", ".rss", ".atom")

READERS: dict[str, Reader] = {
    **{suffix: _read_text for suffix in TEXT_SUFFIXES},
    **{suffix: _read_markdown for suffix in MARKDOWN_SUFFIXES},
    **{suffix: _read_web_file for suffix in WEB_SUFFIXES},
}


# Suffixes that are never articles, even when named explicitly.
NOT_ARTICLES = frozenset(
    ".json .csv .tsv .py .js .css .yaml .yml .toml .ini .cfg .db .sqlite .sqlite3".split()
)


def reader_for(path: Path, explicit: bool) -> Reader | None:
    """The reader for ``path`` by suffix; a file named explicitly with another suffix (or
    none) is read as text, unless the suffix is one that is never an article."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None and explicit and suffix not in NOT_ARTICLES:
        return _read_text
    return reader


# --- manifests -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    published: date | None = None
    source_name: str | None = None


def load_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """``manifest.json`` of ``folder`` ({name: {"published": ISO date, ...}}), or {}."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SourceError(f"unreadable manifest ({_one_line(e)})") from None
    if not isinstance(data, dict):
        raise SourceError("manifest must be a JSON object keyed by file name")
    out: dict[str, ManifestEntry] = {}
    for name, entry in data.items():
        if isinstance(entry, str):
            entry = {"published": entry}
        if not isinstance(entry, dict):
            continue
        published = None
        if entry.get("published"):
            try:
                published = date.fromisoformat(str(entry["published"])[:10])
            except ValueError:
                published = None
        name_value = entry.get("source_name")
        out[str(name)] = ManifestEntry(published, str(name_value) if name_value else None)
    return out


def _apply_manifest(items: list[Item], entry: ManifestEntry | None) -> list[Item]:
    if entry is None:
        return items
    return [
        replace(
            d,
            published=entry.published or d.published,
            source_name=entry.source_name or d.source_name,
        )
        if isinstance(d, RawDocument)
        else d
        for d in items
    ]


# --- expansion -----------------------------------------------------------------------


def _read_file(
    path: Path, source: str, explicit: bool, manifest: dict[str, ManifestEntry], key: str
) -> Iterator[Item]:
    reader = reader_for(path, explicit)
    if reader is None:
        if not explicit:  # a folder's other files are no failure: say so and go on
            yield Note(source, "skipped: not a text, Markdown, HTML or feed file")
            return
        what = "a manifest (ingest its folder)" if path.name == MANIFEST else "not read"
        yield Problem(source, f"{what}: not a text, Markdown, HTML or feed file")
        return
    try:
        docs = reader(path, source)
    except SourceError as e:
        yield Problem(source, str(e))
        return
    yield from _apply_manifest(docs, manifest.get(key))


def _walk_folder(folder: Path, source: str) -> Iterator[Item]:
    found = False
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        root_path = Path(root)
        rel = root_path.relative_to(folder)
        src_root = source if rel == Path(".") else os.path.join(source, str(rel))
        try:
            manifest = load_manifest(root_path)
        except SourceError as e:
            manifest = {}
            yield Problem(os.path.join(src_root, MANIFEST), str(e))
        for name in sorted(files):
            if name.startswith(".") or name == MANIFEST:
                continue
            found = found or reader_for(root_path / name, False) is not None
            yield from _read_file(
                root_path / name, os.path.join(src_root, name), False, manifest, name
            )
    if not found:
        yield Problem(source, "no text, Markdown, HTML or feed files in this folder")


def expand_source(source: str, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """The documents (or problems) one command-line source stands for."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            text, note = read_stream(stream)
        except SourceError as e:
            yield Problem(STDIN_SOURCE, str(e))
            return
        yield RawDocument(source=STDIN_SOURCE, text=text, note=note)
        return
    if is_url(source):
        try:
            web = _web_module()
            docs = _call_web(web.fetch_documents, source)
        except SourceError as e:
            yield Problem(source, str(e))
            return
        yield from items_from_web_documents(docs, source)
        return
    path = Path(source).expanduser()
    if path.is_dir():
        yield from _walk_folder(path, source)
    elif path.is_file():
        try:
            manifest = load_manifest(path.parent)
        except SourceError:
            manifest = {}
        yield from _read_file(path, source, True, manifest, path.name)
    elif path.exists():
        yield Problem(source, "not a regular file or folder")
    else:
        yield Problem(source, "no such file or folder")
