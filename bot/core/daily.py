"""The daily briefing: what arrived since the channel's previous one, key quotes, open questions.

Composed from the store at posting time; the digest (question → status) lets the next briefing
mark the questions whose status changed, and those settled since.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from bot.core.brief_stories import ARTICLES_PER_STORY, source_doc
from bot.core.daily_delivery import Composed
from bot.core.questions import OpenQuestion, story_questions
from bot.core.quote_lookup import QuoteHit, find_quotes
from bot.core.reply import Block, Context, Divider, Header, Reply, Section, Source
from bot.core.schedule import Subscription
from bot.core.services import Services
from bot.core.summary import SourceDoc

MAX_STORIES = 4
STORY_WORDS = 45
"""Words of summary per story: a daily briefing is a digest, /brief gives more."""
MAX_QUOTES = 3
MAX_QUESTIONS = 5
QUOTE_CHARS = 400
FIRST_WINDOW = timedelta(days=1)
"""What a channel's first briefing covers: the last day, not the whole archive."""


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
    """Compose one channel's briefing for its local ``day``.

    Args:
        services: the store, clock and summarizer.
        subscription: the channel it is for.
        day: the channel's local date, for the header.
        since: when the channel's previous briefing was composed; None for its first, which
            covers the last day (``FIRST_WINDOW``).
        previous_digest: the previous briefing's digest ("" if none).
    """
    now = services.clock.now()
    window = since or now - FIRST_WINDOW
    last = since.astimezone(subscription.zone) if since else None  # the channel's own date
    span = f"since the last briefing on {last:%-d %B}" if last else "in the last day"
    articles = await asyncio.to_thread(new_articles, services, window)
    questions = await asyncio.to_thread(story_questions, services)
    blocks: list[Block] = [Header(f"Daily briefing · {day:%A %-d %B %Y}")]
    if articles:
        groups = await asyncio.to_thread(_new_story_groups, services, articles)
        blocks += await _stories(services, articles, groups, span)
        # Quotes of the most covered stories first (the order the stories are listed in).
        story_rank = {article: rank for rank, group in enumerate(groups) for article in group}
        quotes = await asyncio.to_thread(
            partial(find_quotes, services.store, article_ids=list(story_rank))
        )
        blocks += _quotes(quotes, story_rank)
    elif since is None and not await asyncio.to_thread(services.store.list_articles, 1):
        blocks.append(Section("No articles are indexed yet."))
    else:
        blocks.append(Section(f"Nothing new arrived {span}."))
    previous = _load(previous_digest)
    blocks += _questions(questions, previous)
    blocks.append(
        Context("/brief for more · /whosaid for quotes · /questions for every open question")
    )
    digest = {q.question: q.status for q in questions}
    return Composed(Reply(tuple(blocks), visibility="public"), json.dumps(digest))


def _heading(text: str) -> Section:
    """A bold line that opens a part of the briefing."""
    return Section(text, highlights=((0, len(text)),))


async def _stories(
    services: Services, articles: list[NewArticle], groups: list[list[str]], span: str
) -> list[Block]:
    """One item per story among the new articles: its headline and a short cited summary."""
    count = len(articles)
    plural = "s" * (count != 1)
    blocks: list[Block] = [Section(f"{count} new article{plural} {span}.")]
    for number, group in enumerate(groups[:MAX_STORIES], start=1):
        docs = await asyncio.to_thread(_docs, services, group)
        lead = _headline([a for i in group for a in articles if a.article_id == i])
        more = f" ({len(group)} articles)" if len(group) > 1 else ""
        blocks.append(_heading(f"{number}. {lead.title}{more}"))
        summary = None
        if services.summarizer is not None and docs:
            summary = await services.summarizer.summarize(docs, max_words=STORY_WORDS)
        if summary is None or not summary.sentences:
            source = Source(lead.title, lead.url, lead.article_id)
            blocks.append(Section("(not analysed yet)", sources=(source,)))
            continue
        by_id = {d.article_id: d for d in docs}
        # Consecutive sentences from one article make one paragraph, cited once.
        runs: list[tuple[str, list[str]]] = []
        for sentence in summary.sentences:
            if runs and runs[-1][0] == sentence.article_id:
                runs[-1][1].append(sentence.text)
            else:
                runs.append((sentence.article_id, [sentence.text]))
        for article_id, texts in runs:
            doc = by_id[article_id]
            source = Source(doc.title, doc.url, doc.article_id)
            blocks.append(Section(" ".join(texts), sources=(source,)))
    hidden = len(groups) - MAX_STORIES
    if hidden > 0:
        blocks.append(Context(f"and {hidden} more stor{'ies' if hidden > 1 else 'y'}: /brief"))
    return blocks


