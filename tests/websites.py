"""A fake web for tests: pages and feeds served by pytest-httpserver, with ETag support."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from bot.bootstrap import App, build
from bot.core.clock import FixedClock
from bot.settings import CorpusSettings, FeedsSettings, Settings, StoreSettings

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


@dataclass
class Resource:
    body: bytes
    content_type: str
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Site:
    """Paths to resources (or handlers); counts requests and conditional hits per path."""

    server: HTTPServer
    resources: dict[str, Resource | Callable[[Request], Response]] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    user_agents: list[str] = field(default_factory=list)

    def url(self, path: str, host: str = "localhost") -> str:
        return self.server.url_for(path).replace("localhost", host, 1)

    def put(self, path: str, body: str | bytes, content_type: str = HTML, **kw: object) -> str:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        self.resources[path] = Resource(raw, content_type, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def handle(self, request: Request) -> Response:
        self.hits[request.path] += 1
        self.user_agents.append(request.headers.get("User-Agent", ""))
        found = self.resources.get(request.path)
        if found is None:
            return Response("<h1>Not Found</h1>", status=404, content_type="text/html")
        if callable(found):
            return found(request)
        headers = dict(found.headers)
        if found.etag:
            headers["ETag"] = found.etag
            if request.headers.get("If-None-Match") == found.etag:
                self.not_modified[request.path] += 1
                return Response(status=304, headers=headers)
        if found.last_modified:
            headers["Last-Modified"] = found.last_modified
            if request.headers.get("If-Modified-Since") == found.last_modified:
                self.not_modified[request.path] += 1
                return Response(status=304, headers=headers)
        return Response(
            found.body, status=found.status, content_type=found.content_type, headers=headers
        )


def serve(httpserver: HTTPServer) -> Site:
    """A site answering every path on the test server."""
    served = Site(httpserver)
    httpserver.expect_request(re.compile(".*")).respond_with_handler(served.handle)
    return served


def web_settings(tmp_path: Path, **feeds: object) -> Settings:
    options: dict[str, object] = {"timeout_seconds": 0.5, "max_bytes": 200_000}
    options.update(feeds)
    return Settings(
        store=StoreSettings(path=tmp_path / "store.sqlite3"),
        corpus=CorpusSettings(dirs=[]),
        feeds=FeedsSettings(**options),  # type: ignore[arg-type]
    )


@contextmanager
def web_app_at(tmp_path: Path, clock: FixedClock, **feeds: object) -> Iterator[App]:
    """An app over an empty store whose downloads time out after half a second."""
    built = build(web_settings(tmp_path, **feeds), clock=clock)
    try:
        yield built
    finally:
        built.close()
