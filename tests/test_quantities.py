"""Quantities and claims over a real database: the seeds, a story of our own, near-
duplicates, canonical claimants, merges and splits that persist, the CLI and exports."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from store import comparing, quantities
from store.compare.periods import period
from store.db import open_db
from store.ingest import ingest_sources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FLOOD = ROOT / "tests" / "data" / "stories" / "flood"
QUAKE = ROOT / "tests" / "data" / "stories" / "quake"


def ingest(db, *paths, **kw) -> None:
    outcomes = list(ingest_sources(db, [str(p) for p in paths], **kw))
    assert all(o.ok for o in outcomes), [o.message for o in outcomes if not o.ok]


@pytest.fixture
def seeded(db):
    ingest(db, SEEDS)
    quantities.prepare(db)
    return db


def troops(db) -> comparing.QuantityDetail:
    q = next(q for q in comparing.list_quantities(db) if q.name == "North Korea · troops")
    detail = comparing.quantity_detail(db, q.id)
    assert detail is not None
    return detail


def claim(detail, value, qualifier=None):
    found = [c for c in detail.claims if c.value == value and c.qualifier == qualifier]
    assert found, f"no claim {qualifier} {value}"
    return found[0]


def test_seeds_the_100000_claim_has_three_sources(seeded):
    detail = troops(seeded)
    c = claim(detail, 100_000, "max")
    assert (c.claimant, c.n_sources, c.articles, c.hedged) == ("G20", 3, (1, 2, 3), True)
    assert c.label == "bound"  # "up to 100,000" does not contradict what came before
    record = detail.claim_record(c)
    assert [k for k in comparing.CLAIM_KEYS] == list(record)[: len(comparing.CLAIM_KEYS)]
    assert {s["article_id"] for s in record["sources"]} == {1, 2, 3}


def test_seeds_a_near_duplicate_counts_once(db, tmp_path):
    """Seed 000 re-posted with other furniture replaces seed 001: the claim is carried by
    three articles but only two independent sources."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("000_cfacce3046a14ca6.txt", "002_2e8988af5cd44567.txt"):
        shutil.copy(SEEDS / name, folder / name)
    original = (SEEDS / "000_cfacce3046a14ca6.txt").read_text(encoding="utf-8")
    lines = original.splitlines()
    repost = "\n".join(["Kyiv wire: " + lines[0], *lines[1:], "Read more: Ukraine news"])
    (folder / "001_repost.txt").write_text(repost, encoding="utf-8")
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    manifest["001_repost.txt"] = {"published": "2024-11-18"}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    ingest(db, folder)
    quantities.prepare(db)
    dup = db.execute(
        "SELECT id, duplicate_of FROM articles WHERE source LIKE '%repost%'"
    ).fetchone()
    assert dup[1] == 1  # marked with its original
    c = claim(troops(db), 100_000, "max")
    assert len(c.articles) == 3 and c.n_sources == 2


def test_seeds_north_korean_troop_claims_in_time_order_with_labels(seeded):
    detail = troops(seeded)
    claims = detail.claims
    starts = [period(c.date)[0] for c in claims if period(c.date)]
    assert starts == sorted(starts)
    assert claims[0].label == "first"
    special = next(c for c in claims if c.scope == "special forces")
    assert (special.value, special.qualifier, special.label) == (1500, "approx", "scope")
    after = claims[claims.index(special) + 1]
    assert (after.value, after.label) == (3000, "scope")  # all troops, not special forces
    budanov = claim(detail, 11_000, "approx")
    assert budanov.claimant == "Kyrylo Budanov" and budanov.n_sources == 2
    assert budanov.date == "2024-10-18"
    ryder = next(c for c in claims if c.high == 12_000)
    assert (ryder.claimant, ryder.label) == ("Patrick Ryder", "projection")
    ponomarenko = claim(detail, 15_000, "approx")
    assert ponomarenko.label == "conflict"
    zelenskyy = {c.claimant for c in claims if "Zelensk" in (c.claimant or "")}
    assert zelenskyy == {"Volodymyr Zelenskyy"}  # Zelensky, Zelenskyy, Volodymyr Zelenskyy
    assert {c.label for c in claims} >= {"first", "scope", "same", "bound", "projection"}
    assert "projections up to 100,000 (G20)" in detail.quantity.summary


