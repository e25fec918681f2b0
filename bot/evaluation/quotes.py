"""``python -m bot eval quotes --gold FILE.jsonl``: quotation spans and speakers against gold.

Each gold attribution and each extracted attribution (the quotes sharing a ``group``) is a set
of word positions. Two match *exactly* when the sets are equal (a leading "that" aside) and
*by overlap* when they share at least half of the words of the larger one; matching is
one-to-one, best overlap first. Precision, recall and F1 are given for all attributions, for
direct ones (content with quotation marks, as PolNeAR's ``content_has_quote_marks``) and for
indirect ones, each kind matched within itself. Speaker accuracy counts overlap-matched pairs
whose gold speaker is a name.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.evaluation.quote_gold import (
    DOUBLE_QUOTES,
    GoldDocument,
    GoldQuote,
    load_gold,
    name_words,
    same_speaker,
)

if TYPE_CHECKING:
    from bot.core.analysis import Quote
    from bot.evaluation.cli import Evaluation
    from bot.settings import Settings

OVERLAP = 0.5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Predicted:
    """One extracted attribution (its quotes' spans) with its speaker."""

    spans: tuple[tuple[int, int], ...]
    direct: bool
    speaker: str
    mention: str
    named: bool = True
    """Whether the speaker is a named person or organisation (not a description)."""


@dataclass
class Tally:
    """Counts for one kind of attribution."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    named: int = 0
    named_right: int = 0

    def figures(self) -> dict[str, float | int]:
        """Precision, recall, F1 (exact and overlap) and named-speaker accuracy."""
        out: dict[str, float | int] = {"gold": self.gold, "predicted": self.predicted}
        for name, hits in (("exact", self.exact), ("overlap", self.overlap)):
            p = hits / self.predicted if self.predicted else 0.0
            r = hits / self.gold if self.gold else 0.0
            out[f"{name}_p"], out[f"{name}_r"] = round(p, 3), round(r, 3)
            out[f"{name}_f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
        out["named"] = self.named
        out["speaker_acc"] = round(self.named_right / self.named, 3) if self.named else 0.0
        return out


def words(text: str, spans: tuple[tuple[int, int], ...]) -> frozenset[int]:
    """Start offsets of the words inside ``spans``, a leading "that" left out."""
    found: list[int] = []
    for start, end in sorted(spans):
        found += [m.start() + start for m in _WORD.finditer(text[start:end])]
    if found and text[found[0] : found[0] + 5].lower() in ("that ", "that\n"):
        found = found[1:]
    return frozenset(found)


def group_quotes(quotes: list[Quote], grouped: bool = True) -> list[Predicted]:
    """Extracted quotes as attributions: the quotes of one group together, or one by one."""
    groups: dict[int, list[Quote]] = {}
    for number, quote in enumerate(quotes):
        groups.setdefault(quote.group if grouped else number, []).append(quote)
    found: list[Predicted] = []
    for members in groups.values():
        first = members[0]
        found.append(
            Predicted(
                spans=tuple((q.char_start, q.char_end) for q in members),
                direct=any(c in q.text for q in members for c in DOUBLE_QUOTES),
                speaker=first.speaker if first.speaker_kind != "unresolved" else "",
                mention=first.mention,
                named=first.speaker_kind in ("person", "organisation"),
            )
        )
    return found


def score_document(
    document: GoldDocument,
    predicted: list[Predicted],
    tallies: dict[str, Tally],
    errors: list[str] | None = None,
) -> None:
    """Match one document's predictions to its gold and add to the tallies.

    Args:
        document: the gold.
        predicted: what extraction found in its text.
        tallies: counts per kind, updated.
        errors: when given, gets a line per miss, spurious find and wrong speaker.
    """
    text = document.text
    for kind in ("all", "direct", "indirect"):
        gold = [g for g in document.quotes if kind == "all" or g.direct == (kind == "direct")]
        pred = [p for p in predicted if kind == "all" or p.direct == (kind == "direct")]
        tally = tallies[kind]
        tally.gold += len(gold)
        tally.predicted += len(pred)
        gold_words = [words(text, g.spans) for g in gold]
        pred_words = [words(text, p.spans) for p in pred]
        tally.exact += len(
            _match(gold_words, pred_words, lambda a, b: 1.0 if a == b and a else 0.0, 1.0)
        )
        pairs = _match(gold_words, pred_words, _overlap, OVERLAP)
        tally.overlap += len(pairs)
        for g, p in pairs:
            if gold[g].named:
                tally.named += 1
                right = same_speaker(gold[g], pred[p].speaker, pred[p].mention)
                tally.named_right += right
                if errors is not None and kind == "all" and not right:
                    errors.append(
                        f"{document.id} SPEAKER gold {gold[g].speaker!r} got "
                        f"{pred[p].speaker!r} ({pred[p].mention!r}): {_show(text, pred[p].spans)}"
                    )
        if errors is not None and kind == "all":
            matched_g = {g for g, _ in pairs}
            matched_p = {p for _, p in pairs}
            for g, quote in enumerate(gold):
                if g not in matched_g:
                    label = "MISS-D" if quote.direct else "MISS-I"
                    errors.append(
                        f"{document.id} {label} {quote.speaker!r}: {_show(text, quote.spans)}"
                    )
            for p, found in enumerate(pred):
                if p not in matched_p:
                    errors.append(
                        f"{document.id} EXTRA {found.speaker!r}: {_show(text, found.spans)}"
                    )


def _show(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    shown = " | ".join(" ".join(text[a:b].split()) for a, b in spans)
    return shown if len(shown) < 160 else shown[:157] + "…"


def _overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def _match(
    gold: list[frozenset[int]],
    pred: list[frozenset[int]],
    score: object,
    threshold: float,
) -> list[tuple[int, int]]:
    assert callable(score)
    candidates = sorted(
        (
            (s, g, p)
            for g, a in enumerate(gold)
            for p, b in enumerate(pred)
            if (s := score(a, b)) >= threshold
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, g, p in candidates:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return pairs


def wrongly_made_speakers(document: GoldDocument, predicted: list[Predicted]) -> list[str]:
    """People the gold says were only mentioned, yet were made speakers."""
    wrong: list[str] = []
    for person in document.not_speakers:
        wanted = name_words(person)
        if any(p.named and name_words(p.speaker) >= wanted for p in predicted):
            wrong.append(person)
    return wrong


def evaluate(documents: list[GoldDocument], errors: list[str] | None = None) -> dict[str, object]:
    """Extract quotes from every gold text and score them (see :func:`score_document`)."""
    from bot.nlp.annotate import load_spacy
    from bot.nlp.quotes import extract_quotes

    nlp = load_spacy()
    tallies = {kind: Tally() for kind in ("all", "direct", "indirect")}
    wrong: list[str] = []
    start = time.perf_counter()
    for document in documents:
        predicted = group_quotes(extract_quotes(nlp(document.text)), document.grouped)
        score_document(document, predicted, tallies, errors)
        wrong += wrongly_made_speakers(document, predicted)
    seconds = time.perf_counter() - start
    return {
        "documents": len(documents),
        "seconds": round(seconds, 2),
        **{kind: tally.figures() for kind, tally in tallies.items()},
        "mentioned_made_speakers": wrong,
    }


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, required=True, metavar="FILE.jsonl")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--errors", action="store_true", help="list misses, spurious finds and wrong speakers"
    )


def _run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        documents = load_gold(args.gold)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"error: cannot read gold file: {exc}", file=sys.stderr)
        return 2
    errors: list[str] | None = [] if args.errors else None
    report = evaluate(documents, errors)
    for line in errors or []:
        print(line, file=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"quotes: {report['documents']} documents from {args.gold} in {report['seconds']} s")
    print(f"{'kind':<9}{'gold':>6}{'pred':>6}   exact P/R/F1        overlap≥0.5 P/R/F1   speaker")
    for kind in ("all", "direct", "indirect"):
        f = report[kind]
        assert isinstance(f, dict)
        print(
            f"{kind:<9}{f['gold']:>6}{f['predicted']:>6}   "
            f"{f['exact_p']:.2f} {f['exact_r']:.2f} {f['exact_f1']:.2f}      "
            f"{f['overlap_p']:.2f} {f['overlap_r']:.2f} {f['overlap_f1']:.2f}       "
            f"{f['speaker_acc']:.2f} of {f['named']} named"
        )
    wrong = report["mentioned_made_speakers"]
    assert isinstance(wrong, list)
    if wrong:
        print("mentioned only, yet made speakers: " + ", ".join(wrong))
    return 0


def evaluation() -> Evaluation:
    """The ``eval quotes`` entry of ``python -m bot eval``."""
    from bot.evaluation.cli import Evaluation

    return Evaluation(
        "quotes",
        "quotation spans and speakers against gold (PolNeAR or own jsonl)",
        _configure,
        _run,
    )


__all__ = ["GoldQuote", "evaluate", "evaluation"]
