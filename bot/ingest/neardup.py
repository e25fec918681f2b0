"""Near-duplicate detection: word shingles, MinHash signatures and LSH bands.

Two texts are near-duplicates when the Jaccard overlap of their sets of five-word shingles
(lower-cased words, punctuation and typography ignored) exceeds :data:`THRESHOLD`, Feedly's 85%.
Lookup is cheap: each stored article keeps :data:`BANDS` band hashes of its MinHash signature;
an article sharing any band with a new one is a candidate, and candidates are confirmed with
the exact overlap. With 32 bands of 4 rows a pair at 85% overlap shares a band with probability
above 0.9999, a pair at 30% with probability under 0.25.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.85

_WORD = re.compile(r"\w+")
_PRIME = np.uint64(4_294_967_291)  # the largest prime below 2**32
_RNG = np.random.default_rng(20_261_128)  # fixed: signatures must agree across runs
_A = _RNG.integers(1, 2**31, size=(PERMUTATIONS, 1), dtype=np.uint64)
_B = _RNG.integers(0, 2**31, size=(PERMUTATIONS, 1), dtype=np.uint64)


def shingles(text: str) -> set[int]:
    """Hashes of the text's overlapping five-word sequences (one shingle for shorter texts)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return set()
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode("utf-8"))}
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def jaccard(first: set[int], second: set[int]) -> float:
    """Overlap of two shingle sets: shared shingles over all shingles (0 for two empty sets)."""
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def similarity(first: str, second: str) -> float:
    """The exact shingle overlap of two texts, from 0 (nothing shared) to 1 (same words)."""
    return jaccard(shingles(first), shingles(second))


def signature(hashes: set[int]) -> npt.NDArray[np.uint64]:
    """The MinHash signature of a shingle set: the minimum of each of 128 hash permutations."""
    if not hashes:
        return np.full(PERMUTATIONS, int(_PRIME), dtype=np.uint64)
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    # a < 2**31 and values < 2**32, so a * x + b stays below 2**64: no overflow.
    permuted = (_A * values[np.newaxis, :] + _B) % _PRIME
    result: npt.NDArray[np.uint64] = permuted.min(axis=1)
    return result


def band_hashes(text: str) -> list[int]:
    """The LSH band keys of a text: one signed 64-bit integer per band (SQLite INTEGER)."""
    rows = signature(shingles(text)).reshape(BANDS, ROWS)
    keys = []
    for band, row in enumerate(rows):
        digest = hashlib.blake2b(row.tobytes(), digest_size=8, person=b"band%02d" % band).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys
