"""The things in a sentence that can be open: matter nouns, their steps, and implied matters.

Used by :mod:`bot.nlp.matters`: which nouns are matters, how a step of another matter ("a
decision on the permit") or a nested one ("a hearing on the merger") folds into the matter it
stands for, what a sentence is about, and what a bare "the request" refers back to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.analysis import MatterMention, Sentence
from bot.nlp.matter_cues import IMPLIED_HEADS, SPEECH_VERBS
from bot.nlp.matter_lexicon import ABOUT_HEADS, ANAPHORIC_HEADS, ENTITY_KINDS, HEADS
from bot.nlp.matter_signals import governs

if TYPE_CHECKING:
    from spacy.tokens import Token


def implied_verb(verb: Token, candidates: list[Token]) -> bool:
    """A verb that stands for a matter ("will meet", "would appeal") with none named by it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in IMPLIED_HEADS:
        return False
    return not any(governs(verb, c) for c in candidates)


def antecedent(
    token: Token, sentence: Sentence, recent: list[MatterMention]
) -> MatterMention | None:
    """The matter a bare definite "the request" or "the demand" of the next sentence refers to."""
    if token.lemma_.lower() not in ANAPHORIC_HEADS or not recent:
        return None
    if [c.lower_ for c in token.children if c.dep_ != "det"] or not any(
        c.lower_ == "the" for c in token.children
    ):
        return None
    before = [m for m in recent if m.sentence_index == sentence.index - 1 and m.state == "open"]
    return before[-1] if before else None


def step_of(token: Token, candidates: list[Token]) -> Token | None:
    """For "decision on the permit" (a step of another matter), the permit."""
    if token.lemma_.lower() not in ABOUT_HEADS:
        return None
    preps = list(token.children)
    if token.dep_ == "dobj":  # "postponed its vote on the fare increase": "on" hangs on the verb
        preps += [c for c in token.head.children if c.i > token.i]
    for prep in preps:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "of", "for", "over"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and any(c.i == obj.i for c in candidates):
                    return obj
    return None


def steps_folded(found: list[Token]) -> list[Token]:
    """The matters of a sentence once steps and nested matters are folded into one.

    "clearance" in "the deal still needs clearance" and "decision" in "no decision on the
    permit" give way to the deal and the permit; "merger" in "a hearing on the merger" gives
    way to the hearing.
    """
    candidates = [t for t in found if step_of(t, found) is None]
    kept = []
    for token in candidates:
        verb = token.head
        subjects = [c for c in candidates if c.head.i == verb.i and c.dep_ == "nsubj"]
        if token.lemma_.lower() in ABOUT_HEADS and token.dep_ == "dobj" and subjects:
            continue
        nested = token.dep_ == "pobj" and token.head.lower_ in ("on", "about", "over", "into")
        if nested and any(c.i == token.head.head.i for c in candidates):
            continue  # "a hearing on the merger": the hearing is what is open
        kept.append(token)
    return kept


def topic_of(candidates: list[Token]) -> Token | None:
    """What a sentence is about: "said … about sanctions", else a matter that is a subject."""
    for token in candidates:
        if token.dep_ != "pobj" or token.head.lower_ not in ("about", "on"):
            continue
        if token.head.head.lemma_.lower() in SPEECH_VERBS:
            return token
    return next((t for t in candidates if t.dep_ in ("nsubj", "nsubjpass")), None)


def is_matter(token: Token) -> bool:
    """Whether a noun names something that can be open (a matter head, or an EVENT)."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(
        c.lower_ == "for" and any(g.lemma_ == "comment" for g in c.children) for c in token.children
    ):
        return False  # "did not respond to requests for comment": boilerplate
    if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
        return False  # "sanctions" in "sanctions bill": the bill is the matter
    if token.lemma_.lower() in HEADS:
        return token.pos_ == "NOUN" or token.ent_type_ in ENTITY_KINDS
    return token.ent_type_ == "EVENT" and _is_ent_root(token)


def _is_ent_root(token: Token) -> bool:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return bool(ent.root.i == token.i)
    return False
