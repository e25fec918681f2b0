"""Who said what: quotation extraction and speaker attribution over the shared spaCy parse.

Three passes, most certain first, each quotation claimed once:

1. reported speech: a speech verb's clausal complement (``X said (that) …``, ``…, X said``,
   ``according to X, …``). A complement that is all inside quotation marks is a direct quote;
   quoted fragments inside reported speech (``the "only way"``) belong to that speech.
2. direct quotes attributed next to them: ``"…," Trump said``, ``"…," said X, role``,
   ``X wrote on Truth Social: "…"``, an attribution ending the previous paragraph with a colon.
3. continuations: ``"…," Trump said. "…"`` and a quotation paragraph right after a paragraph
   whose last quotation was attributed and nothing else followed it.

Quotation marks nobody is attributed (scare quotes, titles) are not quotes. Speakers are resolved
by :mod:`bot.nlp.speakers`; people who are only mentioned never become speakers, because only the
subject of a cue can be one.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.core.analysis import Analysis, Quote, QuoteKind, SpeakerKind
from bot.core.models import Article
from bot.nlp.quote_cues import (
    Cue,
    according_content,
    complement,
    dash_cue,
    find_cues,
    infinitive_content,
    inverted_cues,
    is_speech_verb,
    labelled,
    subject_of,
    text_of,
)
from bot.nlp.quote_marks import MARKS as MARK_CHARS
from bot.nlp.quote_marks import MarkSpan, paragraphs, quote_spans
from bot.nlp.speakers import PERSONAL_PRONOUNS, Entity, Registry, Speaker, clean_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_GAP_TOKENS = 45
"""Most words between a quotation and its cue (long appositions included)."""
PRONOUN_PARAGRAPHS = 3
"""A pronoun refers to someone named at most this many paragraphs back."""
_LEADING = frozenset(("that", ",", ":", "—", "–", "-"))
_CONTINUING_PUNCT = frozenset((",", ":", "—", "–", ";"))


@dataclass
class _Attribution:
    cue: Cue
    kind: QuoteKind
    spans: list[tuple[int, int]] = field(default_factory=list)
    speaker: Speaker | None = None


class QuoteStep:
    """The ``quotes`` analysis step: fills ``Analysis.quotes``."""

    name = "quotes"
    version = 7

    def run(self, doc: Doc, article: Article, analysis: Analysis) -> None:
        """Extract the article's quotations with their speakers."""
        analysis.quotes = extract_quotes(doc)


