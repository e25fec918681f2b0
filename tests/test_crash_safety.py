"""The store stays consistent when a process dies mid-article or two processes ingest at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT, SEEDS

from bot.core.search import search_passages
from bot.core.store import Store


def test_hard_kill_mid_article_leaves_no_half_article(tmp_path: Path) -> None:
    store_path = tmp_path / "store.sqlite3"
    # The child ingests the seed folder, then a second article whose passage writes are cut
    # short by os._exit: no exception handler, no rollback, no close, like a power cut.
    script = textwrap.dedent(
        f"""
        import os, sqlite3
        from datetime import UTC, datetime
        from pathlib import Path
        from bot.core.clock import FixedClock
        from bot.core.store import Store
        from bot.ingest.pipeline import Ingestor

        store = Store(Path({str(store_path)!r}))
        ingestor = Ingestor(store, FixedClock(datetime(2026, 5, 17, tzinfo=UTC)))
        ingestor.ingest_paths([Path({str(SEEDS)!r})])
        real_execute = sqlite3.Connection.execute

        class Dying(sqlite3.Connection):
            def executemany(self, sql, rows):
                if not sql.startswith("INSERT INTO passages"):
                    return super().executemany(sql, rows)
                for number, row in enumerate(rows):
                    real_execute(self, sql, row)
                    if number == 1:
                        os._exit(9)

        store.close()
        sqlite3_connect = sqlite3.connect
        sqlite3.connect = lambda *a, **k: sqlite3_connect(*a, factory=Dying, **k)
        crash = Path({str(tmp_path / "crash.txt")!r})
        crash.write_text("Crash title\\n\\nzebrafish one.\\n\\nzebrafish two.\\n\\nthree.")
        ingestor.ingest_paths([crash])
        print("not reached")
        """
    )
    child = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert child.returncode == 9, child.stderr
    assert "not reached" not in child.stdout

    store = Store(store_path)
    assert store.count_articles() == 1  # the seed article, committed before the crash
    crash = str((tmp_path / "crash.txt").resolve())
    assert store.article_id_for_origin(crash) is None
    assert (
        store._conn().execute("SELECT count(*) FROM files WHERE path = ?", (crash,)).fetchone()[0]
        == 0
    )
    assert search_passages(store, "zebrafish").hits == []
    integrity = store._conn().execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"
    # Raises sqlite3.DatabaseError if the full-text index disagrees with the passages table.
    store._conn().execute(
        "INSERT INTO passages_fts(passages_fts, rank) VALUES('integrity-check', 1)"
    )


def test_two_processes_ingesting_the_same_files_at_once_agree(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(24):
        (corpus / f"{number:03d}.txt").write_text(
            f"Story {number}\n\nParagraph one of story {number} about a capybara.\n\n"
            f"Paragraph two of story {number}.",
            encoding="utf-8",
        )
    store_path = tmp_path / "shared.sqlite3"
    command = [sys.executable, "-m", "bot", "ingest", str(corpus), "--store", str(store_path)]
    runs = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    results = [run.communicate(timeout=300) for run in runs]

    for run, (out, err) in zip(runs, results, strict=True):
        assert run.returncode == 0, err.decode()
        assert b"0 failed" in out and b"Traceback" not in err
    store = Store(store_path)
    assert store.count_articles() == 24
    assert len(search_passages(store, "capybara", limit=100).hits) == 24
