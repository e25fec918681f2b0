"""Words whose grammatical role tells a matter's state (see ``matters.py``).

Modals and hedges that leave what they govern open, verbs whose negation leaves it undecided,
verbs that settle it, back it or oppose it, and speech verbs. As with the nouns of
``matter_lexicon.py``, each counts only in the syntactic position ``matters.py`` checks.
"""

from __future__ import annotations

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
