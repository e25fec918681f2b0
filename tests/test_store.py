"""The SQLite store: WAL, migrations, refusing unusable files, atomic writes, listing, offsets."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEEDS

import bot.core.database as database_module
from bot.core.models import Article, Passage
from bot.core.schema import SCHEMA_VERSION
from bot.core.store import SaveResult, Store, StoreError
from bot.ingest.documents import Document, split_passages, to_article
from bot.ingest.loaders import load_file

INGESTED = "2026-05-17T09:30:00+00:00"
SEED_FILE = SEEDS / "000_a0f7344b2a53d81c.txt"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "store.sqlite3"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    opened = Store(db)
    yield opened
    opened.close()


def make(body: str, *, title: str = "A title", published: str | None = None) -> Article:
    return to_article(Document(title=title, body=body, origin=f"test:{title}", published=published))


def save(store: Store, article: Article) -> list[Passage]:
    passages = split_passages(article)
    store.put_article(article, passages, ingested_at=INGESTED)
    return passages


def count(db: Path, sql: str, *params: object) -> int:
    """Count rows through an independent connection, so nothing is read from a cache."""
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql, params).fetchone()[0])
    finally:
        conn.close()


def fts_hits(store: Store, word: str) -> int:
    return len(store.match_passages(f'"{word}"', limit=100))


# -- opening ----------------------------------------------------------------------------------


def test_journal_mode_is_wal(store: Store, db: Path) -> None:
    mode = store._conn().execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_new_store_has_current_schema_version(store: Store, db: Path) -> None:
    assert store.schema_version == SCHEMA_VERSION
    assert count(db, "PRAGMA user_version") == SCHEMA_VERSION
    assert store.count_articles() == 0


def test_creates_missing_parent_folder(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "store.sqlite3"

    opened = Store(path)
    opened.close()

    assert path.is_file()


def test_reopening_keeps_data_and_does_not_migrate_again(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Store(db)
    article = make("Body kept across a reopen.")
    save(first, article)
    first.close()
    # Were any migration run again, this one would leave a `sentinel` table behind.
    monkeypatch.setattr(database_module, "MIGRATIONS", (("CREATE TABLE sentinel (x)",),))

    second = Store(db)
    try:
        assert second.schema_version == SCHEMA_VERSION
        assert second.get_article(article.id) == article
        assert second.count_articles() == 1
        assert fts_hits(second, "reopen") == 1
    finally:
        second.close()
    assert count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'sentinel'") == 0


def test_newer_schema_version_is_refused(db: Path) -> None:
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()

    with pytest.raises(StoreError, match="newer"):
        Store(db)

    assert count(db, "PRAGMA user_version") == SCHEMA_VERSION + 1


def test_file_that_is_not_sqlite_is_refused(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_text("these are meeting notes, not a database\n" * 100, encoding="utf-8")

    with pytest.raises(StoreError, match=r"store\.sqlite3"):
        Store(db)


# -- writing ----------------------------------------------------------------------------------


def test_save_and_read_back(store: Store) -> None:
    article = make("First paragraph here.\n\nSecond paragraph here.", published="2025-05-16")

    passages = save(store, article)

    assert store.has_article(article.id)
    assert store.get_article(article.id) == article
    assert store.passages(article.id) == passages
    assert [p.text for p in passages] == ["First paragraph here.", "Second paragraph here."]
    assert store.article_id_for_origin(article.origin) == article.id


def test_failed_save_leaves_nothing_behind(store: Store, db: Path) -> None:
    article = make("Alpha paragraph.\n\nBravo paragraph with quokka.")
    clashing = [
        Passage(article.id, 0, "Alpha paragraph.", 0, 16),
        Passage(article.id, 0, "Bravo paragraph with quokka.", 18, 46),
    ]

    with pytest.raises(sqlite3.IntegrityError):
        store.put_article(article, clashing, ingested_at=INGESTED)

    assert not store.has_article(article.id)
    assert count(db, "SELECT count(*) FROM articles") == 0
    assert count(db, "SELECT count(*) FROM passages") == 0
    assert count(db, "SELECT count(*) FROM passages_fts") == 0
    assert fts_hits(store, "alpha") == 0

    save(store, article)

    assert store.count_articles() == 1
    assert len(store.passages(article.id)) == 2
    assert count(db, "SELECT count(*) FROM passages_fts") == 2
    assert fts_hits(store, "quokka") == 1


def test_failed_replacement_keeps_the_old_article(store: Store, db: Path) -> None:
    old = make("The old wombat text.")
    save(store, old)
    new = make("The new text.")
    clashing = [Passage(new.id, 0, "The new", 0, 7), Passage(new.id, 0, "text.", 8, 13)]

    with pytest.raises(sqlite3.IntegrityError):
        store.put_article(new, clashing, ingested_at=INGESTED)  # same origin: would replace old

    assert store.get_article(old.id) == old
    assert not store.has_article(new.id)
    assert fts_hits(store, "wombat") == 1


def test_replacing_removes_old_passages_and_index_rows(store: Store, db: Path) -> None:
    old = make("Old paragraph about a platypus.\n\nAnother old paragraph.")
    save(store, old)
    assert fts_hits(store, "platypus") == 1
    new = make("New paragraph about an echidna.")  # same origin as old

    save(store, new)

    assert store.get_article(old.id) is None
    assert store.passages(old.id) == []
    assert fts_hits(store, "platypus") == 0
    assert fts_hits(store, "echidna") == 1
    assert count(db, "SELECT count(*) FROM passages WHERE article_id = ?", old.id) == 0
    assert count(db, "SELECT count(*) FROM passages_fts") == 1
    assert store.count_articles() == 1


def test_delete_article(store: Store, db: Path) -> None:
    keep = make("This one stays with a narwhal.", title="Keep")
    drop = make("This one goes with a pangolin.\n\nAnd a second paragraph.", title="Drop")
    save(store, keep)
    save(store, drop)

    store.delete_article(drop.id)

    assert store.get_article(drop.id) is None
    assert store.passages(drop.id) == []
    assert fts_hits(store, "pangolin") == 0
    assert store.get_article(keep.id) == keep
    assert fts_hits(store, "narwhal") == 1
    assert count(db, "SELECT count(*) FROM passages") == 1
    assert count(db, "SELECT count(*) FROM passages_fts") == 1


def test_delete_unknown_article_is_harmless(store: Store) -> None:
    save(store, make("Something stored."))

    store.delete_article("0000000000000000")

    assert store.count_articles() == 1


def test_put_article_reports_what_it_did(store: Store) -> None:
    first = make("Shared text about a quoll.", title="One")
    passages = split_passages(first)
    assert store.put_article(first, passages, ingested_at=INGESTED) == SaveResult("added")
    assert store.put_article(first, passages, ingested_at=INGESTED) == SaveResult("unchanged")

    copy = to_article(Document(title="Two", body=first.body, origin="test:Two"))
    result = store.put_article(copy, split_passages(copy), ingested_at=INGESTED)
    assert result == SaveResult("duplicate", duplicate_of="test:One")
    assert store.count_articles() == 1


def test_origin_turning_into_a_copy_drops_its_old_text(store: Store) -> None:
    one = make("Text of one.", title="One")
    two_old = make("Old text of two with a dugong.", title="Two")
    save(store, one)
    save(store, two_old)
    two_new = to_article(Document(title="Two", body=one.body, origin="test:Two"))

    result = store.put_article(two_new, split_passages(two_new), ingested_at=INGESTED)

    assert result == SaveResult("duplicate", duplicate_of="test:One", replaced=two_old.id)
    assert store.count_articles() == 1
    assert fts_hits(store, "dugong") == 0


# -- reading ----------------------------------------------------------------------------------


def test_list_articles_newest_published_first_with_passage_counts(store: Store) -> None:
    save(store, make("January.", title="Jan", published="2025-01-10"))
    save(
        store, make("March one.\n\nMarch two.\n\nMarch three.", title="Mar", published="2025-03-01")
    )
    save(store, make("February one.\n\nFebruary two.", title="Feb", published="2025-02-14"))

    listed = store.list_articles()

    assert [a.title for a in listed] == ["Mar", "Feb", "Jan"]
    assert [a.passages for a in listed] == [3, 2, 1]
    assert [a.words for a in listed] == [6, 4, 1]
    assert all(a.ingested_at == INGESTED for a in listed)
    assert [a.title for a in store.list_articles(limit=2)] == ["Mar", "Feb"]
    assert [a.title for a in store.list_articles(limit=2, offset=1)] == ["Feb", "Jan"]


def test_list_articles_orders_by_instant_across_time_zones(store: Store) -> None:
    # 23:00 at UTC-5 on the 16th is 04:00 UTC on the 17th: later than 01:00 UTC on the 17th.
    save(store, make("Written in New York.", title="Later", published="2025-05-16T23:00:00-05:00"))
    save(store, make("Written in London.", title="Earlier", published="2025-05-17T01:00:00+00:00"))

    assert [a.title for a in store.list_articles()] == ["Later", "Earlier"]


def test_seed_passage_offsets_slice_the_body(store: Store) -> None:
    [doc] = load_file(SEED_FILE).documents
    article = to_article(doc)

    passages = save(store, article)

    stored = store.get_article(article.id)
    assert stored is not None
    assert stored.body == article.body
    assert len(passages) > 10
    assert store.passages(article.id) == passages
    assert [p.index for p in passages] == list(range(len(passages)))
    for passage in store.passages(article.id):
        assert stored.body[passage.char_start : passage.char_end] == passage.text
        assert passage.text == passage.text.strip()
        assert passage.text
    starts = [p.char_start for p in passages]
    assert starts == sorted(starts)
    assert all(a.char_end <= b.char_start for a, b in itertools.pairwise(passages))


def test_opening_an_up_to_date_store_writes_nothing(db: Path) -> None:
    """So a read-only store file can be searched (root ignores file modes, so compare bytes)."""
    writable = Store(db)
    save(writable, make("Readable text about a tapir."))
    writable.close()
    before = db.read_bytes()

    reader = Store(db)
    assert reader.count_articles() == 1
    assert fts_hits(reader, "tapir") == 1
    reader.close()

    assert db.read_bytes() == before
