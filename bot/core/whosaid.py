"""``/whosaid [person] [about]``: who said what, by person and by topic, with sources."""

from __future__ import annotations

import asyncio

from bot.core.commands import Args, CommandContext, CommandSpec, Param
from bot.core.quote_lookup import (
    QuoteHit,
    Speaker,
    complete_speakers,
    find_quotes,
    match_speakers,
    speakers,
    strict_match,
)
from bot.core.reply import Block, Context, Divider, Header, Reply, Section, Source
from bot.core.services import Services
from bot.core.store import Store

MAX_QUOTES = 12
"""Quotes in one reply (chat platforms limit blocks); a topic narrows the rest."""
MAX_SPEAKERS = 25
_TOPIC_WORDS = ("about", "on", "regarding")


def split_person_topic(store: Store, person: str, about: str) -> tuple[str, str]:
    """Find where the name ends in ``/whosaid Maria Snegovaya sanctions``.

    The longest run of leading words that names a speaker is the person, the rest the topic;
    a leading "about" marks a topic with no person. Without such a run, ``person`` is taken
    as typed (and matched by spelling later).
    """
    words = f"{person} {about}".split()
    if words and words[0].casefold() in _TOPIC_WORDS:
        return "", " ".join(words[1:])
    every = speakers(store, include_descriptions=True)
    for end in range(len(words), 0, -1):
        if strict_match(every, " ".join(words[:end])):
            return " ".join(words[:end]), _topic(words[end:])
    if len(words) > 1 and words[0].casefold() in ("the", "a", "an"):  # "the president"
        return " ".join(words[:2]), _topic(words[2:])
    return person, _topic(about.split())


def _topic(words: list[str]) -> str:
    if words and words[0].casefold() in _TOPIC_WORDS:
        words = words[1:]
    return " ".join(words)


def whosaid_reply(store: Store, person: str, about: str) -> Reply:
    """The answer to ``/whosaid``, computed from the store (runs in a worker thread)."""
    person, topic = split_person_topic(store, person.strip(), about.strip())
    if not person and not topic:
        return _speaker_list(store)
    chosen: list[Speaker] | None = match_speakers(store, person) if person else None
    keys = set().union(*(s.keys for s in chosen)) if chosen else None
    hits = find_quotes(store, speaker_keys=keys, topic=topic or None)
    title = "Who said what"
    if chosen:
        title += ": " + " / ".join(s.name for s in chosen)
    if topic:
        title += f" about “{topic[:80]}”"
    if not hits:
        who = " / ".join(s.name for s in chosen) if chosen else "Nobody"
        hint = "Try other words, or leave the topic out." if topic else None
        text = f"{who} is not quoted on that." if chosen else "Nobody is quoted on that."
        return Reply.notice(text, hint=hint)
    return _grouped(title, hits, by_speaker={s.key: s for s in speakers(store)})


def _grouped(title: str, hits: list[QuoteHit], by_speaker: dict[str, Speaker]) -> Reply:
    groups: dict[str, list[QuoteHit]] = {}
    for hit in hits:  # newest first already: a speaker's place is their newest quote
        groups.setdefault(_group_key(hit, by_speaker), []).append(hit)
    blocks: list[Block] = [Header(title)]
    shown = 0
    for members in groups.values():
        if shown >= MAX_QUOTES:
            break
        if len(blocks) > 1:
            blocks.append(Divider())
        first = members[0].quote
        name = first.speaker
        role = next((h.quote.role for h in members if h.quote.role), "")
        line = f"{name} — {role}" if role else name
        blocks.append(Section(line, highlights=((0, len(name)),)))
        for hit in members[: MAX_QUOTES - shown]:
            blocks.append(Section(_display(hit), sources=(_source(hit),)))
            shown += 1
    total = len(hits)
    people = len(groups)
    footer = f"{total} quote{'s' * (total != 1)} from {people} speaker{'s' * (people != 1)}"
    footer += ", newest first."
    if shown < total:
        footer += f" Showing {shown}; add a topic to narrow, e.g. /whosaid NAME sanctions."
    blocks.append(Context(footer))
    return Reply(tuple(blocks))


def _group_key(hit: QuoteHit, by_speaker: dict[str, Speaker]) -> str:
    key = hit.quote.speaker_key
    for speaker in by_speaker.values():
        if key in speaker.keys:
            return speaker.key
    return key


def _display(hit: QuoteHit) -> str:
    quote = hit.quote
    text = " ".join(quote.text.split())
    if quote.kind == "direct":
        for mark in ("”", '"', "''"):
            if text.endswith("," + mark):
                text = text[: -len(mark) - 1] + mark
        return text
    return f"({quote.cue.lower()}) {text}"


def _source(hit: QuoteHit) -> Source:
    return Source(hit.article_title, hit.url, hit.article_id)


def _speaker_list(store: Store) -> Reply:
    everyone = speakers(store, include_descriptions=True)
    named = [s for s in everyone if s.kind in ("person", "organisation")]
    unnamed = sum(s.count for s in everyone if s.kind not in ("person", "organisation"))
    if not named and not unnamed:
        return Reply.notice(
            "No one is quoted in the indexed articles yet.",
            hint="Quotes are found when articles are ingested.",
        )
    lines = []
    for speaker in named[:MAX_SPEAKERS]:
        line = f"{speaker.name} ({speaker.count})"
        lines.append(f"{line} — {speaker.role}" if speaker.role else line)
    blocks: list[Block] = [Header("Who is quoted")]
    if lines:
        blocks.append(Section("\n".join(lines)))
    footer = f"{len(named)} named speaker{'s' * (len(named) != 1)}, most quoted first"
    if len(named) > MAX_SPEAKERS:
        footer += f" (top {MAX_SPEAKERS} shown)"
    if unnamed:
        footer += f"; {unnamed} more quote{'s' * (unnamed != 1)} from unnamed sources"
    blocks.append(Context(footer + ". Type /whosaid NAME for what someone said."))
    return Reply(tuple(blocks))


async def whosaid_command(ctx: CommandContext, args: Args) -> Reply:
    """``/whosaid [person] [about]``: quotes by person and topic, or who is quoted."""
    return await asyncio.to_thread(
        whosaid_reply, ctx.services.store, args.get("person", ""), args.get("about", "")
    )


def complete_person(services: Services, typed: str) -> list[str]:
    """Autocomplete for the person: quoted speakers' names (store only, fast)."""
    return complete_speakers(services.store, typed)


WHOSAID = CommandSpec(
    name="whosaid",
    summary="Who said what: quotes by person and topic, with their sources.",
    handler=whosaid_command,
    params=(
        Param(
            "person", "a name, surname or part of one (typos are fine)", complete=complete_person
        ),
        Param("about", "words for the topic", rest=True),
    ),
    examples=("/whosaid", "/whosaid Snegovaya", "/whosaid Trump meeting Putin"),
)
