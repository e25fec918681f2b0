"""Full-text search over passages: safe query building, ranking, snippets and ``/search``."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, replace
from typing import Literal

from bot.core.commands import Args, CommandContext, CommandSpec, Param
from bot.core.errors import UsageError
from bot.core.hybrid import Fused, fuse, meaning_hit, vector_candidates
from bot.core.models import SearchHit
from bot.core.ports import QueryEncoder
from bot.core.reply import Block, Context, Divider, Header, Reply, Section, Source
from bot.core.store import SNIPPET_END, SNIPPET_START, PassageMatch, Store
from bot.core.topics import complete_topic

Mode = Literal["all", "any"]
MAX_TERMS = 32
ECHO_CHARS = 100
PER_ARTICLE = 2
POOL = 50
"""Candidates taken from each side (keywords, meaning) before fusing."""

_WORD = re.compile(r"\w+")
_PHRASE = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")
# fmt: off
_STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "his", "how", "i", "in", "is", "it", "its", "me", "my", "of",
    "on", "or", "our", "she", "so", "than", "that", "the", "their", "them", "there", "they",
    "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why",
    "will", "with", "would", "you", "your", "about", "any",
))
# fmt: on


def fts_query(text: str, mode: Mode = "all") -> str | None:
    """Turn what a user typed into a safe FTS5 query, or None if it has no searchable words.

    Every word becomes a quoted term, so FTS5 operators (``NOT``, ``OR``, ``*``, ``-``, ``:``,
    stray quotes) are searched as plain words and never raise. Balanced "quoted phrases" stay
    phrases. In ``all`` mode common words are dropped when other words remain.
    """
    phrases = [words for match in _PHRASE.findall(text) if (words := _WORD.findall(match))]
    loose = _WORD.findall(_PHRASE.sub(" ", text))
    if mode == "all":
        content = [word for word in loose if word.lower() not in _STOPWORDS]
        if content or phrases:
            loose = content
    terms = ['"' + " ".join(words) + '"' for words in phrases]
    terms += [f'"{word}"' for word in loose]
    terms = terms[:MAX_TERMS]
    if not terms:
        return None
    return (" " if mode == "all" else " OR ").join(terms)


def unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Split a snippet marked by the index into plain text and highlighted (start, end) ranges."""
    text: list[str] = []
    ranges: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for piece in re.split(f"([{SNIPPET_START}{SNIPPET_END}])", marked):
        if piece == SNIPPET_START:
            start = length
        elif piece == SNIPPET_END:
            if start is not None and length > start:
                ranges.append((start, length))
            start = None
        else:
            text.append(piece)
            length += len(piece)
    return "".join(text), tuple(ranges)


@dataclass(frozen=True)
class SearchResult:
    """Hits for a query, and whether every word had to match (``all``) or any (``any``)."""

    hits: list[SearchHit]
    mode: Mode


def search_passages(
    store: Store, text: str, limit: int = 5, encoder: QueryEncoder | None = None
) -> SearchResult:
    """Rank passages for ``text``: keywords (bm25) and meaning (vectors), fused by rank.

    Passages with every word come first (``all`` mode); if none has them all, passages with
    any word and passages close in meaning (sentence similarity ≥ ``VECTOR_FLOOR``, found
    through ``encoder``) compete on one reciprocal-rank-fused list (``any`` mode). A query
    with a "quoted phrase" asks for exact words, so meaning only reorders keyword matches.
    At most ``PER_ARTICLE`` passages come from one article while other articles match.

    Raises:
        UsageError: ``text`` has nothing to search for.
    """
    pool = max(limit * 4, POOL)
    keyword: list[PassageMatch] = []
    mode: Mode = "any"
    for candidate in ("all", "any"):
        query = fts_query(text, candidate)
        if query is None:
            raise UsageError(
                "Give me some words to search for.", hint="For example: /search sanctions bill"
            )
        keyword = store.match_passages(query, pool)
        if keyword:
            mode = candidate
            break
    meaning = vector_candidates(store, encoder, text, pool)
    exact = mode == "all" or _PHRASE.search(text) is not None
    ranked = fuse(keyword, meaning, only_keyword=exact)
    picked = _diversify(ranked, limit)
    return SearchResult([_fused_hit(store, item) for item in picked], mode)


def _diversify(matches: list[Fused], limit: int) -> list[Fused]:
    picked: list[Fused] = []
    per_article: dict[str, int] = {}
    for match in matches:
        if per_article.get(match.article_id, 0) < PER_ARTICLE:
            picked.append(match)
            per_article[match.article_id] = per_article.get(match.article_id, 0) + 1
    rest = [m for m in matches if m not in picked]
    return (picked + rest)[:limit]


def _fused_hit(store: Store, item: Fused) -> SearchHit:
    if item.keyword is not None:
        hit = _hit(item.keyword)
        return replace(hit, score=-item.score)
    assert item.meaning is not None
    return meaning_hit(store, item.meaning, -item.score)


def _hit(match: PassageMatch) -> SearchHit:
    snippet, highlights = unmark(match.marked_snippet)
    return SearchHit(
        article_id=match.article_id,
        article_title=match.article_title,
        url=match.url,
        origin=match.origin,
        passage_index=match.passage_index,
        snippet=snippet,
        highlights=highlights,
        score=match.score,
    )


async def search_command(ctx: CommandContext, args: Args) -> Reply:
    """``/search <query>``: the best-matching passages with their articles."""
    query = args["query"]
    result = await asyncio.to_thread(
        search_passages, ctx.services.store, query, encoder=ctx.services.query_encoder
    )
    shown = query if len(query) <= ECHO_CHARS else query[: ECHO_CHARS - 1] + "…"
    if not result.hits:
        total = await asyncio.to_thread(ctx.services.store.count_articles)
        return Reply.notice(
            f"Nothing in the {total} indexed article{'s' * (total != 1)} matches “{shown}”.",
            hint="Try fewer or other words; /sources lists what is indexed.",
        )
    count = len(result.hits)
    blocks: list[Block] = [Header(f"Search: {shown}")]
    if result.mode == "any":
        blocks.append(
            Context("No passage has all of those words; these match some of them or their sense.")
        )
    for number, hit in enumerate(result.hits, start=1):
        if number > 1:
            blocks.append(Divider())
        blocks.append(
            Section(
                hit.snippet,
                highlights=hit.highlights,
                sources=(Source(hit.article_title, hit.url, hit.article_id),),
            )
        )
    blocks.append(Context(f"{count} best passage{'s' * (count != 1)}, best first."))
    return Reply(tuple(blocks))


SEARCH = CommandSpec(
    name="search",
    summary="Find passages in the indexed articles.",
    handler=search_command,
    params=(
        Param(
            "query",
            "words or a “quoted phrase” to look for",
            required=True,
            rest=True,
            complete=complete_topic,
        ),
    ),
    examples=("/search sanctions bill", '/search "Air Force One"'),
)
