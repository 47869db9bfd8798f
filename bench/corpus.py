"""Build the benchmark corpus: deterministic generated news articles as files, and a
database of them made by the real ``nkwatch ingest``.

    .venv/bin/python bench/corpus.py --size 1k              # files + database
    .venv/bin/python bench/corpus.py --size 10k --files-only
    .venv/bin/python bench/corpus.py --size 2000 --big 0     # any number; no large ones

Files go to ``$NKWATCH_BENCH_DIR`` (default ``/tmp/nkwatch-bench``), never into the
repository: ``<dir>/corpus-<size>/`` holds folders of 1,000 ``.txt`` files, each folder
with a ``manifest.json`` giving every file's publication date and outlet, plus
``big/`` with the large articles (by default three: 1.2 MB and 2 MB in paragraphs, and
1 MB written as one single line). The database is ``<dir>/corpus-<size>.db``, built by
running ``nkwatch ingest`` on the folder: the rows are exactly what a user's ingest
stores (there is no separate fast path). The same size and seed always give the same
bytes.

The text: every article is a story about one of a dozen kinds of event (an offensive,
an evacuation, an election, an earthquake, a budget, a strike ...), in a place, with
named people and officials who claim figures, in 12-40 sentences of 3-8 paragraphs. A
quarter of the sentences come from the seed articles (real news text), 30% are prose
without figures (quotes, context), the rest are filled templates with figures in every common spelling (``12,000``, ``1.2 million``,
``up to 300``, ``between 40 and 60``), dates (weekdays, ``November 12``, ``last
week``, ``2023``), hedges and claimants. Some words are made rare on purpose, so
searches have something to find at each frequency: ``troops`` is common (nine
articles in ten), ``Budanov`` one in eight (from the seeds), ``hydrofoil`` rare (one in
150), and ``escalate`` /
``escalation`` / ``escalating`` give the prefix search ``escalat*`` something to match.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(os.environ.get("NKWATCH_BENCH_DIR", "/tmp/nkwatch-bench"))
PER_FOLDER = 1000

OUTLETS = [
    "Reuters", "Associated Press", "AFP", "BBC News", "Yonhap", "Kyiv Independent",
    "Al Jazeera", "The Guardian", "Deutsche Welle", "NHK", "Bloomberg", "Le Monde",
]  # fmt: skip
PLACES = [
    "Valencia", "Izmir", "Kherson", "Manila", "Lagos", "Porto Alegre", "Kathmandu",
    "Sylhet", "Oaxaca", "Bologna", "Tacloban", "Derna", "Herat", "Hokkaido", "Kharkiv",
    "Pyongyang", "Goma", "Mosul", "Aleppo", "Chittagong", "Cebu", "Antakya",
]  # fmt: skip
PEOPLE = [
    "Defence Minister Anna Kovalenko", "Governor Luis Ortega", "General Marek Nowak",
    "Prime Minister Sofia Lindqvist", "spokesman Ahmed Haddad", "Mayor Elena Petrova",
    "Interior Minister Kenji Watanabe", "commander Oleh Marchenko", "President Amara Diallo",
    "lawmaker Park Ji-won", "envoy Thomas Becker", "analyst Priya Raman",
]  # fmt: skip
OFFICIALS = [
    "the interior ministry", "the regional governor", "the UN refugee agency",
    "the electoral commission", "the finance minister", "local police", "the Red Cross",
    "state media", "the national weather service", "the defence ministry",
    "military intelligence", "the health ministry", "a senior official",
]  # fmt: skip
UNITS = [
    "people", "residents", "homes", "voters", "soldiers", "families", "buildings",
    "children", "ballots", "rescuers", "refugees", "workers", "patients", "vehicles",
]  # fmt: skip
EVENTS = [
    "offensive", "evacuation", "election", "earthquake", "budget", "strike", "flood",
    "ceasefire", "wildfire", "outbreak", "summit", "protest",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip

TEMPLATES = [
    "About {n:,} {unit} were evacuated from {place} on {weekday}, {official} said.",
    "{Official} said on {month} {day} that up to {n:,} {unit} could be moved to shelters.",
    "The earthquake, which struck {place} at 4:17 a.m. on {day} {month}, killed at least {k}.",
    "More than {n:,} {unit} remain without power, according to {official}.",
    "The election will be held on {weekday}, {month} {day}, and {n:,} {unit} have registered.",
    "Turnout reached {pct}% in {year}, up from {pct2}% in the previous vote.",
    "Parliament approved a budget of ${bn} billion for {year} last month.",
    "Spending will rise by {pct}% next year, {person} said on {weekday}.",
    "{Person} may announce new measures in {month}, officials said.",
    "Since {year}, the city has spent {bn} billion dollars on flood defences.",
    "Two days later, {official} reported that {k} {unit} were still missing.",
    "The storm made landfall on {month} {day}-{day2}, bringing winds of {k} km/h.",
    "In the first days of the {event}, between {k} and {n:,} {unit} sought help.",
    "Aid deliveries are expected to resume by {month}, the agency said yesterday.",
    "At a {month} {day} news conference in {place}, {person} gave a figure of {n:,}.",
    "The G20 and Group of 7 nations pledged {bn} billion dollars in early {year}.",
    "Rescue teams found {k} survivors on the same day, and another {k2} three weeks ago.",
    "Officials will review the plan in the last week of {month}.",
    '"We need {n:,} more tents," {person} told reporters in {place}.',
    "Roughly {pct}% of the {n:,} {unit} surveyed in {month} {year} said they would leave.",
    "{Person} said {m} million {unit} had been affected, a figure {official} disputed.",
    "Around {n:,} troops were moved towards {place} last week, {official} said.",
    "The {event} could escalate within days, {person} warned on {weekday}.",
    "Analysts fear an escalation of the {event} after {k} {unit} were killed near {place}.",
    "With violence escalating, {official} estimated that {n:,} {unit} had fled since {month}.",
    "Prices rose {pct}% in {month}, the fastest pace since {year}, {outlet} reported.",
    "Police put the crowd at {n:,}; organisers said it was closer to {n2:,}.",
    "The ministry said it had deployed {k} teams and {n:,} {unit} to {place}.",
    "As of {weekday}, {k} deaths and {n:,} injuries had been confirmed, {official} said.",
    "Nearly {pct}% of {unit} in {place} voted on {weekday}, according to {outlet}.",
]

PROSE = [  # sentences without figures: most of a news story is these
    "{Person} described the situation in {place} as difficult but under control.",
    "Residents said they had received little warning before the {event} began.",
    "The government has faced criticism over its handling of the {event}.",
    "{Official} declined to comment on the reports when contacted by {outlet}.",
    '"This is a turning point for the whole region," {person} said.',
    "Opposition leaders called for an independent inquiry into the response.",
    "Humanitarian groups have warned that conditions could worsen without more aid.",
    "It was not immediately clear who was responsible for the attack near {place}.",
    "Diplomats from several countries met behind closed doors to discuss the {event}.",
    "Local journalists described long queues outside the few shops still open.",
    "The claims could not be independently verified.",
    "{Person} urged people to follow the instructions of the emergency services.",
    "Critics say the measures come too late for many families in {place}.",
    "The ministry did not say when the roads would reopen.",
    "Schools and government offices in {place} remained closed on {weekday}.",
]

RARE = [  # (probability an article gets it, sentence)
    (
        0.007,
        "A hydrofoil carrying {k} {unit} reached {place} on {weekday}, {official} said,"
        " the first since {month}.",
    ),
    (
        0.02,
        "Intelligence officials in {place} said on {weekday} that {k} drones had been shot down.",
    ),
    (0.05, "The deployment of {n:,} soldiers near {place} began in {month}, {outlet} said."),
]


def _fill(rng: random.Random, template: str, place: str, event: str) -> str:
    official = rng.choice(OFFICIALS)
    person = rng.choice(PEOPLE)
    day = rng.randint(1, 27)
    return template.format(
        n=rng.choice([120, 1_500, 3_000, 12_000, 40_000, 250_000, 1_200_000]) + rng.randint(0, 99),
        n2=rng.choice([5_000, 20_000, 80_000, 300_000]) + rng.randint(0, 999),
        m=rng.choice(["1.2", "2", "3.5", "4.8", "10"]),
        k=rng.randint(2, 90),
        k2=rng.randint(2, 90),
        unit=rng.choice(UNITS),
        place=place if rng.random() < 0.7 else rng.choice(PLACES),
        event=event,
        official=official,
        Official=official[0].upper() + official[1:],
        person=person,
        Person=person[0].upper() + person[1:],
        outlet=rng.choice(OUTLETS),
        weekday=rng.choice(WEEKDAYS),
        month=rng.choice(MONTHS),
        day=day,
        day2=day + 1,
        year=rng.randint(2014, 2025),
        pct=rng.randint(2, 80),
        pct2=rng.randint(2, 80),
        bn=rng.randint(1, 90),
    )


def seed_sentences() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from store.extract.sentences import split_sentences

    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        body = path.read_text()
        out.extend(s.text for s in split_sentences(body) if len(s.text) > 30)
    return out


def article(rng: random.Random, seeds: list[str], n_sentences: int | None = None) -> str:
    """One article: a headline, then paragraphs of 2-6 sentences about one event."""
    place, event = rng.choice(PLACES), rng.choice(EVENTS)
    sentences = []
    for _ in range(n_sentences or rng.randint(12, 40)):
        roll = rng.random()
        if roll < 0.25:
            sentences.append(rng.choice(seeds))
        elif roll < 0.55:
            sentences.append(_fill(rng, rng.choice(PROSE), place, event))
        else:
            sentences.append(_fill(rng, rng.choice(TEMPLATES), place, event))
    for p, template in RARE:
        if rng.random() < p:
            sentences.insert(rng.randint(1, len(sentences)), _fill(rng, template, place, event))
    paragraphs, i = [], 1
    while i < len(sentences):
        k = rng.randint(2, 6)
        paragraphs.append(" ".join(sentences[i : i + k]))
        i += k
    headline = f"{place} {event}: " + sentences[0].rstrip(".")
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def big_article(rng: random.Random, seeds: list[str], size: int, one_line: bool) -> str:
    """About ``size`` bytes of story: paragraphs, or one line with no line break."""
    parts, total = [], 0
    while total < size:
        text = article(rng, seeds, 40).split("\n\n", 1)[1]
        text = " ".join(text.split()) if one_line else text
        parts.append(text)
        total += len(text) + 2
    title = f"A long report ({size // 1000} KB{', one line' if one_line else ''})"
    if one_line:
        return title + ": " + " ".join(parts) + "\n"
    return title + "\n\n" + "\n\n".join(parts)


BIG = [(1_200_000, False), (2_000_000, False), (1_000_000, True)]


def parse_size(text: str) -> int:
    text = text.lower().replace("_", "")
    if text.endswith("k"):
        return int(float(text[:-1]) * 1000)
    return int(text)


def size_name(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def write_corpus(n: int, folder: Path, *, seed: int = 7, big: int = len(BIG)) -> Path:
    """Write the corpus of ``n`` articles (and ``big`` large ones) under ``folder``;
    skip it when a complete one is there already (a ``.done`` file says so)."""
    done = folder / ".done"
    if done.exists() and done.read_text() == f"{n} {seed} {big}":
        return folder
    rng = random.Random(seed)
    seeds = seed_sentences()
    base = date(2023, 1, 1)
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, n, PER_FOLDER):
        sub = folder / f"part{start // PER_FOLDER:03d}"
        sub.mkdir(exist_ok=True)
        manifest = {}
        for i in range(start, min(n, start + PER_FOLDER)):
            name = f"a{i:06d}.txt"
            (sub / name).write_text(article(rng, seeds))
            published = base + timedelta(days=rng.randint(0, 1000))
            manifest[name] = {
                "published": published.isoformat(),
                "source_name": rng.choice(OUTLETS),
            }
        (sub / "manifest.json").write_text(json.dumps(manifest, indent=0))
    if big:
        sub = folder / "big"
        sub.mkdir(exist_ok=True)
        for k, (size, one_line) in enumerate(BIG[:big]):
            (sub / f"big{k}.txt").write_text(big_article(rng, seeds, size, one_line))
    done.write_text(f"{n} {seed} {big}")
    return folder


def ingest(folder: Path, db: Path, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    """Run the real ``nkwatch ingest`` on ``folder`` into ``db``; (seconds, process)."""
    env = dict(os.environ, NKWATCH_DB=str(db))
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "ingest", str(folder), *args],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    return time.perf_counter() - t0, proc


def stored(db: Path) -> int:
    """Articles in the database ``db`` (0 when there is none)."""
    if not db.exists():
        return 0
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="1k", help="articles: 1k, 10k, 100k or any number")
    ap.add_argument("--big", type=int, default=len(BIG), help="large articles (0-3)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--files-only", action="store_true", help="write the files, no database")
    ap.add_argument("--dir", type=Path, default=BENCH_DIR)
    a = ap.parse_args()
    n = parse_size(a.size)
    name = f"corpus-{size_name(n)}" + ("" if a.big == len(BIG) else f"-big{a.big}")
    t0 = time.perf_counter()
    folder = write_corpus(n, a.dir / name, seed=a.seed, big=a.big)
    print(f"files: {folder} ({time.perf_counter() - t0:.1f} s)")
    if a.files_only:
        return
    db = a.dir / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    seconds, proc = ingest(folder, db)
    print(f"database: {db} ({seconds:.1f} s, {n / seconds:.0f} articles/s, exit {proc.returncode})")
    if proc.returncode:
        print(proc.stderr[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
