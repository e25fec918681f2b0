"""Nouns the open-matter step reads as features of the parse (see ``matters.py``).

They name *kinds* of things that can be pending (bills, meetings, reports), the nouns whose
negation leaves a matter open, counts, and modifiers that do or do not tell matters apart. The
verbs and hedges are in ``matter_cues.py``. The step never matches them as a bag of words: each
one counts only in the syntactic position ``matters.py`` checks.
"""

from __future__ import annotations

# head lemma -> (kind, class). The class groups synonyms ("package" and "bill" are both
# legislation); the kind decides how the question is phrased.
_KINDS: dict[str, tuple[str, ...]] = {
    "decision:legislation": (
        "bill",
        "legislation",
        "measure",
        "package",
        "amendment",
        "ordinance",
        "act",
    ),
    "decision:budget": ("budget",),
    "decision:sanctions": ("sanction",),
    "decision:tariff": ("tariff", "levy", "duty"),
    "decision:increase": ("increase", "hike"),
    "decision:vote": ("vote", "referendum", "ballot"),
    "decision:approval": (
        "approval",
        "authorization",
        "authorisation",
        "clearance",
        "permit",
        "ratification",
    ),
    "decision:decision": ("decision", "determination"),
    "decision:ruling": ("ruling", "judgment", "judgement"),
    "decision:trial": ("verdict",),
    "decision:appeal": ("appeal",),
    "decision:nomination": ("nomination", "confirmation", "appointment"),
    "decision:deal": (
        "merger",
        "acquisition",
        "takeover",
        "buyout",
        "bid",
        "deal",
        "agreement",
        "accord",
        "treaty",
        "settlement",
        "pact",
        "combination",
    ),
    "decision:motion": ("motion", "petition"),
    "decision:recognition": ("recognition",),
    "decision:rezoning": ("rezoning", "zoning"),
    "proposal:proposal": (
        "proposal",
        "draft",
        "plan",
        "offer",
        "term",
        "counterproposal",
        "counteroffer",
        "blueprint",
        "initiative",
        "reform",
        "overhaul",
    ),
    "event:meeting": ("meeting", "summit", "sit-down"),
    "event:talks": ("talk", "negotiation"),
    "event:ceasefire": ("ceasefire", "truce", "armistice"),
    "event:visit": ("visit", "trip"),
    "event:hearing": ("hearing",),
    "event:trial": ("trial", "retrial"),
    "event:election": ("election", "runoff", "primary"),
    "event:exchange": ("exchange", "swap"),
    "event:strike": ("walkout", "strike"),
    "event:retaliation": ("retaliation",),
    "event:sentencing": ("sentencing",),
    "report:report": (
        "report",
        "study",
        "findings",
        "assessment",
        "forecast",
        "data",
        "datum",
        "result",
    ),
    "report:investigation": ("investigation", "inquiry", "probe", "review", "audit"),
    "demand:directive": ("directive", "guidance", "instruction"),
    "demand:response": ("response", "answer", "reply", "explanation", "apology"),
    "demand:request": ("request", "plea"),
    "demand:resignation": ("resignation",),
    "decision:lawsuit": ("lawsuit", "suit", "complaint"),
}

HEADS: dict[str, tuple[str, str]] = {
    lemma: (key.split(":")[0], key.split(":")[1])
    for key, lemmas in _KINDS.items()
    for lemma in lemmas
}
"""Head lemma -> (kind, class)."""

ENTITY_KINDS = {"LAW": ("decision", "legislation"), "EVENT": ("event", "event")}
"""Named-entity labels whose entities are matters even when their head is not in ``HEADS``."""

DECIDE_NOUNS = frozenset(
    (
        "decision",
        "date",
        "announcement",
        "vote",
        "agreement",
        "deal",
        "timeline",
        "timetable",
        "word",
        "plan",
        "schedule",
        "verdict",
        "ruling",
        "response",
        "answer",
        "consensus",
    )
)
"""Nouns whose negation ("no decision", "no scheduling announcements") leaves a matter open."""

COUNT_NOUNS = frozenset(
    (
        "supporter",
        "cosponsor",
        "co-sponsor",
        "sponsor",
        "senator",
        "lawmaker",
        "member",
        "vote",
        "signature",
        "backer",
        "signatory",
        "shareholder",
        "councillor",
        "councilor",
    )
)
"""Nouns whose number says how much backing a matter has ("70 supporters")."""

GENERIC_MODIFIERS = frozenset(
    (
        "possible",
        "potential",
        "new",
        "such",
        "any",
        "proposed",
        "planned",
        "expected",
        "long-awaited",
        "last-ditch",
        "latest",
        "much",
        "other",
        "same",
        "final",
        "full",
        "formal",
        "official",
        "actual",
        "real",
        "serious",
        "major",
        "big",
        "key",
        "whole",
        "version",
        "upcoming",
        "forthcoming",
        "first",
        "second",
        "late",
        "latest",
    )
)
"""Modifiers that do not tell one matter from another of its class."""

ABOUT_HEADS = frozenset(
    ("decision", "vote", "approval", "clearance", "determination", "ruling", "ratification")
)
"""Heads that are a step of another matter: "decision on the merger" is about the merger."""

ANAPHORIC_HEADS = frozenset(("request", "demand", "plea", "call", "appeal"))
"""Nouns that, bare and definite ("the request"), name what the sentence before asked for."""

TENTATIVE = frozenset(("tentative", "preliminary", "provisional", "interim", "draft"))
"""Reaching a "tentative agreement" does not settle it."""

PENDING_BY_NATURE = frozenset(
    ("proposal", "draft", "counterproposal", "counteroffer", "offer", "blueprint", "term")
)
"""Matters open by what they are (a proposal waits for an answer), unless the clause is past."""

PASS_THROUGH_NOUNS = frozenset(
    (
        "condition",
        "term",
        "detail",
        "date",
        "timing",
        "outcome",
        "fate",
        "prospect",
        "result",
        "future",
        "possibility",
        "chance",
        "timeline",
        "text",
        "passage",
        "version",
        "part",
        "cost",
        "details",
    )
)
"""Nouns a hedge passes through to the matter they are of ("conditions for a ceasefire")."""
