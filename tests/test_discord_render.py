"""Discord rendering: replies become message dicts within every Discord limit, text escaped."""

from __future__ import annotations

import re
from typing import Any

import discord
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.adapters.discord_markdown import escape, size, split_markdown
from bot.adapters.discord_render import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    EMBEDS_LIMIT,
    ERROR_COLOUR,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    FIELDS_LIMIT,
    FOOTER_LIMIT,
    MESSAGE_TOTAL_LIMIT,
    TITLE_LIMIT,
    DiscordMessage,
    render_discord,
)
from bot.core.reply import Block, Context, Divider, Header, Reply, Section, Source

SOURCE = Source("Senate weighs sanctions bill", "https://www.example.com/news/sanctions", "a1")


def check_limits(messages: list[DiscordMessage]) -> None:
    """Every limit Discord enforces on a message and its embeds."""
    assert messages
    for message in messages:
        assert size(message["content"]) <= CONTENT_LIMIT
        assert message["content"] or message["embeds"]
        assert len(message["embeds"]) <= EMBEDS_LIMIT
        total = 0
        for embed in message["embeds"]:
            title = embed.get("title", "")
            description = embed.get("description", "")
            footer = embed.get("footer", {}).get("text", "")
            fields = embed.get("fields", [])
            assert size(title) <= TITLE_LIMIT
            assert size(description) <= DESCRIPTION_LIMIT
            assert size(footer) <= FOOTER_LIMIT
            assert len(fields) <= FIELDS_LIMIT
            for item in fields:
                assert 0 < size(item["name"]) <= FIELD_NAME_LIMIT
                assert 0 < size(item["value"]) <= FIELD_VALUE_LIMIT
            assert title or description or fields or footer
            total += size(title) + size(description) + size(footer)
            total += sum(size(f["name"]) + size(f["value"]) for f in fields)
            # The dict is what discord.py would send: it round-trips through Embed.
            assert discord.Embed.from_dict(embed).to_dict()["type"] == "rich"
        assert total <= MESSAGE_TOTAL_LIMIT


def all_text(messages: list[DiscordMessage]) -> str:
    parts: list[str] = []
    for message in messages:
        parts.append(message["content"])
        for embed in message["embeds"]:
            parts.append(embed.get("title", ""))
            parts.append(embed.get("description", ""))
            for item in embed.get("fields", []):
                parts += [item["name"], item["value"]]
            parts.append(embed.get("footer", {}).get("text", ""))
    return "\n".join(parts)


def embeds(messages: list[DiscordMessage]) -> list[dict[str, Any]]:
    return [embed for message in messages for embed in message["embeds"]]


# -- shape --------------------------------------------------------------------------------------


def test_a_result_list_becomes_title_description_fields_links_and_footer() -> None:
    reply = Reply(
        (
            Header("Search: sanctions bill"),
            Context("No passage has all of those words; these have some of them."),
            Section("The bill has 70 co-sponsors.", highlights=((4, 8),), sources=(SOURCE,)),
            Divider(),
            Section("No vote is scheduled.", sources=(Source("Other story", None),)),
            Context("2 best passages, best first."),
        )
    )
    messages = render_discord(reply)
    check_limits(messages)
    assert len(messages) == 1 and messages[0]["content"] == ""
    [embed] = messages[0]["embeds"]
    assert embed["title"] == "Search: sanctions bill"
    assert embed["description"] == "*No passage has all of those words; these have some of them.*"
    first, second = embed["fields"]
    assert first["name"] == "Senate weighs sanctions bill"
    assert first["value"] == (
        "The **bill** has 70 co-sponsors.\n[example.com](https://www.example.com/news/sanctions)"
    )
    assert second == {"name": "Other story", "value": "No vote is scheduled.", "inline": False}
    assert embed["footer"] == {"text": "2 best passages, best first."}


def test_sentences_from_one_article_share_a_field_and_one_link() -> None:
    reply = Reply(
        (
            Header("Briefing"),
            Section("First sentence.", sources=(SOURCE,)),
            Section("Second sentence.", sources=(SOURCE,)),
        ),
        visibility="public",
    )
    [field] = embeds(render_discord(reply))[0]["fields"]
    assert field["value"].count("](https:") == 1
    assert field["value"].startswith("First sentence.\nSecond sentence.\n")


def test_a_title_repeated_as_the_first_line_is_not_shown_twice() -> None:
    entry = Section(f"{SOURCE.title}\nAP · 2026-05-16 · 812 words", sources=(SOURCE,))
    [field] = embeds(render_discord(Reply((Header("Sources"), entry))))[0]["fields"]
    assert field["name"] == SOURCE.title
    assert field["value"].startswith("AP · 2026-05-16 · 812 words")


def test_a_short_notice_is_plain_content_and_errors_are_marked() -> None:
    [message] = render_discord(Reply.notice("There is no command /x_y.", hint="Type /help."))
    assert dict(message) == {"content": "There is no command /x\\_y.\n*Type /help.*", "embeds": []}
    [error] = render_discord(Reply.notice("Nope.", error=True))
    assert error["content"].startswith("⚠️ Nope.")


def test_error_embeds_are_red() -> None:
    reply = Reply((Header("Failed"), Section("x")), tone="error")
    assert embeds(render_discord(reply))[0]["color"] == ERROR_COLOUR


