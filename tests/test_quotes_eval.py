"""``eval quotes``: both gold formats are read and scored as documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from bot.evaluation.quote_gold import is_name, load_gold
from bot.evaluation.quotes import evaluate

TEXT = "“We will win,” Sen. Ann Lee said. Officials said the vote was delayed. It rained."


def _polnear_row(annotator: str) -> dict[str, object]:
    quote = TEXT.index("“We will win,”")
    vote = TEXT.index("the vote was delayed")
    return {
        "id": f"a1_{annotator}",
        "article_id": "a1",
        "annotator": annotator,
        "text": TEXT,
        "attributions": [
            {
                "source": {"text": "Sen. Ann Lee", "spans": [[15, 27]]},
                "cue": {"text": "said", "spans": [[28, 32]]},
                "content": {"text": "“We will win,”", "spans": [[quote, quote + 14]]},
                "content_has_quote_marks": True,
            },
            {
                "source": {"text": "Officials", "spans": [[34, 43]]},
                "cue": {"text": "said", "spans": [[44, 48]]},
                "content": {"text": "the vote was delayed", "spans": [[vote, vote + 20]]},
                "content_has_quote_marks": False,
            },
        ],
    }


def test_polnear_rows_are_read_once_per_article_and_scored(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [_polnear_row("x"), _polnear_row("y")]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    documents = load_gold(gold)
    assert len(documents) == 1
    report = evaluate(documents)
    direct, indirect = report["direct"], report["indirect"]
    assert isinstance(direct, dict) and isinstance(indirect, dict)
    assert (direct["gold"], direct["overlap_f1"], direct["speaker_acc"]) == (1, 1.0, 1.0)
    assert (indirect["gold"], indirect["overlap_f1"], indirect["named"]) == (1, 1.0, 0)


def test_own_labelled_sets_score_fully(tmp_path: Path) -> None:
    for name in ("quotes_seed.jsonl", "quotes_hard.jsonl"):
        report = evaluate(load_gold(DATA / name))
        direct = report["direct"]
        assert isinstance(direct, dict)
        assert direct["overlap_f1"] == 1.0
        assert direct["speaker_acc"] == 1.0
        assert report["mentioned_made_speakers"] == []


def test_names_and_not_names() -> None:
    assert is_name("Sen. Eric Schmitt (R-Mo.)")
    assert is_name("The New York Post")
    assert not is_name("he")
    assert not is_name("the president")


def test_eval_command_prints_figures(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["eval", "quotes", "--gold", str(DATA / "quotes_hard.jsonl"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"all", "direct", "indirect", "documents"}


def test_eval_command_rejects_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"neither": 1}\n', encoding="utf-8")
    assert main(["eval", "quotes", "--gold", str(bad)]) == 2
    assert "neither PolNeAR nor quotes format" in capsys.readouterr().err


def test_a_possessive_gold_source_names_its_owner() -> None:
    from bot.evaluation.quote_gold import GoldQuote, same_speaker

    gold = GoldQuote(((0, 1),), False, "Lee’s", named=True, exact_names=False)
    assert same_speaker(gold, "Ann Lee", "Lee")
    assert not same_speaker(gold, "Tom Vale", "Vale")
