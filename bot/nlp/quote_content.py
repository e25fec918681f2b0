"""What a cue attributes: the words a speech verb, a labelling verb or "according to" governs.

Cues themselves are found in ``quote_cues.py``; these functions return the span of content
each kind of cue introduces, read from the dependency parse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.nlp.quote_cues import Cue, calls_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LABEL_DEPS = ("dobj", "oprd", "ccomp", "xcomp", "attr", "acomp")
LABEL_PREPS = ("as", "to", "for", "of", "on")
COMPLEMENT_DEPS = ("ccomp", "parataxis")


def labelled(
    cue: Cue, last_mark: Callable[[int, int], int | None], quoted: Callable[[int], bool]
) -> Span | None:
    """What a labelling verb puts on its object, the object included, up to its last quote.

    ``X called the plan "a disaster" on Monday`` → ``the plan "a disaster"``; ``X described
    her as "tireless"`` → ``her as "tireless"``, ``blasted the media for being "dishonest"``.
    None unless quotation marks close inside, or a quotation opens inside and runs on past the
    words the parser gave the verb (the caller widens the span to the whole quotation).

    Args:
        cue: a cue with ``label`` set.
        last_mark: given a character range, the end of the last quotation closing in it.
        quoted: tells whether a character offset lies inside quotation marks.
    """
    token = cue.token
    parts = [
        c
        for c in token.rights
        if c.dep_ in LABEL_DEPS or (c.dep_ == "prep" and c.lower_ in LABEL_PREPS)
    ]
    if not parts:
        return None
    doc = token.doc
    start = parts[0].left_edge.idx
    right = max(p.right_edge for p in parts)
    end = last_mark(start, right.idx + len(right) + 2)
    if end is None:
        if not quoted(right.idx):
            return None
        end = right.idx + len(right)
    return doc.char_span(start, end, alignment_mode="expand")


def demanded(cue: Cue) -> Span | None:
    """What ``called for`` or ``called on X to`` asks: ``a recount``, ``the city to act``."""
    token = cue.token
    prep = calls_for(token)
    if prep is None:
        return None
    parts = [prep, *(c for c in token.rights if c.dep_ == "xcomp")]
    right = max(p.right_edge.i for p in parts)
    if prep.dep_ == "prt":  # "called for" read as a phrasal verb: its object follows
        right = max([right, *(c.right_edge.i for c in token.rights if c.dep_ == "dobj")])
    if right <= prep.i:
        return None
    return token.doc[prep.i + 1 : right + 1]


def complement(cue: Cue) -> Span | None:
    """The reported content of a verb cue (its clausal complement), or None.

    A "that" clause after the verb wins over a clause before it (``Claiming …, X told Fox
    that …``); a "that" clause the parser hung on a noun after the verb is the complement
    too (``X told a crowd in Ohio that …``, ``X tweeted in the early hours that …``).
    """
    found = None
    for child in cue.token.children:
        if child.dep_ in COMPLEMENT_DEPS and _clause(child):
            if child.dep_ == "parataxis" and child.i > cue.token.i:
                continue
            if found is None or (child.i > cue.token.i and _opens_clause(child, found)):
                found = child
    if found is not None:
        return found.doc[found.left_edge.i : found.right_edge.i + 1]
    unmarked = next((c for c in cue.token.rights if _unmarked_clause(c)), None)
    if unmarked is not None:  # the words before its subject ("after the meeting") are the cue's
        subject = next(c for c in unmarked.children if c.dep_ in ("nsubj", "nsubjpass"))
        return unmarked.doc[subject.left_edge.i : unmarked.right_edge.i + 1]
    return _stray_that_clause(cue)


def _unmarked_clause(child: Token) -> bool:
    """Whether ``child`` is a complement the parser took for an adverbial clause.

    ``said after the meeting he would resign``: no "if", "when" or "because" opens it.
    """
    return (
        child.dep_ == "advcl"
        and child.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        and not any(c.dep_ in ("mark", "advmod") and c.i < child.i for c in child.children)
    )


def _clause(head: Token) -> bool:
    """Whether ``head`` heads a clause: a verb, or a word with a subject of its own.

    Quotation marks can make the tagger read a verb as an adjective or noun (``he was
    “troubled”``, ``the words “lump” …``).
    """
    if head.pos_ in ("VERB", "AUX"):
        return True
    return head.pos_ in ("ADJ", "NOUN") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in head.children
    )


def _opens_clause(clause: Token, before: Token) -> bool:
    """Whether a clause after the cue wins over the clause ``before`` it.

    With "that" it does; with only a subject of its own, when a colon or semicolon cuts the
    clause before off from the cue (``It is unlikely; the campaign says she will …``).
    """
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return True
    doc = clause.doc
    cut = any(t.text in (";", ":") for t in doc[before.right_edge.i + 1 : clause.head.i])
    return cut and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


_RELATIVE_NOUNS = frozenset(("way", "reason", "moment", "day", "extent", "point"))
"""Nouns whose "that" clause is a relative one (``the same way that we must``)."""


def _stray_that_clause(cue: Cue) -> Span | None:
    """``told a crowd in Ohio that he was …`` when the parser hung the clause on "Ohio"."""
    token = cue.token
    if cue.according or cue.label or cue.dash or cue.lexical:
        return None
    doc = token.doc
    for word in doc[token.i + 1 : token.right_edge.i + 1]:
        if word.pos_ in ("VERB", "AUX") or word.is_sent_start:
            return None
        if word.lower_ != "that" or word.dep_ not in ("mark", "advmod"):
            continue
        clause = word.head
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
        if (
            clause.pos_ in ("VERB", "AUX")
            and clause.dep_ in ("advcl", "acl", "relcl", "ccomp")
            and own_subject
            and clause.i > word.i
            and token in clause.ancestors
            and clause.head.lemma_.lower() not in _RELATIVE_NOUNS
        ):
            return doc[word.i : clause.right_edge.i + 1]
        return None
    return None


def parenthetical(cue: Cue) -> tuple[Span, int, int] | None:
    """``The museum, Ruiz said, would open in May``: a cue set in commas inside its content.

    The parser makes the cue a ``parataxis`` of the content's verb, or an ``as`` clause of it
    (``As Ruiz noted, the museum …``, ``…, as police have said``). Returns the content with the
    cue inside it, and the character range of the cue to leave out (its commas included); words
    the parser hung on the cue after its closing comma (``…, Ruiz said, until …``) are content.
    """
    token = cue.token
    head = token.head
    as_clause = (  # "even as he says …" concedes; it cites nothing
        token.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
        and not any(c.lower_ == "even" for c in token.children)
    )
    if cue.according or cue.label or cue.noun or head is token:
        return None
    if token.dep_ != "parataxis" and not as_clause:
        return None
    while head.dep_ == "advcl" and head.head.i > token.i:  # "Though …, he said, …"
        head = head.head
    if as_clause and head.dep_ in ("nsubj", "nsubjpass"):  # "The bridge, as X noted, is …"
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    doc = token.doc
    left = token.left_edge.i
    while left < token.i and doc[left].is_punct:
        left += 1
    if left > 0 and doc[left - 1].text in ((",",) if as_clause else (",", "—", "–")):
        opening = left - 1
    elif as_clause and doc[left].is_sent_start:
        opening = left
    else:
        return None
    closing = next(
        (
            t.i
            for t in doc[token.i + 1 : token.right_edge.i + 1]
            if t.text == "," and t.head == token
        ),
        token.right_edge.i,
    )
    start = min(head.left_edge.i, opening)
    end = max(head.right_edge.i, token.right_edge.i)
    if start >= opening and _last(doc, end) <= closing:
        return None
    hole = (doc[opening].idx, doc[closing].idx + len(doc[closing]))
    return doc[start : end + 1], hole[0], hole[1]


def _last(doc: Doc, i: int) -> int:
    while i > 0 and (doc[i].is_punct or doc[i].is_space):
        i -= 1
    return i


def infinitive_content(cue: Cue) -> Span | None:
    """``urged lawmakers to "act now"``, ``vowed to "drain the swamp"``: object and infinitive.

    Only a candidate: the caller keeps it when quotation marks lie inside.
    """
    token = cue.token
    if cue.according or cue.label or cue.dash or cue.lexical:
        return None
    xcomp = next((c for c in token.rights if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if xcomp is None:
        return None
    objects = [c for c in token.rights if c.dep_ == "dobj" and c.i < xcomp.i]
    first = objects[0].left_edge if objects else xcomp.left_edge
    return token.doc[first.i : xcomp.right_edge.i + 1]


def according_content(cue: Cue) -> Span | None:
    """What is reported ``according to X``: the rest of its clause, without the phrase.

    When the parser hung the phrase on a noun (``Clinton leads by 4 points, according to the
    poll``), a phrase opening or closing its sentence reports the rest of the sentence.
    """
    head = cue.token.head
    doc = cue.token.doc
    phrase = (cue.token.left_edge.i, cue.token.right_edge.i)
    if head is not cue.token and head.pos_ in ("VERB", "AUX"):
        left, right = head.left_edge.i, _last_word(doc, head.right_edge.i)
    else:
        sentence = cue.token.sent
        left, right = sentence.start, _last_word(doc, sentence.end - 1)
    if phrase[0] == left:  # "According to X, …"
        left = phrase[1] + 1
    elif phrase[1] >= right - 1:  # "…, according to X."
        right = phrase[0] - 1
    else:
        return None
    while left <= right and doc[left].is_punct:
        left += 1
    while right >= left and doc[right].is_punct:
        right -= 1
    if right - left < 2:
        return None
    return doc[left : right + 1]


def _last_word(doc: Doc, i: int) -> int:
    """The last token at or before ``i`` that is neither space nor punctuation."""
    while i > 0 and (doc[i].is_space or doc[i].is_punct):
        i -= 1
    return i
