"""Builds the summariser ``BOT_SUMMARIZER__BACKEND`` names, wrapped so failures fall back."""

from __future__ import annotations

import logging

from bot.core.ports import Summarizer
from bot.nlp.extractive import ExtractiveSummarizer, SentenceVectors, encode_sentences
from bot.nlp.fallback import FallbackSummarizer, UnavailableBackend
from bot.nlp.hf_backend import ModelLoadError, TransformersSummarizer
from bot.nlp.openai_backend import EndpointError, OpenAISummarizer
from bot.nlp.prompts import PromptError
from bot.settings import SummarizerSettings

log = logging.getLogger(__name__)


def make_summarizer(
    settings: SummarizerSettings, *, sentence_vectors: SentenceVectors = encode_sentences
) -> Summarizer:
    """The configured backend; nothing is loaded until the first briefing.

    A generative backend is wrapped in :class:`~bot.nlp.fallback.FallbackSummarizer`: when it
    fails, times out or says nothing the sources support, the briefing is extractive and says so.

    A generative backend that cannot even be set up (no model, no endpoint, no prompt
    template) is logged and every briefing falls back, saying so.

    Args:
        settings: the ``BOT_SUMMARIZER__*`` settings.
        sentence_vectors: where sentence vectors come from (default: encode on the fly).
    """
    extractive = ExtractiveSummarizer(sentence_vectors=sentence_vectors)
    if settings.backend == "extractive":
        return extractive
    primary: Summarizer
    try:
        if settings.backend == "transformers":
            primary = TransformersSummarizer.from_settings(settings)
        else:
            primary = OpenAISummarizer.from_settings(settings)
    except (ModelLoadError, EndpointError, PromptError) as exc:
        log.error(
            "summariser %s cannot be used, briefings are extractive: %s", settings.backend, exc
        )
        primary = UnavailableBackend(settings.backend, str(exc))
    return FallbackSummarizer(primary, extractive, timeout=settings.timeout_seconds)
