"""What the generative backends share: chunking to the context, map then reduce, grounding.

A backend provides :meth:`GenerativeSummarizer.generate` (prompt in, text out) and
:meth:`GenerativeSummarizer.count_tokens`. The articles are cut, at sentence boundaries, into
chunks that fit the model's context next to the prompt and the answer; each chunk is briefed
(map), and the partial briefings are merged (reduce) until one remains. The answer is then
checked against the sources: unsupported sentences are dropped and counted in the notes.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Sequence

from bot.core.summary import SourceDoc, Summary, SummarySentence
from bot.nlp.grounding import Grounder, split_generated, supported_sentences
from bot.nlp.prompts import Prompts

log = logging.getLogger(__name__)

MAX_ROUNDS = 4
"""Reduce rounds before the partial briefings are cut to fit (guards against no progress)."""


MIN_ROOM = 32
"""Fewest tokens of article text a chunk must be able to hold."""


class PromptTooLong(Exception):
    """The prompt template leaves no room for article text in the model's context."""


class GroundingError(Exception):
    """The model wrote nothing the sources support."""


class GenerativeSummarizer(ABC):
    """Base of the ``transformers`` and ``openai`` backends."""

    name = "generative"

    def __init__(self, prompts: Prompts, grounder: Grounder, *, max_new_tokens: int) -> None:
        self.prompts = prompts
        self.grounder = grounder
        self.max_new_tokens = max_new_tokens

    @property
    @abstractmethod
    def context_tokens(self) -> int:
        """How many tokens the model reads (prompt and answer together)."""

    @property
    def answer_in_context(self) -> bool:
        """Whether the answer shares the context with the prompt (causal models do)."""
        return True

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """The length of ``text`` in the model's tokens (an estimate is fine)."""

    @abstractmethod
    async def generate(self, prompt: str) -> str:
        """The model's answer to ``prompt``; slow work runs off the event loop."""

    async def summarize(
        self, docs: Sequence[SourceDoc], *, max_words: int, topic: str | None = None
    ) -> Summary:
        """Brief ``docs`` with the model, then keep only what the sources support.

        Raises:
            GroundingError: no generated sentence is supported by the sources.
        """
        texts = [s.text for doc in docs for s in doc.sentences]
        template = self.prompts.map
        for round_ in range(MAX_ROUNDS + 1):
            chunks = self.chunks(texts, max_words=max_words, topic=topic)
            if round_ == MAX_ROUNDS:
                chunks = chunks[:1]
            answers = []
            for chunk in chunks:
                prompt = self.prompts.render(
                    template, articles=chunk, max_words=max_words, topic=topic
                )
                answers.append(await self.generate(prompt))
            if len(answers) == 1:
                break
            texts = [line for answer in answers for line in split_generated(answer)]
            template = self.prompts.reduce
        verdicts = self.grounder.check(split_generated(answers[0]), docs)
        kept = _within(supported_sentences(verdicts), max_words)
        dropped = sum(not v.supported for v in verdicts)
        if not kept:
            raise GroundingError(
                f"none of the {len(verdicts)} sentences it wrote is supported by the sources"
            )
        notes: tuple[str, ...] = ()
        if dropped:
            notes = (
                f"{dropped} generated sentence{'s' * (dropped != 1)} that the sources do not "
                "support left out.",
            )
        return Summary(tuple(kept), self.name, notes)

    def chunks(self, texts: Sequence[str], *, max_words: int, topic: str | None) -> list[str]:
        """Consecutive texts joined into chunks that fit the context next to the prompt.

        Raises:
            PromptTooLong: the prompt alone (with the answer, for causal models) fills the context.
        """
        frame = self.count_tokens(
            self.prompts.render(self.prompts.map, articles="", max_words=max_words, topic=topic)
        )
        answer = self.max_new_tokens if self.answer_in_context else 0
        room = self.context_tokens - answer - frame
        if room < MIN_ROOM:
            raise PromptTooLong(
                f"the prompt template takes {frame} of the model's {self.context_tokens} tokens"
                f"{f' (and the answer {answer})' if answer else ''}: no room for the articles"
            )
        chunks: list[str] = []
        current: list[str] = []
        used = 0
        for text in texts:
            size = self.count_tokens(text) + 1
            if size > room:  # one sentence longer than the context: cut it (rare)
                text = " ".join(text.split()[: max(1, room // 2)])
                size = self.count_tokens(text) + 1
            if current and used + size > room:
                chunks.append("\n".join(current))
                current, used = [], 0
            current.append(text)
            used += size
        if current:
            chunks.append("\n".join(current))
        return chunks or [""]


def _within(sentences: list[SummarySentence], max_words: int) -> list[SummarySentence]:
    kept: list[SummarySentence] = []
    words = 0
    for sentence in sentences:
        count = len(sentence.text.split())
        if kept and words + count > max_words:
            break
        kept.append(sentence)
        words += count
    return kept
