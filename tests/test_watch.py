"""The watch: feeds and pages on a live local site that change between polls, polled by a
loop that a test clock drives (nothing here sleeps to wait for the loop)."""

from __future__ import annotations

import json
import socket

import pytest

from store import alerts, revisions, watch
from store.sources.poll import Poller
from store.watcher import Watcher
from tests.livesite import LiveSite, page, rss

EVERY = 600.0


class StepClock:
    """Time that moves only when the watch sleeps (or the test says so)."""

    def __init__(self, start: float = 1_732_000_000.0) -> None:
        self.now = start
        self.naps: list[float] = []
        self.while_asleep: list = []  # called (then dropped) at the next nap of a minute or more

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.naps.append(seconds)
        self.now += max(seconds, 0)
        if seconds >= 60 and self.while_asleep:
            self.while_asleep.pop(0)()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def site():
    live = LiveSite().start()
    yield live
    live.stop()


@pytest.fixture
def clock():
    return StepClock()


def watcher_for(db, clock, events: list | None = None, **poller_options) -> Watcher:
    poller = Poller(clock, timeout=poller_options.pop("timeout", 5.0), spacing=1.0)
    sink = events.append if events is not None else None
    return Watcher(db, poller, every=EVERY, on_event=sink)


TROOPS_1 = (
    "<p>About 3,000 North Korean troops have arrived in the Kursk region, South Korea's spy "
    "agency said on Monday.</p>"
)
TROOPS_2 = (
    "<p>Up to 12,000 North Korean troops are now fighting in the Kursk region, Kyrylo Budanov "
    "said on Thursday.</p>"
)
TOLL_PARAGRAPHS = (
    "Russian strikes hit the town of Sudzha overnight, damaging the hospital and the market.",
    "The death toll in the Kursk region rose to {n}, officials said.",
    "Rescue teams were still searching collapsed buildings in the centre of the town.",
)


def live_page(toll: int) -> str:
    paragraphs = [p.format(n=toll) for p in TOLL_PARAGRAPHS]
    return page("Strikes on Sudzha", *paragraphs)


