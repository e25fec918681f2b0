"""The grounding check and the fallback to extractive when a generative backend fails."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from bot.core.analysis import Sentence
from bot.core.summary import SourceDoc, Summary
from bot.nlp.extractive import ExtractiveSummarizer
from bot.nlp.fallback import FallbackSummarizer
from bot.nlp.grounding import Grounder, split_generated
from bot.nlp.summarizers import make_summarizer
from bot.settings import SummarizerSettings

SOURCE = [
    "The city council approved a budget of 4.2 million dollars on Tuesday.",
    "Mayor Ana Ruiz said the plan funds two new libraries and a bus line.",
    "Opposition members voted against it, citing rising debt.",
    "“This budget builds the city our children deserve,” Ruiz told reporters.",
    "Construction of the first library is to start in the spring.",
    "The bus line will link the northern suburbs to the old town.",
]


def _doc(article_id: str = "a" * 16) -> SourceDoc:
    sentences, start = [], 0
    for index, text in enumerate(SOURCE):
        sentences.append(Sentence(index, text, start, start + len(text)))
        start += len(text) + 1
    return SourceDoc(article_id, "Council passes budget", "https://example.org/b", tuple(sentences))


@pytest.fixture(scope="module")
def grounder() -> Grounder:
    return Grounder()


def _verdict(grounder: Grounder, text: str) -> tuple[bool, str]:
    (verdict,) = grounder.check([text], [_doc()])
    return verdict.supported, verdict.reason


def test_a_faithful_paraphrase_is_kept_and_cites_its_sentence(grounder: Grounder) -> None:
    (verdict,) = grounder.check(
        ["The council approved a 4.2 million dollar budget on Tuesday."], [_doc()]
    )
    assert verdict.supported, verdict.reason
    assert (verdict.article_id, verdict.sentence_index) == ("a" * 16, 0)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("The council approved a budget of 5.8 million dollars on Tuesday.", "number"),
        ("Mayor Ana Ruiz and Governor Smith said the plan funds two new libraries.", "name"),
        ("“This budget builds the city we deserve,” Ruiz told reporters.", "quotation"),
        ("Scientists discovered a new species of frog in the rainforest.", "close in meaning"),
    ],
)
def test_unsupported_content_is_dropped_with_a_reason(
    grounder: Grounder, text: str, why: str
) -> None:
    supported, reason = _verdict(grounder, text)
    assert not supported
    assert why in reason


def test_a_verbatim_quote_passes(grounder: Grounder) -> None:
    supported, reason = _verdict(
        grounder, "“This budget builds the city our children deserve,” Ruiz told reporters."
    )
    assert supported, reason


def test_model_output_is_split_into_sentences_without_bullets() -> None:
    text = "- The council met. It voted 5-2.\n2) Ruiz said “yes.” Then it ended.\n\n"
    assert split_generated(text) == [
        "The council met.",
        "It voted 5-2.",
        "Ruiz said “yes.”",
        "Then it ended.",
    ]


class Failing:
    name = "transformers"

    async def summarize(
        self, docs: Sequence[SourceDoc], *, max_words: int, topic: str | None = None
    ) -> Summary:
        raise RuntimeError("CUDA out of memory")


class Slow:
    name = "openai"

    async def summarize(
        self, docs: Sequence[SourceDoc], *, max_words: int, topic: str | None = None
    ) -> Summary:
        await asyncio.sleep(10)
        raise AssertionError("not reached")


@pytest.mark.parametrize(("primary", "said"), [(Failing(), "failed"), (Slow(), "took longer")])
async def test_a_failing_or_slow_backend_falls_back_to_extractive_and_says_so(
    primary: Failing | Slow, said: str
) -> None:
    summarizer = FallbackSummarizer(primary, ExtractiveSummarizer(), timeout=0.2)
    summary = await summarizer.summarize([_doc()], max_words=60)
    assert summary.backend == "extractive"
    assert summary.sentences
    assert all(s.text in SOURCE for s in summary.sentences)
    assert said in summary.notes[0]
    assert primary.name in summary.notes[0]


@pytest.mark.parametrize(
    "settings",
    [
        SummarizerSettings(backend="transformers"),
        SummarizerSettings(backend="openai", model="m"),
        SummarizerSettings(backend="openai", model="m", base_url="http://x", prompt="nope"),
    ],
)
async def test_an_unusable_generative_setting_keeps_briefings_working(
    settings: SummarizerSettings, caplog: pytest.LogCaptureFixture
) -> None:
    summarizer = make_summarizer(settings)
    assert "cannot be used" in caplog.text
    summary = await summarizer.summarize([_doc()], max_words=60)
    assert summary.backend == "extractive"
    assert summary.sentences
    assert f"The {settings.backend} summariser failed" in summary.notes[0]
