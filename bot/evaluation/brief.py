"""``python -m bot eval brief --gold FILE.jsonl [--dump OUT.json]``: briefs scored with ROUGE.

Each ``{id, article, reference}`` line is briefed on its own (split into sentences by the same
analysis as ingest), and scored against its reference with ROUGE-1/2/L (``rouge-score``, Porter
stemming) next to two baselines on the same sentences: Lead-3 (the first three sentences) and
the article's opening cut to the brief's own length in words.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.evaluation.cli import Evaluation

if TYPE_CHECKING:
    from bot.core.ports import Summarizer
    from bot.core.summary import SourceDoc
    from bot.settings import Settings

METRICS = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True)
class GoldItem:
    """One line of the gold file."""

    id: str
    article: str
    reference: str


@dataclass
class Scores:
    """ROUGE F1 (0..100) and lengths of one system over the gold items."""

    name: str
    f1: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in METRICS})
    words: list[int] = field(default_factory=list)

    def add(self, scored: dict[str, Any], words: int) -> None:
        """Record one item's ROUGE scores and summary length."""
        for metric in METRICS:
            self.f1[metric].append(100 * scored[metric].fmeasure)
        self.words.append(words)

    def row(self) -> str:
        """One line of the results table."""
        means = [statistics.fmean(self.f1[m]) if self.f1[m] else 0.0 for m in METRICS]
        words = statistics.fmean(self.words) if self.words else 0.0
        return f"{self.name:<22} {means[0]:6.2f} {means[1]:6.2f} {means[2]:6.2f} {words:7.1f}"


def read_gold(path: Path) -> list[GoldItem]:
    """The gold items of a JSONL file (blank lines skipped).

    Raises:
        ValueError: a line is not JSON or lacks ``id``, ``article`` or ``reference``.
    """
    items = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                items.append(GoldItem(str(row["id"]), row["article"], row["reference"]))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a {{id, article, reference}} line") from exc
    return items


def as_doc(item: GoldItem) -> SourceDoc:
    """The gold article as a summariser input, split into sentences as at ingest."""
    from bot.core.models import Article
    from bot.core.summary import SourceDoc
    from bot.nlp.annotate import NlpAnalyzer

    article = Article(id=item.id, title="", body=item.article)
    sentences = NlpAnalyzer().analyse(article).sentences
    return SourceDoc(item.id, "", None, tuple(sentences))


def lead(doc: SourceDoc, sentences: int) -> str:
    """The first ``sentences`` sentences."""
    return " ".join(s.text for s in doc.sentences[:sentences])


def lead_words(doc: SourceDoc, words: int) -> str:
    """The article's opening, ``words`` words long."""
    return " ".join(" ".join(s.text for s in doc.sentences).split()[:words])


def evaluate(
    items: Sequence[GoldItem], summarizer: Summarizer, max_words: int
) -> tuple[list[Scores], dict[str, str]]:
    """Brief every item; score the briefs and the baselines. Returns scores and briefs by id."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    system = Scores(summarizer.name)
    lead3 = Scores("Lead-3")
    same = Scores("Lead, same words")
    briefs: dict[str, str] = {}
    for item in items:
        doc = as_doc(item)
        summary = asyncio.run(summarizer.summarize([doc], max_words=max_words))
        text = " ".join(s.text for s in summary.sentences)
        briefs[item.id] = text
        system.add(scorer.score(item.reference, text), summary.words)
        baseline = lead(doc, 3)
        lead3.add(scorer.score(item.reference, baseline), len(baseline.split()))
        opening = lead_words(doc, summary.words)
        same.add(scorer.score(item.reference, opening), len(opening.split()))
    return [system, lead3, same], briefs


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, metavar="FILE.jsonl")
    parser.add_argument(
        "--developments",
        type=Path,
        metavar="FILE.json",
        help="count hand-listed developments covered, brief against the opening in as many words",
    )
    parser.add_argument("--dump", type=Path, metavar="OUT.json", help="write {id: summary}")
    parser.add_argument(
        "--words", type=int, metavar="N", help="word budget (default BOT_SUMMARIZER__MAX_WORDS)"
    )
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N items")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.nlp.summarizers import make_summarizer

    if args.developments:
        return _run_developments(args, settings)
    if args.gold is None:
        print("error: give --gold FILE.jsonl or --developments FILE.json", file=sys.stderr)
        return 2
    try:
        items = read_gold(args.gold)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    items = items[: args.limit] if args.limit else items
    words = args.words or settings.summarizer.max_words
    start = time.perf_counter()
    scores, briefs = evaluate(items, make_summarizer(settings.summarizer), words)
    seconds = time.perf_counter() - start
    print(f"eval brief: {len(items)} articles from {args.gold}, budget {words} words")
    print(f"{'system':<22} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'words':>7}")
    for score in scores:
        print(score.row())
    print(f"({seconds:.1f} s; ROUGE F1 x 100, rouge-score with Porter stemming)")
    if args.dump:
        args.dump.write_text(json.dumps(briefs, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def _run_developments(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation.developments import measure, read_developments, report
    from bot.nlp.summarizers import make_summarizer

    try:
        articles = read_developments(args.developments)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    words = args.words or settings.summarizer.max_words
    summarizer = make_summarizer(settings.summarizer)
    rows = [measure(article, summarizer, words) for article in articles]
    print(f"eval brief: developments covered, {args.developments}, budget {words} words")
    print("\n".join(report(rows)))
    print("(brief: the summariser; lead: the article's opening cut to the brief's words)")
    if args.dump:
        dump = {r.article: {"brief": list(r.brief), "lead": list(r.lead)} for r in rows}
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


BRIEF_EVAL = Evaluation("brief", "ROUGE of briefs against reference summaries", _configure, _run)