def _headline(members: list[NewArticle]) -> NewArticle:
    """The article whose title says most of what the story's titles share (newest on ties).

    A headline such as "Friday, June 7, 2013" shares no words with the others and is passed
    over for one that names the event.
    """

    def words(title: str) -> set[str]:
        return {w for w in re.findall(r"\w+", title.casefold()) if len(w) > 3}

    bags = [words(a.title) for a in members]

    def shared(n: int) -> float:
        return sum(
            len(bags[n] & other) / len(bags[n] | other)
            for m, other in enumerate(bags)
            if m != n and bags[n] | other
        )

    return members[max(range(len(members)), key=lambda n: (shared(n), -n))]


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


def _quotes(hits: list[QuoteHit], story_rank: dict[str, int]) -> list[Block]:
    chosen: list[QuoteHit] = []
    speakers: set[str] = set()
    # Direct quotes of a readable length by named speakers first; a quote is never cut.
    for hit in sorted(
        hits,
        key=lambda h: (
            h.quote.kind != "direct",
            len(h.quote.text) > QUOTE_CHARS,
            h.quote.speaker_kind == "description",
            story_rank[h.article_id],
        ),
    ):
        key = _speaker_key(hit)
        if key in speakers or hit.quote.speaker_kind == "unresolved":
            continue
        speakers.add(key)
        chosen.append(hit)
        if len(chosen) == MAX_QUOTES:
            break
    if not chosen:
        return []
    blocks: list[Block] = [Divider(), _heading("Key quotes")]
    for hit in chosen:
        quote = hit.quote
        text = _standalone(quote.text) if quote.kind == "direct" else f"(reported) {quote.text}"
        role = f", {quote.role}" if quote.role else ""
        source = Source(hit.article_title, hit.url, hit.article_id)
        start = len(text) + 3  # the speaker's name is bold
        blocks.append(
            Section(
                f"{text}\n— {quote.speaker}{role}",
                highlights=((start, start + len(quote.speaker)),),
                sources=(source,),
            )
        )
    return blocks


def _speaker_key(hit: QuoteHit) -> str:
    """One key per speaker across articles: a person by surname ("Hastings", "Gregg Hastings")."""
    quote = hit.quote
    if quote.speaker_kind == "person" and quote.speaker.split():
        return "person:" + quote.speaker.split()[-1].casefold()
    return quote.speaker_key or quote.speaker.casefold()


def _standalone(text: str) -> str:
    """A quote shown on its own ends its sentence: ``“…a ceasefire,”`` → ``“…a ceasefire.”``."""
    stripped = text.rstrip()
    if len(stripped) > 2 and stripped[-1] in "”\"’'" and stripped[-2] == ",":
        return f"{stripped[:-2]}.{stripped[-1]}"
    return text


def _questions(questions: list[OpenQuestion], previous: dict[str, str]) -> list[Block]:
    def change(item: OpenQuestion) -> str:
        if not previous:
            return ""
        if item.question not in previous:
            return " (new)"
        return " (status changed)" if previous[item.question] != item.status else ""

    # What moved since the previous briefing comes first: status changed, then new.
    rank = {" (status changed)": 0, " (new)": 1, "": 2}
    still_open = sorted((q for q in questions if not q.resolved), key=lambda q: rank[change(q)])
    still_open = still_open[:MAX_QUESTIONS]
    settled = [q for q in questions if q.resolved and change(q) == " (status changed)"]
    if not still_open and not settled:
        return []
    blocks: list[Block] = [Divider(), _heading("Open questions")]
    for item in still_open:
        note = change(item)
        source: tuple[Source, ...] = ()
        if item.evidence:
            first = item.evidence[0]
            source = (Source(first.article_title, first.url, first.article_id),)
        title = f"{item.question}{note}"
        blocks.append(
            Section(f"{title}\n{item.status}", highlights=((0, len(title)),), sources=source)
        )
    for item in settled:
        title = f"Settled: {item.question}"
        blocks.append(Section(f"{title}\n{item.status}", highlights=((0, len(title)),)))
    return blocks


def _load(digest: str) -> dict[str, str]:
    try:
        data = json.loads(digest) if digest else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
