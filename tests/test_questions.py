"""Open questions: detection of each kind of open matter, grouping across articles, status that
follows the newest article, the /questions command, the JSON shape and the evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, NOW, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.bootstrap import App
from bot.cli import main
from bot.core.analysis import MatterMention
from bot.core.commands import Invocation
from bot.core.matter_groups import Evidence, group_mentions
from bot.core.models import Article
from bot.core.questions import EvidenceLine, OpenQuestion, corpus_stories, open_questions
from bot.core.reply import Section
from bot.evaluation.questions import Score, evaluate, score_story
from bot.nlp.annotate import NlpAnalyzer
from bot.nlp.matters import OpenMatterStep

STORIES = DATA / "questions"
_analyzer = NlpAnalyzer([OpenMatterStep()])


def mentions(text: str) -> list[MatterMention]:
    return _analyzer.analyse(Article(id="t", title="t", body=text)).matters


def only(text: str, head: str) -> MatterMention:
    found = [m for m in mentions(text) if m.head == head]
    assert len(found) == 1, (text, mentions(text))
    return found[0]


# -- detection: each kind of open matter ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "head", "kind", "signal"),
    [
        # pending decisions and votes
        (
            "The Senate is expected to vote on the farm bill next week.",
            "bill",
            "decision",
            "hedge:expect",
        ),
        ("Regulators may still block the merger.", "merger", "decision", "modal:may"),
        # proposals under discussion
        (
            "The union is weighing a new contract proposal from management.",
            "proposal",
            "proposal",
            "proposal",
        ),
        # events that may or may not happen
        (
            "A summit between Biden and Xi could take place in June.",
            "summit",
            "event",
            "modal:could",
        ),
        # things people wait for or demanded without an answer
        (
            "Residents are still waiting for an answer from the water authority.",
            "answer",
            "demand",
            "hedge:wait",
        ),
        # promised or upcoming reports
        ("The inspector general's report is due next month.", "report", "report", "hedge:due"),
        # negated decisions
        (
            "The committee has not scheduled a hearing on the nomination.",
            "hearing",
            "event",
            "neg:schedule",
        ),
        (
            "Officials said there was no decision yet on the pipeline permit.",
            "permit",
            "decision",
            "neg:decision",
        ),
    ],
)
def test_each_kind_of_open_matter_is_detected_from_the_parse(
    text: str, head: str, kind: str, signal: str
) -> None:
    mention = only(text, head)
    assert mention.state == "open"
    assert mention.kind == kind
    assert signal in mention.signals
    assert text[mention.char_start : mention.char_end] == text


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("The House passed the spending bill on Friday.", "bill"),
        ("The two leaders held a summit in Geneva last week.", "summit"),
        ("The board approved the merger on Tuesday.", "merger"),
    ],
)
def test_settled_matters_are_resolved_not_open(text: str, head: str) -> None:
    mention = only(text, head)
    assert mention.state == "resolved"
    assert any(s.startswith("done:") for s in mention.signals)


def test_hedges_in_the_past_or_in_a_condition_do_not_open_a_matter() -> None:
    found = mentions("The talks were expected to start on Monday and ended on Tuesday.")
    assert not [m for m in found if m.state == "open"]
    found = mentions("It will pass if they don't reach an agreement.")
    assert not [m for m in found if m.head == "agreement" and m.state == "open"]


@pytest.mark.parametrize(
    "text",
    [
        "The campaign did not immediately respond to requests for comment.",
        "He entered each debate with a game plan and executed it.",
        "Trump's success in the primaries will not necessarily translate into a win.",
        "A deal was reached early Sunday, averting a strike that would have shut the city down.",
        # a modal of the main clause says nothing of a fact granted in a concessive clause
        "Even though we are disappointed by the decision, we must accept the outcome.",
        "Because the ruling came so late, the lawyers will need more time.",
        # "that" opening a clause the parser hangs on the noun: what follows is not about it
        "Jones said he was shocked to discover during the hearing that Miller, who is accused"
        " of tax crimes, could still keep his license.",
        # phrasal verbs settle like their one-word synonyms ("turned down" = rejected)
        "The prosecutors had turned down a plea offer from the defense.",
        "Organisers called off the summit on Friday.",
    ],
)
def test_background_and_boilerplate_are_not_open(text: str) -> None:
    assert [m for m in mentions(text) if m.state == "open"] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(
        st.sampled_from(
            [
                "The bill would",
                " pass.",
                " It's on the table.",
                " No date has been set.",
                "“That would be premature,” he said.",
                " The vote",
                " was held",
                " if ",
                "“",
                "\n\n",
                " talks",
                " may ",
                "never",
                " the request.",
                " Sens.",
                " 6-3",
            ]
        )
        | st.text(max_size=12),
        max_size=20,
    ).map("".join)
)
def test_any_text_gives_well_formed_mentions(text: str) -> None:
    analysis = _analyzer.analyse(Article(id="t", title="t", body=text))
    for mention in analysis.matters:
        sentence = analysis.sentences[mention.sentence_index]
        assert (mention.char_start, mention.char_end) == (sentence.char_start, sentence.char_end)
        assert mention.state in ("open", "resolved", "context")
        assert mention.kind in ("decision", "proposal", "event", "report", "demand")


def test_backers_counts_and_opponents_come_from_the_parse() -> None:
    backed = only(
        "The bill is sponsored by Senators Ann Lee and Tom Park with 40 supporters.", "bill"
    )
    assert backed.stance == "support"
    assert backed.who == "Ann Lee and Tom Park"
    assert backed.count == "40 supporters"
    assert {"p:Lee", "p:Park"} <= set(backed.modifiers)
    judged = only(
        "“That would be premature,” Sen. Mark Hill said on Monday about the tariff.", "tariff"
    )
    assert (judged.stance, judged.who) == ("oppose", "Mark Hill")


def test_mentions_are_stored_with_the_article(seeded_app: App) -> None:
    store = seeded_app.services.store
    (summary,) = store.list_articles()
    article = store.get_article(summary.id)
    assert article is not None
    rows = store.matter_rows()
    assert rows
    for row in rows:
        assert article.body[row["char_start"] : row["char_end"]] == row["sentence_text"]


# -- grouping and status ----------------------------------------------------------------------


def by_question(items: list[OpenQuestion], word: str) -> OpenQuestion:
    found = [q for q in items if word in q.question.lower()]
    assert len(found) == 1, [q.question for q in items]
    return found[0]


def test_seed_lists_the_sanctions_bill_with_status_and_verbatim_evidence(seeded_app: App) -> None:
    store = seeded_app.services.store
    items = open_questions(store, NOW)
    bill = by_question(items, "sanctions bill")
    assert bill.question == "What is the status of the Graham-Blumenthal sanctions bill?"
    assert not bill.resolved
    assert "70 supporters" in bill.status
    assert "nothing scheduled" in bill.status
    assert "Schmitt says premature" in bill.status
    body = store.get_article(bill.evidence[0].article_id).body  # type: ignore[union-attr]
    for line in bill.evidence:
        assert line.text in body
    assert any("sponsored by Sens. Lindsey Graham" in line.text for line in bill.evidence)
    meeting = by_question(items, "meeting")
    assert "imminent" in meeting.status
    assert items.index(bill) < 3 and items.index(meeting) < 3  # the most central come first


def test_statements_across_two_articles_group_and_status_follows_the_newer(app: App) -> None:
    report = app.ingestor.ingest_paths([STORIES / "council-1.md"])
    assert report.count("added") == 1
    before = open_questions(app.services.store, NOW)
    budget = by_question(before, "budget be approved")
    assert not budget.resolved
    assert budget.last_seen == "2026-03-02"

    app.ingestor.ingest_paths([STORIES / "council-2.md"])
    after = open_questions(app.services.store, NOW)
    budget = by_question(after, "budget be approved")
    assert budget.resolved
    assert budget.status.startswith("Resolved (2026-03-11)") and "6-3" in budget.status
    assert budget.last_seen == "2026-03-11"
    assert len({line.article_id for line in budget.evidence}) == 2  # one item, both articles
    meeting = by_question(after, "meeting")
    assert not meeting.resolved
    assert len({line.article_id for line in meeting.evidence}) == 2
    assert "nothing scheduled yet" in meeting.status
    assert after.index(meeting) < after.index(budget)  # resolved matters come last


def test_matters_of_different_stories_in_one_corpus_stay_apart(app: App) -> None:
    """The Trump-Putin meeting must not take in the council's meeting, nor the seed's draft
    proposal the merger's bid, when all of them are in one store."""
    story_of: dict[str, str] = {}
    for story, files in {
        "seed": [SEEDS],
        "council": [STORIES / "council-1.md", STORIES / "council-2.md"],
        "merger": [STORIES / "merger-1.md", STORIES / "merger-2.md"],
        "trial": [STORIES / "trial-1.md"],
    }.items():
        report = app.ingestor.ingest_paths(files)
        story_of.update({o.article_id: story for o in report.outcomes if o.article_id})
    store = app.services.store
    items = open_questions(store, NOW, stories=corpus_stories(store))
    assert by_question(items, "meeting between trump and putin")
    for item in items:
        assert len({story_of[line.article_id] for line in item.evidence}) == 1, item.question
    merged = open_questions(store, NOW)  # without stories, bare mentions cross over
    assert any(len({story_of[line.article_id] for line in q.evidence}) > 1 for q in merged)


