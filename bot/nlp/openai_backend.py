"""The ``openai`` summariser: any OpenAI-compatible chat endpoint (vLLM, llama.cpp, Ollama, …).

``POST {BOT_SUMMARIZER__BASE_URL}/chat/completions`` with the model and, if set, the key as a
bearer token. Each request has the timeout from settings; network errors, 429 and 5xx answers
are retried with exponential backoff (honouring ``Retry-After``), other errors are not.
"""

from __future__ import annotations

import asyncio
import logging
import math

import httpx

from bot.nlp.extractive import encode_texts
from bot.nlp.generative import GenerativeSummarizer
from bot.nlp.grounding import Grounder
from bot.nlp.prompts import Prompts, load_prompts
from bot.settings import SummarizerSettings

log = logging.getLogger(__name__)

CHARS_PER_TOKEN = 4
"""Token counts are estimated (the endpoint's tokenizer is unknown): about 4 characters each."""
MAX_RETRY_AFTER = 30.0
SYSTEM = "You write short, factual news briefings. You never add facts the articles do not state."


class EndpointError(Exception):
    """The endpoint failed or answered something unusable (the message never holds the key)."""


class OpenAISummarizer(GenerativeSummarizer):
    """Implements the ``Summarizer`` port with an OpenAI-compatible chat completions endpoint."""

    name = "openai"

    def __init__(
        self,
        base_url: str,
        model: str,
        prompts: Prompts,
        grounder: Grounder,
        *,
        api_key: str | None = None,
        timeout: float = 60.0,
        retries: int = 2,
        backoff: float = 0.5,
        context_tokens: int = 4096,
        max_new_tokens: int = 256,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(prompts, grounder, max_new_tokens=max_new_tokens)
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._context = context_tokens
        self.transport = transport

    @classmethod
    def from_settings(cls, settings: SummarizerSettings) -> OpenAISummarizer:
        """The backend ``BOT_SUMMARIZER__*`` describes.

        Raises:
            EndpointError: no base URL or no model is configured.
            PromptError: the prompt template is missing.
        """
        if not settings.base_url or not settings.model:
            raise EndpointError("the openai backend needs BOT_SUMMARIZER__BASE_URL and __MODEL")
        key = settings.api_key.get_secret_value() if settings.api_key else None
        return cls(
            settings.base_url,
            settings.model,
            load_prompts(settings.prompt),
            Grounder(encode_texts),
            api_key=key or None,
            timeout=settings.timeout_seconds,
            retries=settings.retries,
            context_tokens=settings.context_tokens,
            max_new_tokens=settings.max_new_tokens,
        )

    @property
    def context_tokens(self) -> int:
        """The context size from settings."""
        return self._context

    def count_tokens(self, text: str) -> int:
        """An estimate: characters / 4, rounded up."""
        return math.ceil(len(text) / CHARS_PER_TOKEN)

    async def generate(self, prompt: str) -> str:
        """One chat completion, retried on network errors, 429 and 5xx.

        Raises:
            EndpointError: every attempt failed, or the answer has no message text.
        """
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {
            "model": self.model,
            "messages": [
                {"role": "system", "content": SYSTEM},
                {"role": "user", "content": prompt},
            ],
            "max_tokens": self.max_new_tokens,
            "temperature": 0,
        }
        problem = "no attempt made"
        wait: float | None = None
        async with httpx.AsyncClient(timeout=self.timeout, transport=self.transport) as client:
            for attempt in range(self.retries + 1):
                if attempt:
                    await asyncio.sleep(max(self.backoff * 2 ** (attempt - 1), wait or 0.0))
                try:
                    response = await client.post(self.url, json=body, headers=headers)
                except httpx.HTTPError as exc:
                    problem, wait = f"{type(exc).__name__} from {self.url}", None
                    log.warning("openai summariser: %s (attempt %d)", problem, attempt + 1)
                    continue
                if response.status_code == 429 or response.status_code >= 500:
                    problem = f"HTTP {response.status_code} from {self.url}"
                    wait = _retry_after(response)
                    log.warning("openai summariser: %s (attempt %d)", problem, attempt + 1)
                    continue
                if response.status_code != 200:
                    raise EndpointError(f"HTTP {response.status_code} from {self.url}")
                return _message_text(response)
        raise EndpointError(f"{problem} after {self.retries + 1} attempts")


def _retry_after(response: httpx.Response) -> float | None:
    """The server's ``Retry-After`` in seconds (capped), if it gave one in seconds."""
    try:
        return min(MAX_RETRY_AFTER, max(0.0, float(response.headers.get("retry-after", ""))))
    except ValueError:
        return None


def _message_text(response: httpx.Response) -> str:
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise EndpointError("the endpoint's answer has no choices[0].message.content") from exc
    if not isinstance(content, str):
        raise EndpointError("the endpoint's message content is not text")
    return content
