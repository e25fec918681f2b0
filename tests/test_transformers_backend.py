"""The transformers backend on a tiny BART built offline (random weights, local tokenizer).

The model writes gibberish by design: these tests check the plumbing (loading through the real
code path, context from the model, chunked map-then-reduce, generation off the event loop, the
grounding check and the fallback), not the prose.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import SEEDS
from test_grounding import _doc

from bot.nlp.fallback import FallbackSummarizer
from bot.nlp.generative import GroundingError, PromptTooLong
from bot.nlp.hf_backend import ModelLoadError, TransformersSummarizer
from bot.nlp.summarizers import make_summarizer
from bot.settings import SummarizerSettings

CONTEXT = 384


@pytest.fixture(scope="module")
def tiny_bart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from tokenizers import decoders as token_decoders
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bart")
    text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8").splitlines()
    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = token_decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    bpe.train_from_iterator(text, trainer)
    tokenizer = PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]
        tokenizer_object=bpe,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        model_max_length=CONTEXT,
        model_input_names=["input_ids", "attention_mask"],
    )
    config = BartConfig(
        vocab_size=bpe.get_vocab_size(),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=CONTEXT,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_eos_token_id=2,
    )
    BartForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _settings(model: Path | str) -> SummarizerSettings:
    return SummarizerSettings(backend="transformers", model=str(model), max_new_tokens=16)


async def test_a_local_model_loads_and_generates_in_a_worker_thread(tiny_bart: Path) -> None:
    backend = TransformersSummarizer.from_settings(_settings(tiny_bart))
    assert backend.local_only
    threads: list[str] = []
    original = backend._generate

    def spy(prompt: str) -> str:
        threads.append(threading.current_thread().name)
        return original(prompt)

    backend._generate = spy  # type: ignore[method-assign]
    text = await backend.generate("The council approved the budget.")
    assert isinstance(text, str)
    assert threads and threads[0] != threading.main_thread().name
    assert backend.context_tokens == CONTEXT  # read from the model, not from settings


async def test_long_input_is_chunked_to_the_context_then_reduced(tiny_bart: Path) -> None:
    backend = TransformersSummarizer.from_settings(_settings(tiny_bart))
    prompts: list[str] = []
    original = backend.generate

    async def record(prompt: str) -> str:
        prompts.append(prompt)
        assert backend.count_tokens(prompt) <= CONTEXT
        return await original(prompt)

    backend.generate = record  # type: ignore[method-assign]
    with pytest.raises(GroundingError):  # random weights: nothing it writes is supported
        await backend.summarize([_doc()] * 6, max_words=60)
    assert len(prompts) >= 3
    assert any("partial briefings" in p for p in prompts)


async def test_the_configured_backend_falls_back_to_extractive(tiny_bart: Path) -> None:
    summarizer = make_summarizer(_settings(tiny_bart))
    assert isinstance(summarizer, FallbackSummarizer)
    summary = await summarizer.summarize([_doc()], max_words=60)
    assert summary.backend == "extractive"
    assert summary.sentences
    assert "transformers summariser failed" in summary.notes[0]


def test_a_hub_id_is_not_downloaded_unless_allowed(tmp_path: Path) -> None:
    backend = TransformersSummarizer.from_settings(_settings("someone/not-a-local-model"))
    assert backend.local_only
    with pytest.raises(ModelLoadError, match="local files only"):
        backend.load()
    allowed = _settings("someone/not-a-local-model").model_copy(update={"allow_download": True})
    assert not TransformersSummarizer.from_settings(allowed).local_only


async def test_a_prompt_longer_than_the_context_is_a_clear_error(tiny_bart: Path) -> None:
    backend = TransformersSummarizer.from_settings(_settings(tiny_bart))
    backend.load()
    backend._context = 64
    with pytest.raises(PromptTooLong, match="no room for the articles"):
        await backend.summarize([_doc()], max_words=60)


def test_no_model_configured_is_a_clear_error() -> None:
    with pytest.raises(ModelLoadError, match="BOT_SUMMARIZER__MODEL"):
        TransformersSummarizer.from_settings(SummarizerSettings(backend="transformers"))