def test_a_watch_stores_new_items_alerts_on_a_new_high_and_keeps_revisions(db, site, clock):
    """Done when: a feed gains an item and a page changes between polls; the watch shows
    the new articles, an alert for a new high, and a revision with its changed figure."""
    site.put("/feed.xml", rss("Border Wire", [("Troops arrive", "/troops-1.html", TROOPS_1)]),
             "application/rss+xml")  # fmt: skip
    site.put("/live.html", live_page(23))
    for url in (site.url("/feed.xml"), site.url("/live.html")):
        watch.add_source(db, url, clock.time())
    alerts.add_rule(db, "Kursk")
    events: list = []
    watcher = watcher_for(db, clock, events)

    watcher.run(rounds=1)
    lines = [e.line for e in events]
    assert f"stored: {site.url('/troops-1.html')} (article 1, 1 figure)" in lines
    assert f"stored: {site.url('/live.html')} (article 2, 1 figure)" in lines
    assert alerts.list_alerts(db) == []  # nothing was known before: nothing to go beyond
    assert db.execute("SELECT id FROM articles WHERE unseen = 1").fetchall() == [(1,), (2,)]

    # While the watch sleeps, the feed gains an item and the page's toll rises.
    def news() -> None:
        site.put("/feed.xml", rss("Border Wire", [
            ("Budanov: 12,000", "/troops-2.html", TROOPS_2),
            ("Troops arrive", "/troops-1.html", TROOPS_1),
        ]), "application/rss+xml")  # fmt: skip
        site.put("/live.html", live_page(31))
        events.clear()

    clock.while_asleep.append(news)
    clock.naps.clear()
    watcher.run(rounds=1)  # nothing is due yet: it sleeps until something is, then polls
    # 599 s until the first source is due (a second went on spacing the first poll's two
    # requests to this host), then the same second between the second poll's requests.
    assert sum(clock.naps) == pytest.approx(EVERY) and clock.naps[-1] == 1.0
    assert max(clock.naps) == 60  # it wakes every minute: a source added meanwhile is seen
    lines = [e.line for e in events]
    assert f"stored: {site.url('/troops-2.html')} (article 3, 1 figure)" in lines
    assert f"revised: {site.url('/live.html')} (article 2, revision 2, 1 figure)" in lines
    assert f"{site.url('/live.html')}: figure changed: 31 deaths, was 23 in revision 1" in lines
    assert f"{site.url('/feed.xml')}: 1 new, 1 unchanged" in lines

    # The new high: 12,000 troops above the 3,000 known; and the toll's rise, 31 over 23.
    raised = {(a.kind, a.value, a.unit, a.claimant) for a in alerts.list_alerts(db)}
    assert raised == {
        ("new high", 12000, "troops", "Kyrylo Budanov"),
        ("new high", 31, "deaths", "officials"),
    }
    [troops] = [a for a in alerts.list_alerts(db) if a.unit == "troops"]
    assert troops.message.startswith("Kursk: new high: Up to 12,000 North Korean troops")
    assert troops.known["value"] == 3000 and troops.known["article_id"] == 1
    assert troops.sentence.startswith("Up to 12,000 North Korean troops")
    assert [e.alert.id for e in events if e.kind == "alert"] == sorted(
        a.id for a in alerts.list_alerts(db)
    )

    # The revision: same article, the old text kept, the changed figure marked.
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    history = revisions.revisions_of(db, 2)
    assert [(r.number, r.current) for r in history] == [(1, False), (2, True)]
    [change] = revisions.changes_of(db, 2)
    assert (change.old_value, change.new_value, change.unit) == (23, 31, "deaths")
    assert change.describe() == "31 deaths, was 23 in revision 1"
    assert revisions.diff_lines(db, 2) == [
        "- The death toll in the Kursk region rose to 23, officials said.",
        "+ The death toll in the Kursk region rose to 31, officials said.",
    ]
    now_figure = db.execute("SELECT value FROM figures WHERE id = ?", [change.figure_id])
    assert now_figure.fetchone() == (31.0,)

    # A third poll: both answer "304 Not Modified" to the validators they gave.
    events.clear()
    clock.sleep(EVERY)
    watcher.poll_due()
    assert [e.line for e in events] == [
        f"{site.url('/feed.xml')}: not modified",
        f"{site.url('/live.html')}: not modified",
    ]
    assert site.hits("/feed.xml")[-1]["If-None-Match"].startswith('"')
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_the_linked_pages_of_a_feed_are_fetched_once(db, site, clock):
    site.put("/a.html", page("Alpha", "About 500 soldiers crossed the river near Sudzha, "
                             "the regional governor said on Monday."))  # fmt: skip
    site.put("/feed.xml", rss("W", [("Alpha", "/a.html", "Teaser only.")]), "application/rss+xml")
    watch.add_source(db, site.url("/feed.xml"), clock.time())
    watcher = watcher_for(db, clock)
    watcher.poll_due()
    site.put("/feed.xml", rss("W", [("Alpha", "/a.html", "A new teaser.")]), "application/rss+xml")
    clock.sleep(EVERY)
    watcher.poll_due()
    assert len(site.hits("/feed.xml")) == 2 and len(site.hits("/a.html")) == 1


def test_requests_to_one_host_are_spaced(db, site, clock):
    site.put("/a.html", page("Alpha", "About 500 soldiers crossed the river near Sudzha, "
                             "the regional governor said on Monday."))  # fmt: skip
    site.put("/b.html", page("Beta", "Some 40 people were evacuated from the border villages, "
                             "officials said on Tuesday."))  # fmt: skip
    for path in ("/a.html", "/b.html"):
        watch.add_source(db, site.url(path), clock.time())
    watcher_for(db, clock).poll_due()
    assert clock.naps == [1.0]  # the second request waited its turn


