"""Matter mentions built from a matter and the parse around it: state, stance, who and when.

Used by :mod:`bot.nlp.matters` once a sentence's matters and signals are found.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.core.analysis import MatterMention, Sentence
from bot.nlp.matter_cues import (
    OPPOSE_VERBS,
    OPPOSE_WORDS,
    PROPOSAL_STANCE_ONLY,
    RESOLVE_VERBS,
    SUPPORT_VERBS,
)
from bot.nlp.matter_lexicon import ENTITY_KINDS, HEADS, PENDING_BY_NATURE, TENTATIVE
from bot.nlp.matter_parse import (
    ancestors_or_self,
    label_of,
    modifiers_of,
    name_of,
    verb_lemma,
    verbal_chain,
)
from bot.nlp.matter_signals import AHEAD_SIGNALS, count_of, governs, when_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_ARGUMENT_PREPS = frozenset(("of", "for", "on", "to", "by", "with", "against", "about"))


def mention(
    token: Token,
    span: Span,
    sentence: Sentence,
    speaker: str,
    signals: list[str],
    resolutions: list[Token],
) -> Iterable[MatterMention]:
    """The mention of the matter ``token`` (none if it is only context)."""
    kind, head_class = _kind_of(token)
    stance, who = _stance(token, signals, speaker, kind)
    settled = [
        v
        for v in resolutions
        if governs(v, token) and not (kind == "proposal" and v.lemma_ in PROPOSAL_STANCE_ONLY)
    ]
    if token.lemma_.lower() in PENDING_BY_NATURE and not settled and not _past(token):
        signals = [*signals, "proposal"]  # a proposal is pending until accepted or dropped
    tentative = [c.lemma_.lower() for c in token.children if c.lemma_.lower() in TENTATIVE]
    if settled and tentative:  # "reached a tentative agreement": not final yet
        signals = [*signals, f"hedge:{tentative[0]}"]
        settled = []
    if settled:
        state = "resolved"
        signals = [f"done:{verb_lemma(v)}" for v in settled]
        who = _agent(settled[0]) or who
        stance = ""
    elif signals:
        state = "open"
    else:
        state = "context"
    count = count_of(span)
    when = when_of(
        span, loose=state == "open" and any(s.startswith(AHEAD_SIGNALS) for s in signals)
    )
    if state == "context" and not (stance or count):
        return
    yield MatterMention(
        head=token.lemma_.lower(),
        head_class=head_class,
        kind=kind,
        label=label_of(token),
        modifiers=tuple(modifiers_of(token)),
        sentence_index=sentence.index,
        char_start=sentence.char_start,
        char_end=sentence.char_end,
        state=state,
        signals=tuple(dict.fromkeys(signals)),
        stance=stance,
        who=who or speaker,
        count=count,
        when=when,
    )


def _past(token: Token) -> bool:
    """Whether the clause holding the noun is in the past ("he entered with a game plan")."""
    chain = verbal_chain(token)
    return bool(chain) and chain[0].tag_ in ("VBD",)


def _kind_of(token: Token) -> tuple[str, str]:
    lemma = token.lemma_.lower()
    if lemma in HEADS:
        return HEADS[lemma]
    return ENTITY_KINDS.get(token.ent_type_, ("decision", lemma))


def _stance(token: Token, signals: list[str], speaker: str, kind: str) -> tuple[str, str]:
    for ancestor in ancestors_or_self(token)[1:5]:
        lemma = verb_lemma(ancestor)
        if ancestor.dep_ == "prep" and ancestor.lower_ not in _ARGUMENT_PREPS:
            break  # "demanded a meeting before the vote": not a demand for the vote
        if ancestor.pos_ != "VERB":
            continue
        if lemma in SUPPORT_VERBS or lemma in OPPOSE_VERBS:
            stance = "support" if lemma in SUPPORT_VERBS else "oppose"
            if lemma in OPPOSE_VERBS and lemma in RESOLVE_VERBS and kind != "proposal":
                continue
            return stance, _agent(ancestor) or speaker
    if any(s.split(":")[-1] in OPPOSE_WORDS for s in signals):
        return "oppose", speaker
    return "", ""


def _agent(verb: Token) -> str:
    """Who does the verb: its subject, or for a passive the people named in its "by" phrase."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return name_of(child)
        if child.dep_ == "agent":
            start, end = child.left_edge.i, child.right_edge.i + 1
            people = [
                str(e.text)
                for e in verb.doc.ents
                if e.label_ in ("PERSON", "ORG") and start <= e.start and e.end <= end
            ]
            if people:
                return " and ".join(people)
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return " and ".join(n for n in (name_of(o) for o in objects) if n)
    return ""


def implied_mention(
    verb: Token,
    head: str,
    sentence: Sentence,
    speaker: str,
    signals: tuple[str, ...],
    state: str = "resolved",
) -> MatterMention:
    """A matter a verb stands for ("will meet": a meeting), with no noun naming it."""
    kind, head_class = HEADS.get(head, ("decision", head))
    people = [name_of(c) for c in verb.children if c.dep_ in ("nsubj", "dobj")]
    return MatterMention(
        head=head,
        head_class=head_class,
        kind=kind,
        label=head,
        modifiers=tuple(f"p:{p}" for p in people if p),
        sentence_index=sentence.index,
        char_start=sentence.char_start,
        char_end=sentence.char_end,
        state=state,
        signals=signals,
        who=speaker,
        when=when_of(verb.sent, loose=state == "open"),
    )


def copied_mention(
    previous: MatterMention, sentence: Sentence, signals: list[str], speaker: str
) -> MatterMention:
    """A pronoun sentence ("it's on the table") about the matter of the sentence before."""
    opposed = any(s.split(":")[-1] in OPPOSE_WORDS for s in signals)
    return MatterMention(
        head=previous.head,
        head_class=previous.head_class,
        kind=previous.kind,
        label=previous.label,
        modifiers=previous.modifiers,
        sentence_index=sentence.index,
        char_start=sentence.char_start,
        char_end=sentence.char_end,
        state="open",
        signals=(*dict.fromkeys(signals), "ref:pronoun"),
        stance="oppose" if opposed else "",
        who=speaker,
    )
