"""Scores of ``eval stories``: pairwise and B-cubed precision and recall, checked by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.evaluation.stories import bcubed, pairwise

GOLD = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}


def test_perfect_grouping_scores_one() -> None:
    for scores in (pairwise(GOLD, GOLD), bcubed(GOLD, GOLD)):
        assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)


def test_pairwise_by_hand() -> None:
    # Predicted {a,b} {c,d,e}: pairs ab, cd, ce, de; gold pairs ab, ac, bc, de.
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}

    scores = pairwise(predicted, GOLD)

    assert scores.precision == pytest.approx(2 / 4)
    assert scores.recall == pytest.approx(2 / 4)


def test_bcubed_by_hand() -> None:
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}

    scores = bcubed(predicted, GOLD)

    # Precision per item: a 1, b 1, c 1/3, d 2/3, e 2/3; recall: a 2/3, b 2/3, c 1/3, d 1, e 1.
    assert scores.precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert scores.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_all_singletons_have_full_precision_and_no_pair_recall() -> None:
    alone = {key: key for key in GOLD}

    assert pairwise(alone, GOLD).precision == 1.0
    assert pairwise(alone, GOLD).recall == 0.0
    assert bcubed(alone, GOLD).precision == 1.0


def test_eval_stories_runs_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [
        ("1", "flood", ["Floods hit the river town.", "Hundreds of homes were flooded."]),
        ("2", "flood", ["The river town was flooded.", "Water entered hundreds of homes."]),
        ("3", "chess", ["A teenager won the national chess title in the capital."]),
    ]
    gold.write_text(
        "".join(json.dumps({"doc_id": d, "cluster": c, "sentences": s}) + "\n" for d, c, s in rows),
        encoding="utf-8",
    )

    assert main(["eval", "stories", "--gold", str(gold)]) == 0

    out = capsys.readouterr().out
    assert "3 documents, 2 gold events, 2 predicted stories" in out
    assert "pairwise  P 1.000  R 1.000  F1 1.000" in out
