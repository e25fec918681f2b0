"""Open questions: what the story leaves unresolved, with status and evidence, and ``/questions``.

Ingest stores one row per sentence about a possibly open matter (``bot/nlp/matters.py``);
here they are grouped into matters (``matter_groups.py``), given a question and a status
(``matter_status.py``), and ranked by how central (mentions, articles, signals) and how recent
each matter is. Settled matters are listed after the open ones, marked resolved.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.core.analysis_store import matter_from_row
from bot.core.commands import Args, CommandContext, CommandSpec, Param
from bot.core.matter_groups import Evidence, MatterGroup, group_mentions
from bot.core.matter_status import label, newest_state, question, status
from bot.core.reply import Block, Context, Divider, Header, Reply, Section, Source
from bot.core.store import Store
from bot.core.stories import story_ids

if TYPE_CHECKING:
    from bot.core.services import Services

MAX_EVIDENCE = 4
STORY_ARTICLES = 500
"""Newest articles grouped into stories to keep matters apart (about 0.1 s for 500)."""
MAX_ITEMS = 8
_WORD = re.compile(r"\w+")
_STOP = frozenset(("the", "a", "an", "of", "on", "about", "is", "what", "status", "and", "to"))


@dataclass(frozen=True)
class EvidenceLine:
    """A source sentence quoted verbatim, with its article."""

    text: str
    article_id: str
    article_title: str
    url: str | None
    date: str


@dataclass(frozen=True)
class OpenQuestion:
    """One matter the story leaves open (or that the newest article settles)."""

    label: str
    question: str
    status: str
    resolved: bool
    last_seen: str
    evidence: tuple[EvidenceLine, ...]
    score: float

    def as_json(self) -> dict[str, object]:
        """The DESIGN §4 shape: ``{question, status, last_seen, evidence: [...]}``."""
        return {
            "question": self.question,
            "status": self.status,
            "last_seen": self.last_seen,
            "evidence": [
                {"text": e.text, "article_id": e.article_id, "url": e.url} for e in self.evidence
            ],
        }


def _evidence(store: Store) -> list[Evidence]:
    items = []
    for row in store.matter_rows():
        date = str(row["published"] or row["ingested_at"])[:10]
        items.append(
            Evidence(
                mention=matter_from_row(row),
                text=row["sentence_text"],
                article_id=row["article_id"],
                article_title=row["title"],
                url=row["url"],
                date=date,
            )
        )
    return items


def open_questions(
    store: Store,
    now: datetime,
    topic: str | None = None,
    *,
    include_resolved: bool = True,
    stories: Sequence[Sequence[str]] = (),
) -> list[OpenQuestion]:
    """The matters in the store, open ones first, most central and recent first.

    Args:
        store: where the mentions are.
        now: for the recency of each matter.
        topic: only matters about these words.
        include_resolved: also list the settled ones.
        stories: the corpus's stories as lists of article ids (:func:`corpus_stories`);
            matters are then never merged across two stories, nor across articles outside
            them. Empty: no such limit.
    """
    story_of = {article: str(n) for n, story in enumerate(stories) for article in story}
    evidence = _evidence(store)
    if stories:  # an article outside every story (older than those grouped) stands alone
        story_of.update(
            {e.article_id: e.article_id for e in evidence if e.article_id not in story_of}
        )
    found = []
    for group in group_mentions(evidence, story_of):
        if not any(e.mention.state == "open" for e in group.evidence):
            continue  # never open: background, not a question
        item = _question(group, now)
        if topic and not _about(group, item, topic):
            continue
        if item.resolved and not include_resolved:
            continue
        found.append(item)
    found.sort(key=lambda q: (q.resolved, -q.score))
    return found


def _question(group: MatterGroup, now: datetime) -> OpenQuestion:
    name = label(group)
    settled = newest_state(group)
    lines: dict[str, EvidenceLine] = {}
    by_article: dict[str, list[Evidence]] = {}
    for e in group.evidence:
        by_article.setdefault(e.article_id, []).append(e)
    articles = sorted(by_article.values(), key=lambda found: found[-1].date, reverse=True)
    for e in (e for found in articles for e in found):  # newest article first, reading order
        lines.setdefault(
            e.article_id + e.text,
            EvidenceLine(e.text, e.article_id, e.article_title, e.url, e.date),
        )
    last_seen = max(e.date for e in group.evidence)
    return OpenQuestion(
        label=name,
        question=question(group, name),
        status=status(group),
        resolved=settled is not None,
        last_seen=last_seen,
        evidence=tuple(lines.values()),
        score=_score(group, last_seen, now),
    )


def _score(group: MatterGroup, last_seen: str, now: datetime) -> float:
    """Centrality (mentions, articles, open signals, stances) damped by age in weeks."""
    signals = sum(len(e.mention.signals) for e in group.evidence if e.mention.state == "open")
    stances = sum(bool(e.mention.stance or e.mention.count) for e in group.evidence)
    sentences = len({(e.article_id, e.mention.sentence_index) for e in group.evidence})
    centrality = sentences + 2 * len(group.articles) + 0.5 * signals + stances
    try:
        age_days = max(0.0, (now.date() - datetime.fromisoformat(last_seen).date()).days)
    except ValueError:
        age_days = 0.0
    return centrality / (1 + age_days / 7)


def _about(group: MatterGroup, item: OpenQuestion, topic: str) -> bool:
    words = [w for w in _WORD.findall(topic.lower()) if w not in _STOP]
    if not words:
        return True
    haystack = " ".join(
        [item.label, *(e.text for e in group.evidence), *(e.mention.who for e in group.evidence)]
    ).lower()
    return all(re.search(rf"\b{re.escape(w.rstrip('s'))}", haystack) for w in words)


def corpus_stories(store: Store) -> list[list[str]]:
    """The ``STORY_ARTICLES`` newest articles grouped into stories, as lists of article ids."""
    return story_ids(store, STORY_ARTICLES)


def story_questions(services: Services, topic: str | None = None) -> list[OpenQuestion]:
    """:func:`open_questions` of the services' store, kept apart by the corpus's stories."""
    stories = corpus_stories(services.store)
    return open_questions(services.store, services.clock.now(), topic, stories=stories)


async def questions_command(ctx: CommandContext, args: Args) -> Reply:
    """``/questions [topic]``: what the story leaves open, each with status and evidence."""
    topic = args.get("topic") or None
    items = await asyncio.to_thread(story_questions, ctx.services, topic)
    if not items:
        about = f" about “{topic}”" if topic else ""
        return Reply.notice(
            f"I found no open questions{about} in the indexed articles.",
            hint="Try another topic, or /sources to see what is indexed.",
        )
    shown = items[:MAX_ITEMS]
    title = "Open questions" + (f": {topic}" if topic else "")
    blocks: list[Block] = [Header(title[:150])]
    for number, item in enumerate(shown, start=1):
        if number > 1:
            blocks.append(Divider())
        mark = "✓ " if item.resolved else ""
        blocks.append(Section(f"{mark}{item.question}\n{item.status}"))
        for line in item.evidence[:MAX_EVIDENCE]:
            quoted = line.text if line.text[:1] in "“\"‘'" else f"“{line.text}”"
            blocks.append(
                Section(quoted, sources=(Source(line.article_title, line.url, line.article_id),))
            )
        hidden = len(item.evidence) - MAX_EVIDENCE
        extra = f" · {hidden} more source sentence{'s' * (hidden != 1)}" if hidden > 0 else ""
        blocks.append(Context(f"Last confirmed {item.last_seen}{extra}"))
    open_count = sum(not q.resolved for q in items)
    more = f"; {len(items) - len(shown)} more not shown" if len(items) > len(shown) else ""
    blocks.append(
        Context(
            f"{open_count} open, {len(items) - open_count} resolved{more}; the most central and "
            "most recent first."
        )
    )
    return Reply(tuple(blocks))


QUESTIONS = CommandSpec(
    name="questions",
    summary="What the story leaves unresolved, with status and evidence.",
    handler=questions_command,
    params=(Param("topic", "only matters about this", required=False, rest=True),),
    examples=("/questions", "/questions sanctions bill"),
)
