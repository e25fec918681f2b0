"""The shared state of quotation extraction: a parse's quotation spans and the attributions.

Every pass of :mod:`bot.nlp.quotes` reads the same :class:`QuoteText` and claims quotations for
:class:`Attribution` records, which speaker resolution and record building then complete.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.core.analysis import QuoteKind
from bot.nlp.quote_cues import Cue, text_of
from bot.nlp.quote_marks import paragraphs, quote_spans
from bot.nlp.speakers import Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass
class Attribution:
    """Quotations claimed for one cue: direct or indirect, and (once resolved) their speaker."""

    cue: Cue
    kind: QuoteKind
    spans: list[tuple[int, int]] = field(default_factory=list)
    speaker: Speaker | None = None


class QuoteText:
    """Quotation spans and paragraphs of one parse, with fast position look-ups."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spans = quote_spans(text_of(doc))
        self.starts = [s.start for s in self.spans]
        self.paras = paragraphs(text_of(doc))
        self.para_starts = [p[0] for p in self.paras]

    def span_index(self, position: int) -> int | None:
        """Index of the quotation holding ``position``, or None."""
        n = bisect.bisect_right(self.starts, position) - 1
        if n >= 0 and self.spans[n].contains(position):
            return n
        return None

    def last_mark(self, start: int, end: int) -> int | None:
        """End of the last quotation lying in ``[start, end)``, or None."""
        inside = [s.end for s in self.spans if start <= s.start and s.end <= end]
        return inside[-1] if inside else None

    def quoted(self, position: int) -> bool:
        """Whether ``position`` lies inside a quotation."""
        return self.span_index(position) is not None

    def para(self, position: int) -> int:
        """Index of the paragraph holding ``position``."""
        return max(0, bisect.bisect_right(self.para_starts, position) - 1)

    def tokens(self, start: int, end: int) -> Span:
        """The tokens covering ``[start, end)`` (empty if none)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None else self.doc[0:0]
