"""What a matter is called, the plain question about it, and its one-line status.

All three are built by rules from the grouped mentions (``matter_groups.py``): the label from
the most specific noun phrase, the question from the matter's kind, the status from the
evidence (backers and opponents, counts, schedules, hedges), following the newest article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.core.matter_groups import Evidence, MatterGroup, norm

_QUESTIONS = {
    "legislation": "What is the status of {the}{label}?",
    "budget": "Will {the}{label} be approved?",
    "sanctions": "Will {the}{label} be imposed?",
    "tariff": "Will {the}{label} be imposed?",
    "vote": "When will {the}{label} be held?",
    "approval": "Will {the}{label} be granted?",
    "deal": "Will {the}{label} go through?",
    "motion": "How will the court rule on {the}{label}?",
    "lawsuit": "Will {the}{label} go ahead?",
    "appeal": "Will there be an appeal, and how will it end?",
    "verdict": "What will {the}{label} be?",
    "ruling": "How will the court rule on {the}{label}?",
    "decision": "What will {the}{label} be?",
    "nomination": "Will {the}{label} be confirmed?",
    "recognition": "Will {the}{label} happen?",
    "proposal": "Will {the}{label} be accepted?",
    "meeting": "Will {the}{label} take place?",
    "talks": "Will {the}{label} go ahead?",
    "ceasefire": "Will there be a {label}?",
    "visit": "Will {the}{label} go ahead?",
    "hearing": "When will {the}{label} be held?",
    "trial": "What will the verdict be in {the}{label}?",
    "election": "When will {the}{label} be held?",
    "report": "When will {the}{label} come out, and what will it say?",
    "investigation": "What will {the}{label} find?",
    "directive": "When will {the}{label} come?",
    "response": "When will {the}{label} come?",
    "resignation": "Will {the}{label} happen?",
}
_BY_KIND = {
    "decision": "What is the status of {the}{label}?",
    "proposal": "Will {the}{label} be accepted?",
    "event": "Will {the}{label} take place?",
    "report": "When will {the}{label} come out?",
    "demand": "Will {the}{label} be met?",
}
_HEDGE_WORDS = {
    "imminent": "imminent",
    "imminently": "imminent",
    "expect": "expected",
    "schedule": "scheduled",
    "slate": "scheduled",
    "likely": "likely",
    "unlikely": "unlikely",
    "premature": "premature",
    "upcoming": "upcoming",
    "pending": "pending",
    "unclear": "unclear",
    "uncertain": "uncertain",
    "delay": "delayed",
    "postpone": "postponed",
}
_OPPOSING = frozenset(("premature", "unlikely"))
_NOT_SCHEDULED = re.compile(r"^neg:(schedule|announcement|date|timeline|timetable|set|vote)")
MAX_STATUS = 280
_PAST = {
    "hold": "held",
    "meet": "met",
    "rule": "ruled",
    "reject": "rejected",
    "approve": "approved",
    "pass": "passed",
    "sign": "signed",
    "close": "closed",
    "decide": "decided",
    "adopt": "adopted",
    "convict": "convicted",
    "issue": "issued",
    "release": "released",
    "publish": "published",
    "complete": "completed",
    "cancel": "cancelled",
    "accept": "accepted",
    "veto": "vetoed",
    "scrap": "scrapped",
    "end": "ended",
    "reach": "reached",
    "return": "returned",
    "deliver": "delivered",
    "withdraw": "withdrew",
    "sentence": "sentenced",
    "confirm": "confirmed",
    "clear": "cleared",
    "block": "blocked",
}


def label(group: MatterGroup) -> str:
    """The most specific name of the matter ("Graham-Blumenthal sanctions bill")."""
    mentions = [e.mention for e in group.evidence]

    def specificity(index: int) -> tuple[int, int, int, int]:
        m = mentions[index]
        names = sum(x.startswith(("n:", "p:")) for x in m.modifiers)
        core = sum(not x.startswith("p:") for x in m.modifiers)
        return names, core, -len(m.label), -index

    best = mentions[max(range(len(mentions)), key=specificity)]
    text = best.label
    words = {norm(w) for w in re.findall(r"[\w’']+", text)}
    compounds = [
        x[2:]
        for m in mentions
        for x in m.modifiers
        if x.startswith("c:") and norm(x[2:]) not in words
    ]
    head_word = text.split()[-1] if text.split() else ""
    if (
        compounds
        and norm(head_word) == norm(best.head)
        and not any(m.startswith("p:") for m in best.modifiers)
    ):
        text = f"{text[: len(text) - len(head_word)]}{compounds[0]} {head_word}".strip()
    return text


def question(group: MatterGroup, name: str) -> str:
    """The plain question about the matter, phrased from its kind."""
    kind = group.evidence[0].mention.kind
    template = _QUESTIONS.get(group.head_class) or _BY_KIND.get(kind, _BY_KIND["decision"])
    possessive = re.match(r"^(.+?)['’]s? ", name)
    the = "" if possessive and possessive.group(1)[:1].isupper() else "the "
    text = template.format(the=the, label=name)
    return text[0].upper() + text[1:]


def newest_state(group: MatterGroup) -> Evidence | None:
    """The mention that settles the matter, if the newest article says it is settled.

    In the newest article that says anything about the matter's state, the last such
    sentence decides: "shareholders approved the deal … it still needs FTC clearance" is open.
    """
    stated = [e for e in group.evidence if e.mention.state in ("open", "resolved")]
    if not stated:
        return None
    newest = max(stated, key=lambda e: (e.date, e.article_id == stated[-1].article_id))
    latest = [e for e in stated if e.article_id == newest.article_id]
    return latest[-1] if latest[-1].mention.state == "resolved" else None


def status(group: MatterGroup) -> str:
    """One line: resolved with how, or open with backers, opponents, counts and schedule."""
    settled = newest_state(group)
    if settled is not None:
        return _cut(f"Resolved ({settled.date}): {settled.text}")
    parts: list[str] = []
    for e in group.evidence:  # steps already settled ("shareholders approved")
        if e.mention.state == "resolved":
            verb = next((s[5:] for s in e.mention.signals if s.startswith("done:")), "settled")
            who = e.mention.who or "it was"
            parts.append(f"{who} {_PAST.get(verb, verb + 'ed')} ({e.date})")
    counts = _unique(e.mention.count for e in group.evidence if e.mention.count)
    if counts:
        parts.append(counts[-1])
    backers = _names(
        e.mention.who for e in group.evidence if e.mention.stance == "support" and e.mention.who
    )
    if backers:
        parts.append("backed by " + ", ".join(backers[:3]))
    opponents = _names(
        e.mention.who
        for e in group.evidence
        if e.mention.stance == "oppose" and e.mention.who and not _judges(e)
    )
    if opponents:
        parts.append("opposed by " + ", ".join(opponents[:3]))
    if any(_NOT_SCHEDULED.match(s) for e in group.evidence for s in e.mention.signals):
        parts.append("nothing scheduled yet")
    for e in reversed(group.evidence):
        when = e.mention.when
        if (
            e.mention.state == "open"
            and when
            and any(s.startswith(("hedge:", "modal:")) for s in e.mention.signals)
        ):
            parts.append(f"timing: {when}")
            break
    for judgement in _judgements(group):
        parts.append(judgement)
    return _cut("Open: " + "; ".join(parts or [_latest(group)]))


def _judges(e: Evidence) -> bool:
    return any(s.split(":")[-1] in _OPPOSING for s in e.mention.signals)


def _judgements(group: MatterGroup) -> list[str]:
    found: dict[str, str] = {}
    for e in group.evidence:
        for signal in e.mention.signals:
            word = _HEDGE_WORDS.get(signal.split(":")[-1])
            if word and e.mention.who:
                found[f"{e.mention.who} says {word}"] = ""
            elif word and signal.startswith("hedge:") and word in ("imminent", "upcoming"):
                found[word] = ""
    return list(found)[-3:]


_PHRASES = (
    (("neg:",), "not decided yet"),
    (("hedge:wait", "hedge:await"), "awaited"),
    (("demand:", "hedge:urge", "hedge:demand", "modal:must", "modal:should"), "called for"),
    (
        ("hedge:consider", "hedge:weigh", "hedge:debate", "hedge:discuss", "hedge:mull"),
        "under discussion",
    ),
    (("hedge:future", "hedge:next", "hedge:plan", "modal:will", "hedge:expect"), "expected"),
    (("hedge:offer",), "offered"),
    (("hedge:propose", "proposal"), "proposed"),
    (("modal:", "hedge:"), "possible, not settled"),
)


def _latest(group: MatterGroup) -> str:
    e = next(e for e in reversed(group.evidence) if e.mention.state == "open")
    phrase = "under discussion"
    for prefixes, words in _PHRASES:
        if any(s.startswith(prefixes) for s in e.mention.signals):
            phrase = words
            break
    who = f" (per {e.mention.who})" if e.mention.who else ""
    return f"{phrase}{who}"


def _names(values: Iterable[str]) -> list[str]:
    """Distinct names, dropping one contained in another ("union leaders" in "Librarians'…")."""
    names = _unique(values)
    return [n for n in names if not any(n != o and n.lower() in o.lower() for o in names)]


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _cut(text: str) -> str:
    return text if len(text) <= MAX_STATUS else text[: MAX_STATUS - 1].rstrip() + "…"
