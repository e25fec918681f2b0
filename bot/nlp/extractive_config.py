"""The knobs of the ``extractive`` summariser's sentence selection (:mod:`bot.nlp.extractive`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractiveConfig:
    """The knobs of sentence selection (measured with ``python -m bot eval brief``).

    Attributes:
        position_weight: share of a sentence's score that comes from its position (0..1).
        position_decay: sentences this far into an article keep ``1/e`` of the position score.
        duplicate: a sentence this similar to a picked one is never picked (wire copy repeated
            across articles, or the same fact restated).
        long_article: in articles of more sentences than this the position weight shrinks
            in proportion (a long piece develops several threads; a short one leads with all).
        mmr_lambda: relevance against redundancy in MMR (1.0: ignore redundancy).
        max_sentences: at most this many sentences.
        words_per_sentence: a budget of N words allows about ``N / words_per_sentence``
            sentences (a news sentence is 20 to 30 words), so a short budget is spent on few
            whole developments rather than many short fragments.
        min_words: shorter sentences (datelines, captions, fragments) are never picked.
        topic_weight: for a focused briefing, weight of similarity to the topic against
            centrality (0..1).
        centroid_weight: centroid similarity against directed graph centrality (0..1).
        edge_threshold: graph edges are similarities above this share of an article's range.
        backward_weight: how much a sentence loses from similar sentences before it.
        segment_from: articles of more sentences than this are read as several threads
            (topical segments, :mod:`bot.nlp.segments`); the rules below grow from nothing
            at this length to full strength at twice it ("spread"), so articles of
            CNN/DailyMail length keep their lead-heavy selection.
        segment_weight: MMR penalty (times spread) for a second sentence from a thread
            already in the summary.
        segment_lead: share of the score (times spread) from the sentence's position in its
            own thread, since each thread leads with its news as the article does.
        segment_shorter: the words-per-sentence estimate shrinks by this share (times spread),
            so a long article's budget buys more, shorter sentences: more threads.
        dangling: MMR penalty (times spread) for a sentence opening on a word that points
            back ("That", "But", "She"...) when the sentence before it is not picked.
    """

    position_weight: float = 0.6
    position_decay: float = 4.0
    long_article: int = 20
    duplicate: float = 0.9
    mmr_lambda: float = 0.7
    max_sentences: int = 6
    min_words: int = 6
    topic_weight: float = 0.7
    words_per_sentence: float = 28.0
    centroid_weight: float = 0.5
    edge_threshold: float = 0.6
    backward_weight: float = -2.0
    segment_from: int = 35
    segment_weight: float = 0.5
    segment_lead: float = 0.3
    segment_shorter: float = 0.3
    dangling: float = 0.3
