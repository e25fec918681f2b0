"""Topic autocomplete: known entities from the store, most widely reported first, typo-tolerant."""

from __future__ import annotations

import time

import pytest

from bot.bootstrap import App
from bot.core import topics
from bot.core.analysis import Analysis, Entity
from bot.core.models import Article
from bot.core.search import SEARCH
from bot.core.store import Store
from bot.core.topics import SUGGESTIONS, complete_topic, suggest


def add(store: Store, article_id: str, entities: list[tuple[str, str]]) -> None:
    body = " ".join(text for text, _label in entities) or "empty"
    found, position = [], 0
    for text, label in entities:
        start = body.index(text, position)
        found.append(Entity(text, label, start, start + len(text)))
        position = start + len(text)
    article = Article(id=article_id, title=f"Story {article_id}", body=body, origin=article_id)
    store.put_article(
        article, [], ingested_at="2026-05-17T09:30:00Z", analysis=Analysis("t", [], found)
    )


def test_suggestions_come_from_the_store_most_reported_first(app: App) -> None:
    store = app.services.store
    add(store, "a1", [("Vladimir Putin", "PERSON"), ("Kremlin", "ORG"), ("Monday", "DATE")])
    add(
        store,
        "a2",
        [("Vladimir Putin", "PERSON"), ("Vladimir Putin", "PERSON"), ("Ukraine", "GPE")],
    )
    add(store, "a3", [("vladimir putin", "PERSON"), ("Ukraine", "GPE"), ("70", "CARDINAL")])
    suggestions = complete_topic(app.services, "")
    assert suggestions[0].casefold() == "vladimir putin"
    assert suggestions[1] == "Ukraine"
    assert "Kremlin" in suggestions
    assert (
        "Monday" not in suggestions and "70" not in suggestions
    )  # dates and numbers are no topics
    assert len([s for s in suggestions if s.casefold() == "vladimir putin"]) == 1


def test_prefix_then_word_start_then_close_spelling() -> None:
    names = ["Pentagon", "Vladimir Putin", "Puerto Rico", "Maria Snegovaya", "Senate"]
    assert suggest(names, "pu") == ["Puerto Rico", "Vladimir Putin"]
    assert suggest(names, "v put") == ["Vladimir Putin"]
    assert suggest(names, "  PUERTO  ") == ["Puerto Rico"]
    assert "Maria Snegovaya" in suggest(names, "snegovya")
    assert suggest(names, "zzzz") == []


def test_at_most_25_distinct_suggestions() -> None:
    names = [f"Senator {i}" for i in range(100)] + ["Senator 1", "  ", ""]
    result = suggest(names, "sen")
    assert len(result) == SUGGESTIONS and len(set(result)) == SUGGESTIONS
    assert suggest(names, "")[:2] == ["Senator 0", "Senator 1"]


def test_search_suggests_topics() -> None:
    assert SEARCH.params[0].complete is complete_topic


def test_fast_on_a_large_store(app: App) -> None:
    store = app.services.store
    for index in range(300):
        add(store, f"b{index}", [(f"Person {index % 97} Name", "PERSON"), ("Ukraine", "GPE")] * 20)
    started = time.perf_counter()
    suggestions = complete_topic(app.services, "person 4")
    elapsed = time.perf_counter() - started
    assert suggestions[0].startswith("Person 4")
    assert elapsed < 1.0  # Discord drops autocomplete answers after 3 seconds


def test_typos_find_the_name() -> None:
    names = ["Donald Trump", "Kremlin", "Ukraine", "United Kingdom", "Vladimir Putin", "Senate"]
    assert suggest(names, "trunp") == ["Donald Trump"]
    assert suggest(names, "ukrane") == ["Ukraine"]
    assert suggest(names, "vladimr putn") == ["Vladimir Putin"]
    assert suggest(names, "kremln") == ["Kremlin"]


def test_a_lowercase_leading_the_is_dropped() -> None:
    assert suggest(["the Senate", "Senate", "The Hill"], "") == ["Senate", "The Hill"]


def test_new_articles_are_suggested_at_once(app: App) -> None:
    store = app.services.store
    add(store, "c1", [("Kaja Kallas", "PERSON")])
    assert complete_topic(app.services, "kal") == ["Kaja Kallas"]
    add(store, "c2", [("Kalamata", "GPE"), ("Kalamata", "GPE")])
    assert complete_topic(app.services, "kal")[0] == "Kalamata"
    store.delete_article("c2")
    assert complete_topic(app.services, "kal") == ["Kaja Kallas"]


def test_a_slow_store_answers_from_the_old_list_while_recounting(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = app.services.store
    add(store, "d1", [("Olaf Scholz", "PERSON")])
    assert complete_topic(app.services, "ola") == ["Olaf Scholz"]
    monkeypatch.setattr(topics, "SLOW_RECOUNT", -1.0)  # every recount now counts as slow
    add(store, "d2", [("Olaf Palme", "PERSON")])
    assert complete_topic(app.services, "olaf p") == []  # the old list, at once
    for _ in range(200):  # the recount thread catches up
        if complete_topic(app.services, "olaf p"):
            break
        time.sleep(0.01)
    assert complete_topic(app.services, "olaf p") == ["Olaf Palme"]
