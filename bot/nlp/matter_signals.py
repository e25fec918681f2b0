"""Features of the parse that say a matter is open or settled (used by ``matters.py``).

Open: modals on a governing verb (not the counterfactual "would have"), hedges and
expectations in the clause, negated decisions outside "if" clauses, "on the table". Settled: a
settling verb that is past, affirmative and unhedged. Each signal is given to the nearest matter
in its clause (:func:`assign_signals`). Also the counts and dates a sentence names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.nlp.matter_cues import (
    DECIDE_VERBS,
    MODALS,
    OPEN_WORDS,
    OPPOSE_WORDS,
    PAST_SETTLED_HEDGES,
    RESOLVE_VERBS,
    SPEECH_VERBS,
)
from bot.nlp.matter_lexicon import COUNT_NOUNS, DECIDE_NOUNS, HEADS, PASS_THROUGH_NOUNS
from bot.nlp.matter_parse import ancestors_or_self, distance, verb_lemma, verbal_chain

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

FACTUAL_MARKS = frozenset(("though", "although", "because", "since", "whereas", "after"))
"""Subordinators of clauses that state facts, which the main clause's hedges do not reach."""

MAX_SIGNAL_DISTANCE = 6
"""Tree distance beyond which a hedge or negation is not about a matter."""


TALLY = re.compile(r"^\d{1,3}[-–]\d{1,3}$")


DATE_CUES = ("by", "until", "before", "within")


PRONOUN_SIGNALS = frozenset(
    (
        "on the table",
        "hedge:imminent",
        "hedge:imminently",
        "hedge:likely",
        "hedge:unlikely",
        "hedge:expect",
        "hedge:schedule",
        "hedge:due",
        "hedge:pending",
        "hedge:uncertain",
        "hedge:unclear",
        "hedge:undecided",
        "hedge:offer",
        "hedge:propose",
    )
)
"""Signals strong enough to carry the matter of the sentence before over to "it"."""


AHEAD_SIGNALS = ("hedge:schedule", "hedge:expect", "hedge:due", "hedge:set to", "hedge:slate")


_AHEAD = re.compile(r"\b(next|coming|tomorrow|later|upcoming|within|end of)\b", re.I)


def is_judgement(name: str) -> bool:
    """Whether a signal is a judgement against the matter ("hedge:premature")."""
    return name.split(":")[-1] in OPPOSE_WORDS


def _scope(signal: Token) -> set[int]:
    """Token indices a signal can be about.

    That is its clause, and for a conjoined or relative clause also the clause or noun it
    hangs on.
    """
    root = signal
    if signal.dep_ in ("aux", "acomp", "neg", "advmod", "det", "amod", "attr", "pobj"):
        root = signal.head
    scope = {t.i for t in root.subtree}
    for clause in root.children:  # "Even though X was decided, we must …": X is a given
        if clause.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in FACTUAL_MARKS for c in clause.children
        ):
            scope -= {t.i for t in clause.subtree}
    if root.dep_ == "conj" and root.head.pos_ in ("VERB", "AUX"):
        scope |= {t.i for t in root.head.subtree}
    elif root.dep_ == "relcl" and not _complement_clause(root):
        scope.add(root.head.i)
        if root.head.dep_ == "pobj":  # "a hearing on the merger, which … has yet to schedule"
            scope.add(root.head.head.head.i)
    return scope


def _complement_clause(clause: Token) -> bool:
    """Whether a "relative clause" is really a "that" complement the parser hung on a noun.

    A relative "that" is the clause's subject or object ("the trial that could start");
    "learned during the trial that Miller could keep his license" has "that" as a marker.
    """
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def assign_signals(opens: list[tuple[Token, str]], targets: list[Token]) -> dict[int, list[str]]:
    """Give each open signal to the nearest matter (ties: all); modifiers only to their noun."""
    assigned: dict[int, list[str]] = {}
    for signal, name in opens:
        if signal.dep_ == "amod" or (signal.dep_ == "det" and name.startswith("neg:")):
            chosen = [t for t in targets if t.i == signal.head.i]
        elif name in ("hedge:need", "hedge:require"):  # "the deal still needs clearance"
            chosen = [t for t in targets if t.head.i == signal.i and t.dep_ == "nsubj"]
        else:
            scope = _scope(signal)
            itself = name.startswith("neg:")  # "no decision" is itself undecided
            ranked = [
                (distance(signal, t), t)
                for t in targets
                if (t.i != signal.i or itself) and (t.i in scope or t.i == signal.i)
            ]
            ranked = [(d, t) for d, t in ranked if d <= MAX_SIGNAL_DISTANCE]
            if name.startswith("modal:"):  # "success in the primaries will not translate"
                ranked = [(d, t) for d, t in ranked if not _blocked(t, signal.head)]
            best = min((d for d, _ in ranked), default=None)
            chosen = [t for d, t in ranked if d == best]
        for target in chosen:
            assigned.setdefault(target.i, []).append(name)
    return assigned


def _blocked(token: Token, verb: Token) -> bool:
    """Whether a noun between the matter and the verb is what the verb is about instead.

    "write down conditions for a ceasefire" passes through "conditions"; "success in the
    primaries will not translate" stops at "success".
    """
    for step in ancestors_or_self(token)[1:]:
        if step.i == verb.i:
            return False
        if step.pos_ in ("NOUN", "PROPN") and step.lemma_.lower() not in PASS_THROUGH_NOUNS:
            return step.lemma_.lower() not in HEADS
    return False


