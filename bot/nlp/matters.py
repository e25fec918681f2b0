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
from bot.nlp.matter_candidates import (
    antecedent,
    implied_verb,
    is_matter,
    step_of,
    steps_folded,
    topic_of,
)
from bot.nlp.matter_cues import IMPLIED_HEADS, MODALS, OPEN_WORDS
from bot.nlp.matter_mentions import copied_mention, implied_mention, mention
from bot.nlp.matter_parse import distance, speaker_of, verb_lemma
from bot.nlp.matter_signals import (
    PRONOUN_SIGNALS,
    assign_signals,
    is_judgement,
    open_signals,
    settles,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_PRONOUNS = frozenset(("it", "that", "this"))


class OpenMatterStep:
    """The ``matters`` analysis step (see the module docstring)."""

    name = "matters"
    version = 2

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
    found = [t for t in span if is_matter(t)]
    candidates = steps_folded(found)
    pronouns = [t for t in span if t.lower_ in _PRONOUNS and t.dep_ in ("nsubj", "nsubjpass")]
    implied = {t.i for t in span if implied_verb(t, candidates)}
    # "will meet … after a trial produced mixed results": the hedge belongs to the meeting
    assigned = assign_signals(
        [(t, n) for t, n in opens if t.head.i not in implied], found + pronouns
    )
    kept = {t.i for t in candidates}
    for token in found:  # signals for a folded matter go to the one that stands for it
        if token.i in kept or token.i not in assigned:
            continue
        stand_in = step_of(token, candidates) or token.head.head
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
        topic = topic_of(candidates)
        if signals and topic is not None:
            assigned.setdefault(topic.i, []).extend(signals)
        elif signals and recent:
            referent = next((m for m in reversed(recent) if m.state == "open"), None)
            if referent is not None:
                yield copied_mention(referent, sentence, signals, speaker)
    for verb in span:
        if verb.i not in implied:
            continue
        head = IMPLIED_HEADS[verb.lemma_.lower()]
        modal = next((c for c in verb.children if c.tag_ == "MD" and c.lower_ in MODALS), None)
        negated = any(c.dep_ == "neg" for c in verb.children)
        hedge = verb.head if verb.dep_ == "xcomp" else None
        if modal is not None and not negated:
            yield implied_mention(verb, head, sentence, speaker, (f"modal:{modal.lower_}",), "open")
        elif hedge is not None and hedge.lemma_.lower() in OPEN_WORDS:
            signal = f"hedge:{hedge.lemma_.lower()}"
            yield implied_mention(verb, head, sentence, speaker, (signal,), "open")
    for verb in resolutions:
        settled = IMPLIED_HEADS.get(verb_lemma(verb))
        if settled and not any(distance(verb, c) <= 3 for c in candidates):
            yield implied_mention(verb, settled, sentence, speaker, (f"done:{verb_lemma(verb)}",))
    negations = [name for _, name in opens if name.startswith("neg:")]
    if negations and not candidates and not pronouns and recent:  # "No date has been set."
        referent = next((m for m in reversed(recent) if m.state == "open"), None)
        if referent is not None and referent.sentence_index == sentence.index - 1:
            yield copied_mention(referent, sentence, negations, speaker)
    for token in candidates:
        referent = antecedent(token, sentence, recent)
        if referent is not None:  # "has not responded to the request": the meeting asked for
            signals = assigned.get(token.i) or ["neg:respond"]
            yield copied_mention(referent, sentence, signals, speaker)
            continue
        yield from mention(token, span, sentence, speaker, assigned.get(token.i, []), resolutions)
