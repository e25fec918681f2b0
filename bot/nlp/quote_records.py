"""Quote records: attributions turned into :class:`~bot.core.analysis.Quote` rows."""

from __future__ import annotations

from bot.core.analysis import Quote
from bot.nlp.quote_cues import text_of
from bot.nlp.quote_text import Attribution, QuoteText


def build_records(text: QuoteText, attributions: list[Attribution]) -> list[Quote]:
    """One quote per attributed span, in order of appearance; an attribution is a group."""
    records: list[tuple[int, int, Attribution]] = []
    for group, attribution in enumerate(sorted(attributions, key=lambda a: a.spans[0][0])):
        for start, _ in attributions_spans(attribution):
            records.append((start, group, attribution))
    quotes: list[Quote] = []
    body = text_of(text.doc)
    for start, group, attribution in sorted(records, key=lambda r: r[0]):
        speaker = attribution.speaker
        assert speaker is not None
        end = next(e for s, e in attribution.spans if s == start)
        cue = attribution.cue
        whole = text.span_index(start)
        exact = (
            whole is not None and text.spans[whole].end == end and text.spans[whole].start == start
        )
        quotes.append(
            Quote(
                text=body[start:end],
                kind="direct" if exact else attribution.kind,
                speaker=speaker.name,
                speaker_key=speaker.key,
                speaker_kind=speaker.kind,
                mention=speaker.mention,
                role=speaker.role,
                cue=cue.text,
                char_start=start,
                char_end=end,
                cue_start=cue.start,
                cue_end=cue.end,
                group=group,
            )
        )
    return quotes


def attributions_spans(attribution: Attribution) -> list[tuple[int, int]]:
    """An attribution's spans, in order, without duplicates."""
    return sorted(set(attribution.spans))
