"""``python -m bot eval brief``: ROUGE next to Lead-3 on a gold file the test writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.evaluation.brief import GoldItem, as_doc, lead, lead_words, read_gold

ARTICLE = (
    "The river flooded the town of Millbrook on Monday after three days of heavy rain. "
    "Around 200 homes were evacuated and two schools were closed. "
    "The mayor said emergency shelters had opened in the sports hall. "
    "Engineers had warned last year that the flood wall was too low. "
    "The regional government promised 5 million euros in aid on Tuesday. "
    "Residents criticised the slow response of the emergency services. "
    "Forecasters expect the water to recede by the weekend."
)


def _gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    rows = [
        {"id": "one", "article": ARTICLE, "reference": "Millbrook flooded; 200 homes evacuated."},
        {"id": "two", "article": ARTICLE.upper(), "reference": "River floods town."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    return path


def test_eval_prints_rouge_next_to_lead3_and_dumps_the_briefs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "out.json"
    code = main(["eval", "brief", "--gold", str(_gold(tmp_path)), "--dump", str(dump)])
    out = capsys.readouterr().out
    assert code == 0
    for system in ("extractive", "Lead-3", "Lead, same words"):
        assert re.search(rf"^{re.escape(system)}\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+$", out, re.M)
    briefs = json.loads(dump.read_text(encoding="utf-8"))
    assert set(briefs) == {"one", "two"}
    assert all(briefs[key] for key in briefs)


def test_baselines_are_the_opening_sentences_and_words() -> None:
    doc = as_doc(GoldItem("x", ARTICLE, ""))
    assert lead(doc, 3).startswith("The river flooded")
    assert lead(doc, 3).endswith("sports hall.")
    assert len(lead_words(doc, 10).split()) == 10


def test_a_bad_gold_line_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "article": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        read_gold(path)
    assert main(["eval", "brief", "--gold", str(path)]) == 2
    assert "bad.jsonl:1" in capsys.readouterr().err
