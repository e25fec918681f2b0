"""Download web pages and feeds with httpx, politely and defensively.

Every request has a timeout, a clear User-Agent, a redirect limit (loops are named as such), a
content-type check and a size cap enforced while streaming, so a huge or endless response is cut
off without being read into memory. Feeds use conditional GET: the stored ``ETag`` and
``Last-Modified`` are sent back, and an unchanged feed costs one small ``304`` response.
Every failure is a :class:`FetchError` whose message says what went wrong in plain words.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

import httpx

from bot import __version__

USER_AGENT = f"briefing-bot/{__version__} (news-briefing bot; reads feeds and article pages)"

PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
# Servers often label feeds loosely; when the caller accepts feeds, these are sniffed too.
LOOSE_TYPES = ("text/plain", "application/octet-stream", "")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


class FetchError(Exception):
    """A download failed; ``str()`` is the reason, ready to show next to the URL."""


@dataclass(frozen=True)
class FetchLimits:
    """How patient and how generous downloads are."""

    timeout_s: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """A response: ``status`` is 200 with a body, or 304 (not modified) without one."""

    url: str
    status: int
    media_type: str
    charset: str | None
    body: bytes
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        """The server says nothing changed since the validators we sent."""
        return self.status == 304


def normalise_url(url: str) -> str:
    """Check an http(s) link and drop its ``#fragment``.

    Raises:
        FetchError: not an http or https link.
    """
    url = url.strip().strip("<>")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FetchError("not a web link (only http:// and https:// links can be read)")
    return urldefrag(url).url


class Fetcher:
    """One httpx client with the bot's limits; safe to use from one thread at a time."""

    def __init__(
        self, limits: FetchLimits | None = None, *, client: httpx.Client | None = None
    ) -> None:
        self.limits = limits or FetchLimits()
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(self.limits.timeout_s),
            follow_redirects=False,
            headers={"User-Agent": self.limits.user_agent},
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def get(
        self,
        url: str,
        *,
        accept: tuple[str, ...],
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """Download ``url`` following at most ``max_redirects`` redirects.

        Args:
            url: an http(s) link.
            accept: the media types wanted (others are refused before the body is read).
            etag: validator from the last response, for a conditional GET.
            last_modified: validator from the last response, for a conditional GET.

        Raises:
            FetchError: timeout, connection problem, HTTP error status, redirect loop or too
                many redirects, unexpected content type, or a body over the size cap.
        """
        current = normalise_url(url)
        headers = {"Accept": ", ".join((*accept, "*/*;q=0.1"))}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [current]
        for _ in range(self.limits.max_redirects + 1):
            result = self._once(current, headers, accept)
            if isinstance(result, Fetched):
                return result
            target = normalise_url(result)
            if target in seen:
                chain = " → ".join([*seen[seen.index(target) :], target])
                raise FetchError(f"redirect loop ({chain})")
            seen.append(target)
            current = target
        raise FetchError(f"too many redirects (more than {self.limits.max_redirects})")

    def _once(self, url: str, headers: dict[str, str], accept: tuple[str, ...]) -> Fetched | str:
        """One request: a response, or the address a redirect points to."""
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return _fetched(response, b"")
                if response.status_code in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {response.status_code} redirect without a Location")
                    return str(response.url.join(location))
                if response.status_code >= 400:
                    phrase = response.reason_phrase or ""
                    raise FetchError(f"HTTP {response.status_code} {phrase}".strip())
                if response.status_code != 200:
                    raise FetchError(f"unexpected HTTP {response.status_code} response")
                media = _media_type(response)
                if media not in accept and not (
                    any(t in FEED_TYPES for t in accept) and media in LOOSE_TYPES
                ):
                    raise FetchError(f"not a web page or feed (content type {media or 'missing'})")
                return _fetched(response, self._read_capped(response))
        except httpx.TimeoutException:
            raise FetchError(f"timed out (no answer within {self.limits.timeout_s:g} s)") from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid link ({exc})") from None
        except httpx.TransportError as exc:
            raise FetchError(f"cannot connect ({_describe(exc)})") from None
        except httpx.DecodingError as exc:
            raise FetchError(f"the server sent a corrupt compressed body ({exc})") from None

    def _read_capped(self, response: httpx.Response) -> bytes:
        cap = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"too large ({int(declared):,} bytes; the limit is {cap:,})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"too large (more than {cap:,} bytes; the limit is {cap:,})")
            chunks.append(chunk)
        return b"".join(chunks)


def decode(fetched: Fetched) -> str:
    """The body as text, in its declared character set (HTTP header, XML or meta tag, else UTF-8).

    Raises:
        FetchError: the bytes are not valid in that character set, or it is unknown.
    """
    body = fetched.body
    charset = fetched.charset or _declared_charset(body) or "utf-8"
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise FetchError(f"unknown character set {charset!r}") from None
    if codec == "utf-8":
        codec = "utf-8-sig"
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if codec.startswith("utf-8") else charset
        raise FetchError(
            f"not valid {name} text (byte 0x{body[exc.start]:02x} at offset {exc.start})"
        ) from None


def _declared_charset(body: bytes) -> str | None:
    head = body[:4096]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def _media_type(response: httpx.Response) -> str:
    value: str = response.headers.get("content-type", "")
    return value.split(";")[0].strip().lower()


def _fetched(response: httpx.Response, body: bytes) -> Fetched:
    return Fetched(
        url=str(response.url),
        status=response.status_code,
        media_type=_media_type(response),
        charset=response.charset_encoding,
        body=body,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _describe(exc: Exception) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__
