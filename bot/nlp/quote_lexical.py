"""Cues read from the words alone, where the parse cannot be trusted.

``"…," Tulsa police Chief Ann Roe said Monday.`` when the parser lost the verb's subject, and
``"…" ― Carla Sanchez``: a name alone after a dash closing the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.nlp.quote_cues import SUBJECT_DEPS, Cue, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SAID_FORMS = frozenset(("said", "says", "added", "adds", "told", "wrote", "writes", "asked"))
_CLOSING_MARKS = '”»"'
MAX_NAME_WORDS = 7


def inverted_cues(doc: Doc, quoted: Callable[[int], bool], known: list[Cue]) -> list[Cue]:
    """``"…," Tulsa police Chief Ann Roe said Monday.`` when the parser lost the verb's subject.

    Read from the words alone: a closing quotation mark, then only name and title words
    (capitalised, or a lower-case word before a capitalised one), then a form of "say" right
    after a capitalised word. The word before the verb is the speaker's head.
    """
    taken = {c.token.i for c in known}
    found: list[Cue] = []
    for verb in doc:
        if verb.lower_ not in _SAID_FORMS or verb.i in taken or quoted(verb.idx) or verb.i < 2:
            continue
        if any(c.dep_ in SUBJECT_DEPS and not quoted(c.idx) for c in verb.children):
            continue
        last = _before_apposition(doc, verb.i)  # "…,” Flynn, a top surrogate, said"
        head = doc[last]
        if not head.is_alpha or not head.text[0].isupper():
            continue
        i = last
        while i > 0 and verb.i - i <= MAX_NAME_WORDS and _name_word(doc[i - 1]):
            i -= 1
        mark = doc[i - 1] if i > 0 else None
        while mark is not None and mark.text == "," and mark.i > 0:
            mark = doc[mark.i - 1]
        if mark is None or mark.text not in _CLOSING_MARKS or not quoted(mark.idx):
            continue
        if "\n" in text_of(doc)[mark.idx : verb.idx]:
            continue
        end = verb.idx + len(verb)
        found.append(Cue(verb, head, verb.idx, end, verb.text, lexical=True))
    return found


MAX_APPOSITION = 12


def _before_apposition(doc: Doc, verb: int) -> int:
    """The word before ``verb``, or before an apposition set in commas right before it."""
    if verb < 2 or doc[verb - 1].text != ",":
        return verb - 1
    for i in range(verb - 2, max(0, verb - 2 - MAX_APPOSITION), -1):
        if doc[i].text == "," and i > 0:
            return i - 1 if _name_word(doc[i - 1]) else verb - 1
        if doc[i].text in _CLOSING_MARKS or doc[i].is_space:
            break
    return verb - 1


def fronted_cues(doc: Doc, quoted: Callable[[int], bool], known: list[Cue]) -> list[Cue]:
    """``Said Ellis: “…”``, ``Added Kane, “…”``: the verb opens the sentence, the name follows.

    Read from the words alone: a capitalised form of "say" opening a sentence, then only name
    and title words, then a colon or comma and an opening quotation mark.
    """
    taken = {c.token.i for c in known}
    found: list[Cue] = []
    for verb in doc:
        if not verb.is_sent_start or verb.i in taken or quoted(verb.idx):
            continue
        if verb.lower_ not in _SAID_FORMS or not verb.text[0].isupper():
            continue
        i = verb.i + 1
        while i < len(doc) and i - verb.i <= MAX_NAME_WORDS and _name_word(doc[i]):
            i += 1
        if i == verb.i + 1 or i + 1 >= len(doc) or doc[i].text not in (":", ","):
            continue
        if not quoted(doc[i + 1].idx) or doc[i - 1].text[:1].islower():
            continue
        end = verb.idx + len(verb)
        found.append(Cue(verb, doc[i - 1], verb.idx, end, verb.text, lexical=True))
    return found


def _name_word(token: Token) -> bool:
    if token.is_space or token.text in _CLOSING_MARKS or token.text == ",":
        return False
    if token.text[0].isupper():
        return token.is_alpha or token.text.rstrip(".").isalpha()
    return token.is_alpha and token.i + 1 < len(token.doc) and token.nbor().text[0].isupper()


_DASH_NAME = re.compile(
    r"[ \t\u00a0]*[―—–][ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \t\u00a0]+[A-Z][\w.'’-]*){0,4})"
    r"[.,]?[ \t\u00a0]*(?:\n|$)"
)


def dash_cue(doc: Doc, end: int) -> Cue | None:
    """``"…" ― Carla Sanchez``: a name alone after a dash closing the line attributes it."""
    match = _DASH_NAME.match(text_of(doc), end)
    if match is None:
        return None
    name = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    dash = doc.char_span(end, match.start(1), alignment_mode="expand")
    if name is None or dash is None or not len(name):
        return None
    marks = [t for t in dash if not t.is_space]
    words = [t for t in name if not t.is_punct]
    if not marks or not words:
        return None
    token = marks[0]
    return Cue(token, words[-1], token.idx, token.idx + len(token), token.text, dash=True)
