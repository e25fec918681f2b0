"""How many of an article's developments a brief covers, next to the opening in as many words.

ROUGE against one reference rewards summaries that look like the reference (on CNN/DailyMail,
mostly the lead); it cannot tell whether a brief of a long article reaches its later
developments. A developments file lists, by hand, the distinct developments of some long
articles, each as groups of key phrases: a summary covers a development when it contains at
least one phrase of every group (case-insensitive, curly quotes read as straight). The brief is
compared with the article's opening cut to the brief's own length in words (Lead-N, same words).

File shape (paths relative to the file)::

    {"articles": [{"id": "...", "path": "article.txt",
                   "developments": [{"name": "...", "all": [["phrase", "other"], ...]}]}]}
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.evaluation.brief import GoldItem, as_doc, lead_words

if TYPE_CHECKING:
    from bot.core.ports import Summarizer

_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True)
class Development:
    """One development of an article and the phrases that show a summary covers it."""

    name: str
    groups: tuple[tuple[str, ...], ...]

    def covered_by(self, summary: str) -> bool:
        """Whether ``summary`` has a phrase of every group."""
        text = normalise(summary)
        return all(any(normalise(p) in text for p in group) for group in self.groups)


@dataclass(frozen=True)
class DevelopmentArticle:
    """A long article and its hand-listed developments."""

    id: str
    path: Path
    developments: tuple[Development, ...]


@dataclass(frozen=True)
class Coverage:
    """Developments covered by the brief and by the opening in the same words, for one article."""

    article: str
    total: int
    brief_words: int
    brief: tuple[str, ...]
    lead: tuple[str, ...]

    def row(self) -> str:
        """One line of the results table."""
        return (
            f"{self.article:<22} {self.total:>5} {self.brief_words:>6} "
            f"{len(self.brief):>6} {len(self.lead):>6}"
        )


def normalise(text: str) -> str:
    """Lower case, straight quotes and hyphens, single spaces."""
    return " ".join(text.translate(_STRAIGHT).lower().split())


def read_developments(path: Path) -> list[DevelopmentArticle]:
    """The articles of a developments file.

    Raises:
        ValueError: the file is not JSON of the documented shape.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [
            DevelopmentArticle(
                str(row["id"]),
                (path.parent / row["path"]).resolve(),
                tuple(
                    Development(
                        str(dev["name"]),
                        tuple(tuple(str(p) for p in group) for group in dev["all"]),
                    )
                    for dev in row["developments"]
                ),
            )
            for row in data["articles"]
        ]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a developments file ({exc})") from exc


def covered(developments: Sequence[Development], summary: str) -> tuple[str, ...]:
    """The names of the developments ``summary`` covers."""
    return tuple(d.name for d in developments if d.covered_by(summary))


def measure(article: DevelopmentArticle, summarizer: Summarizer, max_words: int) -> Coverage:
    """Brief the article (loaded as at ingest) and count developments against the opening."""
    from bot.ingest.loaders import load_file

    document = load_file(article.path).documents[0]
    doc = as_doc(GoldItem(article.id, document.body, ""))
    summary = asyncio.run(summarizer.summarize([doc], max_words=max_words))
    text = " ".join(s.text for s in summary.sentences)
    opening = lead_words(doc, summary.words)
    return Coverage(
        article.id,
        len(article.developments),
        summary.words,
        covered(article.developments, text),
        covered(article.developments, opening),
    )


def report(rows: Sequence[Coverage]) -> list[str]:
    """The results table: per article and in total."""
    lines = [f"{'article':<22} {'devs':>5} {'words':>6} {'brief':>6} {'lead':>6}"]
    lines += [row.row() for row in rows]
    total = sum(r.total for r in rows)
    brief = sum(len(r.brief) for r in rows)
    lead = sum(len(r.lead) for r in rows)
    words = sum(r.brief_words for r in rows)
    lines.append(f"{'total':<22} {total:>5} {words:>6} {brief:>6} {lead:>6}")
    return lines
