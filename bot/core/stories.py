"""Story grouping: which stored articles report the same event.

Two articles are alike when their embeddings are close (each article is the mean of its
headline and lead sentences) and when they name the same rare people, places and organisations
(entities weighted by inverse document frequency). Articles are merged by average-linkage
clustering until no two groups are alike enough, so one loosely related article cannot chain
two events together. Stories come most covered first.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.core.analysis import Entity, Vectors
from bot.core.models import ArticleSummary
from bot.core.store import Store
from bot.core.story_linkage import average_linkage
from bot.core.vectors import ArticleVectors

Matrix = npt.NDArray[np.float64]

ENTITY_LABELS = frozenset(
    ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART", "LAW")
)
"""Entity kinds that identify an event's actors and setting (not dates, numbers, amounts)."""


@dataclass(frozen=True)
class GroupingRules:
    """How alike two articles must be to share a story.

    Attributes:
        threshold: least average similarity between two groups for them to merge.
        entity_weight: share of the entity overlap in the similarity (the rest is embedding
            cosine similarity).
        lead_sentences: how many opening sentences, besides the headline, make an article's
            vector (0: all of them).
    """

    threshold: float = 0.25
    entity_weight: float = 0.6
    lead_sentences: int = 0


@dataclass(frozen=True)
class Story:
    """Articles reporting the same event, newest first; ``title`` is the most typical one's."""

    title: str
    articles: tuple[ArticleSummary, ...]


def story_ids(store: Store, limit: int | None = None) -> list[list[str]]:
    """:func:`group_stories` as lists of article ids, most covered story first."""
    return [[a.id for a in story.articles] for story in group_stories(store, limit=limit)]


def group_stories(
    store: Store, rules: GroupingRules | None = None, *, limit: int | None = None
) -> list[Story]:
    """Every stored article (or the ``limit`` newest) in exactly one story, most covered first.

    Stories of equal size come in the order of their newest article; an article without stored
    vectors is grouped by its entities alone. Memory grows with the square of the articles
    grouped, so callers that need only recent news pass a ``limit``.
    """
    rules = rules or GroupingRules()
    articles = store.list_articles(limit=limit)
    if not articles:
        return []
    ids = [a.id for a in articles]
    vectors = article_matrix(ids, store.article_vectors(ids), rules.lead_sentences)
    bags = {key: entity_keys(store.entities(key)) for key in ids}
    similarity = combined_similarity(vectors, [bags[key] for key in ids], rules.entity_weight)
    groups = average_linkage(similarity, rules.threshold)
    stories = [
        Story(_typical_title(group, similarity, articles), tuple(articles[i] for i in group))
        for group in groups
    ]
    first_seen = {id(story): min(groups[n]) for n, story in enumerate(stories)}
    stories.sort(key=lambda s: (-len(s.articles), first_seen[id(s)]))
    return stories


def article_matrix(
    ids: Sequence[str], stored: Mapping[str, ArticleVectors], lead_sentences: int
) -> Vectors:
    """One unit row per article: the mean of its headline and lead sentence vectors.

    An article without vectors gets a zero row (similar to nothing).
    """
    rows: list[Vectors] = []
    dims = next((v.sentences.shape[1] for v in stored.values() if v.sentences.size), 1)
    for key in ids:
        found = stored.get(key)
        parts: list[Vectors] = []
        if found is not None:
            sentences = found.sentences[:lead_sentences] if lead_sentences else found.sentences
            if sentences.size:
                parts.append(sentences.mean(axis=0))
            if found.title is not None:
                parts.append(found.title)
        row = np.mean(parts, axis=0) if parts else np.zeros(dims, dtype=np.float32)
        norm = float(np.linalg.norm(row))
        rows.append((row / norm if norm > 0 else row).astype(np.float32))
    return np.stack(rows) if rows else np.zeros((0, dims), dtype=np.float32)


def entity_keys(entities: Sequence[Entity]) -> frozenset[str]:
    """The distinct names an article mentions, normalised (case, leading "the", possessive)."""
    keys: set[str] = set()
    for entity in entities:
        if entity.label not in ENTITY_LABELS:
            continue
        name = " ".join(entity.text.lower().split())
        name = name.removeprefix("the ").removesuffix("'s").removesuffix("’s").strip()
        if name:
            keys.add(name)
    return frozenset(keys)


def entity_similarity(bags: Sequence[frozenset[str]]) -> Matrix:
    """Pairwise overlap of entity sets, each name weighted by its inverse document frequency.

    Cosine similarity of the IDF-weighted sets: 1 for the same rare names, near 0 for names
    shared by most of the corpus.
    """
    count = len(bags)
    frequency = Counter(name for bag in bags for name in bag)
    weight = {name: math.log((1 + count) / (1 + df)) for name, df in frequency.items()}
    shared = np.zeros((count, count), dtype=np.float64)
    holders: dict[str, list[int]] = {}
    for row, bag in enumerate(bags):
        for name in bag:
            holders.setdefault(name, []).append(row)
    for name, rows in holders.items():
        if len(rows) > 1 and weight[name] > 0:
            index = np.asarray(rows)
            shared[np.ix_(index, index)] += weight[name] ** 2
    norms = np.sqrt([sum(weight[name] ** 2 for name in bag) for bag in bags])
    denominator = np.outer(norms, norms)
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(denominator > 0, shared / denominator, 0.0)
    np.fill_diagonal(result, 1.0)
    return result


def combined_similarity(
    vectors: Vectors, bags: Sequence[frozenset[str]], entity_weight: float
) -> Matrix:
    """``(1 - w)`` x embedding cosine + ``w`` x entity overlap, for every pair of articles."""
    cosine = (vectors @ vectors.T).astype(np.float64)
    if entity_weight <= 0:
        return cosine
    return (1 - entity_weight) * cosine + entity_weight * entity_similarity(bags)


def _typical_title(group: list[int], similarity: Matrix, articles: list[ArticleSummary]) -> str:
    if len(group) == 1:
        return articles[group[0]].title
    inner = similarity[np.ix_(group, group)]
    best = group[int(np.argmax(inner.sum(axis=1)))]
    return articles[best].title
