"""``eval questions --mixed``: every labelled story in one store, as a real corpus holds them.

Each story alone says whether its matters are found; together they also say whether matters of
different stories are kept apart ("the vote" of a council story must not join the shareholder
vote of a merger story). Each predicted item is scored with the story that holds most of its
evidence; an item whose evidence comes from two stories is counted as *mixing stories*.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.questions import OpenQuestion
from bot.evaluation.questions import Score, fresh_app, ingest_file, listed, score_story


def evaluate_mixed(gold_path: Path, *, verbose: bool = False) -> tuple[Score, int]:
    """Score every story of the gold file from one shared store.

    Returns:
        The summed score, and how many predicted items mix evidence from two stories.
    """
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    now = datetime.now(UTC)
    story_of: dict[str, int] = {}
    with (
        tempfile.TemporaryDirectory(prefix="bot-eval-qm-") as tmp,
        fresh_app(Path(tmp), now) as app,
    ):
        for number, story in enumerate(gold["stories"]):
            for name in story["files"]:
                ids = ingest_file(app, (gold_path.parent / name).resolve())
                story_of.update(dict.fromkeys(ids, number))
        items = listed(app, now + timedelta(days=1))
    by_story: dict[int, list[OpenQuestion]] = {n: [] for n in range(len(gold["stories"]))}
    mixing = 0
    for item in items:
        votes = Counter(story_of.get(line.article_id, -1) for line in item.evidence)
        mixing += len(votes) > 1
        owner = votes.most_common(1)[0][0]
        by_story.setdefault(owner, []).append(item)
    score = Score()
    for number, story in enumerate(gold["stories"]):
        if verbose:
            print(f"## {story['name']}")
            for item in by_story[number]:
                print(f"  {'✓' if item.resolved else '?'} {item.question} | {item.status}")
        score_story(by_story[number], story["items"], score)
    return score, mixing


def evaluate_events(path: Path, articles: int, seed: int) -> tuple[int, int]:
    """Open questions over a sample of event-labelled articles (ECB+ JSONL, unseen news).

    ``articles`` records are drawn at random (``seed``), written as article files (first
    sentence as title) and ingested into one store; no question is labelled, but each record's
    event ``cluster`` says whether a question's evidence stays within one event.

    Returns:
        (questions listed, questions whose evidence spans two events).
    """
    import random

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    sample = random.Random(seed).sample(records, min(articles, len(records)))
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="bot-eval-qe-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        cluster_of: dict[str, str] = {}
        files = []
        for number, record in enumerate(sample):
            sentences = [str(s) for s in record["sentences"]]
            file = folder / f"{number:04d}.txt"
            file.write_text(f"{sentences[0]}\n\n{' '.join(sentences[1:])}\n", encoding="utf-8")
            files.append((file, str(record["cluster"])))
        with fresh_app(Path(tmp), now) as app:
            for file, cluster in files:
                cluster_of.update(dict.fromkeys(ingest_file(app, file, strict=False), cluster))
            items = listed(app, now)
    mixing = sum(len({cluster_of.get(e.article_id) for e in item.evidence}) > 1 for item in items)
    return len(items), mixing
