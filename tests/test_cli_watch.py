"""``nkwatch watch``, ``rules``, ``alerts`` and ``revisions`` from the command line, on a
live local site (127.0.0.1 only)."""

from __future__ import annotations

import json
import shlex
import signal
import subprocess
import sys
import time

import pytest

from tests.livesite import LiveSite, rss
from tests.test_watch import TROOPS_1, TROOPS_2, live_page


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def site():
    live = LiveSite().start()
    live.put("/feed.xml", rss("Border Wire", [("Troops", "/troops-1.html", TROOPS_1)]),
             "application/rss+xml")  # fmt: skip
    live.put("/live.html", live_page(23))
    yield live
    live.stop()


def test_watch_list_add_remove(cli, site):
    feed, live = site.url("/feed.xml"), site.url("/live.html")
    code, out, err = cli("watch", "--list")
    assert (code, out) == (0, "") and "no watched sources" in err
    code, out, _ = cli("watch", "--add", feed, live)
    assert code == 0 and out.splitlines() == [
        f"added: {feed} (source 1)",
        f"added: {live} (source 2)",
    ]
    code, out, _ = cli("watch", "--add", feed)
    assert out == f"already watched: {feed} (source 1)\n"
    code, out, _ = cli("watch", "--list", "--format", "json")
    assert [s["url"] for s in json.loads(out)] == [feed, live]
    code, out, err = cli("watch", "--remove", "1", "https://nope.example/")
    assert code == 1 and out == f"removed: {feed}\n"
    assert err == "nkwatch: error: not watched: https://nope.example/\n"
    code, out, err = cli("watch", "--add", "ftp://x.example/feed")
    assert code == 1 and err.startswith("nkwatch: error: cannot watch ftp://x.example/feed: only")
    code, _, err = cli("watch", "--add")
    assert code == 2 and "--add needs at least one URL" in err


def test_watch_once_rules_alerts_and_revisions(cli, site, tmp_path):
    feed, live = site.url("/feed.xml"), site.url("/live.html")
    code, out, _ = cli("rules", "--add", "Kursk")
    assert (code, out) == (0, "added: rule 1 follows 'Kursk'\n")
    code, _, err = cli("rules", "--add", '"" *')
    assert code == 2 and "no words" in err
    code, out, err = cli("watch", "--once", feed, live)
    assert code == 0, err
    assert [line.split(" ", 1)[1] for line in out.splitlines()] == [
        f"stored: {site.url('/troops-1.html')} (article 1, 1 figure)",
        f"{feed}: 1 new",
        f"stored: {live} (article 2, 1 figure)",
        f"{live}: 1 new",
    ]
    site.put("/feed.xml", rss("Border Wire", [
        ("Budanov", "/troops-2.html", TROOPS_2), ("Troops", "/troops-1.html", TROOPS_1),
    ]), "application/rss+xml")  # fmt: skip
    site.put("/live.html", live_page(31))
    received = tmp_path / "alerts.jsonl"
    sink = tmp_path / "sink.py"
    sink.write_text(
        "import sys\nwith open(sys.argv[1], 'a') as f:\n    f.write(sys.stdin.read() + '\\n')\n"
    )
    command = shlex.join([sys.executable, str(sink), str(received)])
    code, out, err = cli("watch", "--once", "--exec", command)
    assert code == 0, err
    said = [line.split(" ", 1)[1] for line in out.splitlines()]
    assert said[0] == f"stored: {site.url('/troops-2.html')} (article 3, 1 figure)"
    assert said[1].startswith("alert: Kursk: new high: Up to 12,000 North Korean troops")
    assert f"revised: {live} (article 2, revision 2, 1 figure)" in said
    assert (
        "alert: Kursk: new high: 31 deaths (officials); above the highest known, 23 deaths "
        "(officials, article 2, revision 1)"
    ) in said
    assert f"nkwatch: note: {live}: figure changed: 31 deaths, was 23 in revision 1" in err
    sent = [json.loads(line) for line in received.read_text().splitlines()]
    assert [(a["kind"], a["value"], a["unit"]) for a in sent] == [
        ("new high", 12000, "troops"),
        ("new high", 31, "deaths"),
    ]

    code, out, _ = cli("alerts", "--format", "json")
    assert [a["id"] for a in json.loads(out)] == [2, 1]
    code, out, _ = cli("alerts", "--unseen", "--mark-seen")
    assert out.splitlines()[0].split() == ["ID", "WHEN", "RULE", "KIND", "VALUE", "UNIT",
                                           "CLAIMANT", "ART", "SENTENCE"]  # fmt: skip
    assert "12,000" in out
    code, out, err = cli("alerts", "--unseen")
    assert out == "" and "no alerts not yet seen" in err

    code, out, _ = cli("revisions", "2")
    assert out.splitlines()[-1] == "  revision 2: 31 deaths, was 23 in revision 1"
    code, out, _ = cli("revisions", "2", "--diff")
    assert out.splitlines() == [
        "- The death toll in the Kursk region rose to 23, officials said.",
        "+ The death toll in the Kursk region rose to 31, officials said.",
    ]
    code, out, _ = cli("revisions", "2", "--format", "json")
    [first, now] = json.loads(out)
    assert (first["current"], now["current"], now["changes"][0]["old_value"]) == (False, True, 23)
    code, _, err = cli("revisions", "99")
    assert code == 1 and err == "nkwatch: error: no article 99\n"