def test_without_stories_a_bare_mention_joins_the_biggest_matter_of_its_class() -> None:
    """The grouping rule the story limit guards against, on two articles of two stories."""
    bare = MatterMention("vote", "vote", "decision", "vote", (), 0, 0, 10, "open", ("modal:will",))
    named = MatterMention(
        "vote", "vote", "decision", "vote", ("c:budget",), 0, 0, 10, "open", ("modal:will",)
    )

    def evidence(article: str, mention: MatterMention) -> Evidence:
        return Evidence(mention, "The vote will be held.", article, article, None, "2026-01-01")

    items = [evidence("council", named), evidence("merger", bare)]
    assert len(group_mentions(items)) == 1
    assert len(group_mentions(items, {"council": "1", "merger": "2"})) == 2


def test_a_matter_settled_in_part_stays_open_and_says_what_is_settled(app: App) -> None:
    app.ingestor.ingest_paths([STORIES / "merger-1.md", STORIES / "merger-2.md"])
    takeover = by_question(open_questions(app.services.store, NOW), "takeover")
    assert not takeover.resolved
    assert "shareholders approved (2026-05-21)" in takeover.status
    assert "October" in takeover.status


def test_topic_filters_the_matters(seeded_app: App) -> None:
    items = open_questions(seeded_app.services.store, NOW, "sanctions bill")
    assert items and all("sanction" in q.question.lower() for q in items[:1])
    assert open_questions(seeded_app.services.store, NOW, "zebra giraffe") == []


