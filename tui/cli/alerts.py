"""``nkwatch alerts``, ``rules`` and ``revisions``: what the watch noticed.

``rules`` lists and edits the watch rules (a search, or a quantity), ``alerts`` lists
the alerts they raised (``--exec CMD`` runs a command on each, as ``watch --exec``
does), ``revisions ID`` shows an article's versions, the figures that changed between
them and, with ``--diff``, the text that changed. Only ``store`` is imported.
"""

from __future__ import annotations

import argparse

from tui.cli.common import CliError, Options, article_id, err, open_database
from tui.cli.output import emit

ALERT_COLUMNS = [
    ("id", "ID", 4),
    ("created_at", "WHEN", 25),
    ("rule", "RULE", 24),
    ("kind", "KIND", 12),
    ("value", "VALUE", 10),
    ("unit", "UNIT", 12),
    ("claimant", "CLAIMANT", 24),
    ("article_id", "ART", 4),
    ("sentence", "SENTENCE", 200),
]
RULE_COLUMNS = [
    ("id", "ID", 4),
    ("kind", "KIND", 8),
    ("name", "FOLLOWS", 40),
    ("created_at", "SINCE", 25),
]
REVISION_COLUMNS = [
    ("revision", "REV", 3),
    ("stored_at", "STORED", 25),
    ("n_figures", "FIGURES", 7),
    ("current", "NOW", 3),
    ("title", "TITLE", 80),
]


def add_parsers(sub, opts: Options) -> dict:
    p = sub.add_parser(
        "alerts",
        parents=[opts.db, opts.format],
        help="list the alerts the watch rules raised",
        description="Alerts, newest first: a newly stored figure that goes beyond what was "
        "known under a watch rule (a new high, a new claimant, a conflict). Add rules with "
        "`nkwatch rules --add`.",
    )
    p.add_argument("--unseen", action="store_true", help="only alerts not yet seen")
    p.add_argument("--mark-seen", action="store_true", help="then mark the listed alerts seen")
    p.add_argument(
        "--exec", dest="exec_cmd", metavar="CMD",
        help="run CMD for each listed alert, the alert as JSON on its stdin",
    )  # fmt: skip
    p = sub.add_parser(
        "rules",
        parents=[opts.db, opts.format],
        help="list or change the watch rules that raise alerts",
        description='A watch rule follows a search (e.g. "Kursk casualties") or a '
        "quantity (e.g. North Korea · troops): the watch raises an alert when a figure it stores goes beyond what was "
        "known for it.",
    )
    change = p.add_mutually_exclusive_group()
    change.add_argument("--add", metavar="Q", help="follow the figures a search for Q finds")
    change.add_argument(
        "--add-quantity", metavar="ID", type=int,
        help="follow quantity ID (nkwatch quantities lists them)",
    )  # fmt: skip
    change.add_argument("--remove", metavar="ID", type=int, help="delete rule ID and its alerts")
    p = sub.add_parser(
        "revisions",
        parents=[opts.db, opts.format],
        help="an article's versions and the figures that changed",
        description="The versions of an article re-fetched with changed text (oldest "
        "first), and the figures that changed between them.",
    )
    p.add_argument("id", type=article_id, metavar="ID", help="the article's id")
    p.add_argument(
        "--diff", action="store_true", help="print the paragraphs that changed (- before, + after)"
    )
    return {"alerts": cmd_alerts, "rules": cmd_rules, "revisions": cmd_revisions}


def cmd_alerts(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.alerts import list_alerts, mark_alerts_seen

    db = open_database(args, write=args.mark_seen)
    try:
        found = list_alerts(db, unseen_only=args.unseen)
        if args.mark_seen and found:
            mark_alerts_seen(db, [a.id for a in found])
    finally:
        db.close()
    emit(
        args.format, [a.as_record() for a in found], ALERT_COLUMNS, [k for k, _, _ in ALERT_COLUMNS]
    )
    if not found:
        err("no alerts" + (" not yet seen" if args.unseen else ""), kind="note")
    if args.exec_cmd:
        from tui.cli.watch import run_alert_command

        failed = sum(not run_alert_command(args.exec_cmd, a) for a in reversed(found))
        return 1 if failed else 0
    return 0


def cmd_rules(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.alerts import add_rule, list_rules, remove_rule

    changes = args.add is not None or args.add_quantity is not None or args.remove is not None
    db = open_database(args, write=changes)
    try:
        if args.add is not None or args.add_quantity is not None:
            try:
                rule, added = add_rule(db, args.add, quantity_id=args.add_quantity)
            except ValueError as e:
                if args.add_quantity is not None:
                    raise CliError(str(e)) from None
                parser.error(str(e))
            print(f"{'added' if added else 'already a rule'}: rule {rule.id} follows {rule.name!r}")
            return 0
        if args.remove is not None:
            rule = remove_rule(db, args.remove)
            if rule is None:
                raise CliError(f"no rule {args.remove}")
            print(f"removed: rule {rule.id} ({rule.name!r}) and its alerts")
            return 0
        records = [r.as_record() for r in list_rules(db)]
    finally:
        db.close()
    emit(args.format, records, RULE_COLUMNS, [k for k, _, _ in RULE_COLUMNS])
    if not records:
        err('no watch rules (nkwatch rules --add "Kursk casualties")', kind="note")
    return 0


def cmd_revisions(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.revisions import changes_of, diff_lines, revisions_of

    db = open_database(args)
    try:
        versions = revisions_of(db, args.id)
        if not versions:
            raise CliError(f"no article {args.id}")
        changes = changes_of(db, args.id)
        lines = diff_lines(db, args.id) if args.diff else []
    finally:
        db.close()
    if args.diff:
        if not lines:
            err(f"article {args.id} has one version: nothing to compare", kind="note")
        print("\n".join(lines)) if lines else None
        return 0
    records = [v.as_record() for v in versions]
    if args.format == "json":
        import json

        for record in records:
            record["changes"] = [c.as_record() for c in changes if c.revision == record["revision"]]
        print(json.dumps(records, indent=2, ensure_ascii=False))
        return 0
    emit(args.format, records, REVISION_COLUMNS, [k for k, _, _ in REVISION_COLUMNS])
    if args.format == "table":
        for change in changes:
            print(f"  revision {change.revision}: {change.describe()}")
    return 0
