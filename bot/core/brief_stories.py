"""Which articles a briefing covers: recent stories, or the articles about a topic.

Story grouping is injectable (``Services.story_groups``): by default every article is its own
story; the embedding-based grouping plugs in here. A topic is found with the full-text index,
and the sentences inside matching passages are marked so the summariser can favour them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.core.models import Passage
from bot.core.store import Store
from bot.core.summary import SourceDoc

StoryGrouper = Callable[[Store], Sequence[Sequence[str]]]
"""Groups stored article ids into stories (each article in exactly one group)."""

RECENT_ARTICLES = 60
"""A general briefing looks at this many of the newest articles."""
MAX_STORIES = 5
ARTICLES_PER_STORY = 4
TOPIC_ARTICLES = 6
TOPIC_PASSAGES = 200


@dataclass(frozen=True)
class Story:
    """Articles reporting the same event, newest first; ``title`` is the newest headline."""

    title: str
    docs: tuple[SourceDoc, ...]
    size: int


def each_article_alone(store: Store) -> list[list[str]]:
    """The default grouping: every recent article is a story of its own."""
    return [[article.id] for article in store.list_articles(limit=RECENT_ARTICLES)]


def recent_stories(store: Store, grouper: StoryGrouper = each_article_alone) -> list[Story]:
    """The most covered stories first (ties: the most recent), at most ``MAX_STORIES``."""
    recency = {a.id: rank for rank, a in enumerate(store.list_articles(limit=RECENT_ARTICLES))}
    groups = []
    for group in grouper(store):
        ids = sorted((i for i in group if i in recency), key=recency.__getitem__)
        if ids:
            groups.append(ids)
    groups.sort(key=lambda ids: (-len(ids), recency[ids[0]]))
    stories = []
    for ids in groups[:MAX_STORIES]:
        docs = tuple(
            doc for i in ids[:ARTICLES_PER_STORY] if (doc := source_doc(store, i)) is not None
        )
        if docs:
            stories.append(Story(docs[0].title, docs, len(ids)))
    return stories


def topic_docs(store: Store, fts_queries: Sequence[str]) -> list[SourceDoc]:
    """Articles whose passages match the first query that matches anything, best first.

    Each document marks the sentences that lie inside a matching passage.
    """
    for query in fts_queries:
        matches = store.match_passages(query, TOPIC_PASSAGES)
        if not matches:
            continue
        hits: dict[str, set[int]] = {}
        for match in matches:  # best first, so dict order ranks the articles
            hits.setdefault(match.article_id, set()).add(match.passage_index)
        docs = []
        for article_id, passages in list(hits.items())[:TOPIC_ARTICLES]:
            doc = source_doc(store, article_id, matched_passages=passages)
            if doc is not None:
                docs.append(doc)
        return docs
    return []


def source_doc(
    store: Store, article_id: str, *, matched_passages: set[int] | None = None
) -> SourceDoc | None:
    """The stored article as a summariser input, or None if it is gone or not analysed."""
    article = store.get_article(article_id)
    sentences = store.sentences(article_id)
    if article is None or not sentences:
        return None
    matched: frozenset[int] = frozenset()
    if matched_passages:
        spans = [p for p in store.passages(article_id) if p.index in matched_passages]
        matched = frozenset(s.index for s in sentences if _inside(s.char_start, s.char_end, spans))
    return SourceDoc(article.id, article.title, article.url, tuple(sentences), matched)


def _inside(start: int, end: int, passages: list[Passage]) -> bool:
    return any(p.char_start < end and start < p.char_end for p in passages)
