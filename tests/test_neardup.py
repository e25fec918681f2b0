"""Near-duplicate detection: shingle overlap, MinHash bands and the 85% threshold."""

from __future__ import annotations

from newsweb import DROUGHT, PORT_STRIKE, TRANSIT_LEVY, updated_version, wire_copy

from bot.ingest.neardup import BANDS, THRESHOLD, band_hashes, shingles, signature, similarity


def test_identical_texts_overlap_fully_whatever_the_typography() -> None:
    text = PORT_STRIKE.text
    assert similarity(text, text) == 1.0
    curly = text.replace('"', "“").replace("'", "’").upper()
    assert similarity(text, curly) == 1.0


def test_light_edits_and_wire_copies_are_near_duplicates() -> None:
    assert similarity(PORT_STRIKE.text, updated_version(PORT_STRIKE).text) >= THRESHOLD
    assert similarity(PORT_STRIKE.text, wire_copy(PORT_STRIKE).text) >= THRESHOLD


def test_different_stories_are_not() -> None:
    assert similarity(PORT_STRIKE.text, DROUGHT.text) < 0.05
    assert similarity(DROUGHT.text, TRANSIT_LEVY.text) < 0.05


def test_a_story_with_half_its_text_rewritten_is_not_a_duplicate() -> None:
    half = PORT_STRIKE.paragraphs[:3] + DROUGHT.paragraphs[:3]
    assert similarity(PORT_STRIKE.text, "\n\n".join(half)) < THRESHOLD


def test_near_duplicates_share_a_band_and_strangers_do_not() -> None:
    original = band_hashes(PORT_STRIKE.text)
    assert len(original) == BANDS
    assert set(original) & set(band_hashes(updated_version(PORT_STRIKE).text))
    assert set(original) & set(band_hashes(wire_copy(PORT_STRIKE).text))
    assert not set(original) & set(band_hashes(DROUGHT.text))


def test_signatures_are_stable_and_short_texts_still_get_one() -> None:
    assert band_hashes(DROUGHT.text) == band_hashes(DROUGHT.text)
    assert len(shingles("Breaking news")) == 1
    assert len(band_hashes("Breaking news")) == BANDS
    assert shingles("") == set()
    assert (signature(set()) == signature(set())).all()
