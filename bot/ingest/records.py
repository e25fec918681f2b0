"""Fields of article records (JSON objects, front matter): text, body, web link, origin.

Values are checked, not stringified: a list or a dict where text belongs makes the record fail
with a reason naming the field, so nothing is stored as a Python repr.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from bot.ingest.documents import Document, clean_text, normalise_date

TITLE_KEYS = ("title", "headline")
BODY_KEYS = ("body", "text", "content")
URL_KEYS = ("url", "link")
SOURCE_KEYS = ("source", "outlet", "site")
DATE_KEYS = ("published", "date", "published_at")

_WORD = re.compile(r"\w")
_WEB_URL = re.compile(r"https?://\S", re.IGNORECASE)


class RecordError(ValueError):
    """One record (or front matter) cannot be used; ``str()`` says why."""


def record_origin(record: object, path: Path, number: int, *, lines: bool) -> str:
    """Where a record came from: ``path#id`` if it has an ``id``, else its index or line."""
    if isinstance(record, Mapping):
        record_id = record.get("id")
        if isinstance(record_id, str) and record_id.strip():
            return f"{path}#{record_id.strip()}"
        if isinstance(record_id, int) and not isinstance(record_id, bool):
            return f"{path}#{record_id}"
    return f"{path}:{number}" if lines else f"{path}#{number}"


def record_document(record: object, where: str) -> Document:
    """Turn one JSON object into a document.

    Raises:
        RecordError: not an object, no text, or a field of the wrong type.
    """
    if not isinstance(record, Mapping):
        raise RecordError("a record must be a JSON object with title and body")
    body = record_body(record)
    if not has_words(body):
        raise RecordError(f"no article text (expected one of {', '.join(BODY_KEYS)})")
    title = text_field(record, TITLE_KEYS) or body.split("\n", 1)[0][:120]
    return Document(
        title=title,
        body=body,
        origin=where,
        url=web_url(first_raw(record, URL_KEYS)),
        source=text_field(record, SOURCE_KEYS),
        published=normalise_date(first_raw(record, DATE_KEYS)),
    )


def record_body(record: Mapping[str, Any]) -> str:
    """The record's text: a string, or a list of strings joined with blank lines.

    Raises:
        RecordError: the body field holds anything else.
    """
    found = _first_item(record, BODY_KEYS)
    if found is None:
        return ""
    key, value = found
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        paragraphs = (clean_text(item) for item in value)
        return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    if isinstance(value, list):
        wrong = next(item for item in value if not isinstance(item, str))
        raise RecordError(f"field {key!r} must be text (got a list holding {_kind(wrong)})")
    raise RecordError(f"field {key!r} must be text (got {_kind(value)})")


def first_raw(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    """The value of the first of ``keys`` that is set (not missing, null or empty)."""
    found = _first_item(record, keys)
    return None if found is None else found[1]


def _first_item(record: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | None:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return key, value
    return None


def text_field(record: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    """A one-line text field (title, source): a string, or a finite number written out.

    Raises:
        RecordError: the field holds a boolean, list, mapping, NaN, infinity or anything else.
    """
    found = _first_item(record, keys)
    if found is None:
        return None
    key, value = found
    if not _is_text_like(value):
        raise RecordError(f"field {key!r} must be text (got {_kind(value)})")
    shown = value.isoformat() if isinstance(value, date) else str(value)
    return " ".join(shown.split()) or None


def _is_text_like(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | int | date)


def web_url(value: object) -> str | None:
    """The URL if the field holds an ``http://`` or ``https://`` address, else ``None``."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    return url if _WEB_URL.match(url) else None


def has_words(body: str) -> bool:
    """Whether the text has any word characters (not only spaces, marks or invisible ones)."""
    return _WORD.search(body) is not None


def _kind(value: object) -> str:
    """How a value of the wrong type is named in a reason: ``a dict``, ``NaN``, …."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, float) and not math.isfinite(value):
        return json.dumps(value)
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, Mapping):
        return "a dict"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"
