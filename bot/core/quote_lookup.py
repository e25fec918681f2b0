"""Looking quotes up: speakers across articles, person matching, topic filtering.

Speakers are grouped across articles by their canonical key; a one-word name ("Trump") joins
the one full name that ends with it ("Donald Trump"). Person queries match a name, an alias
(any named mention, a surname), case-insensitively and with typos (rapidfuzz); when nothing is
close enough the closest names are offered ("did you mean"). Quotes whose speaker could not be
resolved (a pronoun with no antecedent) are never listed: a quote without a speaker is not an
answer to "who said what".
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.core.analysis import Quote
from bot.core.analysis_store import quote_from_row
from bot.core.errors import NotFound, UsageError
from bot.core.search import fts_query
from bot.core.store import Store

MATCH_SCORE = 88.0
"""Fuzzy score (0–100) a typed name needs to count as that speaker."""
SUGGEST_SCORE = 70.0
"""Fuzzy score for a name to be offered as "did you mean"."""
_NAMED = ("person", "organisation")


MAX_SQL_IDS = 500
"""Article ids passed to SQLite as parameters at most; more are filtered in Python."""


@dataclass
class Speaker:
    """One speaker across the corpus."""

    key: str
    name: str
    kind: str
    count: int = 0
    role: str = ""
    aliases: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class QuoteHit:
    """A stored quote with its article."""

    quote: Quote
    article_id: str
    article_title: str
    url: str | None
    published: str | None


def speakers(store: Store, *, include_descriptions: bool = False) -> list[Speaker]:
    """Every speaker with a name, most quoted first (descriptions too if asked)."""
    rows = store.connection().execute(
        "SELECT speaker_key, speaker, speaker_kind, mention, role, count(*) AS n"
        " FROM quotes WHERE speaker_kind != 'unresolved'"
        " GROUP BY speaker_key, speaker, speaker_kind, mention, role"
    )
    by_key: dict[str, Speaker] = {}
    for r in rows:
        if r["speaker_kind"] not in _NAMED and not include_descriptions:
            continue
        key = str(r["speaker_key"])
        speaker = by_key.setdefault(key, Speaker(key, r["speaker"], r["speaker_kind"]))
        speaker.count += int(r["n"])
        speaker.role = speaker.role or str(r["role"])
        speaker.keys.add(key)
        speaker.aliases.add(str(r["speaker"]))
        if r["speaker_kind"] in _NAMED and str(r["mention"]).lower() not in ("he", "she"):
            speaker.aliases.add(str(r["mention"]))
    merged = _merge_short_names(by_key)
    for speaker in merged:
        words = speaker.name.split()
        if speaker.kind == "person" and len(words) > 1:
            speaker.aliases.add(words[-1])
    return sorted(merged, key=lambda s: (-s.count, s.name.casefold()))


def _merge_short_names(by_key: dict[str, Speaker]) -> list[Speaker]:
    people = [s for s in by_key.values() if s.kind == "person"]
    for short in [s for s in people if len(s.key.split()) == 1]:
        fuller = [s for s in people if len(s.key.split()) > 1 and s.key.split()[-1] == short.key]
        if len(fuller) == 1:
            full = fuller[0]
            full.count += short.count
            full.aliases |= short.aliases
            full.keys |= short.keys
            full.role = full.role or short.role
            del by_key[short.key]
    return list(by_key.values())


def match_speakers(store: Store, typed: str) -> list[Speaker]:
    """The speakers a typed name means: exact or alias first, then surname, then typos.

    Raises:
        NotFound: nobody close; the hint offers the nearest names, if any.
    """
    wanted = _normal(typed)
    if not wanted:
        raise UsageError("Give me a name to look for.", hint="For example: /whosaid Snegovaya")
    every = speakers(store, include_descriptions=True)
    named = strict_match(every, wanted)
    if named:
        return named
    if len(wanted) >= 3:  # the start of a name: "sneg"
        starts = [
            s
            for s in every
            if s.kind in _NAMED and any(w.startswith(wanted) for w in s.key.split())
        ]
        if starts:
            return starts
    choices = {alias.casefold(): s for s in every for alias in s.aliases}
    found = process.extract(wanted, list(choices), scorer=fuzz.ratio, limit=5)
    close = [choices[alias] for alias, score, _ in found if score >= MATCH_SCORE]
    if close:
        return list({s.key: s for s in close}.values())[:1]
    suggestions = [
        choices[alias].name
        for alias, score, _ in found
        if score >= SUGGEST_SCORE and choices[alias].kind in _NAMED
    ]
    unique = list(dict.fromkeys(suggestions))[:3]
    on_behalf = [
        s.name for s in every if s.kind not in _NAMED and set(wanted.split()) <= set(s.key.split())
    ]
    if on_behalf:
        hint = f"Quoted on their behalf: {on_behalf[0]}."
    elif unique:
        hint = "Did you mean " + " or ".join(unique) + "?"
    else:
        hint = "/whosaid with no name lists everyone quoted."
    raise NotFound(f"No one called “{typed.strip()[:60]}” is quoted.", hint=hint)


def _normal(typed: str) -> str:
    return " ".join(typed.split()).strip(" .,?!").casefold()


def strict_match(every: list[Speaker], typed: str) -> list[Speaker]:
    """Speakers a name means without guessing: a name or alias, else all words of a name."""
    wanted = _normal(typed)
    if not wanted:
        return []
    exact = [s for s in every if wanted in {a.casefold() for a in s.aliases} | s.keys]
    if exact:
        return exact
    words = set(wanted.split())
    return [s for s in every if s.kind in _NAMED and words <= set(s.key.split())]


def find_quotes(
    store: Store,
    *,
    speaker_keys: set[str] | None = None,
    topic: str | None = None,
    article_ids: Collection[str] | None = None,
) -> list[QuoteHit]:
    """Quotes with a known speaker, newest article first, in text order within an article.

    Args:
        store: where to look.
        speaker_keys: only these speakers (canonical keys); all named speakers when None.
        topic: only quotes in passages matching these words (the full-text index) or whose
            own text contains them.
        article_ids: only quotes of these articles.
    """
    sql = (
        "SELECT q.*, a.title, a.url, a.published FROM quotes q JOIN articles a"
        " ON a.id = q.article_id WHERE q.speaker_kind != 'unresolved'"
    )
    params: list[str] = []
    if speaker_keys is not None:
        sql += f" AND q.speaker_key IN ({', '.join('?' * len(speaker_keys))})"
        params += sorted(speaker_keys)
    wanted = None if article_ids is None else set(article_ids)
    if wanted is not None and len(wanted) <= MAX_SQL_IDS:
        sql += f" AND q.article_id IN ({', '.join('?' * len(wanted))})"
        params += sorted(wanted)
    sql += (
        " ORDER BY coalesce(julianday(a.published), julianday(a.ingested_at)) DESC,"
        " julianday(a.ingested_at) DESC, a.id, q.idx"
    )
    hits = [
        QuoteHit(quote_from_row(r), r["article_id"], r["title"], r["url"], r["published"])
        for r in store.connection().execute(sql, params)
        if wanted is None or r["article_id"] in wanted
    ]
    if topic:
        hits = _on_topic(store, hits, topic)
    return hits


def _on_topic(store: Store, hits: list[QuoteHit], topic: str) -> list[QuoteHit]:
    query = fts_query(topic)
    if query is None:
        raise UsageError("Give me some words for the topic.", hint="For example: sanctions")
    ranges: dict[str, list[tuple[int, int]]] = {}
    passages: dict[str, dict[int, tuple[int, int]]] = {}
    for match in store.match_passages(query, 10_000):
        if match.article_id not in passages:
            passages[match.article_id] = {
                p.index: (p.char_start, p.char_end) for p in store.passages(match.article_id)
            }
        span = passages[match.article_id].get(match.passage_index)
        if span is not None:
            ranges.setdefault(match.article_id, []).append(span)
    words = [w.strip('"').casefold() for w in query.split()]
    kept: list[QuoteHit] = []
    for hit in hits:
        q = hit.quote
        in_passage = any(
            start < q.char_end and q.char_start < end
            for start, end in ranges.get(hit.article_id, [])
        )
        if in_passage or all(w in q.text.casefold() for w in words):
            kept.append(hit)
    return kept


def complete_speakers(store: Store, typed: str, limit: int = 25) -> list[str]:
    """Speaker names for autocomplete: prefix matches of any word first, then containing."""
    wanted = typed.strip().casefold()
    names = [s.name for s in speakers(store)]
    if not wanted:
        return names[:limit]
    starts = [
        n for n in names if any(w.startswith(wanted) for w in [n.casefold(), *n.casefold().split()])
    ]
    within = [n for n in names if wanted in n.casefold() and n not in starts]
    return (starts + within)[:limit]
