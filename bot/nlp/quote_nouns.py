"""Speech nouns as cues: ``Kane's claim that …``, ``her warning that …``.

A noun of saying with a possessor and a "that" clause reports the possessor's words. The
possessor is the speaker; the clause is the content. Only for reported speech: a speech noun
never attributes a quotation standing next to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.nlp.quote_cues import Cue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# fmt: off
SPEECH_NOUNS = frozenset((
    "claim", "assertion", "argument", "warning", "promise", "pledge", "statement", "insistence",
    "suggestion", "admission", "accusation", "charge", "denial", "vow", "remark", "comment",
    "contention", "allegation", "declaration", "announcement", "prediction", "threat",
    "complaint", "testimony", "boast", "explanation", "assurance", "reminder", "report",
))
# fmt: on
_CLAUSE_DEPS = ("acl", "ccomp", "relcl")


def noun_cues(doc: Doc, quoted: Callable[[int], bool]) -> list[Cue]:
    """Every speech noun with an owner outside quotation marks and a "that" clause."""
    cues: list[Cue] = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in SPEECH_NOUNS:
            continue
        if quoted(token.idx) or _that_clause(token) is None:
            continue
        owner = _owner(token)
        if owner is None or quoted(owner.idx) or owner.lower_ in ("its", "their", "my", "our"):
            continue
        end = token.idx + len(token)
        cues.append(Cue(token, owner, token.idx, end, token.text, noun=True))
    return cues


def noun_content(cue: Cue) -> Span | None:
    """The "that" clause of a speech noun cue, "that" included."""
    clause = _that_clause(cue.token)
    if clause is None:
        return None
    that = next(c for c in clause.children if c.dep_ == "mark")
    return cue.token.doc[that.i : clause.right_edge.i + 1]


def _owner(noun: Token) -> Token | None:
    """``Kane's claim``, ``a Times report``, ``warnings from his lawyer``: who spoke."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    names = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if names:
        return names[-1]
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _that_clause(noun: Token) -> Token | None:
    after = noun.i + 1
    for child in noun.rights:  # "warnings from his lawyer that …": the clause follows the owner
        if child.dep_ == "prep" and child.lower_ in ("from", "by") and child.i == after:
            after = child.right_edge.i + 1
    for child in noun.rights:
        if child.dep_ not in _CLAUSE_DEPS or child.pos_ not in ("VERB", "AUX"):
            continue
        marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ == "that"]
        subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
        if marks and subject and marks[0].i == after:
            return child
    return None
