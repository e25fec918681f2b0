"""Small readings of a spaCy parse that the open-matter step needs (names, labels, paths)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.nlp.matter_cues import SPEECH_VERBS
from bot.nlp.matter_lexicon import ABOUT_HEADS, GENERIC_MODIFIERS, HEADS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_LEFT_DEPS = frozenset(("compound", "amod", "poss", "nmod", "npadvmod", "case", "punct", "nummod"))
_PARTICIPANT_PREPS = frozenset(("between", "with", "on", "over", "against", "to", "by", "of", "in"))
_PRONOUNS = frozenset(("he", "she", "they", "i", "we", "it"))


PHRASAL_VERBS = {
    ("turn", "down"): "reject",
    ("vote", "down"): "defeat",
    ("shoot", "down"): "reject",
    ("strike", "down"): "block",
    ("call", "off"): "cancel",
    ("sign", "off"): "approve",
    ("pull", "out"): "withdraw",
    ("back", "out"): "withdraw",
    ("give", "up"): "abandon",
    ("wrap", "up"): "conclude",
}
"""Verb and particle → the one-word verb it means ("turned down" an offer = rejected it)."""


def verb_lemma(token: Token) -> str:
    """The token's lemma, or for a phrasal verb the one-word verb it stands for."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "prt" and (lemma, child.lower_) in PHRASAL_VERBS:
            return PHRASAL_VERBS[(lemma, child.lower_)]
    return lemma


def ancestors_or_self(token: Token) -> list[Token]:
    """The token and its heads up to the root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of the same sentence (large if none)."""
    up_a = {t.i: n for n, t in enumerate(ancestors_or_self(a))}
    for n, t in enumerate(ancestors_or_self(b)):
        if t.i in up_a:
            return n + up_a[t.i]
    return 99


def verbal_chain(token: Token) -> list[Token]:
    """The token's verbal governors, nearest first (the token itself first if it is a verb)."""
    return [t for t in ancestors_or_self(token) if t.pos_ in ("VERB", "AUX")]


def name_of(token: Token) -> str:
    """A person's or organisation's name for a subject token: its entity, else its phrase."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
            return str(ent.text)
    if token.lower_ in _PRONOUNS or token.pos_ == "PRON":
        return ""
    for prep in token.children:  # "a spokesperson for John Thune"
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ("PERSON", "ORG"):
                    return f"{token.text} {prep.text} {name_of(obj)}"
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "poss")]
    start = min([token.i, *(c.left_edge.i for c in left)])
    words = [w for w in token.doc[start : token.i + 1] if w.dep_ != "det" and w.tag_ != "PRP$"]
    name = "".join(w.text_with_ws for w in words[:-1]) + words[-1].text if words else ""
    return name if any(c.isupper() for c in name) else ""


def speaker_of(span: Span, last_speaker: str) -> str:
    """Who says the sentence: subject of a speech verb ("he", "she": the last named speaker)."""
    for token in span:
        if token.lemma_.lower() not in SPEECH_VERBS or token.pos_ != "VERB":
            continue
        for child in token.children:
            if child.dep_ == "nsubj" and span.start <= child.i < span.end and child.pos_ != "VERB":
                if child.lower_ in ("he", "she"):
                    return last_speaker
                return name_of(child)
    verbs = [t for t in span if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"]
    people = [e for e in span.ents if e.label_ == "PERSON"]
    if verbs and people and people[0].start < verbs[0].i:  # a subject the parse attached wrongly
        return str(people[0].text)
    for token in span:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
            if objects and objects[0].ent_type_ in ("PERSON", "ORG"):
                return name_of(objects[0])
    return ""


def _left_edge(token: Token) -> int:
    start = token.i
    for child in token.lefts:
        if child.dep_ in _LEFT_DEPS:
            start = min(start, child.left_edge.i)
    return start


def label_of(token: Token) -> str:
    """The matter's noun phrase without determiner or generic adjectives ("sanctions bill")."""
    doc = token.doc
    words = [
        t
        for t in doc[_left_edge(token) : token.i + 1]
        if not (t.dep_ == "amod" and t.lemma_.lower() in GENERIC_MODIFIERS)
        and t.dep_ not in ("det", "predet")
        and t.tag_ != "PRP$"
        and t.ent_type_ not in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
    ]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in (
            "between",
            "on",
            "with",
            "over",
            "against",
            "by",
        ):
            phrase = list(child.subtree)
            if len(phrase) <= 7 and not any(t.pos_ == "VERB" for t in phrase):
                words += phrase
            break
    text = " ".join("".join(t.text_with_ws for t in words).split())
    return text.strip(" ,.;:-–—“”\"'")


def modifiers_of(token: Token) -> list[str]:
    """What tells this matter from others of its class, as ``kind:text`` strings.

    ``n:`` names (proper nouns in the phrase), ``c:`` common-noun compounds, ``a:`` adjectives,
    ``p:`` participants (names in "between Trump and Putin", "by Graham and Blumenthal").
    """
    found: list[str] = []
    doc = token.doc
    for t in doc[_left_edge(token) : token.i]:
        lemma = t.lemma_.lower()
        if t.is_punct or t.is_stop or lemma in GENERIC_MODIFIERS or t.like_num:
            continue
        hyphenated = (t.i > 0 and doc[t.i - 1].text == "-") or (
            t.i + 1 < len(doc) and doc[t.i + 1].text == "-"
        )
        if hyphenated and t.pos_ != "PROPN":
            continue  # "face-to-face", "one-on-one"
        if t.pos_ == "PROPN":
            found.append(f"n:{t.text}")
        elif t.pos_ == "NOUN" and t.dep_ in ("compound", "nmod"):
            found.append(f"c:{t.lower_}")
        elif t.pos_ == "ADJ" and t.dep_ == "amod":
            found.append(f"a:{lemma}")
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in _PARTICIPANT_PREPS:
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                for t in [obj, *(c for c in obj.children if c.dep_ == "conj")]:
                    if t.pos_ == "PROPN":
                        found.append(f"p:{t.text}")
                    elif (
                        token.lemma_.lower() in ABOUT_HEADS
                        and child.lower_ in ("on", "of", "for")
                        and t.lemma_.lower() in HEADS
                    ):
                        found.append(f"o:{t.lemma_.lower()}")  # "decision on the merger"
    if token.dep_ == "nsubjpass":  # "the bill is sponsored by Graham and Blumenthal"
        for child in token.head.children:
            if child.dep_ == "agent":
                for t in child.subtree:
                    if t.pos_ == "PROPN" and t.ent_type_ == "PERSON" and t.dep_ in ("pobj", "conj"):
                        found.append(f"p:{t.text}")
    return list(dict.fromkeys(found))
