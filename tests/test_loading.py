"""Loading article files and ingesting them: formats, broken input, duplicates and updates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.bootstrap import App
from bot.core.models import Passage
from bot.ingest.documents import (
    MAX_PASSAGE_CHARS,
    Document,
    article_id,
    clean_text,
    split_passages,
    to_article,
)
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
        ("title_only.txt", b"Just a title\n", "no article text"),
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


# -- field types, record origins, long passages, wordless bodies, encodings ------------------


def test_json_body_list_of_strings_is_joined_with_blank_lines(tmp_path: Path) -> None:
    record = {"title": "Listed", "body": ["First paragraph.", "Second paragraph."]}
    path = write(tmp_path / "list.json", json.dumps(record))

    loaded = load_file(path)

    assert loaded.problems == []
    [doc] = loaded.documents
    assert doc.body == "First paragraph.\n\nSecond paragraph."


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("body", {"text": "nested"}, "a dict"),
        ("body", 42, "a number"),
        ("body", True, "a boolean"),
        ("body", ["para one", 7], "a list"),
        ("title", True, "a boolean"),
        ("title", {"en": "Hello"}, "a dict"),
        ("title", ["a", "b"], "a list"),
        ("title", float("nan"), "NaN"),
        ("headline", float("inf"), "Infinity"),
        ("source", False, "a boolean"),
        ("outlet", ["Wire"], "a list"),
    ],
)
def test_json_field_of_the_wrong_type_fails_the_record_naming_it(
    tmp_path: Path, field: str, value: object, kind: str
) -> None:
    bad = {"body": "A body that would be fine.", field: value}
    good = {"title": "Good", "body": "A body for the good record."}
    path = write(tmp_path / "typed.json", json.dumps([bad, good]))

    loaded = load_file(path)

    assert [d.title for d in loaded.documents] == ["Good"]
    [(origin, reason)] = loaded.problems
    assert origin == f"{path}#1"
    assert f"field '{field}'" in reason
    assert kind in reason
    assert "[" not in reason.split("(")[0]


def test_json_number_title_and_source_are_converted(tmp_path: Path) -> None:
    record = {"title": 2025, "body": "A body.", "source": 3.5}
    path = write(tmp_path / "numbers.json", json.dumps(record))

    [doc] = load_file(path).documents

    assert doc.title == "2025"
    assert doc.source == "3.5"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.com/a", "https://example.com/a"),
        ("http://example.com/b", "http://example.com/b"),
        (7, None),
        ("ftp://example.com/c", None),
        ("example.com/d", None),
        ("javascript:alert(1)", None),
        (["https://example.com/e"], None),
    ],
)
def test_json_url_is_kept_only_when_it_is_a_web_address(
    tmp_path: Path, url: object, kept: str | None
) -> None:
    path = write(tmp_path / "url.json", json.dumps({"title": "U", "body": "Body.", "url": url}))

    loaded = load_file(path)

    assert loaded.problems == []
    [doc] = loaded.documents
    assert doc.url == kept
    assert doc.origin == f"{path}#1"


def test_md_front_matter_field_types(tmp_path: Path) -> None:
    numbers = write(
        tmp_path / "numbers.md", "---\ntitle: 2025\nsource: 12\nurl: 7\n---\nThe body text.\n"
    )
    bad_title = write(tmp_path / "bad_title.md", "---\ntitle: [a, b]\n---\nThe body text.\n")
    bad_source = write(tmp_path / "bad_source.md", "---\nsource: yes\n---\nThe body text.\n")
    bad_url = write(tmp_path / "bad_url.md", "---\nurl: mailto:x@example.com\n---\nBody.\n")

    [doc] = load_file(numbers).documents
    assert (doc.title, doc.source, doc.url) == ("2025", "12", None)
    with pytest.raises(LoadError, match=r"field 'title' must be text \(got a list\)"):
        load_file(bad_title)
    with pytest.raises(LoadError, match=r"field 'source' must be text \(got a boolean\)"):
        load_file(bad_source)
    [doc] = load_file(bad_url).documents
    assert doc.url is None


def test_json_records_sharing_a_url_keep_their_own_origins(app: App, tmp_path: Path) -> None:
    url = "https://example.com/live-blog"
    records = [
        {"id": "update-1", "title": "First update", "body": "The first update.", "url": url},
        {"id": 2, "title": "Second update", "body": "The second update.", "url": url},
    ]
    path = write(tmp_path / "live.json", json.dumps(records))

    first = app.ingestor.ingest_paths([path])
    again = app.ingestor.ingest_paths([path])

    assert [o.origin for o in first.outcomes] == [f"{path}#update-1", f"{path}#2"]
    assert [o.status for o in first.outcomes] == ["added", "added"]
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]
    assert app.services.store.count_articles() == 2
    assert {a.url for a in app.services.store.list_articles()} == {url}


def test_json_record_origin_without_id_is_index_or_line(tmp_path: Path) -> None:
    url = "https://example.com/same"
    records = [
        {"title": "A", "body": "Body A.", "url": url},
        {"id": True, "title": "B", "body": "Body B.", "url": url},
        {"id": 3.5, "title": "C", "body": "Body C."},
    ]
    as_json = write(tmp_path / "list.json", json.dumps(records))
    as_jsonl = write(
        tmp_path / "feed.jsonl", "\n".join([json.dumps(records[0]), "", json.dumps(records[1])])
    )

    json_origins = [d.origin for d in load_file(as_json).documents]
    jsonl_origins = [d.origin for d in load_file(as_jsonl).documents]

    assert json_origins == [f"{as_json}#1", f"{as_json}#2", f"{as_json}#3"]
    assert jsonl_origins == [f"{as_jsonl}:1", f"{as_jsonl}:3"]


def _passages_of(body: str) -> list[Passage]:
    return split_passages(to_article(Document(title="Long", body=body, origin="test:long")))


def _assert_good_passages(body: str, passages: list[Passage]) -> None:
    for passage in passages:
        assert body[passage.char_start : passage.char_end] == passage.text
        assert passage.text
        assert passage.text == passage.text.strip()
        assert len(passage.text) <= MAX_PASSAGE_CHARS
    joined = "".join(p.text for p in passages)
    assert "".join(joined.split()) == "".join(body.split())


def test_long_paragraph_without_sentence_ends_is_cut_at_spaces(tmp_path: Path) -> None:
    words = [f"word{n % 97}" for n in range(8000)]
    body = " ".join(words)[:50_000].rstrip()
    assert len(body) >= 49_990

    passages = _passages_of(body)

    _assert_good_passages(body, passages)
    assert len(passages) >= 50_000 // MAX_PASSAGE_CHARS
    for passage in passages[:-1]:
        assert body[passage.char_end] == " "


def test_single_long_token_is_hard_cut_at_the_limit() -> None:
    token = "x" * 5000
    body = f"Before the token.\n\n{token}\n\nAfter the token."

    passages = _passages_of(body)

    _assert_good_passages(body, passages)
    assert [len(p.text) for p in passages] == [17, 1200, 1200, 1200, 1200, 200, 16]


def test_long_token_inside_words_is_cut_without_losing_text() -> None:
    body = "start " + "y" * 3000 + " middle words here " + "z" * 1500 + " end"

    passages = _passages_of(body)

    _assert_good_passages(body, passages)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bom_line.txt", "Title\n\ufeff\n".encode()),
        ("zero_width.txt", "Title\n\u200b\u200b\u200b\n".encode()),
        ("punctuation.txt", "Title\n… — !!! ?? “”\n".encode()),
        ("zero_width.md", "---\ntitle: T\n---\n\u200b\u200b\n".encode()),
        ("punctuation.md", b"# Heading\n\n... --- !!!\n"),
        ("punctuation.html", b"<html><body><article><p>... --- !!!</p></article></body></html>"),
    ],
)
def test_body_without_word_characters_is_rejected(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(LoadError, match="no article text"):
        load_file(path)


def test_json_record_without_word_characters_fails(tmp_path: Path) -> None:
    records = [
        {"title": "Z", "body": "\u200b\u200b"},
        {"title": "P", "body": ["…", "!!!"]},
        {"title": "Fine", "body": "Words."},
    ]
    path = write(tmp_path / "wordless.json", json.dumps(records))

    loaded = load_file(path)

    assert [d.title for d in loaded.documents] == ["Fine"]
    assert [origin for origin, _ in loaded.problems] == [f"{path}#1", f"{path}#2"]
    assert all(reason.startswith("no article text") for _, reason in loaded.problems)


def test_clean_text_strips_c1_controls_and_keeps_the_rest() -> None:
    kept = "“Quote” – dash — em\u00a0nbsp שלום עולם"

    assert clean_text(f"a\x9b[31mb\x80c\x9fd {kept}") == f"a[31mbcd {kept}"
    assert clean_text("\x85x\x00y") == "xy"


def test_c1_controls_are_removed_when_loading(tmp_path: Path) -> None:
    path = write(tmp_path / "c1.txt", "Title\x9b\nBody \x9b31m text\x90.\n")

    [doc] = load_file(path).documents

    assert doc.title == "Title"
    assert doc.body == "Body 31m text."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("story.txt", "Café story\n“Quoted” body text — here.\n"),
        ("story.md", "---\ntitle: Café story\n---\n“Quoted” body text — here.\n"),
        ("story.json", json.dumps({"title": "Café story", "body": "“Quoted” body text — here."})),
        (
            "story.jsonl",
            json.dumps({"title": "Café story", "body": "“Quoted” body text — here."}) + "\n",
        ),
    ],
)
def test_utf16_files_with_a_bom_are_decoded(
    tmp_path: Path, name: str, text: str, encoding: str
) -> None:
    path = tmp_path / name
    path.write_bytes(("\ufeff" + text).encode(encoding))

    loaded = load_file(path)

    assert loaded.problems == []
    [doc] = loaded.documents
    assert doc.title == "Café story"
    assert doc.body == "“Quoted” body text — here."


def test_utf16_html_with_a_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(("\ufeff" + ARTICLE_HTML).encode("utf-16-le"))

    [doc] = load_file(path).documents

    assert doc.title == "Senate weighs new sanctions bill"
    assert PARA_1 in doc.body


def test_utf16_with_a_bad_sequence_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfe" + "Title\nBody\n".encode("utf-16-le") + b"\x00\xd8")

    with pytest.raises(LoadError, match="UTF-16"):
        load_file(path)


def test_utf16_without_a_bom_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes("Title\nBody text.\n".encode("utf-16-le"))

    with pytest.raises(LoadError, match="binary"):
        load_file(path)


# -- folders, links and the unchanged-file shortcut --------------------------------------------


def test_linked_folders_are_followed_once_and_broken_links_reported(
    app: App, tmp_path: Path
) -> None:
    folder = tmp_path / "corpus"
    write(folder / "real" / "a.txt", "A\nBody of a.\n")
    (folder / "again").symlink_to(folder / "real")  # the same folder twice
    (folder / "real" / "loop").symlink_to(folder)  # a cycle
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")

    report = app.ingestor.ingest_paths([folder])

    assert report.count("added") == 1
    assert app.services.store.count_articles() == 1
    failed = {Path(o.origin).name: o.reason for o in report.failures}
    assert failed == {"dangling.txt": "broken link"}


def test_very_deep_folders_are_walked_without_recursion(app: App, tmp_path: Path) -> None:
    deep = tmp_path / "corpus"
    for level in range(300):
        deep = deep / f"d{level}"
    write(deep / "bottom.txt", "Bottom\nFound at the bottom.\n")

    report = app.ingestor.ingest_paths([tmp_path / "corpus"])

    assert report.count("added") == 1


def test_an_unchanged_file_is_not_read_again(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(
        tmp_path / "c" / "records.jsonl", '{"title": "A", "body": "One."}\n{"body": "Two."}\n'
    )
    first = app.ingestor.ingest_paths([path])
    assert first.count("added") == 2

    def must_not_load(_path: Path) -> None:
        raise AssertionError("an unchanged file was read again")

    monkeypatch.setattr("bot.ingest.pipeline.load_file", must_not_load)
    again = app.ingestor.ingest_paths([path])

    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]
    assert {o.article_id for o in again.outcomes} == {o.article_id for o in first.outcomes}


def test_a_file_with_failures_is_read_again_next_time(app: App, tmp_path: Path) -> None:
    path = write(tmp_path / "c" / "records.jsonl", '{"body": "Fine."}\n{broken\n')
    assert app.ingestor.ingest_paths([path]).count("failed") == 1

    again = app.ingestor.ingest_paths([path])

    assert again.count("failed") == 1  # still reported, not hidden by the shortcut


def test_records_with_the_same_id_in_one_file_are_reported(tmp_path: Path) -> None:
    records = [{"id": 7, "body": "First text."}, {"id": 7, "body": "Second text."}]
    path = write(tmp_path / "dup.json", json.dumps(records))

    loaded = load_file(path)

    assert [d.body for d in loaded.documents] == ["First text."]
    assert loaded.problems == [(f"{path}#7", "another record in this file has the same id")]


def test_a_date_as_front_matter_title_is_kept_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "d.md", "---\ntitle: 2025-05-16\n---\nBody text.\n")

    assert load_file(path).documents[0].title == "2025-05-16"
