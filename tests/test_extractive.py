"""The extractive backend's rules, with injected vectors (no model needed)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pytest

from bot.core.analysis import Sentence
from bot.core.summary import SourceDoc
from bot.nlp.extractive import ExtractiveConfig, ExtractiveSummarizer, Vectors, readable


def _vector(text: str) -> Vectors:
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
    row = np.random.default_rng(seed).normal(size=16).astype(np.float32)
    return row / np.linalg.norm(row)


def fake_texts(texts: Sequence[str]) -> Vectors:
    return np.stack([_vector(t) for t in texts])


def _doc(texts: list[str], article_id: str = "d" * 16) -> SourceDoc:
    sentences = tuple(Sentence(i, t, 0, len(t)) for i, t in enumerate(texts))
    return SourceDoc(article_id, "Title", None, sentences)


def _summarizer(calls: list[str] | None = None) -> ExtractiveSummarizer:
    def vectors(doc: SourceDoc) -> Vectors:
        if calls is not None:
            calls.append(doc.article_id)
        return fake_texts([s.text for s in doc.sentences])

    return ExtractiveSummarizer(sentence_vectors=vectors, text_vectors=fake_texts)


SENTENCES = [
    f"Sentence number {n} tells of development {n} in the long running story." for n in range(20)
]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("The council approved the budget on Tuesday.", True),
        ("Ukrainians are worried about being sidelined from talks", False),  # heading
        ("“We will win,” she said.", False),  # speaker lost out of context
        ("“We will win the vote next week.”", False),  # a quotation standing alone
        ("“We will win,” Mayor Ruiz said.", True),
        ("“He and I will meet, I think.", False),  # quote cut by the splitter
        ("12.", False),
        ("and E. 31st St., described how rioters tried to storm the shop.", False),  # a tail
        ("eBay said sales rose in the second quarter.", True),  # a name in lower case
    ],
)
def test_readable_sentences(text: str, ok: bool) -> None:
    assert readable(text) is ok


def test_budget_and_sentence_count_are_respected_and_order_is_kept() -> None:
    for budget in (40, 90, 150):
        summary = _summarizer().select([_doc(SENTENCES)], max_words=budget)
        assert summary.words <= budget
        assert 1 <= len(summary.sentences) <= max(1, min(6, round(budget / 28)))
        indices = [s.sentence_index for s in summary.sentences]
        assert indices == sorted(indices)
        assert all(s.text == SENTENCES[s.sentence_index] for s in summary.sentences)


def test_the_same_sentence_in_two_articles_is_picked_once() -> None:
    repeated = "The central bank raised interest rates by half a point on Thursday."
    first = _doc([repeated, *SENTENCES[:5]], "a" * 16)
    second = _doc([repeated, *SENTENCES[5:10]], "b" * 16)
    summary = _summarizer().select([first, second], max_words=150)
    assert [s.text for s in summary.sentences].count(repeated) == 1


def test_injected_sentence_vectors_are_used_once_per_article() -> None:
    calls: list[str] = []
    _summarizer(calls).select([_doc(SENTENCES, "a" * 16), _doc(SENTENCES, "b" * 16)], max_words=90)
    assert calls == ["a" * 16, "b" * 16]


def test_a_topic_brief_prefers_matched_sentences() -> None:
    doc = _doc(SENTENCES)
    focused = SourceDoc(doc.article_id, doc.title, doc.url, doc.sentences, frozenset({15, 17}))
    plain = _summarizer().select([doc], max_words=60)
    assert not {s.sentence_index for s in plain.sentences} & {15, 17}
    summary = _summarizer().select([focused], max_words=60, topic="development")
    assert {s.sentence_index for s in summary.sentences} & {15, 17}


def test_nothing_readable_gives_an_empty_summary() -> None:
    summary = _summarizer().select([_doc(["Too short.", "A heading without a stop"])], max_words=90)
    assert summary.sentences == ()


def _threaded_doc(threads: int, size: int) -> tuple[SourceDoc, Vectors]:
    """An article of ``threads`` topical threads, each ``size`` sentences, and its vectors."""
    rng = np.random.default_rng(3)
    texts, rows = [], []
    for thread in range(threads):
        centre = rng.normal(size=16)
        for n in range(size):
            texts.append(f"Report {thread} item {n} describes what officials said about the event.")
            row = centre + 0.5 * rng.normal(size=16)
            rows.append(row / np.linalg.norm(row))
    return _doc(texts), np.asarray(rows, dtype=np.float32)


def _threads_picked(threads: int, size: int, budget: int) -> set[int]:
    doc, vectors = _threaded_doc(threads, size)
    summarizer = ExtractiveSummarizer(sentence_vectors=lambda _: vectors, text_vectors=fake_texts)
    summary = summarizer.select([doc], max_words=budget)
    assert summary.words <= budget
    return {s.sentence_index // size for s in summary.sentences}


def test_a_long_article_is_briefed_across_its_threads() -> None:
    # 64 sentences in four threads: the brief reaches every thread.
    assert _threads_picked(4, 16, 120) == {0, 1, 2, 3}


def test_a_short_article_keeps_its_lead_heavy_selection() -> None:
    # 24 sentences (CNN/DailyMail length): the segment rules do not apply, the lead leads.
    doc, vectors = _threaded_doc(3, 8)
    summarizer = ExtractiveSummarizer(sentence_vectors=lambda _: vectors, text_vectors=fake_texts)
    summary = summarizer.select([doc], max_words=120)
    assert summary.sentences[0].sentence_index == 0
    assert len(summary.sentences) <= round(120 / 28)


def test_a_sentence_pointing_back_is_avoided_in_a_long_article() -> None:
    doc, vectors = _threaded_doc(4, 16)

    def picked(source: SourceDoc, config: ExtractiveConfig) -> list[int]:
        summarizer = ExtractiveSummarizer(
            sentence_vectors=lambda _: vectors, text_vectors=fake_texts, config=config
        )
        return [s.sentence_index for s in summarizer.select([source], max_words=120).sentences]

    first = picked(doc, ExtractiveConfig())
    texts = [s.text for s in doc.sentences]
    for index in first[1:]:  # the picked sentences now open on a word that points back
        texts[index] = "But " + texts[index]
    dangling = _doc(texts)

    def pointing_back(indices: list[int]) -> int:
        return sum(texts[i].startswith("But ") and i - 1 not in indices for i in indices)

    assert pointing_back(picked(dangling, ExtractiveConfig(dangling=0.0))) >= 2
    assert pointing_back(picked(dangling, ExtractiveConfig())) == 0


def test_a_topic_brief_of_a_long_article_follows_the_topic_not_every_thread() -> None:
    doc, vectors = _threaded_doc(4, 16)
    focused = SourceDoc(doc.article_id, doc.title, doc.url, doc.sentences, frozenset({40, 41}))

    def picked(config: ExtractiveConfig) -> list[int]:
        summarizer = ExtractiveSummarizer(
            sentence_vectors=lambda _: vectors, text_vectors=fake_texts, config=config
        )
        summary = summarizer.select([focused], max_words=120, topic="officials")
        return [s.sentence_index for s in summary.sentences]

    assert picked(ExtractiveConfig()) == picked(ExtractiveConfig(segment_from=10_000))
