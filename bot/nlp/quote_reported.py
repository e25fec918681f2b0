"""Reported speech: a speech verb's content (``X said (that) …``, ``according to X, …``).

The first and most certain pass of :mod:`bot.nlp.quotes`: a complement that is all inside
quotation marks is a direct quote; quoted fragments inside reported speech belong to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.nlp.quote_colon import colon_content
from bot.nlp.quote_content import (
    according_content,
    complement,
    demanded,
    infinitive_content,
    labelled,
    parenthetical,
)
from bot.nlp.quote_cues import Cue, is_speech_verb, text_of
from bot.nlp.quote_nouns import noun_content
from bot.nlp.quote_text import Attribution, QuoteText

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PLEDGE_VERBS = frozenset(("promise", "pledge", "vow", "threaten", "urge", "warn"))
"""Verbs whose infinitive is what was said (``vowed to veto the bill``), quoted or not."""
_PARTIES = frozenset(("PERSON", "ORG", "NORP", "GPE"))
_LEADING = frozenset(("that", ",", ":", "—", "–", "-"))


def reported_speech(
    text: QuoteText, cues: list[Cue], owner: dict[int, Attribution]
) -> list[Attribution]:
    """Attributions of reported speech, claiming in ``owner`` the quotations they cover."""
    found: list[Attribution] = []
    cue_words = {c.token.i for c in cues}
    for cue in cues:
        if cue.lexical:  # read from the words alone: it attributes the quotation beside it
            continue
        hole = (0, 0)
        if cue.label:
            content = labelled(cue, text.last_mark, text.quoted)
        elif cue.noun:
            content = noun_content(cue)
        elif cue.colon:
            content = colon_content(cue)
        elif cue.demand:
            content = demanded(cue)
        else:
            content = according_content(cue) if cue.according else complement(cue)
            if content is not None and not cue.according:
                content = _with_quoted_sequel(text, cue, content, cue_words)
        around = parenthetical(cue) if content is None else None
        if around is not None:
            content, hole = around[0], (around[1], around[2])
        infinitive = content is None and not (cue.noun or cue.colon or cue.demand)
        if infinitive:
            content = infinitive_content(cue)
        if content is None:
            continue
        start, end = _trim(content, cue)
        if end - start < 2:
            continue
        start, end = _cover_marks(text, start, end, cue)
        covered = [
            n
            for n, s in enumerate(text.spans)
            if s.start < end and s.end > start and n not in owner
        ]
        outside = [
            t
            for t in text.tokens(start, end)
            if not text.quoted(t.idx)
            and not hole[0] <= t.idx < hole[1]
            and not t.is_punct
            and not t.is_space
            and t.lower_ not in _LEADING
        ]
        if infinitive and not covered and not _pledged(cue):
            continue  # "asked him to leave": an infinitive is kept for its quoted words only
        if covered and not outside:
            attribution = Attribution(cue, "direct")
            for n in covered:
                attribution.spans.append((text.spans[n].start, text.spans[n].end))
                owner[n] = attribution
        elif outside:
            if len(outside) < 3 and not covered:
                continue
            attribution = Attribution(cue, "indirect", _around(text, start, end, hole))
            for n in covered:
                if text.spans[n].start >= start and text.spans[n].end <= end:
                    owner[n] = attribution
        else:
            continue
        found.append(attribution)
    return found


def _with_quoted_sequel(text: QuoteText, cue: Cue, content: Span, cue_words: set[int]) -> Span:
    """Reported words with a quoting clause the parser joined to the cue, not to them.

    ``X said A, and there was "no evidence" of B``: the clause continues X's words when it
    quotes X and holds no cue of its own.
    """
    doc = content.doc
    end = content.end
    for child in cue.token.rights:
        if child.dep_ != "conj" or child.i < end or child.pos_ not in ("VERB", "AUX"):
            continue
        between = doc[end : child.left_edge.i]
        joined = [t for t in between if not t.is_punct and not t.is_space]
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
        clause = doc[child.left_edge.i : child.right_edge.i + 1]
        quoting = any(text.quoted(t.idx) for t in clause)
        speaking = any(is_speech_verb(t) or t.i in cue_words for t in clause)
        if [t.lower_ for t in joined] in (["and"], ["but"]) and own_subject and quoting:
            if speaking:
                break
            return doc[content.start : child.right_edge.i + 1]
        break
    return content


def _pledged(cue: Cue) -> bool:
    """``vowed to veto it``, ``urged lawmakers to act``: someone is told or promised the act.

    An object that is no one (``urging unity to force …``) makes the infinitive a purpose.
    """
    if cue.token.lemma_.lower() not in PLEDGE_VERBS:
        return False
    objects = [c for c in cue.token.children if c.dep_ == "dobj"]
    return all(o.tag_ in ("NNS", "NNP", "NNPS", "PRP") or o.ent_type_ in _PARTIES for o in objects)


def _around(text: QuoteText, start: int, end: int, hole: tuple[int, int]) -> list[tuple[int, int]]:
    """The content's span, or its two parts on either side of a cue set inside it."""
    if hole[1] <= start or hole[0] >= end:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    for a, b in ((start, hole[0]), (hole[1], end)):
        part = text.tokens(a, b) if a < b else text.doc[0:0]
        words = [t for t in part if not t.is_space and not (t.is_punct and t.text in ",;—–-")]
        if words:
            spans.append((words[0].idx, words[-1].idx + len(words[-1])))
    return spans or [(start, end)]


