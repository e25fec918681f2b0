"""The plain-text renderer: emphasis, sources, error marker, control characters removed."""

from __future__ import annotations

from bot.adapters.text_render import ANSI, PLAIN, TextStyle, render_text
from bot.core.reply import Context, Divider, Header, Reply, Section, Source


def test_renders_blocks_in_order_with_sources() -> None:
    reply = Reply(
        (
            Header("Search: bill"),
            Section(
                "The bill has 70 supporters.", sources=(Source("Article A", "https://a.example/1"),)
            ),
            Divider(),
            Section("Another.", sources=(Source("Article B", None, "abc123"),)),
            Context("2 passages."),
        )
    )
    assert render_text(reply) == (
        "Search: bill\n\n"
        "The bill has 70 supporters.\n"
        "   — Article A (https://a.example/1)\n"
        "\n"
        "Another.\n"
        "   — Article B (article abc123)\n"
        "2 passages."
    )


def test_highlights_are_wrapped_in_the_style_marks() -> None:
    section = Section("sanctions bill now", highlights=((0, 9), (10, 14)))
    reply = Reply((section,))
    assert render_text(reply, PLAIN) == "**sanctions** **bill** now"
    assert render_text(reply, TextStyle(strong=("[", "]"))) == "[sanctions] [bill] now"
    assert render_text(reply, ANSI) == "\x1b[1msanctions\x1b[22m \x1b[1mbill\x1b[22m now"


def test_bad_highlight_ranges_are_ignored_not_crashed_on() -> None:
    reply = Reply((Section("short", highlights=((3, 99), (-1, 2), (0, 2), (1, 3))),))
    assert render_text(reply) == "**sh**ort"


def test_control_characters_from_content_never_reach_the_terminal() -> None:
    reply = Reply((Header("evil\x1b[31m"), Section("a\x1b]0;title\x07b"), Context("c\x00")))
    text = render_text(reply)
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text


def test_errors_are_marked() -> None:
    assert render_text(Reply.notice("Bad.", hint="Try /help.", error=True)) == "! Bad.\nTry /help."
    assert render_text(Reply.notice("Fine.")) == "Fine."


def test_c1_controls_and_bidi_overrides_are_removed() -> None:
    reply = Reply((Section("safe\x9b31m text \u202eevil\u202c \u2066x\u2069"),))
    assert render_text(reply) == "safe31m text evil x"
