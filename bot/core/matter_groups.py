"""Grouping open-matter mentions into matters: one per thing that is open, across articles.

Mentions arrive oldest first. A mention joins a matter of the same class (or one whose
modifiers name its head: "sanctions" and the "sanctions bill") when their distinguishing
modifiers overlap ("Graham-Blumenthal bill" and "bill sponsored by Graham and Blumenthal"), or,
when one of them has no distinguishing modifiers ("the bill", "such a meeting"), the matter of
that class most recently mentioned in the same article, else the biggest one of that class.

Given the corpus's stories (articles about the same event), a mention only joins a matter of
its own story: "the meeting" of a strike story never joins the meeting of a summit story.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    story: str | None = None
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


class _Index:
    """Groups by class, by the words that identify them and by article.

    Grouping a large store then compares each mention with the few groups it could join, not
    with all of them.
    """

    def __init__(self) -> None:
        self.groups: list[MatterGroup] = []
        self.order: dict[int, int] = {}
        self.by_key: dict[str, dict[int, MatterGroup]] = {}
        self.by_article: dict[str, dict[int, MatterGroup]] = {}

    def _file(self, key: str, group: MatterGroup) -> None:
        self.by_key.setdefault(key, {})[id(group)] = group

    def add(self, group: MatterGroup, item: Evidence) -> None:
        """Add a mention to a group (new or not) and index what it adds."""
        if id(group) not in self.order:
            self.order[id(group)] = len(self.groups)
            self.groups.append(group)
            self._file("class:" + group.head_class, group)
        group.add(item)
        self._file("word:" + norm(item.mention.head), group)
        for word in group.core:
            self._file("word:" + word, group)
        self.by_article.setdefault(item.article_id, {})[id(group)] = group

    def near(self, mention: MatterMention) -> list[MatterGroup]:
        """Groups that may fit the mention, in order of creation."""
        core, _ = identity(mention)
        keys = ["class:" + mention.head_class, "word:" + norm(mention.head)]
        keys += ["word:" + w for w in core | about(mention)]
        found = {i: g for key in keys for i, g in self.by_key.get(key, {}).items()}
        return sorted(found.values(), key=lambda g: self.order[id(g)])


def group_mentions(
    evidence: list[Evidence], story_of: Mapping[str, str] | None = None
) -> list[MatterGroup]:
    """Group mentions (oldest first) into matters, in order of first mention.

    Args:
        evidence: the mentions, oldest first.
        story_of: article id → story key; a mention joins only matters of its own story
            (an article without a story may join any).
    """
    index = _Index()
    stories = story_of or {}
    for item in evidence:
        mention = item.mention
        story = stories.get(item.article_id)

        def same_story(group: MatterGroup, story: str | None = story) -> bool:
            return story is None or group.story is None or group.story == story

        fitting = [g for g in index.near(mention) if _compatible(g, mention) and same_story(g)]
        step = _step_group(list(index.by_article.get(item.article_id, {}).values()), item)
        best = step or _choose(fitting, item) or MatterGroup(mention.head_class, story)
        index.add(best, item)
    return index.groups


def _step_group(groups: list[MatterGroup], item: Evidence) -> MatterGroup | None:
    """The matter a bare step mention ("ratification", "the vote") continues, if any."""
    mention = item.mention
    if mention.head not in STEP_HEADS or mention.modifiers:
        return None
    near = [
        (_last_index(g, item.article_id), g) for g in groups if g.head_class != mention.head_class
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
