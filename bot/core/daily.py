"""The daily briefing: what arrived since the channel's previous one, key quotes, open questions.

Composed from the store at posting time; the digest (question → status) lets the next briefing
mark the questions whose status changed, and those settled since.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import date, datetime

from bot.core.brief_stories import ARTICLES_PER_STORY, source_doc
from bot.core.daily_delivery import Composed
from bot.core.questions import OpenQuestion, open_questions
from bot.core.quote_lookup import QuoteHit, find_quotes
from bot.core.reply import Block, Context, Divider, Header, Reply, Section, Source
from bot.core.schedule import Subscription
from bot.core.services import Services
from bot.core.summary import SourceDoc

MAX_STORIES = 4
STORY_WORDS = 45
"""Words of summary per story: a daily briefing is a digest, /brief gives more."""
MAX_STORIES = 4
STORY_WORDS = 45
"""Words of summary per story: a daily briefing is a digest, /brief gives more."""
MAX_QUOTES = 3
MAX_QUESTIONS = 5
QUOTE_CHARS = 400


@dataclass(frozen=True)
class NewArticle:
    """An article that arrived since the previous briefing."""

    article_id: str
    title: str
    url: str | None
    source: str | None


def new_articles(services: Services, since: datetime | None) -> list[NewArticle]:
    """Articles ingested after ``since`` (all when None), newest first."""
    found = services.store.list_articles(ingested_after=since.isoformat() if since else None)
    return [NewArticle(a.id, a.title, a.url, a.source) for a in found]


async def compose_daily(
    services: Services,
    subscription: Subscription,
    day: date,
    since: datetime | None,
    previous_digest: str,
) -> Composed:
    """Compose one channel's briefing for its local ``day``."""
    now = services.clock.now()
    articles = await asyncio.to_thread(new_articles, services, since)
    questions = await asyncio.to_thread(open_questions, services.store, now)
    blocks: list[Block] = [Header(f"Daily briefing · {day:%A %-d %B %Y}")]
    if articles:
        ids = {a.article_id for a in articles}
        blocks += await _stories(services, articles)
        quotes = await asyncio.to_thread(find_quotes, services.store)
        blocks += _quotes([q for q in quotes if q.article_id in ids])
    elif since is None:
        blocks.append(Section("No articles are indexed yet."))
    else:
        blocks.append(Section(f"Nothing new arrived since the last briefing on {since:%-d %B}."))
    previous = _load(previous_digest)
    blocks += _questions(questions, previous)
    count = len(articles)
    blocks.append(
        Context(
            f"{count} new article{'s' * (count != 1)} · /brief for more, /whosaid for quotes,"
            " /questions for every open question"
        )
    )
    digest = {q.question: q.status for q in questions[:20]}
    return Composed(Reply(tuple(blocks), visibility="public"), json.dumps(digest))


async def _stories(services: Services, articles: list[NewArticle]) -> list[Block]:
    """One item per story among the new articles: its headline and a short cited summary."""
    count = len(articles)
    plural = "s" * (count != 1)
    blocks: list[Block] = [Section(f"New since the last briefing: {count} article{plural}")]
    groups = await asyncio.to_thread(_new_story_groups, services, articles)
    for number, group in enumerate(groups[:MAX_STORIES], start=1):
        docs = await asyncio.to_thread(_docs, services, group)
        lead = next(a for a in articles if a.article_id == group[0])
        more = f" ({len(group)} articles)" if len(group) > 1 else ""
        blocks.append(Section(f"{number}. {lead.title}{more}"))
        summary = None
        if services.summarizer is not None and docs:
            summary = await services.summarizer.summarize(docs, max_words=STORY_WORDS)
        if summary is None or not summary.sentences:
            source = Source(lead.title, lead.url, lead.article_id)
            blocks.append(Section("(not analysed yet)", sources=(source,)))
            continue
        by_id = {d.article_id: d for d in docs}
        for sentence in summary.sentences:
            doc = by_id[sentence.article_id]
            source = Source(doc.title, doc.url, doc.article_id)
            blocks.append(Section(sentence.text, sources=(source,)))
    hidden = len(groups) - MAX_STORIES
    if hidden > 0:
        blocks.append(Context(f"and {hidden} more stor{'ies' if hidden > 1 else 'y'}: /brief"))
    return blocks


def _new_story_groups(services: Services, articles: list[NewArticle]) -> list[list[str]]:
    """The new articles grouped into stories, most covered first, newest articles first."""
    order = {a.article_id: rank for rank, a in enumerate(articles)}
    groups: list[list[str]] = []
    placed: set[str] = set()
    for group in services.story_groups(services.store):
        ids = sorted((i for i in group if i in order), key=order.__getitem__)
        if ids:
            groups.append(ids)
            placed.update(ids)
    groups += [[a.article_id] for a in articles if a.article_id not in placed]
    groups.sort(key=lambda ids: (-len(ids), order[ids[0]]))
    return groups


def _docs(services: Services, group: list[str]) -> list[SourceDoc]:
    return [doc for i in group[:ARTICLES_PER_STORY] if (doc := source_doc(services.store, i))]


def _quotes(hits: list[QuoteHit]) -> list[Block]:
    chosen: list[QuoteHit] = []
    speakers: set[str] = set()
    # Direct quotes of a readable length first; a quote is never cut.
    for hit in sorted(
        hits, key=lambda h: (h.quote.kind != "direct", len(h.quote.text) > QUOTE_CHARS)
    ):
        key = hit.quote.speaker_key or hit.quote.speaker
        if key in speakers or hit.quote.speaker_kind == "unresolved":
            continue
        speakers.add(key)
        chosen.append(hit)
        if len(chosen) == MAX_QUOTES:
            break
    if not chosen:
        return []
    blocks: list[Block] = [Divider(), Section("Key quotes")]
    for hit in chosen:
        quote = hit.quote
        text = quote.text if quote.kind == "direct" else f"(reported) {quote.text}"
        role = f", {quote.role}" if quote.role else ""
        source = Source(hit.article_title, hit.url, hit.article_id)
        blocks.append(Section(f"{text}\n— {quote.speaker}{role}", sources=(source,)))
    return blocks


def _questions(questions: list[OpenQuestion], previous: dict[str, str]) -> list[Block]:
    still_open = [q for q in questions if not q.resolved][:MAX_QUESTIONS]
    settled = [q for q in questions if q.resolved and q.question in previous]
    if not still_open and not settled:
        return []
    blocks: list[Block] = [Divider(), Section("Open questions")]
    for item in still_open:
        note = ""
        if previous and item.question not in previous:
            note = " (new)"
        elif previous and previous[item.question] != item.status:
            note = " (status changed)"
        source: tuple[Source, ...] = ()
        if item.evidence:
            line = item.evidence[0]
            source = (Source(line.article_title, line.url, line.article_id),)
        blocks.append(Section(f"{item.question}{note}\n{item.status}", sources=source))
    for item in settled:
        blocks.append(Section(f"Settled: {item.question}\n{item.status}"))
    return blocks


def _load(digest: str) -> dict[str, str]:
    try:
        data = json.loads(digest) if digest else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
