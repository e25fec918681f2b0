"""The packaged MiniLM encoder: loads offline, unit vectors, order kept, meaning respected."""

from __future__ import annotations

import numpy as np

from bot.nlp.embed import DIMENSIONS, encoder


def test_vectors_are_unit_length_and_in_input_order() -> None:
    texts = [
        "A much longer sentence about the Senate sanctions bill and its many co-sponsors.",
        "Short one.",
        "The Kremlin said the president would not attend the talks in Istanbul.",
    ]
    batch = encoder().encode(texts)
    assert batch.shape == (3, DIMENSIONS)
    assert batch.dtype == np.float32
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    for i, text in enumerate(texts):
        assert np.allclose(encoder().encode([text])[0], batch[i], atol=1e-4)


def test_similar_sentences_are_closer_than_unrelated_ones() -> None:
    a, b, c = encoder().encode(
        [
            "The senators introduced a bill imposing sanctions on Russia.",
            "A Senate bill would put new sanctions on Moscow.",
            "The recipe needs two cups of flour and an egg.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.3


def test_no_texts_give_an_empty_matrix() -> None:
    assert encoder().encode([]).shape == (0, DIMENSIONS)
