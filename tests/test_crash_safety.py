"""A process killed in the middle of writing an article leaves the store consistent."""

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
        writes = 0

        class Dying(sqlite3.Connection):
            def execute(self, sql, *args):
                global writes
                if sql.startswith("INSERT INTO passages_fts"):
                    writes += 1
                    if writes == 3:
                        os._exit(9)
                return real_execute(self, sql, *args)

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
    assert store.article_id_for_origin(str(tmp_path / "crash.txt")) is None
    assert search_passages(store, "zebrafish").hits == []
    integrity = store._conn().execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"
    fts = store._conn().execute(
        "INSERT INTO passages_fts(passages_fts, rank) VALUES('integrity-check', 1)"
    )
    assert fts is not None  # raises if the full-text index disagrees with itself
