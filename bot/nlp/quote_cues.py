"""Attribution cues in a spaCy parse: speech verbs with their subjects, and "according to X".

A cue is a verb of saying (``said``, ``told``, ``warned``, ``wrote`` …) whose grammatical
subject lies outside quotation marks, or the phrase ``according to``. Verbs of belief
(``think``, ``believe``) are not cues: the bot reports what people said, not what they think.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# fmt: off
SPEECH_VERBS = frozenset((
    "say", "tell", "add", "continue", "write", "post", "tweet", "state", "suggest", "argue",
    "warn", "claim", "note", "explain", "insist", "announce", "declare", "report", "reply",
    "respond", "acknowledge", "admit", "contend", "assert", "maintain", "predict", "recall",
    "urge", "complain", "caution", "conclude", "concede", "confirm", "deny", "emphasize",
    "emphasise", "stress", "observe", "remark", "testify", "allege", "promise", "vow", "pledge",
    "boast", "joke", "quip", "muse", "recount", "mention", "reveal", "disclose", "speculate",
    "hint", "comment", "counter", "retort", "answer", "shout", "exclaim", "demand", "threaten",
    "lament", "ask", "point", "predict", "proclaim", "concur", "agree", "reiterate", "repeat",
    "charge", "assure", "advise", "brag", "scoff", "sneer", "snap", "thunder", "opine",
    "exhort", "read", "yell", "scream", "chant", "whisper", "mutter",
))
LABEL_VERBS = frozenset((
    "call", "describe", "label", "brand", "dub", "characterize", "characterise", "term",
    "deride", "denounce", "dismiss", "blast", "criticize", "criticise", "slam", "hail", "liken",
    "mock", "praise", "attack", "decry", "condemn", "accuse", "laud", "blame", "rate",
))
"""Verbs that put words on something (``called the plan "a disaster"``): cues only when the
words they put are in quotation marks."""
# fmt: on
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def text_of(doc: Doc) -> str:
    """The parsed text, built once per parse (``Doc.text`` joins every token at each call)."""
    cached = doc.user_data.get("bot.text")
    if not isinstance(cached, str):
        cached = doc.user_data["bot.text"] = doc.text
    return cached


@dataclass(frozen=True)
class Cue:
    """An attribution cue: the cue words, the speaker's head token, and the verb or phrase."""

    token: Token
    """The verb (or ``according``)."""
    subject: Token
    """Head of the speaker's words (subject of the verb, or object of ``according to``)."""
    start: int
    end: int
    text: str
    according: bool = False
    dash: bool = False
    """An epigraph-style attribution: ``"…" ― Name``."""
    label: bool = False
    """A verb putting words on something (``called it "a disaster"``): see :func:`labelled`."""
    lexical: bool = False
    """Found from the words alone (:func:`inverted_cues`): only name words precede it."""
    noun: bool = False
    """A noun of saying (``Kane's claim that …``): see :mod:`bot.nlp.quote_nouns`."""
    demand: bool = False
    """``called for …``, ``called on X to …``: see :func:`calls_for`."""
    colon: bool = False
    """A name and a colon opening a line: see :mod:`bot.nlp.quote_colon`."""


def is_speech_verb(token: Token) -> bool:
    """Whether ``token`` is a verb of saying used as a verb."""
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_VERBS:
        return False
    if token.lemma_.lower() == "point":  # only "point out"
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    if token.lemma_.lower() == "read":  # "the letter reads", not "she read the report"
        return not any(c.dep_ == "dobj" for c in token.children)
    return (
        token.tag_ != "VBG"
        or token.dep_ in ("ROOT", "conj", "ccomp", "advcl")
        or _after_preposition(token)
    )


_GERUND_PREPS = frozenset(("by", "after", "before", "while", "from", "since"))


def _after_preposition(token: Token) -> bool:
    """``She began by saying …``, ``After warning that …, he left``: the clause's subject speaks."""
    prep = token.head
    return (
        token.dep_ == "pcomp"
        and prep.lower_ in _GERUND_PREPS
        and prep.head is not prep
        and prep.head.pos_ in ("VERB", "AUX")
    )


def subject_of(token: Token, quoted: Callable[[int], bool] | None = None) -> Token | None:
    """The subject of a verb, looking through coordination (``said … and added``).

    Args:
        token: the verb.
        quoted: when given, a subject inside quotation marks is passed over for one outside
            (``"… full panic mode," said X``: the parser may make both subjects).
    """
    subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1:  # "― Trump boasted", "THE BORROWING … Mr. X said": no one speaks
        subjects = [c for c in subjects if _may_speak(c)] or subjects
    if quoted is not None and len(subjects) > 1:
        subjects = [c for c in subjects if not quoted(c.idx)] or subjects
    if subjects:
        return _contrasted(subjects[0])
    if _after_preposition(token):
        return subject_of(token.head.head, quoted)
    participle = (  # "X said …, adding …": the participle's speaker is X
        token.tag_ == "VBG"
        and token.dep_ == "advcl"
        and token.i > 0
        and token.doc[token.i - 1].text == ","
        and token.head.dep_ not in ("relcl", "acl")
    )
    if (token.dep_ == "conj" or participle) and token.head is not token:
        for child in token.head.children:
            if child.dep_ in SUBJECT_DEPS:
                return _contrasted(child)
    return None


