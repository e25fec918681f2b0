"""The openai backend against a local fake OpenAI-compatible server (pytest-httpserver)."""

from __future__ import annotations

import json

import pytest
from pytest_httpserver import HTTPServer
from test_grounding import SOURCE, _doc
from werkzeug import Request, Response

from bot.core.commands import Invocation
from bot.core.reply import Context, Section
from bot.nlp.extractive import ExtractiveSummarizer
from bot.nlp.fallback import FallbackSummarizer
from bot.nlp.generative import GroundingError
from bot.nlp.grounding import Grounder
from bot.nlp.openai_backend import EndpointError, OpenAISummarizer
from bot.nlp.prompts import load_prompts
from bot.nlp.summarizers import make_summarizer
from bot.settings import SummarizerSettings

KEY = "sk-test-123"


def _completion(text: str) -> dict[str, object]:
    return {"choices": [{"index": 0, "message": {"role": "assistant", "content": text}}]}


def _backend(server: HTTPServer, **kwargs: object) -> OpenAISummarizer:
    return OpenAISummarizer(
        server.url_for("/v1"),
        "tiny-chat",
        load_prompts("brief"),
        Grounder(),
        api_key=KEY,
        timeout=5,
        backoff=0.01,
        **kwargs,  # type: ignore[arg-type]
    )


async def test_grounded_sentences_are_kept_and_invented_ones_dropped(
    httpserver: HTTPServer,
) -> None:
    answer = (
        "The city council approved a budget of 4.2 million dollars on Tuesday.\n"
        "The mayor resigned after 12 years in office.\n"
        "The plan funds two new libraries and a bus line, Mayor Ana Ruiz said."
    )
    seen: list[dict[str, object]] = []

    def handler(request: Request) -> Response:
        assert request.headers["Authorization"] == f"Bearer {KEY}"
        seen.append(json.loads(request.data))
        return Response(json.dumps(_completion(answer)), content_type="application/json")

    httpserver.expect_request("/v1/chat/completions", method="POST").respond_with_handler(handler)
    summary = await _backend(httpserver).summarize([_doc()], max_words=80, topic="budget")
    assert [s.sentence_index for s in summary.sentences] == [0, 1]
    assert "mayor resigned" not in " ".join(s.text for s in summary.sentences)
    assert summary.backend == "openai"
    assert "1 generated sentence" in summary.notes[0]
    (request,) = seen
    assert request["model"] == "tiny-chat"
    messages = request["messages"]
    assert isinstance(messages, list)
    prompt = messages[-1]["content"]
    assert SOURCE[3] in prompt and "Focus on: budget." in prompt


async def test_server_errors_are_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/v1/chat/completions").respond_with_data("busy", 503)
    httpserver.expect_ordered_request("/v1/chat/completions").respond_with_json(
        _completion(SOURCE[4])
    )
    summary = await _backend(httpserver, retries=2).summarize([_doc()], max_words=80)
    assert [s.text for s in summary.sentences] == [SOURCE[4]]


async def test_a_client_error_is_not_retried_and_never_shows_the_key(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_oneshot_request("/v1/chat/completions").respond_with_data("no", 401)
    with pytest.raises(EndpointError) as caught:
        await _backend(httpserver, retries=3).summarize([_doc()], max_words=80)
    assert "401" in str(caught.value)
    assert KEY not in str(caught.value)


async def test_output_with_no_support_is_a_grounding_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v1/chat/completions").respond_with_json(
        _completion("Aliens landed in the harbour at dawn.")
    )
    with pytest.raises(GroundingError):
        await _backend(httpserver).summarize([_doc()], max_words=80)


async def test_a_long_input_is_briefed_in_chunks_then_merged(httpserver: HTTPServer) -> None:
    prompts: list[str] = []

    def handler(request: Request) -> Response:
        prompts.append(json.loads(request.data)["messages"][-1]["content"])
        return Response(json.dumps(_completion(SOURCE[0])), content_type="application/json")

    httpserver.expect_request("/v1/chat/completions").respond_with_handler(handler)
    backend = _backend(httpserver, context_tokens=256, max_new_tokens=40)
    summary = await backend.summarize([_doc()] * 4, max_words=80)
    assert summary.sentences
    assert len(prompts) >= 3  # several map calls, then a reduce
    assert "partial briefings" in prompts[-1]


async def test_an_unreachable_endpoint_falls_back_in_the_chat_reply(
    seeded_app: object, httpserver: HTTPServer
) -> None:
    from bot.bootstrap import App

    assert isinstance(seeded_app, App)
    httpserver.expect_request("/v1/chat/completions").respond_with_data("down", 500)
    settings = SummarizerSettings(
        backend="openai", base_url=httpserver.url_for("/v1"), model="m", retries=0
    )
    summarizer = make_summarizer(settings)
    assert isinstance(summarizer, FallbackSummarizer)
    assert isinstance(summarizer.fallback, ExtractiveSummarizer)
    seeded_app.services.summarizer = summarizer
    reply = await seeded_app.handle(Invocation("brief"))
    assert not reply.is_error
    assert any(isinstance(b, Section) for b in reply.blocks)
    notes = [b.text for b in reply.blocks if isinstance(b, Context)]
    assert any("openai summariser failed" in n for n in notes)
