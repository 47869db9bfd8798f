"""The nkwatch command line: formats, the JSON contract, exit codes, safe search."""

from __future__ import annotations

import csv
import io
import json
import sys
import types
from pathlib import Path

import pytest

from store.db import open_db
from store.extract.models import DateExpr, Extraction, Figure
from store.ingest import store_article
from store.queries import FIGURE_KEYS, TIMELINE_KEYS, fts_query, match_spans
from tui import cli as cli_mod

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "003_18f0df8674141607.txt"

BODY = (
    "Seoul says up to 12,000 troops may follow\n\n"
    "South Korea's spy agency said on October 23 that 3,000 troops had arrived. "
    "About 10,000 to 12,000 more could follow by December.\n"
    "Turnout was 12.5 percent."
)


def known_article(db_path, source="known.txt"):
    """An article with hand-made figures and dates, independent of extraction quality."""
    body = BODY
    s2, s3 = body.index("About"), body.index("Turnout")
    i, j, k = body.index("3,000 troops"), body.index("About 10,000"), body.index("October 23")
    first_end = body.index("arrived.") + len("arrived.")
    s2_end = body.index("December.") + len("December.")
    extraction = Extraction(
        figures=[
            Figure("3,000 troops", i, i + 12, 3000.0, None, None, "troops", "North Korea",
                   "South Korea's spy agency", False, "2024-10-23", body.index("South"), first_end),
            Figure("About 10,000 to 12,000", j, j + 22, 10000.0, 12000.0, "approx", "troops",
                   None, None, True, None, s2, s2_end, vague=False),
            Figure("12.5 percent", s3 + 12, s3 + 24, 12.5, None, None, "percent", None, None,
                   False, None, s3, len(body)),
        ],
        dates=[
            DateExpr("December", body.index("December"), body.index("December") + 8, "2024-12",
                     None, "month", s2, s2_end),
            DateExpr("October 23", k, k + 10, "2024-10-23", None, "day", body.index("South"),
                     first_end),
        ],
    )  # fmt: skip
    return plain_article(db_path, source, body, extraction)


def plain_article(db_path, source, body, extraction=None):
    db = open_db(db_path)
    aid = store_article(
        db, source=source, title=body.split("\n")[0], body=body, published=None,
        published_inferred=False, source_name=None, extraction=extraction or Extraction([], []),
    )  # fmt: skip
    db.close()
    return aid


def test_ingest_prints_one_line_per_input_and_exit_status(cli, tmp_path):
    code, out, err = cli("ingest", str(SEED), "--published", "2024-10-23")
    assert code == 0 and err == ""
    assert out.startswith(f"stored: {SEED} (") and out.endswith(" dates)\n")
    code, out, err = cli("ingest", str(SEED))
    assert (code, out, err) == (0, f"already stored: {SEED} (article 1)\n", "")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = cli("ingest", str(tmp_path / "nope.txt"), str(empty), str(SEEDS))
    assert code == 1
    assert err.splitlines() == [
        f"nkwatch: error: {tmp_path / 'nope.txt'}: no such file or folder",
        f"nkwatch: error: {empty}: empty file",
    ]
    assert out.count("stored: ") == 5 and out.count("already stored: ") == 1


def test_non_utf8_note_goes_to_stderr(cli, tmp_path):
    f = tmp_path / "legacy.txt"
    f.write_bytes("Caf\u00e9 report\n\nThe ministry said 500 troops moved.".encode("cp1252"))
    code, out, err = cli("ingest", str(f))
    assert code == 0 and out.startswith("stored: ")
    assert err == f"nkwatch: note: {f}: not UTF-8; decoded as Windows-1252\n"


@pytest.mark.parametrize(
    "args",
    [
        ["ingest"],
        ["ingest", "x.txt", "--published", "18/11/2024"],
        ["ingest", "x.txt", "--published", "2024-02-30"],
        ["figures", "--format", "xml"],
        ["figures", "--article", "abc"],
        ["frobnicate"],
        ["search", '"', "("],
        ["figures", "--search", "AND"],
    ],
)
def test_usage_errors_exit_2_without_traceback(cli, args):
    code, out, err = cli(*args)
    assert code == 2
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("nkwatch")


def test_figures_json_has_the_contract_keys_and_offsets(cli, db_path):
    known_article(db_path)
    code, out, _ = cli("figures", "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert [r["text"] for r in records] == [
        "3,000 troops",
        "About 10,000 to 12,000",
        "12.5 percent",
    ]
    for r in records:
        assert list(r)[: len(FIGURE_KEYS)] == list(FIGURE_KEYS)
        assert r["source"] == "known.txt" and r["article_id"] == 1
        assert BODY[r["start"] : r["end"]] == r["text"]
        assert r["text"] in r["sentence"]
        assert isinstance(r["hedged"], bool)
    troops, rng, pct = records
    assert pct["value"] == 12.5
    assert troops["value"] == 3000 and isinstance(troops["value"], int)
    assert troops["sentence"] == (
        "South Korea's spy agency said on October 23 that 3,000 troops had arrived."
    )
    assert (troops["actor"], troops["claimant"], troops["date"]) == (
        "North Korea",
        "South Korea's spy agency",
        "2024-10-23",
    )
    assert (rng["value"], rng["high"], rng["qualifier"], rng["hedged"]) == (
        10000,
        12000,
        "approx",
        True,
    )


