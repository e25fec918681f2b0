"""``python -m bot eval questions --gold F``: open questions against hand-labelled stories.

The gold file (see ``tests/data/questions_gold.json``) lists stories, each with its article
files (ingested in order into a fresh store) and the matters a careful reader would list. A
predicted item is about a gold item when its evidence sentences contain one of the gold item's
``evidence`` phrases; each gold item is matched to at most one predicted item (the one sharing
the most phrases), so a matter split into two items counts one of them as a duplicate. Figures:

* recall: required gold items matched by some predicted item;
* precision: predicted items matched to a gold item (required or ``optional``);
* status: matched required items whose resolved/open state is right and whose status line
  contains every ``status_has`` word.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.core.clock import FixedClock
from bot.core.questions import OpenQuestion, corpus_stories, open_questions
from bot.evaluation.cli import Evaluation
from bot.settings import CorpusSettings, Settings, StoreSettings

if TYPE_CHECKING:
    from bot.bootstrap import App


@dataclass
class Score:
    """Counts behind the figures, summed over stories."""

    required: int = 0
    found: int = 0
    predicted: int = 0
    correct_predictions: int = 0
    status_right: int = 0
    misses: list[str] = field(default_factory=list)
    wrong_status: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """Recall, precision and status correctness, each in [0, 1]."""
        return {
            "recall": self.found / self.required if self.required else 0.0,
            "precision": self.correct_predictions / self.predicted if self.predicted else 0.0,
            "status": self.status_right / self.found if self.found else 0.0,
        }


def hits(item: OpenQuestion, gold: dict[str, Any]) -> int:
    """How many of the gold item's evidence phrases the predicted item's evidence contains."""
    phrases = [str(p).lower() for p in gold["evidence"]]
    return sum(any(p in line.text.lower() for line in item.evidence) for p in phrases)


def status_ok(item: OpenQuestion, gold: dict[str, Any]) -> bool:
    """Whether the predicted state and status line agree with the gold item."""
    if item.resolved != (gold.get("status") == "resolved"):
        return False
    return all(str(w).lower() in item.status.lower() for w in gold.get("status_has", []))


def _coverage(item: OpenQuestion, gold: dict[str, Any]) -> float:
    """Share of the item's evidence sentences that hold a phrase of the gold item."""
    phrases = [str(p).lower() for p in gold["evidence"]]
    inside = sum(any(p in line.text.lower() for p in phrases) for line in item.evidence)
    return inside / len(item.evidence) if item.evidence else 0.0


def align(items: list[OpenQuestion], gold_items: list[dict[str, Any]]) -> dict[int, int]:
    """One predicted item per gold item: gold index -> item index, best evidence overlap first.

    Ties go to the item whose evidence is most about the gold matter. A second item about an
    already matched matter is a duplicate and stays unmatched.
    """
    pairs = sorted(
        (-hits(item, gold), -_coverage(item, gold), bool(gold.get("optional")), g, i)
        for g, gold in enumerate(gold_items)
        for i, item in enumerate(items)
        if hits(item, gold)
    )
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for _, _, _, g, i in pairs:
        if g not in chosen and i not in used:
            chosen[g] = i
            used.add(i)
    return chosen


def score_story(items: list[OpenQuestion], gold_items: list[dict[str, Any]], score: Score) -> None:
    """Add one story's comparison to ``score``."""
    chosen = align(items, gold_items)
    score.predicted += len(items)
    score.correct_predictions += len(chosen)
    matched = set(chosen.values())
    for i, item in enumerate(items):
        if i not in matched:
            duplicate = any(hits(item, g) for g in gold_items)
            score.unmatched.append(("duplicate: " if duplicate else "") + item.question)
    for g, gold in enumerate(gold_items):
        if gold.get("optional"):
            continue
        score.required += 1
        if g not in chosen:
            score.misses.append(gold["id"])
            continue
        score.found += 1
        item = items[chosen[g]]
        if status_ok(item, gold):
            score.status_right += 1
        else:
            score.wrong_status.append(f"{gold['id']}: {item.status}")