def test_own_story_rise_bound_and_conflict(db):
    ingest(db, FLOOD)
    quantities.prepare(db)
    killed = next(q for q in comparing.list_quantities(db) if q.unit_class == "killed")
    detail = comparing.quantity_detail(db, killed.id)
    got = [(c.value, c.qualifier, c.claimant, c.label) for c in detail.claims]
    assert got == [
        (12, None, "Rui Duarte", "first"),
        (31, None, "Rui Duarte", "rise"),  # "Duarte said": the full name seen before
        (38, None, "Riverton City Hospital", "conflict"),
        (60, "max", "Ana Berg", "bound"),  # "Commissioner Ana Berg"
    ]
    first = detail.claims[0]
    assert first.articles == (1, 3) and first.n_sources == 1  # 03 re-posts 01
    assert "disagree: Riverton City Hospital (38) vs Rui Duarte (31)" in killed.summary
    assert killed.n_sources == 2


def test_second_story_a_toll_over_its_floor_hospitals_disagreeing_a_bound_a_projection(db):
    """An earthquake: the minister's "at least 40" (Saturday), then 85 (Monday) while the
    hospitals count 112 the same day, the Red Cross gives an upper bound and warns of
    more; a wire re-post carries Saturday's figure again."""
    ingest(db, QUAKE)
    quantities.prepare(db)
    killed = next(q for q in comparing.list_quantities(db) if q.unit_class == "killed")
    detail = comparing.quantity_detail(db, killed.id)
    got = [(c.value, c.qualifier, c.hedged, c.claimant, c.label) for c in detail.claims]
    assert got == [
        (40, "min", False, "Lena Okafor", "first"),
        (85, None, False, "Lena Okafor", "rise"),  # above Saturday's floor
        (112, None, False, "Valmora Hospitals Association", "conflict"),
        (140, "max", False, "Red Cross", "bound"),
        (300, "max", True, "agency", "projection"),  # "could be dead": counted as killed
    ]
    first = detail.claims[0]
    assert first.articles == (1, 3) and first.n_sources == 1  # the re-post counts once
    assert (first.first_reported, first.last_reported) == ("2025-06-07", "2025-06-08")
    summary = detail.quantity.summary
    assert summary.startswith("Latest, 2025-06-09: 85 (Lena Okafor), 112 (Valmora")
    assert "projections up to 300 (agency)" in summary
    assert "disagree: Valmora Hospitals Association (112) vs Lena Okafor (85)" in summary


def test_surname_first_then_full_name_updates_the_canonical(db, tmp_path):
    (tmp_path / "a.txt").write_text("Storm\n\nAt least 30 people were killed, Duarte said.\n")
    (tmp_path / "b.txt").write_text(
        "Storm toll\n\nAt least 45 people were killed, Mayor Rui Duarte said on Friday.\n"
    )
    ingest(db, tmp_path / "a.txt", published=None)
    assert db.execute("SELECT claimant_canonical FROM figures").fetchone()[0] == "Duarte"
    ingest(db, tmp_path / "b.txt")
    names = {r[0] for r in db.execute("SELECT claimant_canonical FROM figures")}
    assert names == {"Rui Duarte"}


def test_figures_stored_before_quantities_existed_are_indexed(db):
    ingest(db, SEEDS)
    db.execute("UPDATE figures SET quantity_id = NULL, claimant_canonical = NULL")
    db.execute("DELETE FROM article_bands")
    db.execute("DELETE FROM quantities")
    db.conn.commit()
    quantities.prepare(db)
    assert db.execute("SELECT count(*) FROM figures WHERE quantity_id IS NULL").fetchone()[0] == 0
    assert claim(troops(db), 100_000, "max").n_sources == 3


