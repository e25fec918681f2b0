"""Ingest-time detection of open matters: what a sentence says is pending, hedged or settled.

For each sentence the step finds the *things that can be open* (noun phrases headed by a
matter noun such as "bill", "meeting" or "report", LAW and EVENT entities, and matters implied
by a settling verb), then reads the parse around them:

* open: a modal or future auxiliary on a governing verb ("would", "will"), an expectation or
  hedge in the clause ("expected", "imminent", "premature", "whether", "on the table"), a
  negated decision ("has not scheduled", "no decision", "no scheduling announcements");
* resolved: a settling verb ("passed", "signed", "held") that is past, affirmative, unhedged
  and has the matter as its subject or object;
* stance: the subject of a backing or opposing verb whose object holds the matter, or the
  speaker of a judgement such as "premature"; counts ("70 supporters") and dates.

Each finding becomes a :class:`~bot.core.analysis.MatterMention`; grouping and status are
done at command time in ``bot/core/questions.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.core.analysis import Analysis, MatterMention, Sentence
from bot.core.models import Article
from bot.nlp.matter_lexicon import (
    ABOUT_HEADS,
    ANAPHORIC_HEADS,
    ENTITY_KINDS,
    HEADS,
    IMPLIED_HEADS,
    MODALS,
    OPEN_WORDS,
    OPPOSE_VERBS,
    OPPOSE_WORDS,
    PENDING_BY_NATURE,
    PROPOSAL_STANCE_ONLY,
    RESOLVE_VERBS,
    SPEECH_VERBS,
    SUPPORT_VERBS,
    TENTATIVE,
)
from bot.nlp.matter_parse import (
    ancestors_or_self,
    distance,
    label_of,
    modifiers_of,
    name_of,
    speaker_of,
    verbal_chain,
)
from bot.nlp.matter_signals import (
    AHEAD_SIGNALS,
    PRONOUN_SIGNALS,
    assign_signals,
    count_of,
    governs,
    is_judgement,
    open_signals,
    settles,
    when_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_PRONOUNS = frozenset(("it", "that", "this"))
_ARGUMENT_PREPS = frozenset(("of", "for", "on", "to", "by", "with", "against", "about"))


class OpenMatterStep:
    """The ``matters`` analysis step (see the module docstring)."""

    name = "matters"
    version = 1

    def run(self, doc: Doc, article: Article, analysis: Analysis) -> None:
        """Add the article's open-matter mentions to ``analysis.matters``."""
        last_speaker = ""
        recent: list[MatterMention] = []
        for sentence in analysis.sentences:
            span = doc.char_span(sentence.char_start, sentence.char_end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            found = list(mentions_in(span, sentence, last_speaker, recent))
            analysis.matters.extend(found)
            if found:
                recent = found
            elif sentence.index - (recent[-1].sentence_index if recent else -9) > 2:
                recent = []
            last_speaker = speaker_of(span, last_speaker) or last_speaker


def mentions_in(
    span: Span, sentence: Sentence, last_speaker: str, recent: list[MatterMention]
) -> Iterable[MatterMention]:
    """The matter mentions of one sentence."""
    speaker = speaker_of(span, last_speaker)
    opens = open_signals(span)
    resolutions = [t for t in span if settles(t)]
    found = [t for t in span if _is_matter(t)]
    candidates = _steps_folded(found)
    pronouns = [t for t in span if t.lower_ in _PRONOUNS and t.dep_ in ("nsubj", "nsubjpass")]
    implied = {t.i for t in span if _implied_verb(t, candidates)}
    # "will meet … after a trial produced mixed results": the hedge belongs to the meeting
    assigned = assign_signals(
        [(t, n) for t, n in opens if t.head.i not in implied], found + pronouns
    )
    kept = {t.i for t in candidates}
    for token in found:  # signals for a folded matter go to the one that stands for it
        if token.i in kept or token.i not in assigned:
            continue
        stand_in = _step_of(token, candidates) or token.head.head
        if stand_in.i in kept:
            assigned.setdefault(stand_in.i, []).extend(assigned.pop(token.i))
    for pronoun in pronouns:  # "that would be premature": give the hedge to what "that" is
        signals = [
            name
            for signal, name in opens
            if name in assigned.get(pronoun.i, [])
            and pronoun.head.i in (signal.i, signal.head.i, signal.head.head.i)
        ]
        # "it will be very interesting", "it needed time": too weak to carry a matter over
        signals = [name for name in signals if name in PRONOUN_SIGNALS or is_judgement(name)]
        topic = _topic(candidates)
        if signals and topic is not None:
            assigned.setdefault(topic.i, []).extend(signals)
        elif signals and recent:
            referent = next((m for m in reversed(recent) if m.state == "open"), None)
            if referent is not None:
                yield _copy(referent, sentence, signals, speaker)
    for verb in span:
        if verb.i not in implied:
            continue
        head = IMPLIED_HEADS[verb.lemma_.lower()]
        modal = next((c for c in verb.children if c.tag_ == "MD" and c.lower_ in MODALS), None)
        negated = any(c.dep_ == "neg" for c in verb.children)
        hedge = verb.head if verb.dep_ == "xcomp" else None
        if modal is not None and not negated:
            yield _implied(verb, head, sentence, speaker, (f"modal:{modal.lower_}",), "open")
        elif hedge is not None and hedge.lemma_.lower() in OPEN_WORDS:
            signal = f"hedge:{hedge.lemma_.lower()}"
            yield _implied(verb, head, sentence, speaker, (signal,), "open")
    for verb in resolutions:
        settled = IMPLIED_HEADS.get(verb.lemma_.lower())
        if settled and not any(distance(verb, c) <= 3 for c in candidates):
            yield _implied(verb, settled, sentence, speaker, (f"done:{verb.lemma_.lower()}",))
    negations = [name for _, name in opens if name.startswith("neg:")]
    if negations and not candidates and not pronouns and recent:  # "No date has been set."
        referent = next((m for m in reversed(recent) if m.state == "open"), None)
        if referent is not None and referent.sentence_index == sentence.index - 1:
            yield _copy(referent, sentence, negations, speaker)
    for token in candidates:
        referent = _antecedent(token, sentence, recent)
        if referent is not None:  # "has not responded to the request": the meeting asked for
            signals = assigned.get(token.i) or ["neg:respond"]
            yield _copy(referent, sentence, signals, speaker)
            continue
        yield from _mention(token, span, sentence, speaker, assigned.get(token.i, []), resolutions)


def _implied_verb(verb: Token, candidates: list[Token]) -> bool:
    """A verb that stands for a matter ("will meet", "would appeal") with none named by it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in IMPLIED_HEADS:
        return False
    return not any(governs(verb, c) for c in candidates)


def _antecedent(
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


def _step_of(token: Token, candidates: list[Token]) -> Token | None:
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


def _steps_folded(found: list[Token]) -> list[Token]:
    """The matters of a sentence once steps and nested matters are folded into one.

    "clearance" in "the deal still needs clearance" and "decision" in "no decision on the
    permit" give way to the deal and the permit; "merger" in "a hearing on the merger" gives
    way to the hearing.
    """
    candidates = [t for t in found if _step_of(t, found) is None]
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


def _topic(candidates: list[Token]) -> Token | None:
    """What a sentence is about: "said … about sanctions", else a matter that is a subject."""
    for token in candidates:
        if token.dep_ != "pobj" or token.head.lower_ not in ("about", "on"):
            continue
        if token.head.head.lemma_.lower() in SPEECH_VERBS:
            return token
    return next((t for t in candidates if t.dep_ in ("nsubj", "nsubjpass")), None)


def _mention(
    token: Token,
    span: Span,
    sentence: Sentence,
    speaker: str,
    signals: list[str],
    resolutions: list[Token],
) -> Iterable[MatterMention]:
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
        signals = [f"done:{v.lemma_.lower()}" for v in settled]
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


def _is_matter(token: Token) -> bool:
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


def _kind_of(token: Token) -> tuple[str, str]:
    lemma = token.lemma_.lower()
    if lemma in HEADS:
        return HEADS[lemma]
    return ENTITY_KINDS.get(token.ent_type_, ("decision", lemma))


def _stance(token: Token, signals: list[str], speaker: str, kind: str) -> tuple[str, str]:
    for ancestor in ancestors_or_self(token)[1:5]:
        lemma = ancestor.lemma_.lower()
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


def _implied(
    verb: Token,
    head: str,
    sentence: Sentence,
    speaker: str,
    signals: tuple[str, ...],
    state: str = "resolved",
) -> MatterMention:
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


def _copy(
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