def _without_trailing_clauses(tokens: list[Token], cue: Cue) -> list[Token]:
    """Cut what the parser hung on the content but belongs to the attribution.

    ``X said he backs the bill and called for …``: a subjectless verb joined to the content
    in the cue's tense (and not the content's) continues the attribution; ``…, when asked
    about …``: a reduced clause after a comma describes the saying.
    """
    if not tokens or cue.according:
        return tokens
    root = next((t for t in tokens if t.head.i == t.i or not _inside(t.head, tokens)), None)
    if root is None:
        return tokens
    cut = tokens[-1].i + 1
    for child in root.rights:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            tags = {child.tag_} | {c.tag_ for c in child.children if c.dep_ == "aux"}
            if not own_subject and cue.token.tag_ in tags and root.tag_ != cue.token.tag_:
                cc = [c for c in root.children if c.dep_ == "cc" and c.i < child.i]
                cut = min(cut, cc[-1].i if cc else child.left_edge.i)
        elif child.dep_ == "advcl" and child.tag_ in ("VBN", "VBG"):
            edge = child.left_edge
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            if not own_subject and edge.i > 0 and edge.doc[edge.i - 1].text == ",":
                cut = min(cut, edge.i - 1)
    return [t for t in tokens if t.i < cut]


def _inside(token: Token, tokens: list[Token]) -> bool:
    return tokens[0].i <= token.i <= tokens[-1].i


def _cover_marks(text: QuoteText, start: int, end: int, cue: Cue) -> tuple[int, int]:
    """Widen reported content to whole quotations: one it ends or starts inside of.

    Also to a quotation right after it that closes the cue's sentence, which the parser hung
    elsewhere (``X said the media are to blame for focusing on "he said this."``).
    """
    body = text_of(text.doc)
    sentence_end = cue.token.sent.end_char
    for span in text.spans:
        stops_short = span.start < end < span.end  # a quotation is never cut in two
        closes_sentence = (
            not cue.according
            and span.start >= end
            and not body[end : span.start].strip()
            and span.start < sentence_end
            and not body[span.end : span.end + 2].strip().strip(".").strip()
        )
        if stops_short or closes_sentence:
            end = span.end
        if span.start < start < span.end:
            start = span.start
    return start, end


def _trim(content: Span, cue: Cue) -> tuple[int, int]:
    tokens = _without_trailing_clauses(list(content), cue)
    for n, token in enumerate(tokens):  # "…; they only learned on Friday …" is the writer's
        after = tokens[n + 1 :]
        if token.text == ";" and token.i > cue.token.i and any(t.dep_ == "nsubj" for t in after):
            tokens = tokens[:n]
            break
    while tokens and (tokens[0].lower_ in _LEADING or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and ((tokens[-1].is_punct and tokens[-1].text not in '”"') or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens:
        return content.start_char, content.start_char
    last = tokens[-1].i
    for token in tokens:  # ", a statement that …" summing up the clause is the writer's
        edge = token.left_edge.i
        summing = token.dep_ == "appos" and token.right_edge.i >= last and edge > tokens[0].i
        if summing and token.doc[edge - 1].text == "," and token.doc[edge].lower_ in ("a", "an"):
            tokens = [t for t in tokens if t.i < edge - 1]
            break
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
