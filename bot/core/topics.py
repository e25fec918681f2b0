"""Topic suggestions for autocomplete: the people, places and organisations the news names.

Fast and from the store only (no model calls): the entities found at ingest, most widely
reported first, matched by prefix, then by the start of any word, then fuzzily (typos).
"""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    from bot.core.services import Services
    from bot.core.store import Store

# Counting entities is the slow part (a scan of the table): keep one list per open store, with
# the store version it was counted at and how long counting took.
_CACHE: weakref.WeakKeyDictionary[Store, tuple[tuple[int, int], list[str], float]] = (
    weakref.WeakKeyDictionary()
)
_RECOUNTING: weakref.WeakSet[Store] = weakref.WeakSet()
_LOCK = threading.Lock()
SLOW_RECOUNT = 0.2  # seconds: slower than this, answer from the old list and recount aside

TOPIC_LABELS = (
    "PERSON",
    "ORG",
    "GPE",
    "NORP",
    "EVENT",
    "LAW",
    "FAC",
    "LOC",
    "PRODUCT",
    "WORK_OF_ART",
)
_ARTICLE = re.compile(r"^the\s+(?=\S)")  # "the Senate" is "Senate"; "The Hill" keeps "The"
SUGGESTIONS = 25
CANDIDATES = 5000
FUZZY_CUTOFF = 75
FUZZY_MIN_LENGTH = 3


def complete_topic(services: Services, typed: str) -> list[str]:
    """Known topics for what has been typed so far (a parameter's ``complete``)."""
    return suggest(known_topics(services.store), typed)


def known_topics(store: Store) -> list[str]:
    """The store's topics, most widely reported first.

    Counted once per store and again after it changed. On a large store, where counting is
    slow, a changed store is answered from the previous list while a thread recounts, so
    autocomplete never waits on it.
    """
    version = store.entities_version()
    with _LOCK:
        cached = _CACHE.get(store)
        if cached is not None and cached[0] == version:
            return cached[1]
        background = cached is not None and cached[2] > SLOW_RECOUNT
        if background and store not in _RECOUNTING:
            _RECOUNTING.add(store)
            threading.Thread(target=_recount, args=(store, version), daemon=True).start()
    if cached is not None and background:
        return cached[1]
    return _recount(store, version)


def _recount(store: Store, version: tuple[int, int]) -> list[str]:
    started = time.perf_counter()
    try:
        names = [name for name, _ in store.entity_frequencies(TOPIC_LABELS, CANDIDATES)]
    finally:
        with _LOCK:
            _RECOUNTING.discard(store)
    with _LOCK:
        _CACHE[store] = (version, names, time.perf_counter() - started)
    return names


def suggest(names: Sequence[str], typed: str, limit: int = SUGGESTIONS) -> list[str]:
    """Rank ``names`` (most important first) against ``typed``.

    Names that start with the typed text come first, then names with a word that starts with
    it (``put`` finds "Vladimir Putin"), then close spellings (``snegovya`` finds
    "Maria Snegovaya"); within each group the given order is kept. Nothing typed: the first
    ``limit`` names.
    """
    cleaned = [_ARTICLE.sub("", " ".join(name.split())) for name in names]
    cleaned = list(dict.fromkeys(name for name in cleaned if name))
    query = " ".join(typed.casefold().split())
    if not query:
        return cleaned[:limit]
    words = query.split()
    starts = [n for n in cleaned if n.casefold().startswith(query)]
    inside = [n for n in cleaned if _words_start(n.casefold().split(), words)]
    picked = list(dict.fromkeys(starts + inside))
    if len(picked) < limit and len(query) >= FUZZY_MIN_LENGTH:
        scored = [(score, -i, n) for i, n in enumerate(cleaned) if (score := _closeness(n, words))]
        close = [name for _score, _order, name in sorted(scored, reverse=True)]
        picked = list(dict.fromkeys(picked + close))
    return picked[:limit]


def _closeness(name: str, typed_words: list[str]) -> float:
    """How closely the typed words spell consecutive words of ``name`` (0: not close enough)."""
    words = name.casefold().split()
    span = len(typed_words)
    typed = " ".join(typed_words)
    best = max(
        (fuzz.ratio(typed, " ".join(words[i : i + span])) for i in range(len(words) - span + 1)),
        default=0.0,
    )
    best = max(best, fuzz.ratio(typed, " ".join(words)))
    return best if best >= FUZZY_CUTOFF else 0.0


def _words_start(name_words: list[str], typed_words: list[str]) -> bool:
    """Whether each typed word starts a word of the name, in order (``v put`` → Vladimir Putin)."""
    position = 0
    for typed in typed_words:
        while position < len(name_words) and not name_words[position].startswith(typed):
            position += 1
        if position == len(name_words):
            return False
        position += 1
    return True