def open_signals(span: Span) -> list[tuple[Token, str]]:
    """Tokens that make what they are about open, with a name for each signal."""
    found: list[tuple[Token, str]] = []
    for t in span:
        lemma = t.lemma_.lower()
        lower = t.lower_
        if t.tag_ == "MD" and lower in MODALS | {"wo", "ca"}:
            if not _counterfactual(t):  # "would have shut down": did not happen
                found.append((t, f"modal:{'will' if lower == 'wo' else lower}"))
        elif _negated_decision(t):
            found.append((t.head, f"neg:{t.head.lemma_.lower()}"))
        elif lower == "yet" and any(c.dep_ == "xcomp" for c in t.head.children):
            xcomp = next(c for c in t.head.children if c.dep_ == "xcomp")
            found.append((t.head, f"neg:{xcomp.lemma_.lower()}"))
        elif lemma == "table" and t.dep_ == "pobj" and t.head.lower_ == "on":
            found.append((t, "on the table"))
        elif lemma == "offer" and t.tag_ not in ("VBZ", "VBP"):
            continue  # "Trump offers a meeting" is pending; "to offer concessions" is not
        elif lemma in OPEN_WORDS and t.pos_ != "PROPN" and not _past_expectation(t):
            found.append((t, f"hedge:{lemma}"))
        elif lemma == "call" and any(c.lower_ == "for" for c in t.children):
            found.append((t, "demand:call for"))
        elif lemma == "set" and any(c.dep_ == "xcomp" for c in t.children):
            found.append((t, "hedge:set to"))
    return found


def _counterfactual(modal: Token) -> bool:
    """Whether a modal with perfect "have" ("would have shut down") tells what did not happen."""
    verb = modal.head
    return verb.tag_ == "VBN" and any(
        c.lemma_ == "have" and c.dep_ == "aux" and c.i > modal.i for c in verb.children
    )


def _negated_decision(t: Token) -> bool:
    """Whether it negates a decision ("has not scheduled", "no decision"), outside an "if"."""
    if t.dep_ == "neg" and t.head.lemma_.lower() in DECIDE_VERBS:
        return not _conditional(t)
    if t.lower_ == "no" and t.dep_ == "det" and _decide_noun(t.head):
        return not _conditional(t.head)
    return False


def _conditional(token: Token) -> bool:
    """Whether a negation sits in an "if"/"unless" clause (a hypothetical, not a fact)."""
    return any(c.lower_ in ("if", "unless") and c.dep_ == "mark" for c in token.head.children)


def _past_expectation(token: Token) -> bool:
    """Whether it is a past expectation ("were expected to") whose outcome is known."""
    if token.lemma_.lower() not in PAST_SETTLED_HEDGES:
        return False
    return token.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in token.children
    )


def _decide_noun(token: Token) -> bool:
    if token.lemma_.lower() in DECIDE_NOUNS:
        return True
    return any(
        c.dep_ == "compound" and c.lemma_.lower() in DECIDE_NOUNS | DECIDE_VERBS | {"scheduling"}
        for c in token.children
    )


def settles(verb: Token) -> bool:
    """A settling verb in the past, affirmative and not hedged ("the Senate passed the bill")."""
    if verb.pos_ not in ("VERB", "AUX") or verb_lemma(verb) not in RESOLVE_VERBS:
        return False
    children = list(verb.children)
    if any(c.dep_ == "neg" or c.tag_ == "MD" or c.tag_ == "TO" for c in children):
        return False
    if verb.tag_ == "VBD":
        settled = True
    elif verb.tag_ == "VBG" and verb.dep_ == "advcl":  # "…, averting a strike"
        settled = settles(verb.head)
    elif verb.tag_ == "VBN":
        auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
        settled = any(a.tag_ in ("VBD", "VBZ", "VBP") for a in auxes)
    else:
        settled = False
    if not settled:
        return False
    for ancestor in verbal_chain(verb)[1:]:
        if ancestor.lemma_.lower() in OPEN_WORDS or any(
            c.tag_ == "MD" or c.lower_ in ("whether", "if") for c in ancestor.children
        ):
            return False
    return not any(c.lower_ in ("whether", "if", "unless") for c in children)


def governs(verb: Token, token: Token) -> bool:
    """Whether ``token`` is the verb's subject or object (directly or through a preposition)."""
    if token.head.i == verb.i and token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
        return True
    if token.dep_ == "pobj" and token.head.head.i == verb.i and token.head.dep_ in ("prep",):
        return token.head.lower_ in ("on", "of", "over")
    if token.dep_ == "relcl" or verb.dep_ == "relcl":
        return verb.head.i == token.i
    return token.dep_ == "conj" and governs(verb, token.head)


def count_of(span: Span) -> str:
    """The backing or tally a sentence names ("70 supporters", "vote 6-3"), or ""."""
    for t in span:
        if t.dep_ == "nummod" and t.head.lemma_.lower() in COUNT_NOUNS:
            return f"{t.text} {t.head.text}"
        if TALLY.match(t.text) and t.pos_ in ("NUM", "NOUN", "ADJ", "X"):
            return f"vote {t.text}"
    return ""


def when_of(span: Span, *, loose: bool = False) -> str:
    """A date ahead named in the sentence ("next Tuesday", "by June"), not when it was said.

    With ``loose`` (the sentence schedules or expects the matter) any such date counts.
    """
    for ent in span.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        governor = ent.root.head
        if governor.dep_ == "prep":
            governor = governor.head
        if governor.lemma_.lower() in SPEECH_VERBS:
            continue  # "said Thursday": when it was said, not when it happens
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if not any(t.pos_ in ("NOUN", "PROPN", "NUM") for t in ent):
            continue
        if loose or _AHEAD.search(ent.text) or before in DATE_CUES:
            cue = before if before in (*DATE_CUES, "on", "in") else ""
            return f"{cue} {ent.text}".strip()
    return ""
