"""Block Kit rendering: structure, escaping, links, and splitting to Slack's limits."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from slack_support import block_kit_problems

from bot.adapters.slack_render import render_slack, safe_url
from bot.adapters.slack_text import MAX_SECTION_CHARS, escape, split_text
from bot.core.reply import Context, Divider, Header, Reply, Section, Source


def texts(reply: Reply) -> list[str]:
    """Every text Slack would show, message by message, block by block."""
    out: list[str] = []
    for message in render_slack(reply):
        for block in message.blocks:
            if "text" in block:
                out.append(block["text"]["text"])
            for element in block.get("elements", []):
                out.append(element["text"])
    return out


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def assert_valid(reply: Reply) -> list[dict[str, Any]]:
    payloads = [message.payload() for message in render_slack(reply)]
    for payload in payloads:
        assert block_kit_problems(payload) == []
    return payloads


def test_blocks_map_to_block_kit() -> None:
    reply = Reply(
        (
            Header("Sanctions"),
            Section("The bill has 70 co-sponsors.", sources=(Source("Story", "https://e.com/a"),)),
            Divider(),
            Context("1 passage"),
        )
    )
    [message] = render_slack(reply)
    kinds = [block["type"] for block in message.blocks]
    assert kinds == ["header", "section", "context", "divider", "context"]
    assert message.blocks[0]["text"] == {"type": "plain_text", "text": "Sanctions", "emoji": True}
    assert message.blocks[1]["text"]["text"] == "The bill has 70 co-sponsors."
    assert message.blocks[2]["elements"][0]["text"] == "<https://e.com/a|Story>"
    assert message.text == "Sanctions"


def test_mention_and_link_markup_in_article_text_is_escaped() -> None:
    hostile = "Alert <!channel> and <@U123> & <https://evil.example|click> <!here> <#C1>"
    reply = Reply((Section(hostile, sources=(Source("A <b> & title", "https://e.com/?a=1&b=2"),)),))
    section, sources = texts(reply)
    assert "<" not in section and ">" not in section
    assert section == (
        "Alert &lt;!channel&gt; and &lt;@U123&gt; &amp; &lt;https://evil.example|click&gt; "
        "&lt;!here&gt; &lt;#C1&gt;"
    )
    assert sources == "<https://e.com/?a=1&amp;b=2|A &lt;b&gt; &amp; title>"
    [message] = render_slack(reply)
    assert "<" not in message.text
    # verbatim: Slack must not auto-link "@here" or channel names in plain words either.
    assert all(
        obj.get("verbatim") is True
        for block in message.blocks
        for obj in [block.get("text", {}), *block.get("elements", [])]
        if obj.get("type") == "mrkdwn"
    )


def test_only_web_urls_become_links() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("file:///etc/passwd") is None
    assert safe_url("seeds/000.txt") is None
    assert safe_url("https://e.com/a|b>c") == "https://e.com/a%7Cb%3Ec"
    reply = Reply((Section("x", sources=(Source("Local file", "seeds/a.txt"),)),))
    assert texts(reply) == ["x", "Local file"]


def test_highlights_become_bold_and_survive_escaping() -> None:
    reply = Reply((Section("A & B sanctions <now>", highlights=((6, 15),)),))
    assert texts(reply) == ["A &amp; B *sanctions* &lt;now&gt;"]


def test_control_characters_are_removed() -> None:
    reply = Reply((Section("bad\x1b[31m text\u202e"),))
    assert texts(reply) == ["bad[31m text"]


def test_long_section_is_split_not_truncated() -> None:
    sentence = "The senator said the bill “would pass & soon” after talks. "
    text = sentence * 150  # about 9,000 characters
    reply = Reply((Section(text, sources=(Source("S", "https://e.com/s"),)),))
    payloads = assert_valid(reply)
    sections = [b["text"]["text"] for p in payloads for b in p["blocks"] if b["type"] == "section"]
    assert len(sections) >= 3
    assert all(len(s) <= MAX_SECTION_CHARS for s in sections)
    # Nothing lost, every piece ends at a sentence boundary, entities intact.
    joined = " ".join(unescape(s) for s in sections)
    assert re.sub(r"\s+", " ", joined) == re.sub(r"\s+", " ", text.strip())
    assert all(s.endswith("talks.") for s in sections)
    # The source line follows the last piece.
    blocks = payloads[-1]["blocks"]
    assert blocks[-1]["elements"][0]["text"] == "<https://e.com/s|S>"


def test_text_with_many_escapes_still_fits() -> None:
    text = "<&>" * 2000  # 6,000 characters that escape to 26,000
    payloads = assert_valid(Reply((Section(text),)))
    sections = [b["text"]["text"] for p in payloads for b in p["blocks"] if b["type"] == "section"]
    assert "".join(unescape(s) for s in sections) == text


def test_highlight_across_a_split_stays_bold_on_both_sides() -> None:
    text = "word " * 700  # 3,500 characters, no sentence ends
    start = text.index("word", 2990)
    reply = Reply((Section(text, highlights=((start - 10, start + 20),)),))
    payloads = assert_valid(reply)
    sections = [b["text"]["text"] for p in payloads for b in p["blocks"] if b["type"] == "section"]
    assert len(sections) == 2
    assert sections[0].count("*") % 2 == 0 and sections[1].count("*") % 2 == 0


def test_long_header_becomes_a_bold_section() -> None:
    title = "Who said what about " + "the sanctions bill and the talks " * 8
    [message] = render_slack(Reply((Header(title), Section("body"))))
    first = message.blocks[0]
    assert first["type"] == "section"
    assert unescape(first["text"]["text"]) == "*" + " ".join(title.split()) + "*"


def test_more_than_fifty_blocks_become_several_messages() -> None:
    blocks: list[Any] = [Header("Quotes")]
    for number in range(60):
        blocks += [Section(f"Quote {number}", sources=(Source("S", "https://e.com"),)), Divider()]
    reply = Reply(tuple(blocks))
    payloads = assert_valid(reply)
    assert len(payloads) == 4  # 180 blocks, at most 49 per message plus its "part" line
    shown = [t for t in texts(reply) if t.startswith("Quote ")]
    assert shown == [f"Quote {n}" for n in range(60)]
    for number, payload in enumerate(payloads, start=1):
        assert payload["blocks"][-1]["elements"][0]["text"] == f"Part {number} of 4"
        assert payload["blocks"][0]["type"] != "divider"
        assert payload["blocks"][-2]["type"] != "divider"
    # A quote and its source stay in the same message.
    for payload in payloads:
        kinds = [b["type"] for b in payload["blocks"]]
        for index, kind in enumerate(kinds):
            if kind == "section":
                assert kinds[index + 1] == "context"
    assert payloads[1]["text"].startswith("(part 2 of 4)")


def test_error_replies_are_marked_and_fallback_is_never_empty() -> None:
    [message] = render_slack(Reply.notice("No such person.", hint="Try /whosaid", error=True))
    assert message.blocks[0]["text"]["text"] == ":warning: No such person."
    [empty] = render_slack(Reply((Divider(),)))
    assert empty.text and block_kit_problems(empty.payload()) == []


def test_fallback_text_is_escaped_and_bounded() -> None:
    [message] = render_slack(Reply((Section("<!channel> " + "x" * 1000),)))
    assert message.text.startswith("&lt;!channel&gt;")
    assert len(message.text) <= 320


def test_split_text_prefers_boundaries_and_keeps_entities() -> None:
    text = "a" * 2990 + " &amp;&amp;&amp; tail"
    pieces = split_text(text, 3000)
    assert pieces == ["a" * 2990, "&amp;&amp;&amp; tail"]
    solid = "&amp;" * 1000
    assert all(not p.startswith("amp;") and not p.endswith("&am") for p in split_text(solid, 3000))
    assert "".join(split_text(solid, 3000)) == solid


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(min_size=0, max_size=4000),
            st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 4000)), max_size=3),
        ),
        min_size=1,
        max_size=30,
    ),
    st.text(max_size=300),
)
def test_any_reply_renders_valid_block_kit_without_losing_text(
    sections: list[tuple[str, list[tuple[int, int]]]], title: str
) -> None:
    blocks: list[Any] = [Header(title)]
    for text, ranges in sections:
        blocks.append(Section(text, highlights=tuple(ranges)))
    reply = Reply(tuple(blocks))
    assert_valid(reply)
    shown = unescape("".join(texts(reply))).replace("*", "")
    for text, _ in sections:
        for word in escape(text).split():
            if "*" not in word and not re.search(
                r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", word
            ):
                assert unescape(word) in shown


def test_a_header_is_never_left_alone_at_the_end_of_a_message() -> None:
    blocks: list[Any] = []
    for number in range(30):
        blocks += [Header(f"Topic {number}"), Section(f"Text {number}")]
    payloads = assert_valid(Reply(tuple(blocks)))
    assert len(payloads) == 2
    for payload in payloads:
        content = [b for b in payload["blocks"] if b["type"] != "context"]
        assert content[-1]["type"] == "section"
        assert content[0]["type"] == "header"
