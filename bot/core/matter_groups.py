"""Grouping open-matter mentions into matters: one per thing that is open, across articles.

Mentions arrive oldest first. A mention joins a matter of the same class (or one whose
modifiers name its head: "sanctions" and the "sanctions bill") when their distinguishing
modifiers overlap ("Graham-Blumenthal bill" and "bill sponsored by Graham and Blumenthal"), or,
when one of them has no distinguishing modifiers ("the bill", "such a meeting"), the matter of
that class most recently mentioned in the same article, else the biggest one of that class.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.analysis import MatterMention


@dataclass(frozen=True)
class Evidence:
    """A mention with the sentence that holds it and its article."""

    mention: MatterMention
    text: str
    article_id: str
    article_title: str
    url: str | None
    date: str


@dataclass
class MatterGroup:
    """The mentions of one matter, oldest first."""

    head_class: str
    evidence: list[Evidence] = field(default_factory=list)
    core: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    heads: set[str] = field(default_factory=set)

    def add(self, item: Evidence) -> None:
        """Add a mention and what it says about the matter's identity."""
        self.evidence.append(item)
        self.heads.add(item.mention.head)
        core, names = identity(item.mention)
        self.core |= core
        self.names |= names

    @property
    def articles(self) -> set[str]:
        """Ids of the articles that mention the matter."""
        return {e.article_id for e in self.evidence}

    @property
    def last_article(self) -> str:
        """Id of the article that mentioned it last."""
        return self.evidence[-1].article_id


def norm(word: str) -> str:
    """A modifier in comparable form: lower case, no possessive, no plural ``s``."""
    word = word.lower().removesuffix("'s").removesuffix("’s").strip(".")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def identity(mention: MatterMention) -> tuple[set[str], set[str]]:
    """(distinguishing modifiers, participant names) of a mention."""
    core: set[str] = set()
    names: set[str] = set()
    for modifier in mention.modifiers:
        kind, _, text = modifier.partition(":")
        if kind != "o":
            (names if kind == "p" else core).add(norm(text))
    return core, names


def about(mention: MatterMention) -> set[str]:
    """Heads of the matters this one is a step of ("decision on the merger": merger)."""
    return {norm(m[2:]) for m in mention.modifiers if m.startswith("o:")}


def _compatible(group: MatterGroup, mention: MatterMention) -> bool:
    if group.head_class == mention.head_class:
        return True
    core, _ = identity(mention)
    heads = {norm(h) for h in group.heads}
    return norm(mention.head) in group.core or bool(heads & (core | about(mention)))


def _overlap(group: MatterGroup, mention: MatterMention) -> int:
    core, names = identity(mention)
    steps = 2 * len(about(mention) & {norm(h) for h in group.heads})
    return len((core | names) & (group.core | group.names)) + steps


STEP_HEADS = frozenset(
    ("decision", "vote", "approval", "clearance", "determination", "ruling", "ratification")
)
"""Heads that name a step of another matter; bare, they belong to the matter just mentioned."""
STEP_REACH = 2
"""How many sentences back a bare step ("members will vote on ratification") looks."""


def group_mentions(evidence: list[Evidence]) -> list[MatterGroup]:
    """Group mentions (oldest first) into matters, in order of first mention."""
    groups: list[MatterGroup] = []
    for item in evidence:
        mention = item.mention
        fitting = [g for g in groups if _compatible(g, mention)]
        best = _step_group(groups, item) or _choose(fitting, item)
        if best is None:
            best = MatterGroup(mention.head_class)
            groups.append(best)
        best.add(item)
    return groups


def _step_group(groups: list[MatterGroup], item: Evidence) -> MatterGroup | None:
    """The matter a bare step mention ("ratification", "the vote") continues, if any."""
    mention = item.mention
    if mention.head not in STEP_HEADS or mention.modifiers:
        return None
    near = [
        (_last_index(g, item.article_id), g)
        for g in groups
        if g.head_class != mention.head_class and item.article_id in g.articles
    ]
    near = [(i, g) for i, g in near if 0 <= mention.sentence_index - i <= STEP_REACH]
    return max(near, key=lambda pair: pair[0])[1] if near else None


def _choose(fitting: list[MatterGroup], item: Evidence) -> MatterGroup | None:
    mention = item.mention
    overlapping = [(g, _overlap(g, mention)) for g in fitting]
    strong = [(g, n) for g, n in overlapping if n > 0]
    if strong:
        return max(strong, key=lambda pair: (pair[1], len(pair[0].evidence)))[0]
    core, _ = identity(mention)
    same_article = [g for g in fitting if g.last_article == item.article_id]
    if same_article:
        recent = max(same_article, key=lambda g: _last_index(g, item.article_id))
        if not core or not recent.core:
            return recent
    same_class = [g for g in fitting if g.head_class == mention.head_class]
    if not core and same_class:
        return max(same_class, key=lambda g: len(g.evidence))
    bare = [g for g in same_class if not g.core and not g.names]
    if bare:  # "the deal" first, "Halvorsen's takeover of Greenleaf" later
        return max(bare, key=lambda g: len(g.evidence))
    return None


def _last_index(group: MatterGroup, article_id: str) -> int:
    return max(
        (e.mention.sentence_index for e in group.evidence if e.article_id == article_id),
        default=-1,
    )
