"""The ``transformers`` summariser: any seq2seq or causal language model, local or from the hub.

The model is given by a local folder or a hub id (``BOT_SUMMARIZER__MODEL``). A folder is read
with ``local_files_only``; a hub id too unless ``BOT_SUMMARIZER__ALLOW_DOWNLOAD`` is true. An
encoder-decoder model (BART, T5, …) is loaded as seq2seq, anything else as a causal model whose
chat template, if it has one, wraps the prompt. Loading and generation run in a worker thread,
one generation at a time, on the device and in the dtype from settings.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

from bot.nlp.extractive import encode_texts
from bot.nlp.generative import GenerativeSummarizer
from bot.nlp.grounding import Grounder
from bot.nlp.prompts import Prompts, load_prompts
from bot.settings import SummarizerSettings

MAX_SANE_CONTEXT = 1_000_000
"""Tokenizers without a known limit report a huge ``model_max_length``; ignore such values."""


class ModelLoadError(Exception):
    """The configured model cannot be loaded."""


class TransformersSummarizer(GenerativeSummarizer):
    """Implements the ``Summarizer`` port with a ``transformers`` model."""

    name = "transformers"

    def __init__(
        self,
        model: str,
        prompts: Prompts,
        grounder: Grounder,
        *,
        device: str = "cpu",
        dtype: str = "auto",
        allow_download: bool = False,
        max_new_tokens: int = 256,
        fallback_context: int = 1024,
    ) -> None:
        super().__init__(prompts, grounder, max_new_tokens=max_new_tokens)
        self.model_name = model
        self.device = device
        self.dtype = dtype
        self.allow_download = allow_download
        self.fallback_context = fallback_context
        self._lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None
        self._seq2seq = True
        self._context = fallback_context

    @classmethod
    def from_settings(cls, settings: SummarizerSettings) -> TransformersSummarizer:
        """The backend ``BOT_SUMMARIZER__*`` describes (nothing is loaded yet).

        Raises:
            ModelLoadError: no model is configured.
            PromptError: the prompt template is missing.
        """
        if not settings.model:
            raise ModelLoadError("BOT_SUMMARIZER__MODEL names no model (a folder or a hub id)")
        return cls(
            settings.model,
            load_prompts(settings.prompt),
            Grounder(encode_texts),
            device=settings.device,
            dtype=settings.dtype,
            allow_download=settings.allow_download,
            max_new_tokens=settings.max_new_tokens,
            fallback_context=settings.context_tokens,
        )

    @property
    def local_only(self) -> bool:
        """Whether loading may only read local files (always, unless a hub id may download)."""
        return Path(self.model_name).exists() or not self.allow_download

    def load(self) -> None:
        """Load tokenizer and model once (thread-safe; the first briefing pays for it).

        Raises:
            ModelLoadError: the model is not found or cannot be loaded.
        """
        with self._lock:
            if self._model is None:
                self._load()

    def _load(self) -> None:
        import torch
        from transformers import (
            AutoConfig,
            AutoModelForCausalLM,
            AutoModelForSeq2SeqLM,
            AutoTokenizer,
        )

        local = self.local_only
        try:
            config = AutoConfig.from_pretrained(self.model_name, local_files_only=local)
            tokenizer = AutoTokenizer.from_pretrained(self.model_name, local_files_only=local)
            seq2seq = bool(getattr(config, "is_encoder_decoder", False))
            loader = AutoModelForSeq2SeqLM if seq2seq else AutoModelForCausalLM
            dtype = "auto" if self.dtype == "auto" else getattr(torch, self.dtype)
            model: Any = loader.from_pretrained(
                self.model_name, local_files_only=local, dtype=dtype
            )
            model.to(self.device)
            model.eval()
        except (OSError, ValueError, RuntimeError) as exc:
            where = "local files only" if local else "hub download allowed"
            raise ModelLoadError(f"cannot load {self.model_name} ({where}): {exc}") from exc
        self._tokenizer, self._model, self._seq2seq = tokenizer, model, seq2seq
        limits = [
            getattr(tokenizer, "model_max_length", None),
            getattr(config, "max_position_embeddings", None),
        ]
        known = [n for n in limits if isinstance(n, int) and 0 < n < MAX_SANE_CONTEXT]
        self._context = min(known) if known else self.fallback_context

    @property
    def context_tokens(self) -> int:
        """The model's input length (read from the model once loaded)."""
        if self._model is None:
            self.load()
        return self._context

    @property
    def answer_in_context(self) -> bool:
        """A causal model's answer follows the prompt in its context; a seq2seq one's does not."""
        if self._model is None:
            self.load()
        return not self._seq2seq

    def count_tokens(self, text: str) -> int:
        """Tokens in the model's own tokenizer."""
        if self._tokenizer is None:
            self.load()
        return len(self._tokenizer(text, add_special_tokens=False)["input_ids"])

    async def generate(self, prompt: str) -> str:
        """Generate in a worker thread so the event loop keeps serving other commands."""
        return await asyncio.to_thread(self._generate, prompt)

    def _generate(self, prompt: str) -> str:
        import torch

        self.load()
        with self._lock:
            tokenizer, model = self._tokenizer, self._model
            if not self._seq2seq and getattr(tokenizer, "chat_template", None):
                prompt = tokenizer.apply_chat_template(
                    [{"role": "user", "content": prompt}],
                    tokenize=False,
                    add_generation_prompt=True,
                )
            inputs = tokenizer(
                prompt,
                return_tensors="pt",
                truncation=True,
                max_length=self._context if self._seq2seq else None,
            ).to(self.device)
            pad = tokenizer.pad_token_id
            if pad is None:
                pad = tokenizer.eos_token_id
            with torch.inference_mode():
                output = model.generate(
                    **inputs,
                    max_new_tokens=self.max_new_tokens,
                    do_sample=False,
                    num_beams=1,
                    pad_token_id=pad,
                )
            tokens = output[0] if self._seq2seq else output[0][inputs["input_ids"].shape[1] :]
            return str(tokenizer.decode(tokens, skip_special_tokens=True)).strip()
