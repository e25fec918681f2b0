"""Briefings: what happened across the recent corpus, or along one topic, and ``/brief``.

A general briefing gives one item per story (most covered first); a topic briefing summarises
the articles whose passages match the topic. Every sentence cites the article it comes from.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from bot.core.brief_stories import Story, recent_stories, topic_docs
from bot.core.commands import Args, CommandContext, CommandSpec, Param
from bot.core.errors import NotFound, UsageError
from bot.core.reply import Block, Context, Divider, Header, Reply, Section, Source
from bot.core.search import ECHO_CHARS, fts_query
from bot.core.services import Services
from bot.core.summary import SourceDoc, Summary, SummarySentence

MIN_STORY_WORDS = 40
"""In a briefing of several stories each story gets at least this many words, so a briefing
holds at most ``budget // MIN_STORY_WORDS`` stories (three at the default 120 words)."""


@dataclass(frozen=True)
class BriefItem:
    """One story of a briefing and its summary."""

    title: str
    articles: int
    docs: tuple[SourceDoc, ...]
    summary: Summary

    def source(self, sentence: SummarySentence) -> Source:
        """The article a summary sentence cites."""
        doc = next(d for d in self.docs if d.article_id == sentence.article_id)
        return Source(doc.title, doc.url, doc.article_id)


@dataclass(frozen=True)
class Briefing:
    """A whole briefing: its title and items (stories), in the order shown."""

    title: str
    topic: str | None
    items: tuple[BriefItem, ...]

    @property
    def notes(self) -> tuple[str, ...]:
        """Backend notes (e.g. a fallback), each once."""
        return tuple(dict.fromkeys(n for item in self.items for n in item.summary.notes))

    def as_json(self) -> dict[str, Any]:
        """The DESIGN §4 shape: ``{title, sentences: [{text, article_id, url}]}``."""
        sentences = [
            {"text": s.text, "article_id": s.article_id, "url": item.source(s).url}
            for item in self.items
            for s in item.summary.sentences
        ]
        return {"title": self.title, "sentences": sentences}


async def make_briefing(services: Services, topic: str | None = None) -> Briefing:
    """Gather the stories (or the topic's articles) and summarise each.

    Raises:
        UsageError: the topic has no searchable words.
        NotFound: nothing is indexed, or nothing matches the topic.
        BotError: no summariser is configured.
    """
    summarizer = services.summarizer
    if summarizer is None:
        raise NotFound("Briefings are not set up on this bot.", hint="Ask its admin.")
    store = services.store
    topic = (topic or "").strip() or None
    if topic is None:
        stories = await asyncio.to_thread(recent_stories, store, services.story_groups)
        title = "Briefing"
    else:
        queries = [q for mode in ("all", "any") if (q := fts_query(topic, mode)) is not None]
        if not queries:
            raise UsageError("Give me a topic in words.", hint="For example: /brief sanctions")
        docs = await asyncio.to_thread(topic_docs, store, queries)
        stories = [Story(docs[0].title, tuple(docs), len(docs))] if docs else []
        title = f"Briefing: {_shown(topic)}"
    if not stories:
        total = await asyncio.to_thread(store.count_articles)
        if topic is None or total == 0:
            raise NotFound(
                "No articles are indexed yet.", hint="An admin can add some with /ingest."
            )
        plural = "s" * (total != 1)
        raise NotFound(
            f"Nothing in the {total} indexed article{plural} is about “{_shown(topic)}”.",
            hint="Try other words; /sources lists what is indexed.",
        )
    budget = services.brief_words
    stories = stories[: max(1, budget // MIN_STORY_WORDS)]  # the budget holds so many stories
    each = budget if len(stories) == 1 else budget // len(stories)
    items = []
    for story in stories:
        summary = await summarizer.summarize(story.docs, max_words=each, topic=topic)
        if summary.sentences:
            items.append(BriefItem(story.title, story.size, story.docs, summary))
    return Briefing(title, topic, tuple(items))


def render_briefing(briefing: Briefing) -> Reply:
    """The briefing as a public reply: one bullet per sentence, each with its source."""
    blocks: list[Block] = [Header(briefing.title)]
    several = len(briefing.items) > 1
    for number, item in enumerate(briefing.items):
        if number:
            blocks.append(Divider())
        if several:
            count = f" ({item.articles} articles)" if item.articles > 1 else ""
            blocks.append(Context(f"{number + 1}. {item.title}{count}"))
        for sentence in item.summary.sentences:
            blocks.append(Section(f"• {sentence.text}", sources=(item.source(sentence),)))
    sentences = sum(len(item.summary.sentences) for item in briefing.items)
    words = sum(item.summary.words for item in briefing.items)
    backends = ", ".join(dict.fromkeys(item.summary.backend for item in briefing.items))
    articles = len({d.article_id for item in briefing.items for d in item.docs})
    footer = (
        f"{sentences} sentence{'s' * (sentences != 1)}, {words} words from {articles} "
        f"article{'s' * (articles != 1)} ({backends} summary)."
    )
    blocks += [Context(note) for note in briefing.notes]
    blocks.append(Context(footer))
    return Reply(tuple(blocks), visibility="public")


async def brief_command(ctx: CommandContext, args: Args) -> Reply:
    """``/brief [topic]``: a short briefing, every sentence linked to its source."""
    briefing = await make_briefing(ctx.services, args.get("topic"))
    if not briefing.items:
        return Reply.notice(
            "The matching articles have no sentences to brief from yet.",
            hint="They are analysed at ingest; try again in a moment.",
        )
    return render_briefing(briefing)


def _shown(text: str) -> str:
    return text if len(text) <= ECHO_CHARS else text[: ECHO_CHARS - 1] + "…"


BRIEF = CommandSpec(
    name="brief",
    summary="A short briefing on the recent news, or on one topic.",
    handler=brief_command,
    params=(Param("topic", "what to focus on, e.g. sanctions", rest=True),),
    examples=("/brief", "/brief sanctions bill"),
    visibility="public",
)