def _may_speak(subject: Token) -> bool:
    """Not a dash or a heading in capitals the parser read as a subject."""
    shouted = subject.text.isupper() and len(subject.text) > 3
    return any(ch.isalpha() for ch in subject.text) and not shouted


def _contrasted(subject: Token) -> Token:
    """``X did this, but Y … said``: a subject joined by "but" is a misparse; Y is the subject."""
    conjuncts = [c for c in subject.children if c.dep_ == "conj"]
    if conjuncts and any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in subject.children):
        return conjuncts[-1]
    return subject


def find_cues(doc: Doc, quoted: Callable[[int], bool]) -> list[Cue]:
    """Every cue whose speaker lies outside quotation marks, in order of the cue words.

    Args:
        doc: the parse.
        quoted: tells whether a character offset lies inside quotation marks.
    """
    cues: list[Cue] = []
    for token in doc:
        if quoted(token.idx):
            continue
        if token.lower_ == "according" and token.i + 1 < len(doc):
            to = doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if to.lower_ == "to" and objects and not quoted(objects[0].idx):
                end = to.idx + len(to)
                source = _author(objects[0])
                cues.append(Cue(token, source, token.idx, end, text_of(doc)[token.idx : end], True))
            continue
        label = _is_label_verb(token)
        demand = not label and calls_for(token) is not None
        if not label and not demand and not is_speech_verb(token):
            continue
        subject = _agent(token) or subject_of(token, quoted)
        if subject is None or quoted(subject.idx) or subject.lower_ in ("it", "there", "that"):
            continue
        if subject.text.isupper() and len(subject.text) > 5:  # a dateline or a heading
            continue
        if not any(c.isalpha() for c in subject.text) or subject.lower_ in ("'s", "’s"):
            continue
        if _not_said(token, quoted):
            continue
        if _passive_without_agent(token):
            continue
        end = token.idx + len(token)
        particle = [c for c in token.children if c.dep_ == "prt"]
        if particle:
            end = max(end, particle[0].idx + len(particle[0]))
        if demand:
            prep = calls_for(token)
            assert prep is not None
            end = prep.idx + len(prep)
        words = text_of(doc)[token.idx : end]
        cues.append(Cue(token, subject, token.idx, end, words, label=label, demand=demand))
    return cues


def _agent(token: Token) -> Token | None:
    """``it was announced by the ministry that …``: a passive verb's speaker is its agent."""
    if not any(c.dep_ == "auxpass" for c in token.children):
        return None
    for agent in token.children:
        if agent.dep_ == "agent":
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _author(source: Token) -> Token:
    """``according to a speech by X``: the named author of a document speaks, not the document."""
    if source.pos_ in ("PROPN", "PRON"):
        return source
    for prep in source.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            named = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if named:
                return named[0]
    return source


def calls_for(token: Token) -> Token | None:
    """The "for" of ``called for a recount`` or the "on" of ``called on X to …``, else None."""
    if token.pos_ != "VERB" or token.lemma_.lower() != "call":
        return None
    if any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children):
        return None  # "called him out for …" blames
    for child in token.rights:
        if child.dep_ in ("dobj", "oprd"):
            return None  # "called Ruiz for a comment", "called Oz a quack"
        if child.dep_ in ("prep", "prt") and child.lower_ == "for":
            return child
        if (
            child.dep_ in ("prep", "prt")
            and child.lower_ == "on"
            and any(c.dep_ == "xcomp" for c in token.children)
        ):
            return child
    return None


def _is_label_verb(token: Token) -> bool:
    return (
        token.pos_ == "VERB"
        and token.lemma_.lower() in LABEL_VERBS
        and token.tag_ != "VBN"
        and any(c.dep_ in ("dobj", "oprd") and c.i > token.i for c in token.children)
        and not any(c.dep_ == "dobj" and c.i < token.i for c in token.children)  # "what X called"
    )


def _not_said(token: Token, quoted: Callable[[int], bool]) -> bool:
    """``did not say``, ``would ask``: denied or hypothetical saying reports no words.

    A negation inside quotation marks is the speaker's (``"Probably not," she said``), hung on
    the verb by the parser.
    """
    for child in token.children:
        if quoted(child.idx):
            continue
        if child.dep_ == "neg":
            return True
        if child.dep_ == "aux" and child.lower_ in ("would", "could", "might", "should", "may"):
            return True
    return False


def _passive_without_agent(token: Token) -> bool:
    """``it was reported that …``: no one in particular speaks."""
    return any(c.dep_ == "auxpass" for c in token.children) and not any(
        c.dep_ == "agent" for c in token.children
    )
