"""Word lists the open-matter step reads as features of the parse (see ``matters.py``).

They name *kinds* of things that can be pending (bills, meetings, reports) and the lemmas whose
grammatical role marks a matter as open, resolved, backed or opposed. The step never matches
them as a bag of words: each one counts only in the syntactic position ``matters.py`` checks.
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

MODALS = frozenset(("would", "could", "may", "might", "will", "shall", "should", "must", "'ll"))

OPEN_WORDS = frozenset(
    (
        "expect",
        "anticipate",
        "plan",
        "schedule",
        "slate",
        "due",
        "poise",
        "likely",
        "unlikely",
        "possible",
        "possibility",
        "prospect",
        "potential",
        "upcoming",
        "forthcoming",
        "imminent",
        "imminently",
        "pending",
        "await",
        "wait",
        "consider",
        "weigh",
        "mull",
        "debate",
        "discuss",
        "propose",
        "premature",
        "undecided",
        "uncertain",
        "uncertainty",
        "unclear",
        "whether",
        "hope",
        "intend",
        "aim",
        "seek",
        "urge",
        "demand",
        "threaten",
        "deliberate",
        "future",
        "next",
        "offer",
        "delay",
        "postpone",
        "stall",
        "need",
        "require",
    )
)
"""Lemmas that mark what they govern (or modify) as not yet settled."""

PAST_SETTLED_HEDGES = frozenset(("expect", "anticipate", "hope", "plan", "intend"))
"""Hedges that, in the past tense ("were expected to"), describe an outcome already known."""

DECIDE_VERBS = frozenset(
    (
        "decide",
        "schedule",
        "announce",
        "set",
        "vote",
        "rule",
        "agree",
        "confirm",
        "approve",
        "sign",
        "reach",
        "finalize",
        "finalise",
        "determine",
        "commit",
        "happen",
        "respond",
        "reply",
        "release",
        "publish",
    )
)
"""Verbs whose negation ("has not scheduled") leaves a matter open."""

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

RESOLVE_VERBS = frozenset(
    (
        "pass",
        "approve",
        "adopt",
        "enact",
        "sign",
        "ratify",
        "reject",
        "defeat",
        "veto",
        "clear",
        "block",
        "decide",
        "rule",
        "deliver",
        "return",
        "reach",
        "convict",
        "acquit",
        "confirm",
        "finalize",
        "finalise",
        "complete",
        "close",
        "hold",
        "meet",
        "conclude",
        "cancel",
        "scrap",
        "abandon",
        "withdraw",
        "publish",
        "release",
        "issue",
        "unveil",
        "accept",
        "sentence",
        "end",
        "collapse",
        "find",
        "avert",
    )
)
"""Verbs that settle a matter when they are past, affirmative and not hedged."""

PROPOSAL_STANCE_ONLY = frozenset(("reject", "block", "accept"))
"""Resolution verbs that, applied to a proposal, record a stance rather than settle it."""

IMPLIED_HEADS = {
    "convict": "verdict",
    "acquit": "verdict",
    "meet": "meeting",
    "vote": "vote",
    "appeal": "appeal",
    "sue": "lawsuit",
    "retaliate": "retaliation",
    "strike": "strike",
    "resign": "resignation",
}
"""A settling verb with no matter noun near it settles the matter it implies."""

SUPPORT_VERBS = frozenset(
    (
        "back",
        "support",
        "sponsor",
        "cosponsor",
        "co-sponsor",
        "endorse",
        "champion",
        "favor",
        "favour",
        "welcome",
        "push",
        "urge",
        "introduce",
        "table",
        "advocate",
        "demand",
        "call",
        "want",
        "propose",
        "praise",
        "defend",
    )
)
OPPOSE_VERBS = frozenset(
    (
        "oppose",
        "reject",
        "block",
        "criticize",
        "criticise",
        "rebuff",
        "dismiss",
        "resist",
        "object",
        "veto",
        "fight",
        "slam",
        "condemn",
        "question",
        "challenge",
        "derail",
    )
)
OPPOSE_WORDS = frozenset(
    (
        "premature",
        "unlikely",
        "wrong",
        "dangerous",
        "unacceptable",
        "misguided",
        "reckless",
        "unworkable",
        "flawed",
        "irresponsible",
    )
)
"""Judgements that put their speaker against the matter."""

SPEECH_VERBS = frozenset(
    (
        "say",
        "tell",
        "add",
        "write",
        "post",
        "suggest",
        "argue",
        "state",
        "note",
        "warn",
        "insist",
        "claim",
        "announce",
        "predict",
        "continue",
        "explain",
        "tweet",
        "acknowledge",
        "caution",
    )
)

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
