"""The bot's analysis pipeline: which steps run over each article's parse, in order."""

from __future__ import annotations

from bot.nlp.annotate import NlpAnalyzer, Step
from bot.nlp.matters import OpenMatterStep
from bot.nlp.quotes import QuoteStep
from bot.nlp.vectors import SentenceVectorsStep


def default_steps() -> list[Step]:
    """The analysis steps every ingested article goes through."""
    return [QuoteStep(), OpenMatterStep(), SentenceVectorsStep()]


def default_analyzer() -> NlpAnalyzer:
    """The ``Analyzer`` the composition root uses unless a test passes another."""
    return NlpAnalyzer(default_steps())
