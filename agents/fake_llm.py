"""A fake OpenAI-compatible chat-completions server that misbehaves on request.

It speaks the real wire format — `POST /v1/chat/completions` with `messages`, `tools` and
tool calls whose arguments are JSON strings, `usage` in the answer, `429` with `Retry-After` —
so tests and `burgerflow eval --provider fake` drive the real `langchain-openai` client against
it, exactly as against vLLM, Ollama or an EU cloud endpoint.

Its brain is an agent's scripted model reading the conversation from the wire, so a
well-behaved fake plans every case right. Each agent package that can stand behind the fake
has a `fake` module with a `FAKE_AGENT` (`FakeAgent`): its scripted turns, its tools, and
where its calls take a person or hold a plan. The fake answers a request with the agent
whose tools it offers. On top of that it misbehaves as real models and endpoints do
(`Misbehaviour`): arguments that are not JSON, a tool that does not exist, a BSN it made up, a
refusal, an empty answer, a rate limit, an answer slower than the client's timeout, a plan
with a step left out. Misbehaviour comes from a script (one entry per request, in order:
`FakeLlm.queue`) or, for evaluations, at random with a fixed seed (`FakeLlm.error_rate`).

Every request body is kept (`FakeLlm.captured`), so a test can prove what reached the model:
`FakeLlm.bsns_seen()` lists every nine-digit number passing the 11-proef in any of them.
"""

import asyncio
import importlib
import importlib.util
import json
import pkgutil
import random
import re
import time
from collections import deque
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolCall,
    ToolMessage,
)

import agents as agent_packages
from agents.pseudonyms import PseudonymKind
from agents.scripted import turn_number
from burgerflow.core.bsn import is_valid_bsn

FAKE_MODEL = "burgerflow-fake-planner"
"""The model name the fake reports when a request names none."""

INVENTED_BSN = "111222333"
"""The BSN the fake makes up: it passes the 11-proef, belongs to no case, and must never come
back to the model in a later request."""

UNKNOWN_TOOL = "lookup_weather"
"""The tool the fake calls that no agent has."""

REFUSAL = "I'm sorry, but I can't help with that request."

FIRST_PERSON = f"{PseudonymKind.PERSON.value}_1"
"""The token of a case's first person: what a garbled call the fake makes up asks for."""

FAKE_MODULE = "fake"
"""The module of an agent package (`agents.<agent>.fake`) that holds its `FAKE_AGENT`."""

_NINE_DIGITS = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")


class Misbehaviour(StrEnum):
    """Ways the fake answers badly."""

    MALFORMED_ARGUMENTS = "malformed_arguments"
    """The first tool call's arguments are cut off: not valid JSON."""
    UNKNOWN_TOOL = "unknown_tool"
    """It calls a tool the agent does not have."""
    INVENTED_BSN = "invented_bsn"
    """It puts a BSN it made up in a look-up or in the plan."""
    REFUSAL = "refusal"
    """It refuses (the `refusal` field, no content, no tool calls)."""
    EMPTY_CONTENT = "empty_content"
    """It answers with an empty message and no tool calls."""
    RATE_LIMIT = "rate_limit"
    """The endpoint answers 429 with `Retry-After`."""
    SLOW = "slow"
    """The answer comes after `slow_seconds`, later than a client's timeout."""
    SLOPPY_PLAN = "sloppy_plan"
    """The plan leaves out a step (a mistake no guardrail catches; the policy does)."""


RANDOM_MISBEHAVIOUR: tuple[Misbehaviour, ...] = (
    Misbehaviour.MALFORMED_ARGUMENTS,
    Misbehaviour.UNKNOWN_TOOL,
    Misbehaviour.INVENTED_BSN,
    Misbehaviour.REFUSAL,
    Misbehaviour.EMPTY_CONTENT,
    Misbehaviour.RATE_LIMIT,
    Misbehaviour.SLOPPY_PLAN,
)
"""What `error_rate` draws from. Slowness is left out: it costs a client timeout per draw."""


class FakeAgent(Protocol):
    """What the fake needs of an agent: its scripted turns, and where to slip in a mistake."""

    @property
    def tools(self) -> Set[str]:
        """The names of the agent's tools: a request that offers them is for this agent."""
        ...

    def next_turn(self, messages: Sequence[BaseMessage]) -> AIMessage:
        """The agent's scripted reply to a conversation (a well-behaved answer)."""
        ...

    def person_lookup(self, person: str) -> tuple[str, dict[str, Any]]:
        """A look-up of one person (a token or a BSN): the tool name and its arguments."""
        ...

    def with_person(self, call: dict[str, Any], person: str) -> dict[str, Any] | None:
        """`call` made about `person` instead, or None when the call takes no person."""
        ...

    def without_a_step(self, call: dict[str, Any]) -> dict[str, Any] | None:
        """`call`'s plan with a step left out, or None when it holds no plan to spoil."""
        ...


