"""From loaded text to stored shape: cleaning, stable ids and paragraph passages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from bot.core.models import Article, Passage

MAX_PASSAGE_CHARS = 1200

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Document:
    """An article as read from a source, before it gets an id."""

    title: str
    body: str
    origin: str
    url: str | None = None
    source: str | None = None
    published: str | None = None


def clean_text(text: str) -> str:
    """Normalise line endings and drop control characters; everything else stays verbatim.

    Dropped: ASCII controls other than tab and newline, DEL, and the C1 controls U+0080–U+009F
    (such as U+009B, a terminal escape introducer). Curly quotes, dashes, non-breaking spaces
    and right-to-left text are kept: quote extraction and offsets depend on them.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def normalise_date(value: object) -> str | None:
    """An ISO date or date-time from a date, datetime, ISO string or RFC 2822 string.

    Times with a zone are converted to UTC, so stored dates sort correctly as text.
    """
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
    if len(raw) == 10 and parsed.time() == datetime.min.time():
        return parsed.date().isoformat()
    return _utc(parsed)


def _utc(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.isoformat()


def article_id(body: str) -> str:
    """Stable id: a hash of the body with whitespace collapsed, so exact copies share it."""
    canonical = " ".join(body.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def to_article(doc: Document) -> Article:
    """Give a document its content-hash id."""
    return Article(
        id=article_id(doc.body),
        title=doc.title,
        body=doc.body,
        url=doc.url,
        source=doc.source,
        published=doc.published,
        origin=doc.origin,
    )


def split_passages(article: Article) -> list[Passage]:
    """Cut the body into paragraphs, keeping offsets into it.

    A paragraph longer than ``MAX_PASSAGE_CHARS`` is cut at sentence ends; a piece still too
    long is cut at its last whitespace before the limit, or at the limit if it has none. Every
    passage is non-empty, has no surrounding whitespace and equals ``body[start:end]``.
    """
    body = article.body
    spans = _blocks(body, _PARAGRAPH_BREAK)
    if len(spans) == 1 and "\n" in body.strip():
        spans = _blocks(body, re.compile(r"\n"))
    pieces: list[tuple[int, int]] = []
    for start, end in spans:
        pieces.extend(_chunk(body, start, end))
    return [
        Passage(article.id, index, body[start:end], start, end)
        for index, (start, end) in enumerate(pieces)
    ]


def _blocks(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for match in [*separator.finditer(text), None]:
        end = len(text) if match is None else match.start()
        chunk = text[position:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((position + lead, position + len(chunk.rstrip())))
        if match is not None:
            position = match.end()
    return spans


def _chunk(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_PASSAGE_CHARS:
        return [(start, end)]
    cuts = [start + m.end() for m in _SENTENCE_END.finditer(text[start:end])]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    last_cut = start
    for cut in [*cuts, end]:
        if cut - piece_start > MAX_PASSAGE_CHARS and last_cut > piece_start:
            pieces.append((piece_start, _rstrip_end(text, piece_start, last_cut)))
            piece_start = last_cut
        last_cut = cut
    pieces.append((piece_start, end))
    return [part for piece in pieces for part in _split_long(text, *piece)]


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` (no surrounding whitespace) into pieces of at most the limit."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_PASSAGE_CHARS:
        cut = _last_space(text, start, start + MAX_PASSAGE_CHARS)
        if cut is None:  # one long token: cut it at the limit
            cut = start + MAX_PASSAGE_CHARS
        pieces.append((start, _rstrip_end(text, start, cut)))
        start = _lstrip_start(text, cut, end)
    pieces.append((start, end))
    return pieces


def _last_space(text: str, start: int, limit: int) -> int | None:
    """The last whitespace position in ``text[start + 1 : limit + 1]``, if any."""
    found = _SPACE.search(text[start + 1 : limit + 1][::-1])
    return None if found is None else limit - found.start()


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip_start(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def extracted_fields(extracted: Any) -> tuple[Mapping[str, Any], str, str]:
    """Trafilatura's ``bare_extraction`` result as (its fields, title, body), cleaned.

    A body that repeats the title as its first line loses it.
    """
    found: Mapping[str, Any] = {}
    if isinstance(extracted, dict):
        found = extracted
    elif extracted is not None:
        found = extracted.as_dict()
    body = clean_text(str(found.get("text") or ""))
    title = clean_text(str(found.get("title") or ""))
    if title and body.startswith(title):
        body = clean_text(body[len(title) :])
    return found, title, body
