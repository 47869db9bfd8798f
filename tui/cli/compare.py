"""Comparing sources: ``quantities``, ``claims``, ``merge``, ``split`` and ``export``.

Like the listing commands they import only ``store`` (no Textual, no Rich). Before
reading, they bring the quantities up to date (index figures stored by an older
version, recompute the counts of quantities an ingest touched).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.common import (
    CliError,
    Options,
    add_paging,
    check_search,
    open_database,
    page_of,
)
from tui.cli.output import csv_out, emit, json_out

QUANTITY_COLUMNS = [
    ("id", "ID", 6),
    ("n_claims", "CLAIMS", 6),
    ("n_figures", "FIGURES", 7),
    ("n_sources", "SOURCES", 7),
    ("name", "QUANTITY", 36),
    ("summary", "SUMMARY", 200),
]
CLAIM_COLUMNS = [
    ("date", "DATE", 10),
    ("label", "LABEL", 11),
    ("amount", "AMOUNT", 22),
    ("hedged", "HEDGED", 6),
    ("scope_place", "SCOPE", 18),
    ("claimant", "CLAIMANT", 30),
    ("n_sources", "SOURCES", 7),
    ("first_reported", "FIRST", 10),
    ("last_reported", "LATEST", 10),
    ("articles_text", "ARTICLES", 12),
    ("note", "NOTE", 60),
]
EXPORT_FORMATS = ("csv", "json", "timelinejs", "markdown")


def quantity_id(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a quantity id: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a quantity id: {value!r}")
    return n


def add_parsers(sub, opts: Options) -> dict:
    p = sub.add_parser(
        "quantities",
        parents=[opts.db, opts.format],
        help="list quantities (one kind of thing counted for one party), most claims first",
    )
    p.add_argument("--search", metavar="Q", help="only quantities with a figure matching Q")
    add_paging(p)
    p = sub.add_parser(
        "claims",
        parents=[opts.db, opts.format],
        help="one quantity's claims in time order, labelled against the one before",
    )
    p.add_argument("quantity", type=quantity_id, metavar="QUANTITY_ID")
    p = sub.add_parser("merge", parents=[opts.db], help="merge quantity SOURCE into INTO, for good")
    p.add_argument("source", type=quantity_id, metavar="SOURCE_ID")
    p.add_argument("into", type=quantity_id, metavar="INTO_ID")
    p = sub.add_parser(
        "split",
        parents=[opts.db],
        help="move a quantity's figures with one unit, scope, place or claimant to a new one",
    )
    p.add_argument("quantity", type=quantity_id, metavar="QUANTITY_ID")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--unit", metavar="WORD", help="the unit as written, e.g. servicemen")
    how.add_argument("--scope", metavar="WORDS", help='a scope, e.g. "special forces"')
    how.add_argument("--place", metavar="WORDS", help='a place, e.g. "in Kursk"')
    how.add_argument("--claimant", metavar="NAME", help="a canonical claimant")
    p = sub.add_parser(
        "export",
        parents=[opts.db],
        help="figures, claims and timeline with provenance (CSV, JSON, TimelineJS, Markdown)",
    )
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    p.add_argument("--quantity", type=quantity_id, metavar="ID", help="only this quantity")
    p.add_argument("--search", metavar="Q", help="only what matches Q")
    p.add_argument("--out", metavar="PATH", help="write to PATH (default: standard output)")
    return {
        "quantities": cmd_quantities,
        "claims": cmd_claims,
        "merge": cmd_merge,
        "split": cmd_split,
        "export": cmd_export,
    }


def _prepared(args: argparse.Namespace, write: bool = False):
    """The database with its quantities up to date. One that cannot be written, and
    whose counts are behind, is read from a copy in memory brought up to date there."""
    from store.quantities import out_of_date, prepare, prepared_copy

    db = open_database(args, write=write)
    if db.read_only:
        if not out_of_date(db):
            return db
        try:
            return prepared_copy(db)
        finally:
            db.close()
    try:
        prepare(db)
    except Exception:
        db.close()
        raise
    return db


def cmd_quantities(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.comparing import QUANTITY_KEYS, matching_quantity_ids, page_quantities
    from tui.cli.listing import more_note, no_matches

    check_search(parser, args.search)
    limit, offset = page_of(args, parser)
    db = _prepared(args)
    try:
        ids = matching_quantity_ids(db, args.search) if args.search is not None else None
        rows = page_quantities(db, offset, (1 << 62) if limit is None else limit + 1, ids)
        more = limit is not None and len(rows) > limit
        records = [q.as_contract() for q in rows[:limit]]
    finally:
        db.close()
    emit(args.format, records, QUANTITY_COLUMNS, QUANTITY_KEYS)
    if more:
        more_note(limit, offset)
    if not records and args.search is not None:
        no_matches(args.search)
    return 0


def _detail(db, qid: int, sentences: bool = True):
    from store.comparing import quantity_detail

    detail = quantity_detail(db, qid, sentences=sentences)
    if detail is None:
        raise CliError(f"no quantity {qid} (see `nkwatch quantities`)")
    return detail


def cmd_claims(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.comparing import CLAIM_KEYS

    db = _prepared(args)
    try:
        detail = _detail(db, args.quantity, sentences=args.format != "table")
    finally:
        db.close()
    if args.format == "table":
        q = detail.quantity
        print(f"{q.name} (quantity {q.id}): {q.summary}")
        records = []
        for c in detail.claims:
            r = detail.claim_record(c, with_sources=False)
            r["date"] = c.date or "undated"
            r["hedged"] = "?" if c.hedged else ""
            r["scope_place"] = " ".join(x for x in (c.scope, c.place) if x)
            r["articles_text"] = ",".join(str(a) for a in c.articles)
            r["claimant"] = ", ".join(c.claimants) or c.claimant
            records.append(r)
        emit("table", records, CLAIM_COLUMNS)
        return 0
    records = [detail.claim_record(c, with_sources=args.format == "json") for c in detail.claims]
    if args.format == "json":
        print(json_out(records))
    else:
        for r in records:
            r["figures"] = ";".join(map(str, r["figures"]))
            r["articles"] = ";".join(map(str, r["articles"]))
            r["claimants"] = ";".join(r["claimants"])
        csv_out(records, list(records[0]) if records else list(CLAIM_KEYS))
    return 0


def cmd_merge(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.comparing import get_quantity
    from store.quantities import QuantityError, merge

    db = _prepared(args, write=True)
    try:
        source = get_quantity(db, args.source)
        try:
            kept = merge(db, args.source, args.into)
        except QuantityError as e:
            raise CliError(str(e)) from None
        q = get_quantity(db, kept)
    finally:
        db.close()
    print(f"merged quantity {args.source} ({source.name if source else '?'}) into {kept}"
          f" ({q.name if q else '?'}): {q.n_claims if q else 0} claims")  # fmt: skip
    return 0


def cmd_split(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.comparing import get_quantity
    from store.quantities import QuantityError, split

    kind, value = next(
        (k, getattr(args, k)) for k in ("unit", "scope", "place", "claimant") if getattr(args, k)
    )
    db = _prepared(args, write=True)
    try:
        try:
            new = split(db, args.quantity, kind, value)
        except QuantityError as e:
            raise CliError(str(e)) from None
        q = get_quantity(db, new)
    finally:
        db.close()
    print(f"split {kind} {value!r} off quantity {args.quantity} into quantity {new}"
          f" ({q.name if q else '?'}): {q.n_claims if q else 0} claims")  # fmt: skip
    return 0


def cmd_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store import export

    check_search(parser, args.search)
    db = _prepared(args)
    try:
        try:
            text, n = export.render_counted(db, args.format, args.quantity, args.search)
        except export.ExportError as e:
            raise CliError(str(e)) from None
    finally:
        db.close()
    if n == 0 and args.search is not None:
        from tui.cli.listing import no_matches

        no_matches(args.search)  # on stderr: the export itself stays well-formed
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as e:
            raise CliError(f"{args.out}: cannot write ({e.strerror or e})") from None
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