def test_ingest_of_a_changed_page_is_a_revision(cli, site):
    live = site.url("/live.html")
    assert cli("ingest", live)[0] == 0
    site.put("/live.html", live_page(31))
    code, out, err = cli("ingest", live)
    assert code == 0 and out.startswith(f"revised: {live} (article 1, revision 2, ")
    assert "figure changed" not in err and "figures changed: 31 deaths, was 23" in err
    code, out, _ = cli("articles", "--format", "json")
    assert len(json.loads(out)) == 1


def test_a_failing_alert_command_is_one_line(cli, site):
    cli("rules", "--add", "Kursk")
    cli("watch", "--once", site.url("/feed.xml"))
    site.put("/feed.xml", rss("Border Wire", [
        ("Budanov", "/troops-2.html", TROOPS_2), ("Troops", "/troops-1.html", TROOPS_1),
    ]), "application/rss+xml")  # fmt: skip
    code, out, err = cli("watch", "--once", "--exec", "exit 3")
    assert code == 1 and "alert: Kursk: new high" in out
    assert err == "nkwatch: error: alert command failed (exit 3): exit 3\n"


def test_alerts_exec_runs_the_command_per_alert_with_its_json(cli, site, tmp_path):
    """`nkwatch alerts --exec CMD`: for each alert listed, oldest first, CMD gets the
    alert as JSON on stdin and its message in $NKWATCH_ALERT."""
    cli("rules", "--add", "Kursk")
    cli("watch", "--once", site.url("/feed.xml"), site.url("/live.html"))
    site.put("/feed.xml", rss("Border Wire", [
        ("Budanov", "/troops-2.html", TROOPS_2), ("Troops", "/troops-1.html", TROOPS_1),
    ]), "application/rss+xml")  # fmt: skip
    site.put("/live.html", live_page(31))
    assert cli("watch", "--once")[0] == 0
    sink = tmp_path / "sink.py"
    sink.write_text(
        "import json, os, sys\n"
        "alert = json.load(sys.stdin)\n"
        "with open(sys.argv[1], 'a') as f:\n"
        "    f.write(json.dumps([alert['id'], alert['kind'], os.environ['NKWATCH_ALERT']]))\n"
        "    f.write('\\n')\n"
    )
    got = tmp_path / "got.jsonl"
    command = shlex.join([sys.executable, str(sink), str(got)])
    code, out, err = cli("alerts", "--format", "json", "--exec", command)
    assert (code, err) == (0, "")
    listed = json.loads(out)
    received = [json.loads(line) for line in got.read_text().splitlines()]
    assert [r[0] for r in received] == sorted(a["id"] for a in listed)  # oldest first
    by_id = {a["id"]: a for a in listed}
    for alert_id, kind, message in received:
        assert (kind, message) == (by_id[alert_id]["kind"], by_id[alert_id]["message"])
    code, _, err = cli("alerts", "--exec", "exit 4")
    assert code == 1 and err.count("alert command failed (exit 4)") == len(listed)


