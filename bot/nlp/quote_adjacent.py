"""Direct quotations attributed next to them, and their continuations.

The second and third passes of :mod:`bot.nlp.quotes`: ``"…," Trump said``, ``"…," said X,
role``, ``X wrote on Truth Social: "…"``, an attribution ending the previous paragraph with a
colon; then ``"…," Trump said. "…"`` and a quotation paragraph right after a paragraph whose
last quotation was attributed and nothing else followed it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.nlp.quote_cues import Cue, is_speech_verb, text_of
from bot.nlp.quote_lexical import dash_cue
from bot.nlp.quote_marks import MARKS as MARK_CHARS
from bot.nlp.quote_marks import MarkSpan
from bot.nlp.quote_text import Attribution, QuoteText

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_GAP_TOKENS = 45
"""Most words between a quotation and its cue (long appositions included)."""
_CONTINUING_PUNCT = frozenset((",", ":", "—", "–", ";"))


def attach_adjacent(
    text: QuoteText, cues: list[Cue], owner: dict[int, Attribution]
) -> list[Attribution]:
    """Attributions of unclaimed quotations to a cue right after or before them."""
    found: list[Attribution] = []
    by_cue: dict[int, Attribution] = {}
    for attribution in owner.values():
        if attribution.kind == "direct":
            by_cue[attribution.cue.start] = attribution
    for n, span in enumerate(text.spans):
        if n in owner:
            continue
        cue = (
            _cue_after(text, cues, n) or _cue_before(text, cues, n) or dash_cue(text.doc, span.end)
        )
        if cue is None:
            continue
        existing = by_cue.get(cue.start)
        if existing is None:
            attribution = by_cue[cue.start] = Attribution(cue, "direct")
            found.append(attribution)
        else:
            attribution = existing
        attribution.spans.append((span.start, span.end))
        owner[n] = attribution
    return found


def _cue_after(text: QuoteText, cues: list[Cue], n: int) -> Cue | None:
    """``"…," Trump said`` / ``"…," said X`` / ``"…," according to X``."""
    span = text.spans[n]
    if not _starts_utterance(text, n):
        return None
    para_end = text.paras[text.para(span.start)][1] if text.paras else len(text_of(text.doc))
    if span.end > para_end:
        para_end = text.paras[text.para(span.end - 1)][1]
    limit = text.spans[n + 1].start if n + 1 < len(text.spans) else para_end
    limit = min(limit, para_end)
    for cue in cues:
        if cue.start < span.end:
            continue
        if cue.start >= limit:
            return None
        gap = [t for t in text.tokens(span.end, cue.start) if not t.is_space]
        if len(gap) > MAX_GAP_TOKENS:
            return None
        if all(_may_separate(t, cue) for t in gap) and not _has_own_content(text, cue, span):
            return cue
        return None
    return None


def _may_separate(token: Token, cue: Cue) -> bool:
    """Whether a word between a quotation and its cue belongs to the attribution."""
    if token.is_punct:
        return True
    if cue.according:
        return False
    if cue.lexical:  # the words before it were checked to be name words
        return token.i < cue.token.i
    subject = cue.subject
    if subject.left_edge.i <= token.i <= subject.right_edge.i:
        return True
    return token.head is cue.token and token.dep_ in ("advmod", "aux", "neg", "npadvmod")


def _has_own_content(text: QuoteText, cue: Cue, span: MarkSpan) -> bool:
    """The cue reports something after it, outside quotation marks: not this quotation.

    Quoted words after it (``"…," he said, "…"``) are the rest of an interrupted quotation.
    """
    if cue.according:
        return False
    for child in cue.token.children:
        after = child.dep_ == "ccomp" and child.i > cue.token.i and child.idx >= span.end
        if after and not (text.quoted(child.left_edge.idx) and text.quoted(child.idx)):
            return True
    return False


def _cue_before(text: QuoteText, cues: list[Cue], n: int) -> Cue | None:
    """``X wrote on Truth Social: "…"``, ``X said "…"``, or a paragraph ending ``X said:``."""
    span = text.spans[n]
    number = text.para(span.start)
    window = text.paras[number][0] if text.paras else 0
    if window == span.start and number > 0:
        previous = text.paras[number - 1]
        if text_of(text.doc)[previous[0] : previous[1]].rstrip().endswith(":"):
            window = previous[0]
    earlier = text.spans[n - 1].end if n > 0 else 0
    window = max(window, earlier)
    before = [c for c in cues if window <= c.start and c.end <= span.start]
    if not before:
        return None
    cue = before[-1]
    gap = [t for t in text.tokens(cue.end, span.start) if not t.is_space]
    if len(gap) > 20 or any(t.text in (".", "!", "?") for t in gap):
        return None
    if cue.according:
        return None
    if not _ends_utterance(text, n):
        return None
    lead = text_of(text.doc)[cue.end : span.start].rstrip()
    if lead.endswith((":", ",")):
        return cue
    for child in cue.token.children:  # the quotation is the verb's whole complement
        if child.dep_ in ("ccomp", "dobj", "xcomp", "parataxis") and span.contains(child.idx):
            edges = (child.left_edge.idx, child.right_edge.idx)
            if all(span.contains(e) for e in edges):
                return cue
    return None


def _starts_utterance(text: QuoteText, n: int) -> bool:
    """Nothing but a finished sentence, a colon or a dash comes before the quotation."""
    span = text.spans[n]
    floor = text.paras[text.para(span.start)][0] if text.paras else 0
    if n > 0:
        floor = max(floor, text.spans[n - 1].end)
    before = text_of(text.doc)[floor : span.start].rstrip()
    return not before or before.endswith((".", "!", "?", ":", "—", "–", "…"))


def _ends_utterance(text: QuoteText, n: int) -> bool:
    """The quotation ends its sentence (or a clause before an attribution)."""
    span = text.spans[n]
    body = text_of(text.doc)
    inner = body[span.start : span.end].rstrip(MARK_CHARS + "\u2060")
    if inner.endswith((".", "!", "?", ",", "…", "—")):
        return True
    after = body[span.end : span.end + 2].lstrip(" ")
    return not after or after[0] in ".!?;\n"


def attach_continued(text: QuoteText, owner: dict[int, Attribution]) -> list[Attribution]:
    """Unclaimed quotations that continue the attributed quotation before them."""
    found: list[Attribution] = []
    for n, span in enumerate(text.spans):
        if n in owner or n == 0:
            continue
        before = _last_owned(text, owner, n)
        previous = owner.get(before)
        prev_span = text.spans[before]
        if previous is None or not _ends_with_quotation(previous, prev_span):
            continue
        same_para = text.para(prev_span.end - 1) == text.para(span.start)
        if same_para:
            lead = text_of(text.doc)[prev_span.end : span.start].rstrip().rstrip(MARK_CHARS)
            opens = lead.endswith((",", ":", ".", "!", "?", ";", "—", "–")) or not lead
            if opens and _only_attribution(text, previous.cue, prev_span.end, span.start):
                previous.spans.append((span.start, span.end))
                owner[n] = previous
            continue
        number = text.para(span.start)
        if text.paras[number][0] != span.start or text.para(prev_span.end - 1) != number - 1:
            continue
        para_end = text.paras[number - 1][1]
        if _only_attribution(text, previous.cue, prev_span.end, para_end) and _stands_alone(
            text, span
        ):
            attribution = Attribution(previous.cue, "direct", [(span.start, span.end)])
            owner[n] = attribution
            found.append(attribution)
    return found


def _last_owned(text: QuoteText, owner: dict[int, Attribution], n: int) -> int:
    """The quotation before ``n``, past titles inside the attribution sentence.

    ``"A," X said on "Fox and Friends." "B"``: the title belongs to no one, and "B" continues "A".
    """
    m = n - 1
    while m > 0 and m not in owner and m - 1 in owner:
        between = text_of(text.doc)[text.spans[m - 1].end : text.spans[m].start]
        if any(c in between for c in ".!?\n"):
            break
        m -= 1
    return m


def _stands_alone(text: QuoteText, span: MarkSpan) -> bool:
    """No clause of the writer's follows the quotation in its sentence.

    ``“Song Title” was written by X`` names a title; it does not continue anyone's words.
    """
    last = text.tokens(span.end - 1, span.end)
    if not len(last):
        return True
    sentence = last[0].sent
    after = text.tokens(span.end, sentence.end_char)
    return not any(
        t.pos_ in ("VERB", "AUX") and not text.quoted(t.idx) and not is_speech_verb(t)
        for t in after
    )


def _ends_with_quotation(attribution: Attribution, span: MarkSpan) -> bool:
    """A direct attribution, or reported words ending with a quotation (``X said it was "…"``)."""
    if attribution.kind == "direct":
        return True
    return bool(attribution.spans) and max(e for _, e in attribution.spans) == span.end


def _only_attribution(text: QuoteText, cue: Cue, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds nothing but the attribution ``cue`` belongs to."""
    gap = [t for t in text.tokens(start, end) if not t.is_space]
    if not gap:
        return True
    sentence = cue.token.sent
    return all(  # a title in quotation marks inside the attribution is part of it
        t.is_punct
        or sentence.start <= t.i < sentence.end
        or t.text in _CONTINUING_PUNCT
        or text.quoted(t.idx)
        for t in gap
    ) and any(t.i == cue.token.i for t in gap)
