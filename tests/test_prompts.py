"""Prompt templates: loaded by name from prompts/, filled safely, bad names refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlp.prompts import PromptError, load_prompts


def test_the_shipped_template_fills_every_placeholder() -> None:
    prompts = load_prompts("brief")
    text = prompts.render(
        prompts.map, articles="Body with {braces} and $dollars.", max_words=90, topic="ports"
    )
    assert "Body with {braces} and $dollars." in text
    assert "90 words" in text and "Focus on: ports." in text
    assert "$" not in text.replace("$dollars", "")
    assert "partial briefings" in prompts.render(
        prompts.reduce, articles="x", max_words=90, topic=None
    )


@pytest.mark.parametrize("name", ["../brief", "", ".hidden", "missing"])
def test_bad_or_missing_names_are_refused(name: str) -> None:
    with pytest.raises(PromptError):
        load_prompts(name)


def test_a_template_without_articles_is_refused(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text("Summarise.", encoding="utf-8")
    with pytest.raises(PromptError, match=r"\$articles"):
        load_prompts("short", tmp_path)


def test_without_a_reduce_file_the_map_template_merges_too(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("Brief this: $articles", encoding="utf-8")
    prompts = load_prompts("mine", tmp_path)
    assert prompts.reduce.template == prompts.map.template