# -- interfaces -------------------------------------------------------------------------------


async def test_questions_command_lists_questions_with_sources(seeded_app: App) -> None:
    reply = await seeded_app.handle(Invocation(name="questions", text=""))
    assert not reply.is_error and reply.visibility == "ephemeral"
    sections = [b for b in reply.blocks if isinstance(b, Section)]
    assert any("sanctions bill" in s.text for s in sections)
    assert any(s.sources and s.text.startswith("“") for s in sections)
    none = await seeded_app.handle(Invocation(name="questions", text="zebra"))
    assert not none.is_error
    assert "no open questions about “zebra”" in none.fallback_text


def test_cli_json_has_exactly_the_design_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "q.sqlite3"
    assert main(["ingest", str(STORIES / "trial-1.md"), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["questions", "--json", "--store", str(store)]) == 0
    items = json.loads(capsys.readouterr().out)
    assert items
    for item in items:
        assert set(item) == {"question", "status", "last_seen", "evidence"}
        assert item["last_seen"] == "2026-06-15"
        for line in item["evidence"]:
            assert set(line) == {"text", "article_id", "url"}
            assert line["url"] == "https://example.org/courts/meridian-trial"
    assert main(["questions", "--topic", "verdict", "--json", "--store", str(store)]) == 0
    (verdict,) = json.loads(capsys.readouterr().out)
    assert "verdict" in verdict["question"]


def _item(texts: list[str], resolved: bool = False, status: str = "Open: x") -> OpenQuestion:
    lines = tuple(EvidenceLine(t, "a", "A", None, "2026-01-01") for t in texts)
    return OpenQuestion("x", "Q?", status, resolved, "2026-01-01", lines, 1.0)


def test_scoring_counts_recall_precision_and_status() -> None:
    gold: list[dict[str, object]] = [
        {"id": "bill", "status": "open", "status_has": ["70"], "evidence": ["the bill"]},
        {"id": "vote", "status": "resolved", "evidence": ["the vote"]},
        {"id": "extra", "optional": True, "evidence": ["maybe"]},
    ]
    items = [
        _item(["About the bill."], status="Open: 70 supporters"),
        _item(["Maybe so."]),
        _item(["Unrelated."]),
    ]
    score = Score()
    score_story(items, gold, score)
    assert score.figures() == {"recall": 0.5, "precision": 2 / 3, "status": 1.0}
    assert score.misses == ["vote"] and score.unmatched == ["Q?"]


def test_eval_runs_on_the_dev_set() -> None:
    figures = evaluate(DATA / "questions_gold.json").figures()
    assert figures["recall"] >= 0.8
    assert figures["precision"] >= 0.8
    assert figures["status"] >= 0.8


def test_eval_with_every_story_in_one_store_keeps_them_apart() -> None:
    from bot.evaluation.questions_mixed import evaluate_mixed

    score, mixing = evaluate_mixed(DATA / "questions_gold.json")
    assert mixing == 0
    assert score.figures()["recall"] >= 0.8
