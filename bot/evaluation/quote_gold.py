"""Gold attributions for ``eval quotes``: the PolNeAR format and the project's own format.

PolNeAR rows carry ``text`` and ``attributions`` (``source``/``cue``/``content`` with character
``spans``; ``content_has_quote_marks`` flags direct quotes). Its sources are the words as
written ("he", "the daily"), so speakers are only checked where the gold source is a name.
Articles labelled by several annotators are scored once, with their first annotator's labels.

The project's format (``tests/data/quotes_*.jsonl``) has ``id``, ``text``, ``quotes`` (``text``,
``char_start``, ``char_end``, ``speaker`` as a canonical name, ``kind``) and optionally
``not_speakers``: people the text mentions who must never be made speakers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

_POSSESSIVE = re.compile(r"[’']s$")
DOUBLE_QUOTES = '"“”„«»'
# fmt: off
_PRONOUN_OR_COMMON = frozenset((
    "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "the", "a",
    "an", "this", "that", "these", "those",
))
_GENERIC = frozenset((
    "officials", "critics", "sources", "analysts", "experts", "aides", "officers", "police",
    "residents", "voters", "supporters", "observers", "researchers", "economists", "lawmakers",
    "advocates", "opponents", "witnesses", "protesters", "many", "some", "others", "both",
    "polls", "reports", "documents", "studies", "surveys", "data", "people", "authorities",
))
# fmt: on


@dataclass(frozen=True)
class GoldQuote:
    """One gold attribution: its content spans, whether it is direct, and its speaker."""

    spans: tuple[tuple[int, int], ...]
    direct: bool
    speaker: str
    named: bool
    """Whether ``speaker`` is a name (checked for speaker accuracy)."""
    exact_names: bool
    """True: the speaker is a canonical name to compare whole; False: compare name words."""


@dataclass
class GoldDocument:
    """A text and its gold attributions."""

    id: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)
    not_speakers: list[str] = field(default_factory=list)
    grouped: bool = True
    """Gold attributions join the parts of an interrupted quote (PolNeAR); else one per span."""


def load_gold(path: Path) -> list[GoldDocument]:
    """Read a gold file in either format (detected per line).

    Raises:
        ValueError: a line is neither format; the message names the line.
    """
    documents: list[GoldDocument] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if "attributions" in row:
                key = str(row.get("article_id") or row.get("id"))
                if key in seen:
                    continue
                seen.add(key)
                documents.append(_polnear(key, row))
            elif "quotes" in row:
                documents.append(_own(row))
            else:
                raise ValueError(f"{path}:{number}: neither PolNeAR nor quotes format")
    return documents


def _polnear(key: str, row: dict[str, object]) -> GoldDocument:
    text = str(row["text"])
    document = GoldDocument(key, text)
    attributions = row["attributions"]
    assert isinstance(attributions, list)
    for attribution in attributions:
        content = attribution.get("content") or {}
        spans = tuple((int(a), int(b)) for a, b in content.get("spans") or [])
        if not spans:
            continue
        source = (attribution.get("source") or {}).get("text") or ""
        document.quotes.append(
            GoldQuote(
                spans=spans,
                direct=bool(attribution.get("content_has_quote_marks")),
                speaker=source,
                named=is_name(source),
                exact_names=False,
            )
        )
    return document


def _own(row: dict[str, object]) -> GoldDocument:
    document = GoldDocument(str(row.get("id", "")), str(row["text"]), grouped=False)
    quotes = row["quotes"]
    assert isinstance(quotes, list)
    for quote in quotes:
        speaker = str(quote.get("speaker") or "")
        document.quotes.append(
            GoldQuote(
                spans=((int(quote["char_start"]), int(quote["char_end"])),),
                direct=quote.get("kind") == "direct"
                or any(c in str(quote.get("text", "")) for c in DOUBLE_QUOTES),
                speaker=speaker,
                named=bool(speaker),
                exact_names=True,
            )
        )
    not_speakers = row.get("not_speakers") or []
    assert isinstance(not_speakers, list)
    document.not_speakers = [str(n) for n in not_speakers]
    return document


def is_name(source: str) -> bool:
    """Whether a source as written names someone ("Mike Pence", "The Post"), not "he".

    A capitalised common noun opening a sentence ("Officials said") is not a name.
    """
    words = re.findall(r"[\w’'.-]+", source)
    return any(
        w[0].isupper() and w.lower() not in _PRONOUN_OR_COMMON and w.lower() not in _GENERIC
        for w in words
    )


def name_words(name: str) -> set[str]:
    """Words that identify a name: case-folded, titles and function words left out."""
    from bot.nlp.speakers import TITLE_WORDS

    words = {_POSSESSIVE.sub("", w.casefold()).strip(".’'") for w in re.findall(r"[\w’'.-]+", name)}
    words = {w for w in words if len(w) > 1 and w not in _PRONOUN_OR_COMMON}
    return (words - TITLE_WORDS) or words  # "Mr. King" is Mr. King


def same_speaker(gold: GoldQuote, predicted: str, mention: str) -> bool:
    """Whether a predicted speaker is the gold one."""
    if gold.exact_names:
        return _plain(predicted) == _plain(gold.speaker)
    wanted = name_words(gold.speaker)
    return bool(wanted & (name_words(predicted) | name_words(mention)))


def _plain(name: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", name.strip().casefold())