def test_timeline_json_is_in_date_order_with_contract_keys(cli, db_path):
    known_article(db_path)
    code, out, _ = cli("timeline", "--format", "json")
    records = json.loads(out)
    assert [r["value"] for r in records] == ["2024-10-23", "2024-12"]
    for r in records:
        assert list(r)[: len(TIMELINE_KEYS)] == list(TIMELINE_KEYS)
        assert BODY[r["start"] : r["end"]] == r["text"]
    assert records[1]["granularity"] == "month" and records[1]["end_value"] is None


def test_csv_has_a_header_and_one_row_per_record(cli, db_path):
    known_article(db_path)
    code, out, _ = cli("figures", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3
    assert list(rows[0])[: len(FIGURE_KEYS)] == list(FIGURE_KEYS)
    assert rows[0]["value"] == "3000" and rows[0]["hedged"] == "false"
    assert rows[1]["high"] == "12000" and rows[1]["hedged"] == "true"
    assert rows[2]["value"] == "12.5"
    code, out, err = cli("timeline", "--format", "csv", "--search", "zebra")
    assert (code, out.strip()) == (0, ",".join(TIMELINE_KEYS))
    assert err == "nkwatch: note: no matches for 'zebra'\n"


def test_table_is_aligned_and_one_line_per_record(cli, db_path):
    known_article(db_path)
    code, out, _ = cli("figures")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    assert lines[0].split()[:3] == ["ART", "VALUE", "HIGH"]
    assert "10,000" in lines[2] and "12,000" in lines[2] and "approx" in lines[2]
    code, out, _ = cli("articles")
    assert "Seoul says" in out.splitlines()[1]
    code, out, _ = cli("timeline")
    assert out.splitlines()[1].startswith("2024-10-23")


def test_filters_by_article_and_search(cli, db_path):
    known_article(db_path)
    plain_article(db_path, "other.txt", "Rain in Spain\n\nIt rained 30 days, 2 more than usual.")
    code, out, _ = cli("figures", "--format", "json", "--article", "1")
    assert {r["article_id"] for r in json.loads(out)} == {1}
    # "arrive" finds "arrived" (porter stemming); only the figure in that sentence.
    code, out, _ = cli("figures", "--format", "json", "--search", "arrive")
    assert [r["text"] for r in json.loads(out)] == ["3,000 troops"]
    code, out, _ = cli("timeline", "--format", "json", "--search", "follow")
    assert [r["text"] for r in json.loads(out)] == ["December"]
    code, out, _ = cli("articles", "--format", "json", "--search", "rain*")
    assert [r["source"] for r in json.loads(out)] == ["other.txt"]


def test_search_prints_articles_with_matching_sentences(cli, db_path):
    known_article(db_path)
    code, out, _ = cli("search", "spy", "agency")
    assert code == 0
    assert out.splitlines() == [
        "[1] Seoul says up to 12,000 troops may follow  (date unknown; known.txt)",
        "    South Korea's spy agency said on October 23 that 3,000 troops had arrived.",
    ]
    code, out, _ = cli("search", "troop", "--format", "json")
    (hit,) = json.loads(out)
    assert hit["article_id"] == 1 and len(hit["sentences"]) == 2
    assert [BODY[s:e] for s, e in hit["spans"]] == ["troops", "troops"]
    code, out, _ = cli("search", "troops", "--format", "csv")
    assert out.splitlines()[0] == "article_id,source,title,start,end,sentence"


@pytest.mark.parametrize(
    "query",
    ['"', "AND", "*", "-", "(", ")", "troops AND", "NEAR(", "'", '"troops', "troops OR -",
     "^", "a:b", "Зеленський", "日本語", "\u200b", "🙂", "10,000-12,000", "**troops**", "NOT"],
)  # fmt: skip
def test_any_search_text_is_safe(cli, db_path, query):
    known_article(db_path)
    code, out, err = cli("search", query, "--format", "json")
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 0:
        assert isinstance(json.loads(out), list)
    code, out, err = cli("figures", "--search", query, "--format", "json")
    assert code in (0, 2) and "Traceback" not in err


def test_fts_query_quotes_tokens_and_keeps_prefixes():
    assert fts_query("troops") == '"troops"'
    assert fts_query("troop* Kursk") == '"troop"* "Kursk"'
    assert fts_query('"North Korea" AND (Kursk') == '"North Korea" "Kursk"'
    assert fts_query("Ha-kyou 10,000") == '"Ha kyou" "10 000"'
    assert fts_query('" ( ) AND OR NOT * -') is None
    assert fts_query("") is None and fts_query(None) is None


def test_match_spans_are_body_offsets_of_stemmed_matches(db_path):
    aid = known_article(db_path)
    db = open_db(db_path)
    spans = match_spans(db, aid, "troop")
    assert [BODY[s:e] for s, e in spans] == ["troops", "troops"]
    assert [BODY[s:e] for s, e in match_spans(db, aid, '"spy agency"')] == ["spy agency"]
    assert [BODY[s:e] for s, e in match_spans(db, aid, "agency spy")] == ["spy", "agency"]
    assert match_spans(db, aid, "nothing-here") == []
    assert match_spans(db, aid, '"') == []
    db.close()


def test_db_option_after_the_command_and_env_default(cli, tmp_path, monkeypatch, capsys):
    other = tmp_path / "other.db"
    known_article(other)
    assert cli_mod.main(["figures", "--db", str(other), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    monkeypatch.setenv("NKWATCH_DB", str(other))
    assert cli_mod.main(["articles", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_listing_a_new_database_is_empty_not_seeded(cli, db_path):
    code, out, _ = cli("articles", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_unusable_database_is_one_error_line(cli, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database" * 100)
    code, out, err = cli("articles", db=bad)
    assert code == 1 and out == ""
    assert err == f"nkwatch: error: {bad}: not an SQLite database\n"


def test_unexpected_errors_and_interrupts_are_one_line(monkeypatch, capsys):
    def boom(argv):
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr(cli_mod, "run", boom)
    assert cli_mod.main([]) == 1
    assert capsys.readouterr().err == "nkwatch: error: unexpected RuntimeError: something broke\n"

    def interrupted(argv):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_mod, "run", interrupted)
    assert cli_mod.main([]) == 130
    assert capsys.readouterr().err == "nkwatch: error: interrupted\n"  # one line, no blank

    def terminated(argv):
        raise cli_mod.Terminated

    monkeypatch.setattr(cli_mod, "run", terminated)
    assert cli_mod.main([]) == 130
    assert capsys.readouterr().err == "nkwatch: error: terminated\n"


def test_no_command_seeds_then_opens_the_dashboard(db_path, monkeypatch, capsys):
    monkeypatch.setattr("tui.cli.dashboard.has_terminal", lambda: True)
    opened = []
    fake = types.ModuleType("tui.app")
    fake.run_dashboard = lambda path: opened.append(Path(path))
    monkeypatch.setitem(sys.modules, "tui.app", fake)
    assert cli_mod.main(["--db", str(db_path)]) == 0
    assert opened == [db_path]
    db = open_db(db_path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    db.close()


def test_dashboard_missing_is_one_line(db_path, monkeypatch, capsys):
    monkeypatch.setattr("tui.cli.dashboard.has_terminal", lambda: True)
    monkeypatch.setitem(sys.modules, "tui.app", None)
    assert cli_mod.main(["--db", str(db_path)]) == 0
    assert "dashboard is not available" in capsys.readouterr().out


def test_screenshots_subcommand_calls_the_tui_module(monkeypatch, capsys):
    seen = []
    fake = types.ModuleType("tui.screenshots")
    fake.main = lambda out: seen.append(out) or 0
    monkeypatch.setitem(sys.modules, "tui.screenshots", fake)
    assert cli_mod.main(["screenshots", "--out", "/tmp/shots"]) == 0
    assert seen == ["/tmp/shots"]


def test_query_functions_return_frozen_records(db_path):
    import dataclasses

    from store.queries import get_article, list_articles, list_figures, search_articles

    aid = known_article(db_path)
    db = open_db(db_path)
    detail = get_article(db, aid)
    assert detail.body == BODY and detail.n_figures == 3 and detail.n_dates == 2
    assert detail.as_contract()["body"] == BODY
    assert get_article(db, 999) is None
    (row,) = list_articles(db)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.title = "changed"
    assert list_articles(db, search="nowhere") == [] and list_articles(db, search='"') == []
    assert [f.text for f in list_figures(db, article_id=aid)][0] == "3,000 troops"
    assert [h.article.id for h in search_articles(db, "spy*")] == [aid]
    db.close()


def test_search_also_finds_figures_by_their_claimant(cli, db_path):
    body = "Kyrylo Budanov said 11,000 troops are training. He added that 2,600 soldiers left."
    b = body.index("Kyrylo Budanov")
    s2 = body.index("He added")
    i, j = body.index("11,000 troops"), body.index("2,600 soldiers")
    extraction = Extraction(
        figures=[
            Figure("11,000 troops", i, i + 13, 11000.0, None, None, "troops", None,
                   "Kyrylo Budanov", False, None, 0, s2 - 1, claimant_start=b, claimant_end=b + 14),
            Figure("2,600 soldiers", j, j + 14, 2600.0, None, None, "soldiers", None,
                   "Kyrylo Budanov", False, None, s2, len(body), claimant_start=b, claimant_end=b + 14),
        ],
        dates=[],
    )  # fmt: skip
    plain_article(db_path, "budanov.txt", body, extraction)
    code, out, _ = cli("figures", "--format", "json", "--search", "Budanov")
    assert [r["text"] for r in json.loads(out)] == ["11,000 troops", "2,600 soldiers"]
    code, out, _ = cli("figures", "--format", "json", "--search", "left")
    assert [r["text"] for r in json.loads(out)] == ["2,600 soldiers"]