def agent_fakes() -> list[FakeAgent]:
    """The `FAKE_AGENT` of every agent package that has a `fake` module, by package name."""
    found: list[FakeAgent] = []
    packages = sorted(pkgutil.iter_modules(agent_packages.__path__), key=lambda m: m.name)
    for package in packages:
        name = f"{agent_packages.__name__}.{package.name}.{FAKE_MODULE}"
        if not package.ispkg or importlib.util.find_spec(name) is None:
            continue
        fake = getattr(importlib.import_module(name), "FAKE_AGENT", None)
        if fake is not None:
            found.append(fake)
    return found


def agent_for(fakes: Sequence[FakeAgent], body: dict[str, Any]) -> FakeAgent | None:
    """The agent a request is for: the one that has most of the tools it offers (the first
    on a tie), or None when the fake has no agent."""
    offered = {
        str((tool.get("function") or {}).get("name"))
        for tool in body.get("tools") or []
        if isinstance(tool, dict)
    }
    return max(fakes, key=lambda fake: len(offered & set(fake.tools)), default=None)


@dataclass(frozen=True, slots=True)
class CapturedRequest:
    """One request the fake received.

    Attributes:
        body: The raw request body.
        misbehaviour: How the fake answered it, None when it answered well.
    """

    body: str
    misbehaviour: Misbehaviour | None


@dataclass
class FakeLlm:
    """The fake's behaviour and what it received.

    Attributes:
        error_rate: Chance that a request (without a scripted misbehaviour) gets a random
            one from `pool`.
        seed: Seed of that random draw: one run of requests in the same order misbehaves
            the same way every time.
        pool: The misbehaviours drawn at random.
        slow_seconds: How long a `SLOW` answer takes.
        retry_after_seconds: The `Retry-After` of a `RATE_LIMIT` answer.
        agents: The agents it can play; every agent package's `FAKE_AGENT` by default.
        captured: Every request body received, in order.
    """

    error_rate: float = 0.0
    seed: int = 0
    pool: tuple[Misbehaviour, ...] = RANDOM_MISBEHAVIOUR
    slow_seconds: float = 3.0
    retry_after_seconds: int = 1
    agents: Sequence[FakeAgent] = field(default_factory=agent_fakes)
    captured: list[CapturedRequest] = field(default_factory=list)
    _script: deque[Misbehaviour | None] = field(default_factory=deque)
    _random: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def queue(self, *misbehaviour: Misbehaviour | None) -> None:
        """Answer the next requests with these misbehaviours, one each, in order (None: answer
        that request well)."""
        self._script.extend(misbehaviour)

    def clear(self) -> None:
        """Forget scripted misbehaviour that was not used."""
        self._script.clear()

    @property
    def scripted_left(self) -> int:
        """Scripted misbehaviours not used yet."""
        return len(self._script)

    def next_misbehaviour(self) -> Misbehaviour | None:
        """The misbehaviour for the next request: scripted first, then at random."""
        if self._script:
            return self._script.popleft()
        if self.error_rate > 0 and self._random.random() < self.error_rate:
            return self._random.choice(self.pool)
        return None

    def bsns_seen(self) -> list[str]:
        """Every BSN (nine digits passing the 11-proef) in any request body received."""
        return sorted(
            {n for r in self.captured for n in _NINE_DIGITS.findall(r.body) if is_valid_bsn(n)}
        )


# The wire format -----------------------------------------------------------------------------


def _text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return str(content)


def messages_from_wire(items: Sequence[dict[str, Any]]) -> list[BaseMessage]:
    """The chat-completions `messages` as LangChain messages.

    Tool calls whose arguments are not a JSON object are left out, as an endpoint's model
    would simply not see them as calls.
    """
    messages: list[BaseMessage] = []
    for item in items:
        role = item.get("role")
        content = _text(item.get("content"))
        if role in ("system", "developer"):
            messages.append(SystemMessage(content=content))
        elif role == "user":
            messages.append(HumanMessage(content=content))
        elif role == "assistant":
            calls: list[ToolCall] = []
            for raw in item.get("tool_calls") or []:
                function = raw.get("function") or {}
                try:
                    args = json.loads(function.get("arguments") or "{}")
                except json.JSONDecodeError:
                    continue
                if isinstance(args, dict):
                    calls.append(
                        ToolCall(name=str(function.get("name", "")), args=args, id=raw.get("id"))
                    )
            messages.append(AIMessage(content=content, tool_calls=calls))
        elif role == "tool":
            messages.append(
                ToolMessage(content=content, tool_call_id=str(item.get("tool_call_id", "")))
            )
    return messages


def _wire_call(call_id: str, name: str, arguments: str) -> dict[str, Any]:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


