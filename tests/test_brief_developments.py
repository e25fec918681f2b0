"""``eval brief --developments``: hand-listed developments covered by the brief and the opening."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from bot.cli import main
from bot.evaluation.developments import Development, covered, measure, read_developments
from bot.ingest.loaders import load_file
from bot.nlp.extractive import ExtractiveSummarizer

DEVELOPMENTS = ROOT / "tests" / "data" / "brief_developments.json"


def test_a_development_needs_a_phrase_of_every_group() -> None:
    dev = Development("talks", (("istanbul", "ankara"), ("prisoners",)))
    assert dev.covered_by("Talks in ISTANBUL agreed to swap prisoners.")
    assert not dev.covered_by("Talks in Istanbul ended.")
    assert Development("q", (("putin's side",),)).covered_by("taking Putin’s side")
    assert covered([dev], "Ankara freed prisoners") == ("talks",)


def test_every_listed_development_is_in_its_article() -> None:
    articles = read_developments(DEVELOPMENTS)
    assert len(articles) >= 3
    for article in articles:
        body = load_file(article.path).documents[0].body
        assert len(article.developments) >= 10
        missing = [d.name for d in article.developments if not d.covered_by(body)]
        assert not missing, (article.id, missing)


@pytest.mark.parametrize("article_id", ["harbor-strike", "drug-recall"])
def test_a_long_article_brief_covers_more_than_its_opening_in_as_many_words(
    article_id: str,
) -> None:
    article = next(a for a in read_developments(DEVELOPMENTS) if a.id == article_id)
    coverage = measure(article, ExtractiveSummarizer(), 120)
    assert coverage.brief_words <= 120
    assert len(coverage.brief) > len(coverage.lead)
    late = [d.name for d in article.developments[len(article.developments) // 2 :]]
    assert set(coverage.brief) & set(late)  # a development from the article's second half
    assert not set(coverage.lead) & set(late)


def test_eval_prints_the_table_and_dumps_the_developments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "devs.json"
    args = ["eval", "brief", "--developments", str(DEVELOPMENTS), "--dump", str(dump)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert re.search(r"^harbor-strike\s+15\s+\d+\s+\d+\s+\d+$", out, re.M)
    assert re.search(r"^total\s+\d+\s+\d+\s+\d+\s+\d+$", out, re.M)
    assert set(json.loads(dump.read_text(encoding="utf-8"))) >= {"harbor-strike", "drug-recall"}


def test_eval_needs_gold_or_developments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"articles": [{"id": "x"}]}', encoding="utf-8")
    assert main(["eval", "brief", "--developments", str(bad)]) == 2
    assert "not a developments file" in capsys.readouterr().err
    assert main(["eval", "brief"]) == 2
    assert "--gold" in capsys.readouterr().err