def test_merge_and_split_persist_and_apply_to_later_figures(seeded, db_path, tmp_path):
    detail = troops(seeded)
    qid = detail.quantity.id
    new = quantities.split(seeded, qid, "scope", "special forces")
    moved = comparing.quantity_detail(seeded, new)
    assert moved.quantity.name == "North Korea · troops · special forces"
    assert all(c.scope == "special forces" for c in moved.claims)
    russia = next(q for q in comparing.list_quantities(seeded) if q.name == "Russia · troops")
    kept = quantities.merge(seeded, russia.id, qid)
    assert kept == qid and comparing.get_quantity(seeded, russia.id).id == qid  # old id follows
    seeded.close()
    # A later article: its special forces go to the split quantity, Russian troops to the merged.
    story = tmp_path / "later.txt"
    story.write_text(
        "More units\n\nAbout 2,000 North Korean special forces soldiers have arrived, "
        "Seoul said on Monday. Russia has 5,000 Russian troops nearby, officials said.\n"
    )
    db = open_db(db_path)
    ingest(db, story, published=None)
    quantities.prepare(db)
    assert any(c.value == 2000 for c in comparing.quantity_detail(db, new).claims)
    assert any(c.value == 5000 for c in comparing.quantity_detail(db, qid).claims)
    with pytest.raises(quantities.QuantityError):
        quantities.merge(db, qid, qid)
    with pytest.raises(quantities.QuantityError):
        quantities.split(db, qid, "unit", "no-such-unit")
    db.close()


