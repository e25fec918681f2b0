"""Speakers of quotations: the subject of each cue, resolved by :mod:`bot.nlp.speakers`.

Pronouns go to someone named at most a few paragraphs back (or, inside someone's reported
words, to the person named there); titles and descriptions to the person they stand for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.analysis import SpeakerKind
from bot.nlp.quote_cues import Cue, is_speech_verb, subject_of, text_of
from bot.nlp.quote_text import Attribution, QuoteText
from bot.nlp.speakers import PERSONAL_PRONOUNS, Entity, Registry, Speaker, clean_name

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_NAMED_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}
PRONOUN_PARAGRAPHS = 3
"""A pronoun refers to someone named at most this many paragraphs back."""


def resolve_speakers(text: QuoteText, registry: Registry, attributions: list[Attribution]) -> None:
    """Set each attribution's speaker, most salient people first."""
    for token in text.doc:
        main_clause = token.head.dep_ in ("ROOT", "conj")
        if token.dep_ in ("nsubj", "nsubjpass") and main_clause and token.pos_ == "PROPN":
            entity = registry.lookup(_name_at(token), token.idx, "person")
            if entity is not None and not text.quoted(token.idx):
                registry.mark_salient(token.idx, entity)
    for attribution in sorted(attributions, key=lambda a: a.cue.subject.idx):
        attribution.speaker = _speaker(text, registry, attribution.cue)
        if attribution.speaker.entity is not None:
            registry.mark_salient(attribution.cue.subject.idx, attribution.speaker.entity)


def _name_at(token: Token) -> str:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return clean_name(ent)
    return clean_name(_compound(token))


def _compound(token: Token) -> Span:
    first = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "det") and child.i < first:
            first = child.i
    return token.doc[first : token.i + 1]


def _speaker(text: QuoteText, registry: Registry, cue: Cue) -> Speaker:
    head = cue.subject
    if head.lower_ == "who" and head.head.dep_ == "relcl":
        head = head.head.head
    word = _POSSESSIVE_PRONOUNS.get(head.lower_, head.lower_)  # "his claim that …"
    if word in PERSONAL_PRONOUNS:
        number = text.para(head.idx)
        window = text.paras[max(0, number - PRONOUN_PARAGRAPHS)][0] if text.paras else 0
        entity = _nested_antecedent(registry, cue, word) or registry.resolve_pronoun(
            word, head.idx, window
        )
        if entity is None:
            return Speaker(head.text, "unresolved", head.text, "")
        entity.gender = entity.gender or ("f" if word == "she" else "m")
        return Speaker(entity.name, "person", head.text, entity.role, entity)
    if head.pos_ == "PRON":
        return Speaker(head.text, "unresolved", head.text, "")
    if cue.dash or cue.colon or head.pos_ == "PROPN" or head.ent_type_ in _NAMED_TYPES:
        return _named(registry, head)
    for child in head.children:  # "the health minister, Rosa Blanco, said"
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            named = _named(registry, child)
            if named.role:
                return named
            role = text_of(head.doc)[head.left_edge.idx : head.idx + len(head)]
            return Speaker(named.name, named.kind, named.mention, role, named.entity)
    entity = None
    if any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) and not any(
        c.dep_ == "prep" for c in head.children
    ):
        entity = registry.resolve_title(head, head.idx)
    phrase = _description(head)
    if entity is not None:
        return Speaker(entity.name, "person", phrase, entity.role, entity)
    first = head.left_edge
    shouted = len(first.text) > 1 and first.text.isupper()
    common = first.pos_ != "PROPN" and not first.ent_type_ and not shouted
    shown = phrase[0].lower() + phrase[1:] if common else phrase
    return Speaker(shown, "description", phrase, "")


def _nested_antecedent(registry: Registry, cue: Cue, word: str) -> Entity | None:
    """Inside someone's reported words, "he" is the person named there, not the reporter.

    ``Flynn said Trump was right when he said …``: "he" is Trump.
    """
    outer = next((a for a in cue.token.ancestors if is_speech_verb(a)), None)
    outer_subject = subject_of(outer) if outer is not None else None
    if outer is None or outer_subject is None:
        return None
    sentence = cue.token.sent
    reporter = registry.lookup(_name_at(outer_subject), outer_subject.idx, "person")
    gender = "f" if word == "she" else "m"
    for position, entity in reversed(registry.mentions):
        if not sentence.start_char <= position < cue.subject.idx or position <= outer_subject.idx:
            continue
        if entity.kind == "person" and entity is not reporter and entity.gender in (None, gender):
            return entity
    return None


def _named(registry: Registry, head: Token) -> Speaker:
    span = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    words = span if span is not None else _compound(head)
    name = clean_name(words)
    label = span.label_ if span is not None else ""
    kind_hint: SpeakerKind | None = (
        "organisation" if label in ("ORG", "GPE", "NORP", "FAC") else None
    )
    entity = registry.lookup(name, head.idx, "person" if label == "PERSON" else kind_hint)
    if entity is None and label != "PERSON":
        entity = registry.lookup(name, head.idx)
    mention = text_of(head.doc)[words.start_char : words.end_char]
    the = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    if entity is not None:
        shown = _with_the(entity.name) if entity.kind == "organisation" and the else entity.name
        return Speaker(shown, entity.kind, mention, entity.role, entity)
    kind: SpeakerKind = "organisation" if kind_hint else "person"
    if not name:
        return Speaker(mention, "unresolved", mention, "")
    shown = _with_the(name) if kind == "organisation" and the else name
    return Speaker(shown, kind, mention, "")


def _with_the(name: str) -> str:
    """``the Pentagon``; a name that already has its article keeps it once."""
    return f"the {name[4:]}" if name.casefold().startswith("the ") else f"the {name}"


def _description(head: Token) -> str:
    """``a spokesperson for Senate Majority Leader John Thune``, ``Turkey's foreign minister``."""
    doc = head.doc
    end = head.i
    for child in head.rights:  # "the former secretary of state and current nominee"
        if (
            child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "with", "from", "in")
        ) or child.dep_ in ("cc", "conj"):
            end = max(end, child.right_edge.i)
        else:
            break
    while end > head.i and (doc[end].is_punct or doc[end].dep_ == "cc"):
        end -= 1
    start = head.left_edge.i
    return text_of(doc)[doc[start].idx : doc[end].idx + len(doc[end])]