class _Text:
    """Quotation spans and paragraphs of one parse, with fast position look-ups."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spans = quote_spans(text_of(doc))
        self.starts = [s.start for s in self.spans]
        self.paras = paragraphs(text_of(doc))
        self.para_starts = [p[0] for p in self.paras]

    def span_index(self, position: int) -> int | None:
        n = bisect.bisect_right(self.starts, position) - 1
        if n >= 0 and self.spans[n].contains(position):
            return n
        return None

    def last_mark(self, start: int, end: int) -> int | None:
        """End of the last quotation lying in ``[start, end)``, or None."""
        inside = [s.end for s in self.spans if start <= s.start and s.end <= end]
        return inside[-1] if inside else None

    def quoted(self, position: int) -> bool:
        return self.span_index(position) is not None

    def para(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, position) - 1)

    def tokens(self, start: int, end: int) -> Span:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None else self.doc[0:0]


def extract_quotes(doc: Doc) -> list[Quote]:
    """Every attributed quotation in a parsed text, in order of appearance."""
    text = _Text(doc)
    registry = Registry.build(doc, text.quoted)
    cues = find_cues(doc, text.quoted)
    cues = sorted(cues + inverted_cues(doc, text.quoted, cues), key=lambda c: c.start)
    owner: dict[int, _Attribution] = {}
    attributions = _reported(text, cues, owner)
    attributions += _adjacent(text, [c for c in cues if not c.label], owner)
    attributions += _continued(text, owner)
    _resolve(text, registry, attributions)
    return _records(text, attributions)


def _reported(text: _Text, cues: list[Cue], owner: dict[int, _Attribution]) -> list[_Attribution]:
    found: list[_Attribution] = []
    for cue in cues:
        if cue.label:
            content = labelled(cue, text.last_mark)
        else:
            content = according_content(cue) if cue.according else complement(cue)
        infinitive = content is None
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
            and not t.is_punct
            and not t.is_space
            and t.lower_ not in _LEADING
        ]
        if infinitive and not covered:
            continue  # "asked him to leave": an infinitive is kept for its quoted words only
        if covered and not outside:
            attribution = _Attribution(cue, "direct")
            for n in covered:
                attribution.spans.append((text.spans[n].start, text.spans[n].end))
                owner[n] = attribution
        elif outside:
            if len(outside) < 3 and not covered:
                continue
            attribution = _Attribution(cue, "indirect", [(start, end)])
            for n in covered:
                if text.spans[n].start >= start and text.spans[n].end <= end:
                    owner[n] = attribution
        else:
            continue
        found.append(attribution)
    return found


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


def _cover_marks(text: _Text, start: int, end: int, cue: Cue) -> tuple[int, int]:
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


def _adjacent(text: _Text, cues: list[Cue], owner: dict[int, _Attribution]) -> list[_Attribution]:
    found: list[_Attribution] = []
    by_cue: dict[int, _Attribution] = {}
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
            attribution = by_cue[cue.start] = _Attribution(cue, "direct")
            found.append(attribution)
        else:
            attribution = existing
        attribution.spans.append((span.start, span.end))
        owner[n] = attribution
    return found


def _cue_after(text: _Text, cues: list[Cue], n: int) -> Cue | None:
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


def _has_own_content(text: _Text, cue: Cue, span: MarkSpan) -> bool:
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


def _cue_before(text: _Text, cues: list[Cue], n: int) -> Cue | None:
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


def _starts_utterance(text: _Text, n: int) -> bool:
    """Nothing but a finished sentence, a colon or a dash comes before the quotation."""
    span = text.spans[n]
    floor = text.paras[text.para(span.start)][0] if text.paras else 0
    if n > 0:
        floor = max(floor, text.spans[n - 1].end)
    before = text_of(text.doc)[floor : span.start].rstrip()
    return not before or before.endswith((".", "!", "?", ":", "—", "–", "…"))


def _ends_utterance(text: _Text, n: int) -> bool:
    """The quotation ends its sentence (or a clause before an attribution)."""
    span = text.spans[n]
    body = text_of(text.doc)
    inner = body[span.start : span.end].rstrip(MARK_CHARS + "\u2060")
    if inner.endswith((".", "!", "?", ",", "…", "—")):
        return True
    after = body[span.end : span.end + 2].lstrip(" ")
    return not after or after[0] in ".!?;\n"


def _continued(text: _Text, owner: dict[int, _Attribution]) -> list[_Attribution]:
    found: list[_Attribution] = []
    for n, span in enumerate(text.spans):
        if n in owner or n == 0:
            continue
        previous = owner.get(n - 1)
        prev_span = text.spans[n - 1]
        if previous is None or not _ends_with_quotation(previous, prev_span):
            continue
        same_para = text.para(prev_span.end - 1) == text.para(span.start)
        if same_para:
            if _only_attribution(text, previous.cue, prev_span.end, span.start):
                previous.spans.append((span.start, span.end))
                owner[n] = previous
            continue
        number = text.para(span.start)
        if text.paras[number][0] != span.start or text.para(prev_span.end - 1) != number - 1:
            continue
        para_end = text.paras[number - 1][1]
        if _only_attribution(text, previous.cue, prev_span.end, para_end):
            attribution = _Attribution(previous.cue, "direct", [(span.start, span.end)])
            owner[n] = attribution
            found.append(attribution)
    return found


def _ends_with_quotation(attribution: _Attribution, span: MarkSpan) -> bool:
    """A direct attribution, or reported words ending with a quotation (``X said it was "…"``)."""
    if attribution.kind == "direct":
        return True
    return bool(attribution.spans) and max(e for _, e in attribution.spans) == span.end


def _only_attribution(text: _Text, cue: Cue, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds nothing but the attribution ``cue`` belongs to."""
    gap = [t for t in text.tokens(start, end) if not t.is_space]
    if not gap:
        return True
    sentence = cue.token.sent
    return all(
        t.is_punct or sentence.start <= t.i < sentence.end or t.text in _CONTINUING_PUNCT
        for t in gap
    ) and any(t.i == cue.token.i for t in gap)


def _resolve(text: _Text, registry: Registry, attributions: list[_Attribution]) -> None:
    for token in text.doc:
        main_clause = token.head.dep_ in ("ROOT", "conj")
        if token.dep_ in ("nsubj", "nsubjpass") and main_clause and token.pos_ == "PROPN":
            entity = registry.lookup(_name_at(token), token.idx, "person")
            if entity is not None and not text.quoted(token.idx):
                registry.mark_salient(token.idx, entity)
    for attribution in sorted(attributions, key=lambda a: a.cue.subject.idx):
        attribution.speaker = _speaker(text, registry, attribution.cue)
        if attribution.speaker.entity is not None:
            registry.mark_salient(attribution.cue.subject.idx, attribution.speaker.entity)


def _name_at(token: Token) -> str:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return clean_name(ent)
    return clean_name(_compound(token))


