"""Chat-model providers: selection from settings and the OpenAI-compatible endpoint."""

import json
from datetime import date, timedelta

import httpx
import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage
from langchain_openai import ChatOpenAI
from pydantic import SecretStr
from temporalio.exceptions import ApplicationError

from agents import providers
from agents.change_of_address.graph import MODEL_NON_RETRYABLE_ERRORS
from agents.change_of_address.nodes import (
    MODEL_RATE_LIMITED,
    MODEL_REQUEST_REJECTED,
    MODEL_TIMEOUT,
    MODEL_UNAVAILABLE,
    ChangeOfAddressNodes,
)
from agents.change_of_address.scripted import ScriptedPlanner
from agents.change_of_address.state import initial_state
from agents.change_of_address.tools import tool_definitions
from agents.deps import AgentDeps
from agents.providers.openai import make_openai_chat_model
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from workflows.change_of_address.domain import MoveRequest, NewAddress


def make_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model the settings name, with this agent's scripted planner as the offline one."""
    return providers.make_chat_model(settings, lambda name: ScriptedPlanner(model_name=name))


REQUEST = MoveRequest(
    bsn="999993653",
    new_address=NewAddress(postcode="1012AB", huisnummer=1),
    move_date=date(2026, 12, 1),
)


def test_scripted_is_the_default() -> None:
    model = make_chat_model(Settings())
    assert isinstance(model, ScriptedPlanner)
    assert model.model_name == "scripted-planner-v1"


def test_openai_from_settings() -> None:
    settings = Settings(
        llm_provider="openai",
        llm_base_url="https://llm.example.eu/v1",
        llm_model="mistral-small",
        llm_api_key=SecretStr("sk-test"),
        llm_timeout_s=42.0,
        llm_max_tokens=800,
        llm_temperature=0.2,
    )
    model = make_chat_model(settings)
    assert isinstance(model, ChatOpenAI)
    assert model.model_name == "mistral-small"
    assert model.openai_api_base == "https://llm.example.eu/v1"
    assert isinstance(model.openai_api_key, SecretStr)
    assert model.openai_api_key.get_secret_value() == "sk-test"
    assert model.max_retries == 0  # Temporal retries the activity
    assert model.request_timeout == 42.0
    assert model.max_tokens == 800
    assert model.temperature == 0.2


def test_openai_defaults_to_temperature_zero_without_a_token_limit() -> None:
    model = make_chat_model(Settings(llm_provider="openai", llm_base_url="http://llm/v1"))
    assert isinstance(model, ChatOpenAI)
    assert model.temperature == 0 and model.max_tokens is None


def test_openai_needs_a_base_url() -> None:
    with pytest.raises(ValueError, match="BURGERFLOW_LLM_BASE_URL"):
        make_chat_model(Settings(llm_provider="openai"))


def _endpoint(
    requests: list[dict[str, object]],
    status: int = 200,
    *,
    arguments: str = '{"persons": ["PERSON_1"]}',
    headers: dict[str, str] | None = None,
) -> httpx.AsyncClient:
    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(json.loads(request.content))
        if status != 200:
            return httpx.Response(
                status,
                headers=headers,
                json={"error": {"message": "bad", "type": "invalid"}},
            )
        return httpx.Response(
            200,
            json={
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 0,
                "model": "mistral-small",
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "tool_calls",
                        "message": {
                            "role": "assistant",
                            "content": None,
                            "tool_calls": [
                                {
                                    "id": "call_a",
                                    "type": "function",
                                    "function": {"name": "lookup_persons", "arguments": arguments},
                                }
                            ],
                        },
                    }
                ],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
            },
        )

    return httpx.AsyncClient(transport=httpx.MockTransport(handle))


def _openai_nodes(http: httpx.AsyncClient) -> ChangeOfAddressNodes:
    settings = Settings(
        llm_provider="openai",
        llm_base_url="https://llm.example.eu/v1",
        llm_model="mistral-small",
        llm_max_tokens=700,
    )
    model = make_openai_chat_model(settings, http_client=http)
    unused = RegistryClient(httpx.AsyncClient(base_url="http://unused"))
    return ChangeOfAddressNodes(AgentDeps(chat_model=model, registry=unused))