@contextmanager
def fresh_app(folder: Path, now: datetime) -> Iterator[App]:
    """An app over a new, empty store under ``folder`` whose clock stands at ``now``."""
    from bot.bootstrap import build

    settings = Settings(
        store=StoreSettings(path=folder / "eval.sqlite3"), corpus=CorpusSettings(dirs=[])
    )
    app = build(settings, clock=FixedClock(now))
    try:
        yield app
    finally:
        app.close()


def ingest_file(app: App, path: Path, *, strict: bool = True) -> list[str]:
    """Ingest one file; return the ids of its articles (a failure ends the run if ``strict``)."""
    report = app.ingestor.ingest_paths([path])
    if strict and report.failures:
        raise SystemExit(f"cannot ingest {path}: {report.failures[0].reason}")
    return [o.article_id for o in report.outcomes if o.article_id]


def listed(app: App, at: datetime) -> list[OpenQuestion]:
    """The app's open questions at ``at``, kept apart by the corpus's stories."""
    store = app.services.store
    return open_questions(store, at, stories=corpus_stories(store))


def predict(files: list[Path], folder: Path) -> list[OpenQuestion]:
    """Ingest ``files`` in order into a new store under ``folder`` and list its questions."""
    now = datetime.now(UTC)
    with fresh_app(folder, now) as app:
        for path in files:
            ingest_file(app, path)
        return listed(app, now + timedelta(days=1))


def evaluate(gold_path: Path, *, verbose: bool = False) -> Score:
    """Score every story of the gold file."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    score = Score()
    for story in gold["stories"]:
        files = [(gold_path.parent / f).resolve() for f in story["files"]]
        with tempfile.TemporaryDirectory(prefix="bot-eval-q-") as tmp:
            items = predict(files, Path(tmp))
        if verbose:
            print(f"## {story['name']}")
            for item in items:
                print(f"  {'✓' if item.resolved else '?'} {item.question} | {item.status}")
        score_story(items, story["items"], score)
    return score


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, required=True, metavar="F", help="labelled stories")
    parser.add_argument(
        "--events",
        action="store_true",
        help="F is event-labelled articles (ECB+ JSONL): count questions mixing two events",
    )
    parser.add_argument("--articles", type=int, default=60, help="with --events: sample size")
    parser.add_argument("--seed", type=int, default=3, help="with --events: random seed")
    parser.add_argument("--verbose", action="store_true", help="print every predicted item")
    parser.add_argument(
        "--mixed",
        action="store_true",
        help="ingest every story into one store (matters must stay apart by story)",
    )


def _run(args: argparse.Namespace, _settings: Settings) -> int:
    if not args.gold.is_file():
        print(f"error: no gold file at {args.gold}", file=sys.stderr)
        return 2
    if args.events:
        from bot.evaluation.questions_mixed import evaluate_events

        listed, mixed = evaluate_events(args.gold, args.articles, args.seed)
        print(
            f"open questions over {args.articles} event-labelled articles (seed {args.seed}): "
            f"{listed} listed, {mixed} with evidence from two events"
        )
        return 0
    mixing = None
    if args.mixed:
        from bot.evaluation.questions_mixed import evaluate_mixed

        score, mixing = evaluate_mixed(args.gold, verbose=args.verbose)
    else:
        score = evaluate(args.gold, verbose=args.verbose)
    figures = score.figures()
    print(
        f"open questions: recall {figures['recall']:.2f} ({score.found}/{score.required}), "
        f"precision {figures['precision']:.2f} ({score.correct_predictions}/{score.predicted}), "
        f"status {figures['status']:.2f} ({score.status_right}/{score.found})"
        + (f", items mixing stories {mixing}/{score.predicted}" if mixing is not None else "")
    )
    for name, values in (
        ("missed", score.misses),
        ("wrong status", score.wrong_status),
        ("not in gold", score.unmatched),
    ):
        for value in values:
            print(f"  {name}: {value}")
    return 0


QUESTIONS_EVAL = Evaluation(
    "questions", "open questions: recall, precision, status", _configure, _run
)