def test_only_web_links_become_links() -> None:
    odd = Source("Local file", "file:///etc/passwd")
    spaced = Source("Spaced", "https://example.com/a b(c)")
    reply = Reply((Header("H"), Section("a", sources=(odd,)), Section("b", sources=(spaced,))))
    text = all_text(render_discord(reply))
    assert "file://" not in text
    assert "(https://example.com/a%20b%28c%29)" in text


# -- escaping -----------------------------------------------------------------------------------


def test_article_text_cannot_format_link_or_mention() -> None:
    hostile = "**bold** __u__ `code` ~~s~~ ||spoiler|| [click](https://evil.example) @everyone"
    rendered = escape(hostile)
    assert "**" not in rendered.replace("\\*", "")
    assert "\\[click\\]" in rendered
    assert "@everyone" not in rendered  # a zero-width space breaks the mention
    for line_start in ("# Heading", "> quote", "- item", "-# small"):
        assert escape(line_start).startswith("\\")


def test_lone_brackets_cannot_pair_up_across_a_highlight() -> None:
    text = "see [the bill](https://x.example) now"
    reply = Reply((Header("H"), Section(text, highlights=((5, 10),), sources=(SOURCE,))))
    value = embeds(render_discord(reply))[0]["fields"][0]["value"]
    assert re.search(r"(?<!\\)\[", value.split("\n")[0]) is None


def test_control_characters_and_bidi_overrides_are_removed() -> None:
    rendered = escape("a\x1b[31mb\u202ec\x00")
    assert "\x1b" not in rendered and "\u202e" not in rendered and "\x00" not in rendered


# -- splitting ----------------------------------------------------------------------------------


def test_a_long_briefing_is_split_across_fields_embeds_and_messages() -> None:
    sections: list[Block] = [Header("A very long reply")]
    for index in range(40):
        source = Source(f"Article {index}", f"https://example.com/{index}")
        sections.append(Section(f"Sentence {index}. " + "word " * 400, sources=(source,)))
    sections.append(Context("40 articles."))
    messages = render_discord(Reply(tuple(sections)))
    check_limits(messages)
    assert len(messages) > 1
    text = all_text(messages)
    for index in range(40):
        assert f"Sentence {index}." in text
    assert embeds(messages)[-1]["footer"] == {"text": "40 articles."}


def test_a_huge_paragraph_is_cut_at_sentence_breaks() -> None:
    sentence = "The committee met again today. "
    chunks = list(split_markdown(sentence * 300, (), FIELD_VALUE_LIMIT))
    assert len(chunks) > 1
    assert all(chunk.endswith("today.") for chunk in chunks)
    assert all(size(chunk) <= FIELD_VALUE_LIMIT for chunk in chunks)


def test_escapes_count_towards_the_limit() -> None:
    chunks = list(split_markdown("*_" * 3000, (), DESCRIPTION_LIMIT))
    assert all(size(chunk) <= DESCRIPTION_LIMIT for chunk in chunks)
    assert "".join(chunks).replace("\\", "") == "*_" * 3000


def test_emoji_count_twice() -> None:
    text = "😀" * 1500
    messages = render_discord(Reply.notice(text))  # 3,000 UTF-16 units: two messages
    check_limits(messages)
    assert [len(m["content"]) for m in messages] == [1000, 500]


any_text = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=40),
        st.sampled_from([*"*_~|`>#-[]()<@\\ \n", "@everyone", "😀", "\u202e", "# "]),
        st.just("word " * 300),
    ),
    max_size=12,
).map("".join)


@st.composite
def sections(draw: st.DrawFn) -> Block:
    text = draw(any_text)
    ranges = draw(
        st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=4)
    )
    highlights = tuple(sorted((min(a, b), max(a, b)) for a, b in ranges))
    sources = draw(
        st.lists(st.builds(Source, any_text, st.one_of(st.none(), st.just("https://e.x/a"))))
    )
    return Section(text, highlights=highlights, sources=tuple(sources[:3]))


blocks = st.lists(
    st.one_of(
        sections(),
        st.builds(Header, any_text),
        st.builds(Context, any_text),
        st.just(Divider()),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks, st.sampled_from(["info", "error"]))
def test_any_reply_renders_within_every_limit(items: list[Block], tone: str) -> None:
    reply = Reply(tuple(items), tone="error" if tone == "error" else "info")
    check_limits(render_discord(reply))


words = st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=30), min_size=1, max_size=800)


@settings(max_examples=40, deadline=None)
@given(words, st.integers(30, 2000))
def test_splitting_loses_no_words(parts: list[str], limit: int) -> None:
    text = " ".join(parts)
    chunks = list(split_markdown(text, (), limit))
    assert all(size(chunk) <= limit for chunk in chunks)
    assert " ".join(chunks).split() == parts


def test_links_are_never_cut_and_huge_urls_name_the_site() -> None:
    many = tuple(Source(f"S{i}", f"https://site{i}.example/" + "a" * 300) for i in range(3))
    huge = Source("Huge", "https://huge.example/" + "b" * 2000)
    reply = Reply((Header("H"), Section("text", sources=many), Section("t2", sources=(huge,))))
    messages = render_discord(reply)
    check_limits(messages)
    values = [f["value"] for e in embeds(messages) for f in e["fields"]]
    for i in range(3):
        assert any(f"[site{i}.example](https://site{i}.example/{'a' * 300})" in v for v in values)
    assert values[-1].endswith("huge.example") and "bbbb" not in values[-1]