async def test_model_turn_on_an_openai_compatible_endpoint() -> None:
    requests: list[dict[str, object]] = []
    nodes = _openai_nodes(_endpoint(requests))

    update = await nodes.call_model(initial_state(REQUEST))

    [reply] = update["messages"]
    assert isinstance(reply, AIMessage)
    assert reply.tool_calls == [
        {
            "name": "lookup_persons",
            "args": {"persons": ["PERSON_1"]},
            "id": "call_a",
            "type": "tool_call",
        }
    ]
    assert reply.id == "model-turn-1"
    assert reply.response_metadata["id"] == "chatcmpl-1"
    assert update["turns"] == 1
    # Token use adds up in the state, so every model activity result carries it.
    assert update["usage"] == {
        "input_tokens": 10,
        "output_tokens": 5,
        "total_tokens": 15,
        "model_calls": 1,
    }
    [sent] = requests
    assert sent["model"] == "mistral-small"
    # The first turn is offered the look-ups only.
    assert sent["tools"] == tool_definitions(plan=False)
    assert sent["max_completion_tokens"] == 700
    messages = sent["messages"]
    assert isinstance(messages, list)
    assert messages[0]["role"] == "system" and messages[1]["role"] == "user"
    assert REQUEST.bsn not in json.dumps(sent)
    assert "PERSON_1" in messages[1]["content"]


async def test_a_bsn_in_the_reply_becomes_a_token_before_it_is_kept() -> None:
    invented = "111222333"
    nodes = _openai_nodes(_endpoint([], arguments=f'{{"persons": ["{invented}", 999993653]}}'))

    update = await nodes.call_model(initial_state(REQUEST))

    [reply] = update["messages"]
    # The made-up BSN gets a token of its own; the reporter's (as a number) is PERSON_1.
    assert reply.tool_calls[0]["args"] == {"persons": ["PERSON_2", "PERSON_1"]}
    entries = update["pseudonyms"]["entries"]
    assert [(e["token"], e["value"]) for e in entries if e["kind"] == "PERSON"] == [
        ("PERSON_1", REQUEST.bsn),
        ("PERSON_2", invented),
    ]


@pytest.mark.parametrize("status", [400, 401, 403, 404])
async def test_endpoint_refusal_is_non_retryable(status: int) -> None:
    nodes = _openai_nodes(_endpoint([], status=status))
    with pytest.raises(ApplicationError) as raised:
        await nodes.call_model(initial_state(REQUEST))
    assert raised.value.non_retryable
    assert raised.value.type == MODEL_REQUEST_REJECTED
    assert f"Error code: {status}" in raised.value.message


@pytest.mark.parametrize(
    ("status", "error_type"),
    [(429, MODEL_RATE_LIMITED), (500, MODEL_UNAVAILABLE), (503, MODEL_UNAVAILABLE)],
)
async def test_endpoint_outage_is_retried(status: int, error_type: str) -> None:
    nodes = _openai_nodes(_endpoint([], status=status))
    with pytest.raises(ApplicationError) as raised:
        await nodes.call_model(initial_state(REQUEST))
    assert not raised.value.non_retryable
    assert raised.value.type == error_type
    assert raised.value.type not in MODEL_NON_RETRYABLE_ERRORS
    assert raised.value.next_retry_delay is None


async def test_rate_limit_retries_after_the_endpoints_retry_after() -> None:
    nodes = _openai_nodes(_endpoint([], status=429, headers={"Retry-After": "7"}))
    with pytest.raises(ApplicationError) as raised:
        await nodes.call_model(initial_state(REQUEST))
    assert raised.value.type == MODEL_RATE_LIMITED
    assert raised.value.next_retry_delay == timedelta(seconds=7)


async def test_timeout_is_retried() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    nodes = _openai_nodes(httpx.AsyncClient(transport=httpx.MockTransport(handle)))
    with pytest.raises(ApplicationError) as raised:
        await nodes.call_model(initial_state(REQUEST))
    assert raised.value.type == MODEL_TIMEOUT and not raised.value.non_retryable
