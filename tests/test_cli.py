"""The command line: ingest summary and exit codes, --store everywhere, bench figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SEEDS

from bot.cli import main
from bot.core.store import Store


def _store(tmp_path: Path) -> Path:
    return tmp_path / "cli" / "store.sqlite3"


def test_ingest_reports_counts_and_is_a_no_op_the_second_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = _store(tmp_path)
    assert main(["ingest", str(SEEDS), "--store", str(store)]) == 0
    first = capsys.readouterr().out
    assert "1 added, 0 updated, 0 unchanged, 0 duplicate, 0 failed" in first
    assert main(["ingest", str(SEEDS), "--store", str(store)]) == 0
    assert "0 added, 0 updated, 1 unchanged" in capsys.readouterr().out
    assert Store(store).count_articles() == 1


def test_ingest_with_a_broken_file_reports_it_ingests_the_rest_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("A title\n\nSome body text here.", encoding="utf-8")
    (folder / "bad.json").write_text("{not json", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    store = _store(tmp_path)
    assert main(["ingest", str(folder), str(tmp_path / "missing.txt"), "--store", str(store)]) == 1
    out = capsys.readouterr().out
    assert "1 added" in out and "3 failed" in out
    assert re.search(r"skipped\s+\S*bad\.json: malformed JSON", out)
    assert re.search(r"skipped\s+\S*blob\.txt: binary file", out)
    assert re.search(r"skipped\s+\S*missing\.txt: no such file or folder", out)
    assert Store(store).count_articles() == 1


def test_store_that_is_not_a_database_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("this is not a database " * 100, encoding="utf-8")
    assert main(["ask", "/sources", "--store", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot use the store") and "Traceback" not in err


def test_config_honours_store_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "--store", str(tmp_path / "x.sqlite3")]) == 0
    assert f"BOT_STORE__PATH={tmp_path / 'x.sqlite3'}" in capsys.readouterr().out


def test_bench_prints_its_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["bench", "--articles", "6", "--rounds", "1", "--feed-entries", "4", "--seeds", str(SEEDS)]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "6 added" in out
    assert re.search(r"ingest .* [\d,]+ articles/s, [\d,]+ words/s", out)
    assert re.search(r"search lookup\s+p50 [\d.]+ ms, p95 [\d.]+ ms", out)
    assert "6 unchanged" in out
    assert re.search(r"/brief command\s+p50 \d+ ms, p95 \d+ ms warm", out)
    assert re.search(r"daily compose\s+p50 \d+ ms, max \d+ ms \(first briefing, 6 new", out)
    assert re.search(r"daily, no news\s+p50 \d+ ms", out)


def test_bench_refuses_an_existing_store(tmp_path: Path) -> None:
    existing = tmp_path / "s.sqlite3"
    existing.write_bytes(b"")
    assert main(["bench", "--articles", "2", "--store", str(existing), "--seeds", str(SEEDS)]) == 2


def test_store_may_come_before_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = _store(tmp_path)
    assert main(["--store", str(store), "ingest", str(SEEDS)]) == 0
    assert str(store) in capsys.readouterr().out
    assert Store(store).count_articles() == 1


def test_ask_reads_the_corpus_only_into_an_empty_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOT_CORPUS__DIRS", json.dumps([str(SEEDS)]))
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("Other\n\nA different story about otters.", encoding="utf-8")
    store = _store(tmp_path)
    assert main(["ingest", str(other), "--store", str(store)]) == 0
    assert main(["ask", "/sources", "--store", str(store)]) == 0
    assert "1 article indexed" in capsys.readouterr().out

    fresh = tmp_path / "fresh.sqlite3"
    assert main(["ask", "/sources", "--store", str(fresh)]) == 0
    assert "Trump shows signs" in capsys.readouterr().out


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    run = subprocess.run(
        f"{sys.executable} -m bot ask '/help search' --store {tmp_path / 's.sqlite3'} | head -c 5",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.stdout == "/sear"
    assert "Traceback" not in run.stderr
