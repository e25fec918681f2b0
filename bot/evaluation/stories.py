"""``python -m bot eval stories --gold FILE.jsonl``: story grouping against same-event labels.

The gold file holds one document per line: ``doc_id``, ``cluster`` (the same-event label) and
``sentences`` (its text, one paragraph per sentence). Every document is ingested through the
real pipeline (spaCy, MiniLM) into a store (``--keep-store`` keeps it for the next run),
the store is grouped as ``/brief`` would group it, and the groups are scored with pairwise and
B-cubed precision, recall and F1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.stories import GroupingRules, group_stories
from bot.ingest.documents import Document, clean_text

if TYPE_CHECKING:
    from bot.evaluation.cli import Evaluation
    from bot.settings import Settings


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Pairs of items put together: how many are truly together (P), how many found (R)."""
    items = sorted(gold)
    together_pred = _pairs(predicted, items)
    together_gold = _pairs(gold, items)
    both = len(together_pred & together_gold)
    precision = both / len(together_pred) if together_pred else 1.0
    recall = both / len(together_gold) if together_gold else 1.0
    return Scores(precision, recall)


def _pairs(labels: Mapping[str, str], items: list[str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(labels[item], []).append(item)
    return {
        (a, b) for group in groups.values() for i, a in enumerate(group) for b in group[i + 1 :]
    }


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed (Bagga & Baldwin 1998): per item, the share of its group that is right, averaged."""
    items = list(gold)
    if not items:
        return Scores(1.0, 1.0)
    pred_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    both = Counter((predicted[i], gold[i]) for i in items)
    precision = sum(both[(predicted[i], gold[i])] / pred_size[predicted[i]] for i in items)
    recall = sum(both[(predicted[i], gold[i])] / gold_size[gold[i]] for i in items)
    return Scores(precision / len(items), recall / len(items))


def load_gold(path: Path) -> list[dict[str, object]]:
    """The gold documents (``doc_id``, ``cluster``, ``sentences``).

    Raises:
        SystemExit: the file is missing or a line is not such a document.
    """
    rows: list[dict[str, object]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SystemExit(f"error: cannot read {path}: {exc.strerror or exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not all(key in row for key in ("doc_id", "cluster", "sentences")):
            raise SystemExit(f"error: {path}:{number} lacks doc_id, cluster or sentences")
        rows.append(row)
    return rows


def _document(gold: Path, row: Mapping[str, object]) -> Document:
    """A gold row as a document; its origin is stable, so a kept store is reused as is."""
    sentences = row["sentences"]
    texts = [str(s) for s in sentences] if isinstance(sentences, list) else [str(sentences)]
    body = clean_text("\n\n".join(texts))
    return Document(
        title=body.split("\n", 1)[0][:120], body=body, origin=f"{gold.resolve()}#{row['doc_id']}"
    )


def run_stories_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Ingest the gold documents, group them, print the scores."""
    from bot.bootstrap import build
    from bot.settings import StoreSettings

    rows = load_gold(args.gold)
    rules = GroupingRules(
        threshold=args.threshold if args.threshold is not None else GroupingRules.threshold,
        entity_weight=(
            args.entity_weight if args.entity_weight is not None else GroupingRules.entity_weight
        ),
        lead_sentences=args.lead if args.lead is not None else GroupingRules.lead_sentences,
    )
    with tempfile.TemporaryDirectory(prefix="bot-eval-stories-") as tmp:
        store_path = args.keep_store or Path(tmp) / "eval.sqlite3"
        app = build(settings.model_copy(update={"store": StoreSettings(path=store_path)}))
        try:
            start = time.perf_counter()
            outcomes = [app.ingestor.ingest_document(_document(args.gold, row)) for row in rows]
            app.ingestor.analyse_pending()
            ingest_s = time.perf_counter() - start
            start = time.perf_counter()
            stories = group_stories(app.services.store, rules)
            group_s = time.perf_counter() - start
        finally:
            app.close()
    story_of = {a.id: n for n, story in enumerate(stories) for a in story.articles}
    gold: dict[str, str] = {}
    predicted: dict[str, str] = {}
    for outcome in outcomes:
        doc_id = outcome.origin.rsplit("#", 1)[-1]
        if outcome.article_id in story_of:
            predicted[doc_id] = str(story_of[outcome.article_id])
    for row in rows:
        if str(row["doc_id"]) in predicted:
            gold[str(row["doc_id"])] = str(row["cluster"])
    missing = len(rows) - len(gold)
    pair, cube = pairwise(predicted, gold), bcubed(predicted, gold)
    print(
        f"stories: {len(gold)} documents, {len(set(gold.values()))} gold events, "
        f"{len(set(predicted[d] for d in gold))} predicted stories"
        + (f" ({missing} documents not scored)" if missing else "")
    )
    print(
        f"rules: threshold {rules.threshold}, entity weight {rules.entity_weight}, "
        f"lead sentences {rules.lead_sentences or 'all'}"
    )
    print(f"pairwise  P {pair.precision:.3f}  R {pair.recall:.3f}  F1 {pair.f1:.3f}")
    print(f"B-cubed   P {cube.precision:.3f}  R {cube.recall:.3f}  F1 {cube.f1:.3f}")
    print(f"time      ingest {ingest_s:.1f} s, grouping {group_s * 1000:.0f} ms")
    failed = sum(1 for outcome in outcomes if outcome.status == "failed")
    if failed:
        print(f"{failed} documents failed to ingest", file=sys.stderr)
    return 0


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, required=True, help="JSONL of doc_id, cluster, text")
    parser.add_argument("--threshold", type=float, help="override the merge threshold")
    parser.add_argument("--entity-weight", type=float, help="override the entity weight")
    parser.add_argument("--lead", type=int, help="override the lead sentences (0: all)")
    parser.add_argument(
        "--keep-store", type=Path, metavar="PATH", help="ingest into (and reuse) this store"
    )


def stories_evaluation() -> Evaluation:
    """The ``eval stories`` kind."""
    from bot.evaluation.cli import Evaluation

    return Evaluation(
        "stories", "story grouping against same-event labels", _configure, run_stories_eval
    )
