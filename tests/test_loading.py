"""Loading article files and ingesting them: formats, broken input, duplicates and updates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.bootstrap import App
from bot.ingest.documents import article_id
from bot.ingest.loaders import LoadError, load_file
from bot.ingest.pipeline import IngestReport, Outcome

PARA_1 = (
    "Senators from both parties met on Tuesday to discuss a sweeping sanctions bill aimed at "
    "the energy sector, saying that pressure must continue until a durable ceasefire is agreed "
    "by every side in the conflict."
)
PARA_2 = (
    "The measure now has more than seventy sponsors, and aides expect a floor vote within "
    "weeks, although leadership has not yet announced any schedule for debate or for "
    "amendments to the draft text."
)
ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Senate weighs new sanctions bill</title>
<link rel="canonical" href="https://example.com/news/senate-sanctions">
<meta property="og:site_name" content="Example News">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Senate weighs new sanctions bill</h1>
<p>{PARA_1}</p>
<p>{PARA_2}</p>
</article>
<footer>Copyright Example News</footer>
</body>
</html>
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def by_origin(report: IngestReport) -> dict[str, Outcome]:
    outcomes = {o.origin: o for o in report.outcomes}
    assert len(outcomes) == len(report.outcomes), "one outcome per origin"
    return outcomes


# -- formats ----------------------------------------------------------------------------------


def test_txt_first_line_is_title_rest_is_body_verbatim(tmp_path: Path) -> None:
    path = write(
        tmp_path / "story.txt",
        "Rubio skips the talks\n\n“Only way,” Rubio said — of a Trump–Putin meeting.\n\n"
        "Second paragraph.\n",
    )

    [doc] = load_file(path).documents

    assert doc.title == "Rubio skips the talks"
    assert doc.body == "“Only way,” Rubio said — of a Trump–Putin meeting.\n\nSecond paragraph."
    assert doc.origin == str(path)
    assert doc.url is None


def test_txt_crlf_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b"Title line\r\nFirst line.\r\n\r\nSecond line.\r\n")

    [doc] = load_file(path).documents

    assert doc.title == "Title line"
    assert doc.body == "First line.\n\nSecond line."


def test_md_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path / "fm.md",
        "---\n"
        "title: Kremlin sends lower-level officials\n"
        "url: https://example.com/kremlin\n"
        "source: Example Wire\n"
        "published: 2025-05-16\n"
        "---\n"
        "The talks in Istanbul began without Putin.\n\nRubio stayed away.\n",
    )

    [doc] = load_file(path).documents

    assert doc.title == "Kremlin sends lower-level officials"
    assert doc.url == "https://example.com/kremlin"
    assert doc.source == "Example Wire"
    assert doc.published == "2025-05-16"
    assert doc.body == "The talks in Istanbul began without Putin.\n\nRubio stayed away."


def test_md_front_matter_datetime_becomes_iso(tmp_path: Path) -> None:
    path = write(
        tmp_path / "dt.md",
        "---\ntitle: Timed\npublished: 2025-05-16 10:30:00\n---\nSome body text.\n",
    )

    [doc] = load_file(path).documents

    assert doc.published == "2025-05-16T10:30:00"


def test_md_without_front_matter_uses_heading(tmp_path: Path) -> None:
    path = write(
        tmp_path / "plain.md",
        "# Ceasefire talks stall\n\nNeither side moved on Friday.\n\nMore talks are planned.\n",
    )

    [doc] = load_file(path).documents

    assert doc.title == "Ceasefire talks stall"
    assert "#" not in doc.body
    assert doc.body == "Neither side moved on Friday.\n\nMore talks are planned."
    assert doc.published is None


def test_json_single_object(tmp_path: Path) -> None:
    record = {
        "title": "One object",
        "body": "A body for the one object.",
        "url": "https://example.com/one",
        "source": "Wire",
        "published": "2025-05-16T08:00:00Z",
    }
    path = write(tmp_path / "one.json", json.dumps(record))

    loaded = load_file(path)

    assert loaded.problems == []
    [doc] = loaded.documents
    assert doc.title == "One object"
    assert doc.body == "A body for the one object."
    assert doc.url == "https://example.com/one"
    assert doc.source == "Wire"
    assert doc.published == "2025-05-16T08:00:00+00:00"


def test_json_list_of_objects(tmp_path: Path) -> None:
    records = [
        {"title": "First", "body": "Body of the first record."},
        {"headline": "Second", "text": "Body of the second record."},
    ]
    path = write(tmp_path / "many.json", json.dumps(records))

    loaded = load_file(path)

    assert [d.title for d in loaded.documents] == ["First", "Second"]
    assert [d.body for d in loaded.documents] == [
        "Body of the first record.",
        "Body of the second record.",
    ]
    assert len({d.origin for d in loaded.documents}) == 2


def test_jsonl_bad_line_fails_alone_with_its_line_number(app: App, tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "Line one", "body": "The first line's article body."}),
        '{"title": "broken", "body": ',
        json.dumps({"title": "Line three", "body": "The third line's article body."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")

    report = app.ingestor.ingest_paths([path])

    assert report.count("added") == 2
    [failure] = report.failures
    assert failure.origin == f"{path}:2"
    assert "malformed JSON" in failure.reason
    titles = {a.title for a in app.services.store.list_articles()}
    assert titles == {"Line one", "Line three"}


def test_html_article_extraction(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", ARTICLE_HTML)

    [doc] = load_file(path).documents

    assert doc.title == "Senate weighs new sanctions bill"
    assert doc.url == "https://example.com/news/senate-sanctions"
    assert doc.source == "Example News"
    assert PARA_1 in doc.body
    assert PARA_2 in doc.body
    assert doc.body.index(PARA_1) < doc.body.index(PARA_2)
    assert "Copyright" not in doc.body
    assert not doc.body.startswith(doc.title)


# -- broken files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason_part"),
    [
        ("binary.txt", b"Title\nabc\x00\x01\x02def\n", "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  \n", "empty"),
        ("latin1.txt", b"Title\ncaf\xe9 au lait, cr\xe8me br\xfbl\xe9e\n", "UTF-8"),
        ("bad.json", b'{"title": "x", "body": ', "malformed JSON"),
        ("bad.md", b"---\ntitle: [unclosed\n---\nBody text.\n", "front matter"),
        ("title_only.txt", b"Just a title\n", "no text"),
    ],
)
def test_load_file_rejects_broken_files(
    tmp_path: Path, name: str, content: bytes, reason_part: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(LoadError) as caught:
        load_file(path)

    assert reason_part in str(caught.value)


def test_unsupported_and_missing_files_raise_load_error(tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")

    with pytest.raises(LoadError, match="unsupported"):
        load_file(pdf)
    with pytest.raises(LoadError, match="cannot read"):
        load_file(tmp_path / "gone.txt")


def test_broken_files_fail_and_the_rest_of_the_batch_ingests(app: App, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    good_a = write(folder / "a_good.txt", "Good one\nA perfectly fine article body.\n")
    good_z = write(folder / "z_good.md", "# Good two\n\nAnother perfectly fine body.\n")
    broken = {
        "binary.txt": b"Title\nabc\x00def\n",
        "empty.txt": b"",
        "latin1.txt": b"Title\ncaf\xe9 au lait\n",
        "bad.json": b'[{"title": "x", "body": "y"',
        "bad_front.md": b"---\ntitle: [unclosed\n---\nBody text.\n",
        "report.pdf": b"%PDF-1.4\n",
    }
    for name, content in broken.items():
        (folder / name).write_bytes(content)
    missing = tmp_path / "no-such-folder"

    report = app.ingestor.ingest_paths([folder, missing])

    outcomes = by_origin(report)
    assert outcomes[str(good_a)].status == "added"
    assert outcomes[str(good_z)].status == "added"
    for name in broken:
        outcome = outcomes[str(folder / name)]
        assert outcome.status == "failed", name
        assert outcome.reason, name
    assert outcomes[str(missing)].status == "failed"
    assert outcomes[str(missing)].reason
    assert "UTF-8" in outcomes[str(folder / "latin1.txt")].reason
    assert "binary" in outcomes[str(folder / "binary.txt")].reason
    assert len(report.failures) == len(broken) + 1
    assert app.services.store.count_articles() == 2


# -- duplicates, re-ingest, updates -----------------------------------------------------------


def test_exact_duplicate_in_second_file(app: App, tmp_path: Path) -> None:
    text = "Same story\nWord for word the same body in two files.\n"
    first = write(tmp_path / "in" / "1.txt", text)
    second = write(tmp_path / "in" / "2.txt", text)

    report = app.ingestor.ingest_paths([tmp_path / "in"])

    outcomes = by_origin(report)
    assert outcomes[str(first)].status == "added"
    assert outcomes[str(second)].status == "duplicate"
    assert str(first) in outcomes[str(second)].reason
    assert outcomes[str(first)].article_id == outcomes[str(second)].article_id
    assert app.services.store.count_articles() == 1


def test_reingesting_a_folder_changes_nothing(app: App, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write(folder / "one.txt", "One\nThe first body.\n")
    write(folder / "two.md", "---\ntitle: Two\n---\nThe second body.\n")
    write(folder / "sub" / "three.json", json.dumps({"title": "Three", "body": "Third body."}))
    first = app.ingestor.ingest_paths([folder])
    assert first.count("added") == 3
    count = app.services.store.count_articles()

    again = app.ingestor.ingest_paths([folder])

    assert [o.status for o in again.outcomes] == ["unchanged"] * 3
    assert app.services.store.count_articles() == count == 3
    assert {o.article_id for o in again.outcomes} == {o.article_id for o in first.outcomes}


def test_hidden_entries_are_skipped(app: App, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write(folder / "visible.txt", "Visible\nShown body.\n")
    write(folder / ".hidden.txt", "Hidden\nHidden body.\n")
    write(folder / ".git" / "note.txt", "Git\nGit body.\n")

    report = app.ingestor.ingest_paths([folder])

    assert [o.origin for o in report.outcomes] == [str(folder / "visible.txt")]


def test_edited_file_replaces_its_old_article(app: App, tmp_path: Path) -> None:
    store = app.services.store
    path = write(tmp_path / "story.txt", "Story\nThe original zeppelin text.\n")
    write(tmp_path / "other.txt", "Other\nAn unrelated article.\n")
    [added] = app.ingestor.ingest_paths([path]).outcomes
    app.ingestor.ingest_paths([tmp_path / "other.txt"])
    old_id = added.article_id
    assert old_id is not None
    count = store.count_articles()

    write(path, "Story\nThe corrected text, now without the airship.\n")
    [updated] = app.ingestor.ingest_paths([path]).outcomes

    assert updated.status == "updated"
    assert updated.article_id != old_id
    assert store.count_articles() == count
    assert store.get_article(old_id) is None
    assert store.passages(old_id) == []
    new = store.get_article(updated.article_id or "")
    assert new is not None
    assert new.body == "The corrected text, now without the airship."
    assert store.article_id_for_origin(str(path)) == updated.article_id


def test_article_id_ignores_whitespace_differences(app: App, tmp_path: Path) -> None:
    assert article_id("One body.\nSecond line.") == article_id("One body.  \nSecond line.   \n")
    assert article_id("One body.") != article_id("One body!")
    first = write(tmp_path / "a.txt", "Title\nOne body.\nSecond line.\n")
    second = write(tmp_path / "b.txt", "Title\nOne body.   \nSecond line.  \n\n\n")

    report = app.ingestor.ingest_paths([first, second])

    a, b = report.outcomes
    assert a.status == "added"
    assert b.status == "duplicate"
    assert a.article_id == b.article_id == article_id("One body.\nSecond line.")


def test_same_file_in_another_folder_gets_the_same_id(app: App, tmp_path: Path) -> None:
    text = "Stable\nA body whose id must not depend on where it lives.\n"
    here = write(tmp_path / "x" / "story.txt", text)

    [first] = app.ingestor.ingest_paths([here]).outcomes
    app.services.store.delete_article(first.article_id or "")
    there = write(tmp_path / "y" / "renamed.txt", text)
    [second] = app.ingestor.ingest_paths([there]).outcomes

    assert second.status == "added"
    assert second.article_id == first.article_id


def test_html_file_through_the_pipeline(app: App, tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", ARTICLE_HTML)

    [outcome] = app.ingestor.ingest_paths([path]).outcomes

    assert outcome.status == "added"
    assert outcome.title == "Senate weighs new sanctions bill"
    article = app.services.store.get_article(outcome.article_id or "")
    assert article is not None
    assert article.url == "https://example.com/news/senate-sanctions"
    assert article.source == "Example News"
    assert PARA_1 in article.body


def test_file_edited_into_a_copy_of_another_drops_its_old_article(app: App, tmp_path: Path) -> None:
    store = app.services.store
    write(tmp_path / "a.txt", "A\nThe text of the first file.\n")
    b = write(tmp_path / "b.txt", "B\nThe old text of the second file.\n")
    app.ingestor.ingest_paths([tmp_path])
    old_b = store.article_id_for_origin(str(b))
    assert old_b is not None

    write(b, "A\nThe text of the first file.\n")
    report = app.ingestor.ingest_paths([b])

    assert report.outcomes[0].status == "duplicate"
    assert store.get_article(old_b) is None
    assert store.count_articles() == 1