def test_a_bad_source_gets_one_line_and_a_later_retry(db, site, clock):
    """Down, slow, malformed, redirecting in a loop, failing: each is one status line; the
    good source is still read; each is tried again later, later after each failure."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    site.slow_seconds = 1.5
    site.put("/malformed.xml", "<rss><channel><item><title>Broken", "application/rss+xml")
    site.put("/good.html", page("Good", "About 500 soldiers crossed the river near Sudzha, "
                                "the regional governor said on Monday."))  # fmt: skip
    bad = {
        f"http://127.0.0.1:{closed}/feed.xml": "connection refused",
        site.url("/slow"): "timed out after 0.5 s",
        site.url("/malformed.xml"): "malformed feed",
        site.url("/loop"): "HTTP 302 too many redirects",
        site.url("/error"): "HTTP 500",
    }
    for url in [*bad, site.url("/good.html")]:
        watch.add_source(db, url, clock.time())
    events: list = []
    watcher = Watcher(
        db, Poller(clock, timeout=0.5, spacing=0), every=EVERY, on_event=events.append
    )
    watcher.poll_due()
    failed = [e.line for e in events if e.kind == "failed"]
    assert len(failed) == len(bad)
    for line, (url, reason) in zip(failed, bad.items(), strict=True):
        assert url in line and reason in line and "\n" not in line, line
        assert line.endswith("(trying again in 10 min)")
    assert f"stored: {site.url('/good.html')} (article 1, 1 figure)" in [e.line for e in events]
    by_url = {s.url: s for s in watch.list_sources(db)}
    start = clock.time()
    for url in bad:
        assert by_url[url].failures == 1 and by_url[url].next_poll == pytest.approx(
            start + EVERY, abs=5
        )
    # The next failure waits twice as long; success resets.
    clock.sleep(EVERY)
    events.clear()
    watcher.poll_due()
    failed = [e.line for e in events if e.kind == "failed"]
    assert len(failed) == 5 and all(line.endswith("(trying again in 20 min)") for line in failed)
    status = watch.watch_status(db, clock.time())
    assert (status.n_sources, status.n_failing, len(status.problems)) == (6, 5, 5)
    for line, url in zip(status.problems, bad, strict=True):  # each names its source once
        assert line.count(url) == 1, line


def test_watched_sources_live_in_the_database(db, clock):
    first, added = watch.add_source(db, "https://a.example/feed.xml", clock.time())
    again, added_again = watch.add_source(db, " https://a.example/feed.xml ", clock.time())
    assert added and not added_again and first.id == again.id
    watch.add_source(db, "https://b.example/page.html", clock.time())
    assert [s.url for s in watch.list_sources(db)] == [
        "https://a.example/feed.xml",
        "https://b.example/page.html",
    ]
    assert watch.remove_source(db, str(first.id)).url == "https://a.example/feed.xml"
    assert watch.remove_source(db, "https://b.example/page.html") is not None
    assert watch.remove_source(db, "https://nope.example/") is None
    assert watch.list_sources(db) == []


def test_backoff_doubles_and_is_capped():
    assert [watch.backoff(600, n) for n in range(5)] == [600, 600, 1200, 2400, 4800]
    assert watch.backoff(600, 30) == watch.MAX_BACKOFF
    assert watch.backoff(86400, 3) == 86400  # never more often than the period


def test_an_interrupted_store_leaves_nothing_half_written(db, site, clock):
    """An interrupt inside the article's transaction (here: while its alerts are checked)
    rolls the whole article back; the next poll stores it whole."""
    site.put("/a.html", page("Alpha", "About 500 soldiers crossed the river near Sudzha, "
                             "the regional governor said on Monday."))  # fmt: skip
    watch.add_source(db, site.url("/a.html"), clock.time())
    watcher = watcher_for(db, clock)
    real = watcher._after_write

    def interrupted(*args):
        real(*args)
        raise KeyboardInterrupt

    watcher._after_write = interrupted
    with pytest.raises(KeyboardInterrupt):
        watcher.poll_due()
    for table in ("articles", "figures", "dates", "articles_fts"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert watch.list_sources(db)[0].etag is None  # not recorded as read
    watcher._after_write = real
    watcher.poll_due()
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_a_shorter_period_applies_to_sources_an_earlier_run_planned(db, site, clock):
    """`watch --once` (or a watch every 10 min) plans each source's next poll 10 min on;
    a watch started next with `--every 30s` polls them 30 s after their last poll, and a
    failing source keeps its backoff, counted from the new period."""
    site.put("/river.html", page("River", "Some 60 families left the riverside on Sunday, "
                                 "the fire brigade said."))  # fmt: skip
    watch.add_source(db, site.url("/river.html"), clock.time())
    watch.add_source(db, site.url("/error"), clock.time())
    watcher_for(db, clock).poll_due()  # planned with EVERY (600 s)
    for _ in range(2):  # the failing one fails twice more: three in a row
        clock.sleep(EVERY * 2)
        watcher_for(db, clock).poll_due()
    polled = clock.time()
    fast = Watcher(db, Poller(clock, timeout=5.0, spacing=1.0), every=30.0)
    clock.naps.clear()
    fast.run(rounds=1)
    assert sum(clock.naps) == pytest.approx(30, abs=2)  # not the 600 s planned before
    by_url = {s.url: s for s in watch.list_sources(db)}
    assert by_url[site.url("/river.html")].next_poll == pytest.approx(clock.time() + 30, abs=2)
    # Three failures in a row: 30 s doubled twice, not 600 s doubled twice.
    assert by_url[site.url("/error")].next_poll == pytest.approx(polled + 120, abs=2)


@pytest.fixture
def plain_server(tmp_path):
    """`python3 -m http.server` over a folder: Last-Modified from the file's time, no
    ETag, 304 for an If-Modified-Since that is not older."""
    import functools
    import http.server
    import threading

    root = tmp_path / "www"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_server_giving_only_last_modified_answers_not_modified(db, plain_server, clock):
    """Without an ETag the watch asks with If-Modified-Since: an untouched page costs a
    304; once the file changes it is read again, and becomes a revision."""
    import os

    root, base = plain_server
    river = root / "river.html"
    text = "The river at Wroclaw peaked at {n} centimetres on Sunday, the water agency said."
    river.write_text(page("River gauge", text.format(n=610)))
    watch.add_source(db, base + "/river.html", clock.time())
    events: list = []
    watcher = watcher_for(db, clock, events)
    watcher.poll_due()
    [source] = watch.list_sources(db)
    assert source.etag is None and source.last_modified.endswith(" GMT")
    clock.sleep(EVERY)
    events.clear()
    watcher.poll_due()
    assert [e.line for e in events] == [f"{base}/river.html: not modified"]
    river.write_text(page("River gauge", text.format(n=655)))
    later = os.stat(river).st_mtime + 5  # a second-granular stamp must move on
    os.utime(river, (later, later))
    clock.sleep(EVERY)
    events.clear()
    watcher.poll_due()
    assert f"revised: {base}/river.html (article 1, revision 2, 1 figure)" in [
        e.line for e in events
    ]
    [change] = revisions.changes_of(db, 1)
    assert (change.old_value, change.new_value) == (610, 655)


def test_a_database_that_fills_up_stops_the_watch_at_the_first_article(db, site, clock):
    """Disk full (here SQLite's own cap, PRAGMA max_page_count) is no problem of one
    item: the watch stops at the first article that cannot be stored, with the one
    DatabaseUnwritable, instead of a line per item and source."""
    from store.db import DatabaseUnwritable

    body = " ".join(f"<p>Crews cleared {n} roads near the dam on Monday, police said.</p>"
                    for n in range(200, 260))  # fmt: skip
    items = [(f"Roads {k}", f"/roads-{k}.html", body.replace("dam", f"dam {k}"))
             for k in range(4)]  # fmt: skip
    site.put("/feed.xml", rss("Valley Post", items), "application/rss+xml")
    watch.add_source(db, site.url("/feed.xml"), clock.time())
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 2}")
    events: list = []
    with pytest.raises(DatabaseUnwritable, match="cannot write: the disk is full"):
        watcher_for(db, clock, events).poll_due()
    assert [e for e in events if e.kind in ("problem", "failed")] == []
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_a_killed_watch_is_not_shown_running(db, clock):
    """A watch killed outright (SIGKILL, a crash) leaves its heartbeat behind: the
    dashboard's line must not say it runs once its process is gone."""
    import subprocess
    import sys

    watch.add_source(db, "https://a.example/feed.xml", clock.time())
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    now = clock.time()
    watch.set_state(db, heartbeat=watch.iso(now), every=600, pid=gone.pid)
    assert not watch.watch_status(db, now + 5).running
    assert watch.running_watch(db, now + 5) is None
    watch.heartbeat(db, now, 600)  # this process: alive
    assert watch.watch_status(db, now + 5).running


def test_alert_kinds(db):
    """New claimant and conflict, beside new high; hedged figures raise nothing."""
    from store.ingest import ingest_sources

    def add(text: str) -> int:
        import io

        [outcome] = list(ingest_sources(db, ["-"], stdin=io.BytesIO(text.encode()),
                                        published=None))  # fmt: skip
        return outcome.article_id

    add("Kursk report\n\nAbout 3,000 North Korean troops were in Kursk on 4 November 2024, "
        "South Korea's spy agency said.")  # fmt: skip
    alerts.add_rule(db, "Kursk")
    hedged = add("Kursk plans\n\nPyongyang may send up to 100,000 troops to Kursk, analysts said.")
    assert alerts.check_article(db, hedged) == []
    claimant = add(
        "Kursk count\n\nAbout 2,000 North Korean troops were in Kursk, the Pentagon said."
    )
    with db.atomic():
        made = alerts.check_article(db, claimant)
    conflict = add("Kursk tally\n\nSome 1,000 North Korean troops were in Kursk on 4 November "
                   "2024, the Pentagon said.")  # fmt: skip
    with db.atomic():
        made += alerts.check_article(db, conflict)
    kinds = [a.kind for a in alerts.list_alerts(db, ids=made)]
    assert sorted(kinds) == ["conflict", "new claimant"]
    record = json.loads(json.dumps(alerts.list_alerts(db)[0].as_record()))
    assert {"id", "rule", "kind", "message", "value", "unit", "sentence", "source"} <= set(record)


def test_a_headline_repeating_its_lead_raises_one_alert(db):
    """The same new value by the same claimant, in the headline and again in the lead, is
    one piece of news: one alert, not two identical ones."""
    import io

    from store.ingest import ingest_sources

    def add(text: str) -> int:
        [outcome] = list(ingest_sources(db, ["-"], stdin=io.BytesIO(text.encode())))
        return outcome.article_id

    add("Harbour fire\n\nThe death toll from the harbour fire stood at nine, the fire service"
        " said.")  # fmt: skip
    alerts.add_rule(db, "harbour")
    later = add("Harbour fire toll rises to 14\n\nThe death toll from the harbour fire has"
                " risen to 14, the fire service said on Friday.")  # fmt: skip
    with db.atomic():
        made = alerts.check_article(db, later)
    found = alerts.list_alerts(db, ids=made)
    assert [(a.kind, a.value) for a in found] == [("new high", 14)], [a.message for a in found]


def test_a_headline_repeating_its_lead_is_one_change_of_a_revision(db, tmp_path):
    """A new version whose headline and lead both move from 9 to 14 says so once, in the
    ingest note, the outcome and the reader's "changed" lines."""
    from store.browse import article_view
    from store.ingest import ingest_sources

    page = tmp_path / "fire.txt"
    page.write_text("Harbour fire toll rises to 9\n\nThe death toll from the harbour fire has"
                    " risen to 9, the fire service said.", encoding="utf-8")  # fmt: skip
    list(ingest_sources(db, [str(page)]))
    page.write_text(page.read_text(encoding="utf-8").replace("9", "14"), encoding="utf-8")
    [outcome] = list(ingest_sources(db, [str(page)], replace=True))
    assert outcome.status == "replaced"
    assert outcome.changes == ("14 deaths, was 9 in revision 1",), outcome.changes
    assert outcome.message.count("was 9 in revision 1") == 1, outcome.message
    assert article_view(db.conn, outcome.article_id).changes == outcome.changes


def test_a_quantity_rule(db):
    """A rule that follows a quantity (North Korea · troops) compares the figures the
    quantities put in it, whatever their unit as written (troops, soldiers)."""
    import io

    from store.ingest import ingest_sources

    def add(text: str) -> int:
        [outcome] = list(ingest_sources(db, ["-"], stdin=io.BytesIO(text.encode())))
        return outcome.article_id

    add("Seoul report\n\nAbout 3,000 North Korean troops have arrived in Russia, South "
        "Korea's spy agency said on Monday.")  # fmt: skip
    [(troops,)] = db.execute("SELECT id FROM quantities WHERE name = 'North Korea · troops'")
    rule, added = alerts.add_rule(db, quantity_id=troops)
    assert added and rule.name == "North Korea · troops"
    with pytest.raises(ValueError, match="no quantity 999"):
        alerts.add_rule(db, quantity_id=999)
    higher = add("Kyiv report\n\nRussia has deployed 11,000 North Korean soldiers near the "
                 "border, the Pentagon said.")  # fmt: skip
    with db.atomic():
        [made] = alerts.check_article(db, higher)
    [alert] = alerts.list_alerts(db, ids=[made])
    assert (alert.rule, alert.kind, alert.value, alert.unit) == (
        "North Korea · troops", "new high", 11000, "soldiers",
    )  # fmt: skip
    assert alert.known["value"] == 3000


def test_a_watched_article_in_another_language_is_stored_with_one_note(db, site, clock):
    """A feed item in Dutch: stored and counted like any other, with the one note ingest
    gives ("figures not extracted: Dutch"), and no figures read from it."""
    dutch = (
        "<p>De waterschappen in Zeeland hebben ruim 1 200 bewoners gevraagd hun huizen te "
        "verlaten nu het water in de Schelde verder stijgt, meldde de veiligheidsregio "
        "dinsdagavond.</p><p>Volgens de burgemeester blijven de dijken voorlopig sterk "
        "genoeg, maar er wordt extra personeel ingezet om ze te bewaken.</p>"
    )
    site.put("/feed.xml", rss("Kustnieuws", [("Hoogwater in Zeeland", "/hoogwater.html", dutch)]),
             "application/rss+xml")  # fmt: skip
    watch.add_source(db, site.url("/feed.xml"), clock.time())
    events: list = []
    watcher_for(db, clock, events).run(rounds=1)
    item = site.url("/hoogwater.html")
    lines = [e.line for e in events]
    assert f"stored: {item} (article 1, 0 figures)" in lines
    notes = [e.line for e in events if e.kind == "note"]
    assert notes == [f"{item}: stored; figures not extracted: Dutch"]
    assert db.execute("SELECT language, n_figures FROM articles").fetchall() == [("nl", 0)]