def _misbehave(
    misbehaviour: Misbehaviour | None, reply: AIMessage, turn: int, agent: FakeAgent
) -> tuple[str | None, list[dict[str, Any]], str | None]:
    """The answer's content, tool calls (wire form) and refusal, with `misbehaviour` applied."""
    calls: list[dict[str, Any]] = [dict(c) for c in reply.tool_calls]
    content: str | None = _text(reply.content) or None
    refusal: str | None = None
    match misbehaviour:
        case Misbehaviour.REFUSAL:
            return None, [], REFUSAL
        case Misbehaviour.EMPTY_CONTENT:
            return "", [], None
        case Misbehaviour.UNKNOWN_TOOL:
            calls = [{"name": UNKNOWN_TOOL, "args": {"city": "Amsterdam"}, "id": f"fake-{turn}-x"}]
            content = None
        case Misbehaviour.INVENTED_BSN:
            changed = agent.with_person(calls[0], INVENTED_BSN) if calls else None
            if changed is not None:
                calls[0] = changed
            else:
                name, args = agent.person_lookup(INVENTED_BSN)
                calls = [{"name": name, "args": args, "id": f"fake-{turn}-invented"}]
            content = None
        case Misbehaviour.SLOPPY_PLAN:
            changed = agent.without_a_step(calls[0]) if calls else None
            if changed is not None:
                calls[0] = changed
    wire = [
        _wire_call(str(c.get("id") or f"fake-{turn}-{i}"), str(c["name"]), json.dumps(c["args"]))
        for i, c in enumerate(calls)
    ]
    if misbehaviour is Misbehaviour.MALFORMED_ARGUMENTS:
        if not wire:
            name, args = agent.person_lookup(FIRST_PERSON)
            wire = [_wire_call(f"fake-{turn}-m", name, json.dumps(args))]
        arguments = wire[0]["function"]["arguments"]
        wire[0]["function"]["arguments"] = arguments[: max(1, len(arguments) // 2)]
        content = None
    return content, wire, refusal


def _tokens(text: str) -> int:
    # A rough count (four characters a token): the fake has no tokenizer, and the numbers
    # only need to be plausible and deterministic.
    return max(1, len(text) // 4)


def create_fake_llm_app(fake: FakeLlm) -> FastAPI:
    """The fake endpoint as a FastAPI app; serve it and point `llm_base_url` at `<url>/v1`.

    Args:
        fake: Its behaviour, and where it keeps what it received.

    Returns:
        An app with `POST /v1/chat/completions`, `GET /v1/models` and `GET /healthz`.
    """
    app = FastAPI(title="burgerflow fake LLM", docs_url=None, redoc_url=None)
    app.state.fake = fake
    counter = {"n": 0}

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/v1/models")
    async def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": FAKE_MODEL, "object": "model"}]}

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> JSONResponse:
        raw = (await request.body()).decode()
        misbehaviour = fake.next_misbehaviour()
        fake.captured.append(CapturedRequest(body=raw, misbehaviour=misbehaviour))
        counter["n"] += 1
        if misbehaviour is Misbehaviour.RATE_LIMIT:
            return JSONResponse(
                status_code=429,
                headers={"Retry-After": str(fake.retry_after_seconds)},
                content={
                    "error": {
                        "message": "Rate limit reached for requests.",
                        "type": "requests",
                        "code": "rate_limit_exceeded",
                    }
                },
            )
        if misbehaviour is Misbehaviour.SLOW:
            await asyncio.sleep(fake.slow_seconds)
        try:
            body = json.loads(raw)
            wire_messages = body["messages"]
        except (json.JSONDecodeError, KeyError, TypeError):
            return JSONResponse(
                status_code=400,
                content={"error": {"message": "Invalid request body.", "type": "invalid_request"}},
            )
        agent = agent_for(fake.agents, body)
        if agent is None:
            return JSONResponse(
                status_code=400,
                content={"error": {"message": "No agent to play.", "type": "invalid_request"}},
            )
        conversation = messages_from_wire(wire_messages)
        turn = turn_number(conversation)
        reply = agent.next_turn(conversation)
        content, calls, refusal = _misbehave(misbehaviour, reply, turn, agent)
        message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": refusal}
        if calls:
            message["tool_calls"] = calls
        prompt_tokens = _tokens(raw)
        completion_tokens = _tokens(json.dumps(message))
        return JSONResponse(
            {
                "id": f"chatcmpl-fake-{counter['n']}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model") or FAKE_MODEL,
                "choices": [
                    {
                        "index": 0,
                        "message": message,
                        "finish_reason": "tool_calls" if calls else "stop",
                    }
                ],
                "usage": {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "total_tokens": prompt_tokens + completion_tokens,
                },
            }
        )

    return app