@pytest.mark.parametrize("moment", ["asleep", "fetching"])
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_a_watch_exits_130_with_one_line(site, tmp_path, how, moment):
    """Ctrl-C or SIGTERM, while the watch waits for its next poll or while a request
    hangs on a server that does not answer: gone within a second, status 130, one line
    (`interrupted` or `terminated`, as every command says), every article whole."""
    from tests.procs import MESSAGE, check_store, env

    site.slow_seconds = 30.0
    db_path = tmp_path / "w.db"
    urls = [site.url("/feed.xml"), site.url("/live.html")]
    if moment == "fetching":
        urls.append(site.url("/slow"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(db_path), "watch", *urls, "--every", "1h"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(),
    )  # fmt: skip
    lines = []
    for line in proc.stdout:  # wait until both were polled
        lines.append(line)
        if f"{site.url('/live.html')}: 1 new" in line:
            break
    if moment == "fetching":  # ... and the third request hangs
        deadline = time.monotonic() + 30
        while not site.hits("/slow") and time.monotonic() < deadline:
            time.sleep(0.02)
        assert site.hits("/slow")
        time.sleep(0.2)
    else:
        time.sleep(0.3)  # asleep until the next poll
    started = time.monotonic()
    proc.send_signal(how)
    proc.wait(timeout=30)
    elapsed = time.monotonic() - started
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err == f"nkwatch: error: {MESSAGE[how]}\n"
    assert elapsed < 1.0, elapsed
    assert f"watching {len(urls)} sources every 1 h (Ctrl-C stops)" in lines[0]
    store = check_store(db_path)
    assert (store["articles"], store["integrity"], store["partial"]) == (2, "ok", 0)
    assert store["fts_ok"]
    import sqlite3

    db = sqlite3.connect(db_path)
    assert db.execute("SELECT value FROM watch_state WHERE key = 'heartbeat'").fetchone() == (None,)
    db.close()


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_watch_stopped_while_it_stores_leaves_every_article_whole(site, tmp_path, how):
    """The signal lands while a feed's items are being stored: each article is there
    with all its figures or not at all, and every one reported stored is there."""
    from tests.procs import MESSAGE, check_store, env, wait_for_line

    items = [
        (f"Convoy {n}", f"/convoy-{n}.html",
         "".join(f"<p>About {1000 + 17 * n + k:,} soldiers crossed bridge {k} near Sudzha "
                 f"on Monday, and {n + k + 2} villages were evacuated, officials said.</p>"
                 for k in range(12)))
        for n in range(150)
    ]  # fmt: skip
    site.put("/big.xml", rss("Border Wire", items), "application/rss+xml")
    db_path = tmp_path / "stop.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(db_path), "watch", site.url("/big.xml")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(),
    )  # fmt: skip
    printed = [wait_for_line(proc.stdout, lambda line: " stored: " in line)]
    printed.append(proc.stdout.readline())
    started = time.monotonic()
    proc.send_signal(how)
    proc.wait(timeout=30)
    elapsed = time.monotonic() - started
    out, err = proc.communicate(timeout=30)
    printed += out.splitlines()
    assert proc.returncode == 130 and err == f"nkwatch: error: {MESSAGE[how]}\n"
    assert elapsed < 1.0, elapsed
    stored = [line for line in printed if " stored: " in line]
    store = check_store(db_path)
    assert store["integrity"] == "ok" and store["fts_ok"] and store["partial"] == 0
    assert len(stored) <= store["articles"] <= len(stored) + 1 < 150


def test_a_second_watch_on_one_database_is_refused(cli, site, db_path):
    from store import watch
    from store.db import open_db

    db = open_db(db_path)
    watch.add_source(db, site.url("/feed.xml"), time.time())
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        watch.set_state(db, heartbeat=watch.iso(time.time()), every=600, pid=sleeper.pid)
        code, _, err = cli("watch")
        assert (
            code == 1
            and f"a watch is already running on this database (process {sleeper.pid})" in err
        )
    finally:
        sleeper.kill()
        sleeper.wait()
    code, _, err = cli("watch", "--once")  # --once is no watch of its own: it may run
    assert code == 0, err
    db.close()


def test_rules_follow_a_quantity(cli, site, db_path):
    import sqlite3

    cli("ingest", site.url("/feed.xml"))
    [(qid,)] = sqlite3.connect(db_path).execute(
        "SELECT id FROM quantities WHERE name = 'North Korea · troops'"
    )
    code, out, _ = cli("rules", "--add-quantity", str(qid))
    assert (code, out) == (0, "added: rule 1 follows 'North Korea · troops'\n")
    code, out, _ = cli("rules", "--format", "json")
    assert [(r["kind"], r["name"]) for r in json.loads(out)] == [
        ("quantity", "North Korea · troops")
    ]
    code, _, err = cli("rules", "--add-quantity", "999")
    assert code == 1 and err == "nkwatch: error: no quantity 999 (nkwatch quantities lists them)\n"
