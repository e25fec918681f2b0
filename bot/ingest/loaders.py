"""Read article files: ``.txt``, ``.md`` with front matter, ``.json``/``.jsonl`` and ``.html``.

A file that cannot be read raises :class:`LoadError` with a reason a person can act on; a bad
record inside a JSON file is reported on its own and the other records still load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import trafilatura
import yaml

from bot.ingest.documents import Document, clean_text, normalise_date

MAX_FILE_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".json", ".jsonl", ".html", ".htm")

_TITLE_KEYS = ("title", "headline")
_BODY_KEYS = ("body", "text", "content")
_URL_KEYS = ("url", "link")
_SOURCE_KEYS = ("source", "outlet", "site")
_DATE_KEYS = ("published", "date", "published_at")
_MD_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)


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
        return Loaded([_html(raw, str(path))])
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
    if b"\x00" in raw[:8192]:
        raise LoadError("binary file, not text")
    return raw


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None


def _plain(text: str, path: Path) -> Document:
    title, _, body = clean_text(text).partition("\n")
    body = clean_text(body)
    if not body:
        raise LoadError("no text after the title line (the first line is the title)")
    return Document(title=title.strip(), body=body, origin=str(path))


def _markdown(text: str, path: Path) -> Document:
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        raise LoadError(f"bad front matter: {' '.join(str(exc).split())}") from None
    meta: dict[str, Any] = dict(post.metadata)
    body = clean_text(post.content)
    title = _first(meta, _TITLE_KEYS)
    if not title:
        heading = _MD_HEADING.search(body)
        if heading:
            title = heading.group(1).strip()
            body = clean_text(body[: heading.start()] + body[heading.end() :])
    if not body:
        raise LoadError("no article text after the front matter")
    return Document(
        title=title or _title_from_name(path),
        body=body,
        origin=str(path),
        url=_first(meta, _URL_KEYS),
        source=_first(meta, _SOURCE_KEYS),
        published=normalise_date(_first_raw(meta, _DATE_KEYS)),
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
            except json.JSONDecodeError as exc:
                loaded.problems.append((f"{path}:{number}", f"malformed JSON: {exc.msg}"))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(f"malformed JSON: {exc.msg} (line {exc.lineno})") from None
        items = data if isinstance(data, list) else [data]
        records = list(enumerate(items, start=1))
    for number, record in records:
        where = f"{path}:{number}" if lines else f"{path}#{number}"
        try:
            loaded.documents.append(_record(record, where))
        except LoadError as exc:
            loaded.problems.append((where, str(exc)))
    if not loaded.documents and not loaded.problems:
        raise LoadError("no records in the file")
    return loaded


def _record(record: object, where: str) -> Document:
    if not isinstance(record, Mapping):
        raise LoadError("a record must be a JSON object with title and body")
    body = clean_text(str(_first_raw(record, _BODY_KEYS) or ""))
    if not body:
        raise LoadError(f"no article text (expected one of {', '.join(_BODY_KEYS)})")
    url = _first(record, _URL_KEYS)
    title = _first(record, _TITLE_KEYS) or body.split("\n", 1)[0][:120]
    return Document(
        title=title,
        body=body,
        origin=url or where,
        url=url,
        source=_first(record, _SOURCE_KEYS),
        published=normalise_date(_first_raw(record, _DATE_KEYS)),
    )


def _html(raw: bytes, origin: str) -> Document:
    extracted = trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, include_tables=False
    )
    found: Mapping[str, Any] = {}
    if isinstance(extracted, dict):
        found = extracted
    elif extracted is not None:
        found = extracted.as_dict()
    body = clean_text(str(found.get("text") or ""))
    title = clean_text(str(found.get("title") or ""))
    if title and body.startswith(title):
        body = clean_text(body[len(title) :])
    if not body:
        raise LoadError("no article text found in the HTML")
    return Document(
        title=title or body.split("\n", 1)[0][:120],
        body=body,
        origin=origin,
        url=found.get("url") or None,
        source=found.get("sitename") or found.get("hostname") or None,
        published=normalise_date(found.get("date")),
    )


def _first_raw(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    value = _first_raw(record, keys)
    return None if value is None else " ".join(str(value).split())


def _title_from_name(path: Path) -> str:
    return re.sub(r"[_-]+", " ", path.stem).strip().capitalize()
