"""The ``bench`` stage for feeds: end-to-end ingest throughput from a local feed of many entries.

A local HTTP server (in a thread of this process) serves an RSS feed of N entries built from the
seed paragraphs: half carry their full text, half only a summary, so their article pages are
fetched and extracted with trafilatura. The feed is read through the real path (fetch, parse,
extract, near-duplicate check, analysis, store), then polled again (ETag: ``304``), then a second
outlet's feed with syndicated copies of the same articles is read (all linked, none indexed).
"""

from __future__ import annotations

import html
import random
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bot.bootstrap import build
from bot.core.analysis import Analysis
from bot.core.models import Article
from bot.core.web_report import UrlReport
from bot.ingest.loaders import load_file
from bot.settings import CorpusSettings, Settings, StoreSettings


def _paragraphs(seeds: Path) -> list[str]:
    found: list[str] = []
    for path in sorted(seeds.glob("*")):
        if path.is_file():
            for doc in load_file(path).documents:
                found += [p.strip() for p in doc.body.split("\n\n") if p.strip()]
    if not found:
        raise SystemExit(f"no paragraphs found in {seeds}")
    return found


def build_site(seeds: Path, entries: int, seed: int) -> tuple[dict[str, bytes], int]:
    """Paths to bodies: ``/feed.xml``, ``/wire.xml`` and the article pages; and total words."""
    paragraphs = _paragraphs(seeds)
    rng = random.Random(seed)
    site: dict[str, bytes] = {}
    items: list[str] = []
    wire: list[str] = []
    words = 0
    start = datetime(2026, 5, 1, tzinfo=UTC)
    for number in range(entries):
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(6, 14)))
        words += sum(len(p.split()) for p in body)
        title = f"Bench story {number}: " + body[0].split(".")[0][:80]
        stamp = format_datetime(start + timedelta(minutes=number))
        inner = "".join(f"<p>{html.escape(p)}</p>" for p in body)
        link = f"/news/{number}"
        site[link] = _page(title, inner).encode("utf-8")
        content = f"<content:encoded><![CDATA[{inner}]]></content:encoded>" if number % 2 else ""
        items.append(_item(title, f"{{base}}{link}", stamp, content))
        copy = f"<p>WIRE — {html.escape(body[0])}</p>" + inner.split("</p>", 1)[1]
        wire_content = f"<content:encoded><![CDATA[{copy}]]></content:encoded>"
        wire.append(_item(title, f"{{wire}}/wire/{number}", stamp, wire_content))
    site["/feed.xml"] = _rss("Bench Herald", items).encode("utf-8")
    site["/wire.xml"] = _rss("Bench Wire", wire).encode("utf-8")
    return site, words


def _item(title: str, link: str, stamp: str, content: str) -> str:
    return (
        f"<item><title>{html.escape(title)}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{stamp}</pubDate><description>{html.escape(title)}</description>"
        f"{content}</item>"
    )


def _rss(title: str, items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>{{base}}/</link><description>bench</description>"
        + "".join(items)
        + "</channel></rss>"
    )


def _page(title: str, inner: str) -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        '<meta property="og:site_name" content="Bench Herald"></head><body>'
        '<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>'
        f"<main><article><h1>{html.escape(title)}</h1>{inner}</article></main>"
        "<footer>© Bench Herald</footer></body></html>"
    )


@contextmanager
def _serve(site: dict[str, bytes]) -> Iterator[tuple[str, str]]:
    """Serve the site on localhost; yields its base URL under two host names."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = site.get(self.path)
            if body is None:
                self.send_error(404)
                return
            if self.path.endswith(".xml") and self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", '"v1"')
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    base, wire = f"http://127.0.0.1:{port}", f"http://localhost:{port}"
    for path in ("/feed.xml", "/wire.xml"):
        text = site[path].decode("utf-8").replace("{base}", base).replace("{wire}", wire)
        site[path] = text.encode("utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, wire
    finally:
        server.shutdown()
        server.server_close()


def run_feed_bench(*, entries: int, seed: int, seeds: Path) -> bool:
    """Print the feed stage's figures; returns True if every entry was read."""
    site, words = build_site(seeds, entries, seed)
    ok = True
    with _serve(site) as (base, _wire), tempfile.TemporaryDirectory(prefix="bot-feeds-") as tmp:
        for label, analysed in (("no analysis", False), ("with analysis", True)):
            settings = Settings(
                store=StoreSettings(path=Path(tmp) / f"{label}.sqlite3"),
                corpus=CorpusSettings(dirs=[]),
            )
            app = build(settings, analyzer=None if analysed else _Skip())
            try:
                assert app.web is not None
                start = time.perf_counter()
                first = app.web.ingest_url(f"{base}/feed.xml")
                first_s = time.perf_counter() - start
                start = time.perf_counter()
                again = app.web.poll(f"{base}/feed.xml")
                again_ms = (time.perf_counter() - start) * 1000
                start = time.perf_counter()
                wire = app.web.ingest_url(f"{base}/wire.xml")
                wire_s = time.perf_counter() - start
            finally:
                app.close()
            ok = ok and not first.failed and not wire.failed
            print(
                f"feed ingest      {label:13} {first.count('added')} of {entries} added in "
                f"{first_s:.2f} s: {entries / first_s:,.1f} articles/s, "
                f"{words / first_s:,.0f} words/s (half fetched as pages)"
            )
            if analysed:
                print(f"feed re-poll     ETag 304 in {again_ms:.1f} ms ({_state(again)})")
                print(
                    f"syndicated feed  {wire.count('duplicate')} of {entries} linked as copies "
                    f"in {wire_s:.2f} s: {entries / wire_s:,.1f} entries/s"
                )
    return ok


def _state(report: UrlReport) -> str:
    return "not modified" if report.not_modified else report.summary()


class _Skip:
    """An analyzer that does nothing: isolates fetching, extraction and storing."""

    version = "bench-skip"

    def analyse(self, article: Article) -> Analysis:
        """An empty analysis."""
        return Analysis(version=self.version)
