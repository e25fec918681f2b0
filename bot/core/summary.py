"""What a summariser reads and writes, in library-neutral types.

A :class:`SourceDoc` is one article as the summariser sees it: its sentences (from ingest-time
analysis) and, for a focused briefing, which of them lie in passages the full-text index matched.
A :class:`Summary` is what comes back: sentences, each citing the article it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.analysis import Sentence


@dataclass(frozen=True)
class SourceDoc:
    """One article given to a summariser.

    Attributes:
        article_id: the stored article's id (or an evaluation item's id).
        title: headline.
        url: link, if known.
        sentences: the body's sentences, in order.
        matched: indices of sentences inside passages that matched the topic (empty: no topic).
    """

    article_id: str
    title: str
    url: str | None
    sentences: tuple[Sentence, ...]
    matched: frozenset[int] = frozenset()


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of a summary and the source sentence that supports it.

    Attributes:
        text: the sentence as shown (verbatim from the source for extractive summaries).
        article_id: the cited article.
        sentence_index: the supporting sentence's index in that article.
        support: how well the source supports it, 0..1 (1.0 for verbatim sentences).
    """

    text: str
    article_id: str
    sentence_index: int
    support: float = 1.0


@dataclass(frozen=True)
class Summary:
    """A summariser's answer.

    Attributes:
        sentences: the summary, in reading order.
        backend: the backend that wrote it (``extractive``, ``transformers``, ``openai``).
        notes: things the reader should know, e.g. that a generative backend failed and the
            briefing fell back to extractive, or how many unsupported sentences were dropped.
    """

    sentences: tuple[SummarySentence, ...]
    backend: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def words(self) -> int:
        """How many words the summary has."""
        return sum(len(s.text.split()) for s in self.sentences)
