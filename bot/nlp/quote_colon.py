"""A name and a colon opening a line: ``Merkel: Europe must act``, ``PENCE: Well, look …``.

Headlines give a claim to the person or organisation named before a colon, and transcripts
give each speaker's turn that way. The line after the colon is what the named speaker said.
Only a line opening with nothing but a name counts: a person or organisation the parser
recognised there, or someone the article names elsewhere (``PENCE`` for Mike Pence).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.nlp.quote_cues import Cue
from bot.nlp.quote_text import QuoteText

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAX_NAME_TOKENS = 4
MIN_CONTENT_WORDS = 3


def colon_cues(text: QuoteText, known_person: Callable[[str, int], bool]) -> list[Cue]:
    """A cue at each line opening with a name and a colon.

    Args:
        text: the parse and its quotation spans and lines.
        known_person: whether a name (as written) is a person the article names, at an offset.
    """
    cues: list[Cue] = []
    for start, end in text.paras:
        line = text.tokens(start, end)
        colon = next((t for t in line[: MAX_NAME_TOKENS + 1] if t.text == ":"), None)
        if colon is None or colon.i == line.start or text.quoted(start):
            continue
        name = line.doc[line.start : colon.i]
        words = [t for t in line.doc[colon.i + 1 : line.end] if t.is_alpha]
        if len(words) < MIN_CONTENT_WORDS or not _is_name(name, known_person):
            continue
        cues.append(Cue(colon, name[-1], colon.idx, colon.idx + 1, ":", colon=True))
    return cues


def colon_content(cue: Cue) -> Span | None:
    """The rest of the line after the colon."""
    colon: Token = cue.token
    doc = colon.doc
    last = colon.i
    while last + 1 < len(doc) and "\n" not in doc[last + 1].text:
        last += 1
    if last == colon.i:
        return None
    return doc[colon.i + 1 : last + 1]


def _is_name(name: Span, known_person: Callable[[str, int], bool]) -> bool:
    if not all(t.text[:1].isupper() and (t.is_alpha or t.text.rstrip(".").isalpha()) for t in name):
        return False
    if all(t.text.isupper() for t in name if t.is_alpha):  # a transcript: "HOST" is no one
        return known_person(name.text.title(), name.start_char)
    for ent in name.doc.ents:
        if (ent.start, ent.end) == (name.start, name.end):
            return ent.label_ in ("PERSON", "ORG")
    return known_person(name.text.title(), name.start_char)
