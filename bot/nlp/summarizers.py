"""Builds the summariser ``BOT_SUMMARIZER__BACKEND`` names, wrapped so failures fall back."""

from __future__ import annotations

from bot.core.ports import Summarizer
from bot.nlp.extractive import ExtractiveSummarizer, SentenceVectors, encode_sentences
from bot.nlp.fallback import FallbackSummarizer
from bot.settings import SummarizerSettings


def make_summarizer(
    settings: SummarizerSettings, *, sentence_vectors: SentenceVectors = encode_sentences
) -> Summarizer:
    """The configured backend; nothing is loaded until the first briefing.

    A generative backend is wrapped in :class:`~bot.nlp.fallback.FallbackSummarizer`: when it
    fails, times out or says nothing the sources support, the briefing is extractive and says so.

    Raises:
        ModelLoadError: the transformers backend has no model configured.
        EndpointError: the openai backend has no base URL or model configured.
        PromptError: the prompt template is missing.

    Args:
        settings: the ``BOT_SUMMARIZER__*`` settings.
        sentence_vectors: where sentence vectors come from (default: encode on the fly).
    """
    extractive = ExtractiveSummarizer(sentence_vectors=sentence_vectors)
    if settings.backend == "extractive":
        return extractive
    primary: Summarizer
    if settings.backend == "transformers":
        from bot.nlp.hf_backend import TransformersSummarizer

        primary = TransformersSummarizer.from_settings(settings)
    else:
        from bot.nlp.openai_backend import OpenAISummarizer

        primary = OpenAISummarizer.from_settings(settings)
    return FallbackSummarizer(primary, extractive, timeout=settings.timeout_seconds)
