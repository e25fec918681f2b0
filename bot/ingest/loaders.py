"""Read article files: ``.txt``, ``.md`` with front matter, ``.json``/``.jsonl`` and ``.html``.

A file that cannot be read raises :class:`LoadError` with a reason a person can act on; a bad
record inside a JSON file is reported on its own and the other records still load.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import trafilatura
import yaml

from bot.ingest.documents import Document, clean_text, extracted_fields, normalise_date
from bot.ingest.records import (
    DATE_KEYS,
    SOURCE_KEYS,
    TITLE_KEYS,
    URL_KEYS,
    RecordError,
    first_raw,
    has_words,
    record_document,
    record_origin,
    text_field,
    web_url,
)

MAX_FILE_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".json", ".jsonl", ".html", ".htm")

_MD_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)
_WORD = re.compile(r"\w")
_WEB_URL = re.compile(r"https?://\S", re.IGNORECASE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class LoadError(Exception):
    """The whole file cannot be used; ``str()`` says why."""


@dataclass
class Loaded:
    """What one file yielded: documents, and problems with individual records."""

    documents: list[Document] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


def load_file(path: Path) -> Loaded:
    """Read one article file.

    Raises:
        LoadError: unreadable, empty, binary, not UTF-8, malformed, or of an unsupported type.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type {suffix or '(none)'!r}")
    raw = _read_bytes(path)
    if suffix in (".html", ".htm"):
        return Loaded([_html(_decode(raw) if _is_utf16(raw) else raw, str(path))])
    text = _decode(raw)
    if suffix in (".json", ".jsonl"):
        return _json(text, path, lines=suffix == ".jsonl")
    if suffix in (".md", ".markdown"):
        return Loaded([_markdown(text, path)])
    return Loaded([_plain(text, path)])


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(f"too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read it: {exc.strerror or exc}") from None
    if not raw.strip():
        raise LoadError("empty file")
    if not _is_utf16(raw) and b"\x00" in raw[:8192]:
        raise LoadError("binary file, not text")
    return raw


def _is_utf16(raw: bytes) -> bool:
    """Whether ``raw`` starts with a UTF-16 byte-order mark (and not a UTF-32 one)."""
    return raw.startswith(_UTF16_BOMS) and not raw.startswith(codecs.BOM_UTF32_LE)


def _decode(raw: bytes) -> str:
    if _is_utf16(raw):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError(
                f"not valid UTF-16 text (bad bytes at offset {exc.start}); save it as UTF-8"
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None


def _plain(text: str, path: Path) -> Document:
    title, _, body = clean_text(text).partition("\n")
    body = clean_text(body)
    if not has_words(body):
        raise LoadError("no article text after the title line (the first line is the title)")
    return Document(title=title.strip(), body=body, origin=str(path))


def _markdown(text: str, path: Path) -> Document:
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        raise LoadError(f"bad front matter: {' '.join(str(exc).split())}") from None
    meta: dict[str, Any] = dict(post.metadata)
    body = clean_text(post.content)
    try:
        title = text_field(meta, TITLE_KEYS)
        source = text_field(meta, SOURCE_KEYS)
    except RecordError as exc:
        raise LoadError(f"front matter: {exc}") from None
    if not title:
        heading = _MD_HEADING.search(body)
        if heading:
            title = heading.group(1).strip()
            body = clean_text(body[: heading.start()] + body[heading.end() :])
    if not has_words(body):
        raise LoadError("no article text after the front matter")
    return Document(
        title=title or _title_from_name(path),
        body=body,
        origin=str(path),
        url=web_url(first_raw(meta, URL_KEYS)),
        source=source,
        published=normalise_date(first_raw(meta, DATE_KEYS)),
    )


def _json(text: str, path: Path, *, lines: bool) -> Loaded:
    loaded = Loaded()
    records: list[tuple[int, Any]] = []
    if lines:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((number, json.loads(line)))
            except ValueError as exc:  # JSONDecodeError, or a number too long to convert
                reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                loaded.problems.append((f"{path}:{number}", f"malformed JSON: {reason}"))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(f"malformed JSON: {exc.msg} (line {exc.lineno})") from None
        except ValueError as exc:  # e.g. a number too long to convert
            raise LoadError(f"malformed JSON: {exc}") from None
        items = data if isinstance(data, list) else [data]
        records = list(enumerate(items, start=1))
    seen: set[str] = set()
    for number, record in records:
        where = record_origin(record, path, number, lines=lines)
        if where in seen:
            loaded.problems.append((where, "another record in this file has the same id"))
            continue
        seen.add(where)
        try:
            loaded.documents.append(record_document(record, where))
        except RecordError as exc:
            loaded.problems.append((where, str(exc)))
    if not loaded.documents and not loaded.problems:
        raise LoadError("no records in the file")
    return loaded


def _html(raw: bytes | str, origin: str) -> Document:
    extracted = trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, include_tables=False
    )
    found, title, body = extracted_fields(extracted)
    if not has_words(body):
        raise LoadError("no article text found in the HTML")
    return Document(
        title=title or body.split("\n", 1)[0][:120],
        body=body,
        origin=origin,
        url=web_url(found.get("url")),
        source=found.get("sitename") or found.get("hostname") or None,
        published=normalise_date(found.get("date")),
    )


def _title_from_name(path: Path) -> str:
    return re.sub(r"[_-]+", " ", path.stem).strip().capitalize()
