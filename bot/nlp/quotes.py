"""Who said what: quotation extraction and speaker attribution over the shared spaCy parse.

Three passes, most certain first, each quotation claimed once:

1. reported speech: a speech verb's clausal complement (``X said (that) …``, ``…, X said``,
   ``The museum, X said, will …``, ``As X noted, …``, ``according to X, …``), a pledge's
   infinitive (``vowed to …``), a demand (``called for …``), a speech noun's clause (``X's
   claim that …``) and a line after a name and a colon (``Merkel: …``). A complement that is
   all inside quotation marks is a direct quote; quoted fragments inside reported speech
   (``the "only way"``) belong to that speech.
2. direct quotes attributed next to them: ``"…," Trump said``, ``"…," said X, role``,
   ``X wrote on Truth Social: "…"``, an attribution ending the previous paragraph with a colon.
3. continuations: ``"…," Trump said. "…"`` and a quotation paragraph right after a paragraph
   whose last quotation was attributed and nothing else followed it.

Quotation marks nobody is attributed (scare quotes, titles) are not quotes. Speakers are resolved
by :mod:`bot.nlp.speakers`; people who are only mentioned never become speakers, because only the
subject of a cue can be one (or the agent of a passive one, the owner of a speech noun, the name
before a colon).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.analysis import Analysis, Quote
from bot.core.models import Article
from bot.nlp.quote_adjacent import MAX_GAP_TOKENS, attach_adjacent, attach_continued
from bot.nlp.quote_colon import colon_cues
from bot.nlp.quote_cues import find_cues
from bot.nlp.quote_lexical import fronted_cues, inverted_cues
from bot.nlp.quote_nouns import noun_cues
from bot.nlp.quote_records import attributions_spans, build_records
from bot.nlp.quote_reported import reported_speech
from bot.nlp.quote_speakers import PRONOUN_PARAGRAPHS, resolve_speakers
from bot.nlp.quote_text import Attribution, QuoteText
from bot.nlp.speakers import Registry

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "MAX_GAP_TOKENS",
    "PRONOUN_PARAGRAPHS",
    "QuoteStep",
    "attributions_spans",
    "extract_quotes",
]


class QuoteStep:
    """The ``quotes`` analysis step: fills ``Analysis.quotes``."""

    name = "quotes"
    version = 27

    def run(self, doc: Doc, article: Article, analysis: Analysis) -> None:
        """Extract the article's quotations with their speakers."""
        analysis.quotes = extract_quotes(doc)


def extract_quotes(doc: Doc) -> list[Quote]:
    """Every attributed quotation in a parsed text, in order of appearance."""
    text = QuoteText(doc)
    registry = Registry.build(doc, text.quoted)
    cues = find_cues(doc, text.quoted)
    cues += inverted_cues(doc, text.quoted, cues) + fronted_cues(doc, text.quoted, cues)
    cues += noun_cues(doc, text.quoted)
    cues += colon_cues(text, registry.names_person)
    cues.sort(key=lambda c: c.start)
    owner: dict[int, Attribution] = {}
    attributions = reported_speech(text, cues, owner)
    attributions += attach_adjacent(
        text, [c for c in cues if not (c.label or c.noun or c.colon or c.demand)], owner
    )
    attributions += attach_continued(text, owner)
    resolve_speakers(text, registry, attributions)
    return build_records(text, attributions)
