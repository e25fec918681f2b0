"""``python -m bot stories --json``: the DESIGN §4 shape, every article in exactly one story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS

from bot.cli import main


def test_stories_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s.sqlite3"
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Bridge closes after crack found\n\nEngineers closed the river bridge on Friday after "
        "finding a crack in a support beam.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Crack shuts river bridge\n\nThe river bridge was shut on Friday when inspectors found "
        "a cracked support beam.\n",
        encoding="utf-8",
    )
    assert main(["ingest", "--store", str(store), str(folder), str(SEEDS)]) == 0
    capsys.readouterr()

    assert main(["stories", "--json", "--store", str(store)]) == 0
    stories = json.loads(capsys.readouterr().out)

    assert isinstance(stories, list)
    assert len(stories) == 2
    ids: list[str] = []
    for story in stories:
        assert set(story) == {"title", "articles"}
        assert isinstance(story["title"], str)
        assert story["title"]
        for article in story["articles"]:
            assert set(article) == {"article_id", "article_title", "url"}
            ids.append(article["article_id"])
    assert len(ids) == len(set(ids)) == 3
    assert [len(s["articles"]) for s in stories] == [2, 1]
    assert stories[0]["title"] in {"Bridge closes after crack found", "Crack shuts river bridge"}


def test_stories_text_lists_each_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s.sqlite3"
    assert main(["ingest", "--store", str(store), str(SEEDS)]) == 0
    capsys.readouterr()

    assert main(["stories", "--store", str(store)]) == 0

    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].endswith("(1 article)")
    assert out[1].startswith("  - ")
