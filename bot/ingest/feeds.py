"""RSS and Atom feeds: parse fetched bytes with feedparser into entries with full text if given.

An entry carries its article's full text when its ``content:encoded`` (RSS) or ``<content>``
(Atom) holds at least :data:`FULL_TEXT_WORDS` words and does not end in a "read more" cut;
otherwise it only points at the article, whose page is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser
import lxml.html
from lxml import etree

from bot.ingest.documents import clean_text, normalise_date

FULL_TEXT_WORDS = 120
"""Entry content shorter than this is taken for a summary, and the article page is fetched."""

_FEED_START = re.compile(
    rb"^\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I
)
_CUT = re.compile(r"(\[(?:…|\.\.\.)\]|…|\.\.\.|read more|continue reading[^\n]*)\s*$", re.I)
_BLOCKS = {
    "p", "div", "section", "article", "blockquote", "pre", "li", "ul", "ol", "table", "tr",
    "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "header", "footer",
}  # fmt: skip
_DROP = ("script", "style", "noscript", "iframe", "form", "button")


class FeedError(Exception):
    """The bytes are not a usable feed; ``str()`` says why."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed.

    Attributes:
        key: the entry's id (guid), else its link.
        link: the article's address, resolved against the feed's.
        title: the entry's headline.
        author: byline, if given.
        published: normalised publication date, if given.
        updated: the entry's update stamp as given (changes when the entry is edited).
        full_text: the article text, when the feed carries it whole.
        summary: the entry's description, as text.
    """

    key: str
    link: str | None
    title: str
    author: str | None
    published: str | None
    updated: str | None
    full_text: str | None
    summary: str | None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and entries; ``problem`` notes malformed XML that was read loosely."""

    title: str | None
    entries: list[FeedEntry]
    problem: str | None = None


def looks_like_feed(body: bytes, media_type: str) -> bool:
    """Whether a response is an RSS/Atom feed (by content type, else by its first element)."""
    if media_type in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    return _FEED_START.match(body[:2048].lstrip(b"\xef\xbb\xbf")) is not None


def discover_feeds(page: str, url: str) -> list[str]:
    """Feed links a page announces (``<link rel="alternate" type="application/rss+xml">``)."""
    try:
        root = lxml.html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    found = []
    for link in root.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        if "alternate" in rel and kind in ("application/rss+xml", "application/atom+xml"):
            found.append(urljoin(url, link.get("href").strip()))
    return list(dict.fromkeys(found))


def parse_feed(body: bytes, url: str, charset: str | None = None) -> ParsedFeed:
    """Parse feed bytes (already size-checked and known to decode).

    Raises:
        FeedError: not RSS or Atom, or XML so broken that no entry could be read.
    """
    headers = {"content-location": url, "content-type": "application/xml"}
    if charset:
        headers["content-type"] += f"; charset={charset}"
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    problem = None
    if parsed.get("bozo"):
        error = parsed.get("bozo_exception")
        if isinstance(error, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType):
            error = None
        if error is not None:
            problem = f"malformed XML: {' '.join(str(error).split())}"
    entries_raw = list(parsed.get("entries") or [])
    if not parsed.get("version") and not entries_raw:
        raise FeedError(problem or "not an RSS or Atom feed")
    if problem and not entries_raw:
        raise FeedError(problem)
    feed_info: Mapping[str, Any] = parsed.get("feed") or {}
    entries = [entry for raw in entries_raw if (entry := _entry(raw, url)) is not None]
    return ParsedFeed(_plain(feed_info.get("title")), entries, problem)


def _entry(raw: Mapping[str, Any], feed_url: str) -> FeedEntry | None:
    link_value = raw.get("link")
    link = urljoin(feed_url, link_value.strip()) if isinstance(link_value, str) else None
    if link and not link.startswith(("http://", "https://")):
        link = None
    key = _plain(raw.get("id")) or link
    if key is None:
        return None
    contents = raw.get("content") or []
    html_parts = [str(c.get("value") or "") for c in contents if isinstance(c, Mapping)]
    full = html_text("\n".join(html_parts)) if html_parts else None
    summary = html_text(str(raw.get("summary") or "")) or None
    if full and (len(full.split()) < FULL_TEXT_WORDS or _CUT.search(full)):
        full = None
    title = _plain(raw.get("title")) or (summary or full or "").split("\n", 1)[0][:120]
    return FeedEntry(
        key=key,
        link=link,
        title=title or "(untitled)",
        author=_plain(raw.get("author")),
        published=normalise_date(_field(raw, "published") or _field(raw, "updated")),
        updated=_plain(_field(raw, "updated") or _field(raw, "published")),
        full_text=full,
        summary=summary,
    )


def html_text(html: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block element, scripts dropped."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(html)
    for bad in root.xpath("|".join(f"//{tag}" for tag in _DROP)):
        bad.drop_tree()
    for element in root.iter():
        element.text = _squeeze(element.text)
        element.tail = _squeeze(element.tail)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    lines = [line.strip() for line in text.split("\n")]
    paragraphs = "\n".join(lines)
    return clean_text(re.sub(r"\n{3,}", "\n\n", paragraphs))


def _field(raw: Mapping[str, Any], key: str) -> Any:
    """A field as the feed gave it (feedparser's own lookup maps ``updated`` to ``published``)."""
    return dict.get(raw, key) if isinstance(raw, dict) else raw.get(key)


def _squeeze(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text)


def _plain(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(html_text(value).split()) if "<" in value else " ".join(value.split())
    return text or None