def _compound(token: Token) -> Span:
    first = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "det") and child.i < first:
            first = child.i
    return token.doc[first : token.i + 1]


def _speaker(text: _Text, registry: Registry, cue: Cue) -> Speaker:
    head = cue.subject
    if head.lower_ == "who" and head.head.dep_ == "relcl":
        head = head.head.head
    word = head.lower_
    if word in PERSONAL_PRONOUNS:
        number = text.para(head.idx)
        window = text.paras[max(0, number - PRONOUN_PARAGRAPHS)][0] if text.paras else 0
        entity = _nested_antecedent(registry, cue, word) or registry.resolve_pronoun(
            word, head.idx, window
        )
        if entity is None:
            return Speaker(head.text, "unresolved", head.text, "")
        entity.gender = entity.gender or ("f" if word == "she" else "m")
        return Speaker(entity.name, "person", head.text, entity.role, entity)
    if head.pos_ == "PRON":
        return Speaker(head.text, "unresolved", head.text, "")
    if cue.dash or head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return _named(registry, head)
    for child in head.children:  # "the health minister, Rosa Blanco, said"
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            named = _named(registry, child)
            if named.role:
                return named
            role = text_of(head.doc)[head.left_edge.idx : head.idx + len(head)]
            return Speaker(named.name, named.kind, named.mention, role, named.entity)
    entity = None
    if any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) and not any(
        c.dep_ == "prep" for c in head.children
    ):
        entity = registry.resolve_title(head, head.idx)
    phrase = _description(head)
    if entity is not None:
        return Speaker(entity.name, "person", phrase, entity.role, entity)
    first = head.left_edge
    shouted = len(first.text) > 1 and first.text.isupper()
    common = first.pos_ != "PROPN" and not first.ent_type_ and not shouted
    shown = phrase[0].lower() + phrase[1:] if common else phrase
    return Speaker(shown, "description", phrase, "")


def _nested_antecedent(registry: Registry, cue: Cue, word: str) -> Entity | None:
    """Inside someone's reported words, "he" is the person named there, not the reporter.

    ``Flynn said Trump was right when he said …``: "he" is Trump.
    """
    outer = next((a for a in cue.token.ancestors if is_speech_verb(a)), None)
    outer_subject = subject_of(outer) if outer is not None else None
    if outer is None or outer_subject is None:
        return None
    sentence = cue.token.sent
    reporter = registry.lookup(_name_at(outer_subject), outer_subject.idx, "person")
    gender = "f" if word == "she" else "m"
    for position, entity in reversed(registry.mentions):
        if not sentence.start_char <= position < cue.subject.idx or position <= outer_subject.idx:
            continue
        if entity.kind == "person" and entity is not reporter and entity.gender in (None, gender):
            return entity
    return None


def _named(registry: Registry, head: Token) -> Speaker:
    span = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    words = span if span is not None else _compound(head)
    name = clean_name(words)
    label = span.label_ if span is not None else ""
    kind_hint: SpeakerKind | None = (
        "organisation" if label in ("ORG", "GPE", "NORP", "FAC") else None
    )
    entity = registry.lookup(name, head.idx, "person" if label == "PERSON" else kind_hint)
    if entity is None and label != "PERSON":
        entity = registry.lookup(name, head.idx)
    mention = text_of(head.doc)[words.start_char : words.end_char]
    the = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    if entity is not None:
        shown = f"the {entity.name}" if entity.kind == "organisation" and the else entity.name
        return Speaker(shown, entity.kind, mention, entity.role, entity)
    kind: SpeakerKind = "organisation" if kind_hint else "person"
    if not name:
        return Speaker(mention, "unresolved", mention, "")
    shown = f"the {name}" if kind == "organisation" and the else name
    return Speaker(shown, kind, mention, "")


def _description(head: Token) -> str:
    """``a spokesperson for Senate Majority Leader John Thune``, ``Turkey's foreign minister``."""
    doc = head.doc
    end = head.i
    for child in head.rights:  # "the former secretary of state and current nominee"
        if (
            child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "with", "from", "in")
        ) or child.dep_ in ("cc", "conj"):
            end = max(end, child.right_edge.i)
        else:
            break
    while end > head.i and (doc[end].is_punct or doc[end].dep_ == "cc"):
        end -= 1
    start = head.left_edge.i
    return text_of(doc)[doc[start].idx : doc[end].idx + len(doc[end])]


def _records(text: _Text, attributions: list[_Attribution]) -> list[Quote]:
    records: list[tuple[int, int, _Attribution]] = []
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


def attributions_spans(attribution: _Attribution) -> list[tuple[int, int]]:
    """An attribution's spans, in order, without duplicates."""
    return sorted(set(attribution.spans))