def test_cli_quantities_claims_and_exports(cli, tmp_path):
    assert cli("ingest", str(FLOOD))[0] == 0
    code, out, err = cli("quantities", "--format", "json")
    assert code == 0, err
    records = json.loads(out)
    assert list(records[0])[:7] == list(comparing.QUANTITY_KEYS)
    killed = next(r for r in records if r["unit_class"] == "killed")
    assert (killed["name"], killed["n_claims"]) == ("killed", 4)
    code, out, _ = cli("quantities", "--search", "hospital")
    assert code == 0 and "killed" in out and "evacuated" not in out
    code, out, _ = cli("claims", str(killed["id"]))
    assert code == 0 and "conflict" in out and "Riverton City Hospital" in out
    code, out, _ = cli("claims", str(killed["id"]), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["label"] for r in rows] == ["first", "rise", "conflict", "bound"]
    code, out, err = cli("claims", "999")
    assert code == 1 and err.strip() == "nkwatch: error: no quantity 999 (see `nkwatch quantities`)"
    assert cli("claims", "abc")[0] == 2
    code, out, _ = cli("export", "--format", "markdown", "--quantity", str(killed["id"]))
    assert "> Riverton City Hospital said on Wednesday that 38 people had died" in out
    assert "*conflict*" in out
    path = tmp_path / "brief.json"
    code, _, err = cli("export", "--format", "json", "--search", "Riverton", "--out", str(path))
    assert code == 0 and "wrote" in err
    doc = json.loads(path.read_text())
    assert set(doc) == {"quantities", "claims", "figures", "timeline"}
    source = doc["claims"][0]["sources"][0]
    body = cli("articles", "--format", "json")[1]
    assert source["sentence"] and source["start"] < source["end"] and body
    code, out, _ = cli("export", "--format", "timelinejs", "--quantity", str(killed["id"]))
    events = json.loads(out)["events"]
    assert events and events[0]["start_date"] == {"year": "2025", "month": "3", "day": "10"}
    code, out, _ = cli("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["kind"] for r in rows} == {"claim", "date"}
    assert all(r["sentence"] for r in rows)
    assert cli("export", "--format", "csv", "--out", str(tmp_path / "no" / "dir.csv"))[0] == 1


def test_each_claim_says_its_first_and_latest_report_and_independent_sources(cli):
    assert cli("ingest", str(QUAKE))[0] == 0
    code, out, err = cli("claims", "1")
    assert code == 0, err
    header = out.splitlines()[1].split()
    assert header[header.index("SOURCES") + 1 : header.index("SOURCES") + 3] == [
        "FIRST", "LATEST",
    ]  # fmt: skip
    first_claim = out.splitlines()[2]
    assert "2025-06-07  2025-06-08" in first_claim  # the wire, then its re-post
    code, out, _ = cli("export", "--format", "markdown", "--quantity", "1")
    assert "1 independent source in 2 articles · first reported 2025-06-07, latest" in out
    assert "· 1 independent source · reported 2025-06-09" in out
    events = json.loads(cli("export", "--format", "timelinejs", "--quantity", "1")[1])["events"]
    first = events[0]["text"]["text"]
    assert "Lena Okafor said on Saturday" in first  # the sentence naming the claimant
    assert first.count("01-valmora-wire.txt") == 1  # each article cited once


def test_cli_merge_and_split(cli):
    assert cli("ingest", str(SEEDS))[0] == 0
    records = json.loads(cli("quantities", "--format", "json")[1])
    troops_id = next(r["id"] for r in records if r["name"] == "North Korea · troops")
    code, out, err = cli("split", str(troops_id), "--unit", "servicemen")
    assert code == 0, err
    assert "into quantity" in out
    code, out, err = cli("split", str(troops_id), "--unit", "servicemen")
    assert code == 1 and "no figure with unit 'servicemen'" in err
    new = int(out.split("into quantity ")[1].split()[0]) if "into quantity" in out else None
    records = json.loads(cli("quantities", "--format", "json")[1])
    split_id = next(r["id"] for r in records if r["name"].endswith("· servicemen"))
    assert new is None or new == split_id
    code, out, err = cli("merge", str(split_id), str(troops_id))
    assert code == 0 and f"into {troops_id}" in out
    assert cli("merge", "12345", str(troops_id))[0] == 1


def test_merge_and_split_survive_a_reextract(cli):
    assert cli("ingest", str(QUAKE))[0] == 0

    def named() -> dict[str, dict]:
        return {r["name"]: r for r in json.loads(cli("quantities", "--format", "json")[1])}

    before = named()
    killed, people = before["killed"]["id"], before["people"]["id"]
    code, out, err = cli("split", str(killed), "--claimant", "Red Cross")
    assert code == 0, err
    assert cli("merge", str(people), str(before["evacuated"]["id"]))[0] == 0
    after = named()
    assert "killed · Red Cross" in after and "people" not in after
    assert cli("reextract", "--all")[0] == 0
    again = named()
    assert {k: (v["id"], v["n_figures"]) for k, v in again.items()} == {
        k: (v["id"], v["n_figures"]) for k, v in after.items()
    }


def test_comparing_commands_do_not_import_textual(tmp_path):
    from tests.test_layering import fresh_python

    db = tmp_path / "t.db"
    code = (
        "import io, json, sys, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--db', {str(db)!r}, 'ingest', {str(FLOOD)!r}]) == 0\n"
        f"    assert main(['--db', {str(db)!r}, 'quantities', '--format', 'json']) == 0\n"
        f"    assert main(['--db', {str(db)!r}, 'claims', '1']) == 0\n"
        f"    assert main(['--db', {str(db)!r}, 'export', '--format', 'markdown']) == 0\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich'))))"
    )
    assert json.loads(fresh_python(code)) == []


def test_articles_name_their_original_and_figures_carry_the_canonical_claimant(cli):
    assert cli("ingest", str(FLOOD))[0] == 0
    articles = json.loads(cli("articles", "--format", "json")[1])
    assert [a["duplicate_of"] for a in articles] == [None, None, 1]
    figures = json.loads(cli("figures", "--format", "json")[1])
    duarte = [f for f in figures if f["claimant"] == "Duarte"]
    assert duarte and all(f["claimant_canonical"] == "Rui Duarte" for f in duarte)


def test_figures_search_finds_a_claimant_by_any_spelling(cli):
    assert cli("ingest", str(SEEDS))[0] == 0
    code, out, _ = cli("figures", "--search", "Zelensky", "--format", "json")
    written = {f["claimant"] for f in json.loads(out)}
    # "Zelenskyy" (seed 003) is not the word searched, but the same person.
    assert {"Zelenskyy", "Zelensky", "Volodymyr Zelenskyy"} <= written


def test_correcting_or_deleting_an_article_refreshes_its_quantities(cli):
    assert cli("ingest", str(FLOOD))[0] == 0
    killed = next(
        r
        for r in json.loads(cli("quantities", "--format", "json")[1])
        if r["unit_class"] == "killed"
    )
    assert killed["n_claims"] == 4
    assert cli("delete", "2")[0] == 0  # the Gazette: 31, 38 and up to 60 go
    after = {r["id"]: r for r in json.loads(cli("quantities", "--format", "json")[1])}
    assert after[killed["id"]]["n_claims"] == 1
    claims = json.loads(cli("claims", str(killed["id"]), "--format", "json")[1])
    assert claims[0]["date"] == "2025-03-10"
    assert cli("set", "1", "--published", "2025-04-01")[0] == 0
    claims = json.loads(cli("claims", str(killed["id"]), "--format", "json")[1])
    assert claims[0]["first_reported"] == "2025-03-10"  # the re-post (article 3) is older
    assert "2025-04-01" in claims[0]["last_reported"]
