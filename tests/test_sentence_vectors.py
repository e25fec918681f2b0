"""Embeddings at ingest: one stored vector per sentence (and the headline), read back as numpy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.bootstrap import App
from bot.core.analysis import Analysis, Sentence
from bot.core.vectors import pack, unpack
from bot.nlp.embed import DIMENSIONS, encoder

ARTICLE = """Harbour workers strike over pay

Dock workers at the port walked out on Monday after talks over wages collapsed.

The union said the strike would last until the operator raised its offer. Ships queued \
outside the harbour by the evening.
"""


def ingest(app: App, folder: Path, name: str, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    report = app.ingestor.ingest_paths([path])
    article_id = report.outcomes[0].article_id
    assert article_id is not None, report.outcomes
    return article_id


def test_every_sentence_is_stored_as_its_own_unit_vector(app: App, tmp_path: Path) -> None:
    store = app.services.store
    article_id = ingest(app, tmp_path / "in", "strike.txt", ARTICLE)

    sentences = store.sentences(article_id)
    vectors = store.sentence_vectors([article_id])[article_id]

    assert len(sentences) == 3
    assert vectors.shape == (3, DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    expected = encoder().encode([s.text for s in sentences])
    assert np.allclose(vectors, expected, atol=1e-4)


def test_the_headline_vector_is_stored_too(app: App, tmp_path: Path) -> None:
    article_id = ingest(app, tmp_path / "in", "strike.txt", ARTICLE)

    stored = app.services.store.article_vectors([article_id])[article_id]

    assert stored.title is not None
    title = encoder().encode(["Harbour workers strike over pay"])[0]
    assert np.allclose(stored.title, title, atol=1e-4)


def test_reading_all_or_unknown_ids(app: App, tmp_path: Path) -> None:
    store = app.services.store
    first = ingest(app, tmp_path / "in", "strike.txt", ARTICLE)
    second = ingest(app, tmp_path / "in", "other.txt", "Other\n\nA different article body.\n")

    assert set(store.sentence_vectors()) == {first, second}
    assert set(store.sentence_vectors([second, "0000000000000000"])) == {second}
    assert store.sentence_vectors([]) == {}


def test_deleting_an_article_removes_its_vectors(app: App, tmp_path: Path) -> None:
    store = app.services.store
    article_id = ingest(app, tmp_path / "in", "strike.txt", ARTICLE)
    before = store.vectors_version()

    store.delete_article(article_id)

    assert store.sentence_vectors() == {}
    assert store.vectors_version() != before


def test_reanalysis_replaces_the_vectors(app: App, tmp_path: Path) -> None:
    store = app.services.store
    article_id = ingest(app, tmp_path / "in", "strike.txt", ARTICLE)
    before = store.vectors_version()
    one = Sentence(0, "Only one sentence now.", 0, 22)
    vector = encoder().encode([one.text])

    store.save_analysis(article_id, Analysis("v2", [one], sentence_vectors=vector))

    assert np.allclose(store.sentence_vectors([article_id])[article_id], vector)
    assert store.article_vectors([article_id])[article_id].title is None
    assert store.vectors_version() != before


def test_an_analysis_without_vectors_stores_none(app: App, tmp_path: Path) -> None:
    store = app.services.store
    article_id = ingest(app, tmp_path / "in", "strike.txt", ARTICLE)

    store.save_analysis(article_id, Analysis("v2", [Sentence(0, "Text.", 0, 5)]))

    assert store.sentence_vectors() == {}


def test_vectors_must_match_the_sentences(app: App, tmp_path: Path) -> None:
    store = app.services.store
    article_id = ingest(app, tmp_path / "in", "strike.txt", ARTICLE)
    two = np.zeros((2, DIMENSIONS), dtype=np.float32)

    with pytest.raises(ValueError, match="sentence vectors"):
        store.save_analysis(
            article_id, Analysis("v2", [Sentence(0, "Text.", 0, 5)], sentence_vectors=two)
        )
    # The failed write left the old analysis in place.
    assert store.sentence_vectors([article_id])[article_id].shape == (3, DIMENSIONS)


def test_pack_and_unpack_round_trip() -> None:
    matrix = (np.arange(12).reshape(3, 4) / 7).astype(np.float32)

    again = unpack(pack(matrix), 4)

    assert again.dtype == np.float32
    assert np.array_equal(again, matrix)
    again[0, 0] = 99  # a private, writable copy
    assert matrix[0, 0] == 0
