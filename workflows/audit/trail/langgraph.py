"""Reading the LangGraph plugin's activities: a model turn, and the replies of the tools.

The plugin runs each node of an agent graph as an activity: its input is the graph state the
node received (the messages so far, the facts, the pseudonyms), its result the update the
node returned. A model turn is read from those the same way for every agent; what a tool's
reply means is the life event's (`TrailAdapter`).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workflows.audit.trail.models import ModelCall
from workflows.audit.trail.payloads import as_dict, parse_json


def graph_state(activity_input: Any) -> dict[str, Any]:
    """The graph state a LangGraph activity received (its first positional argument)."""
    args = as_dict(activity_input).get("args") or []
    return as_dict(args[0]) if args else {}


def graph_result(activity_result: Any) -> dict[str, Any]:
    """The state update a LangGraph activity returned."""
    return as_dict(as_dict(activity_result).get("result"))


def message_view(message: dict[str, Any]) -> dict[str, Any]:
    """The parts of a LangChain message (as JSON) an auditor reads."""
    view: dict[str, Any] = {"role": message.get("type"), "content": message.get("content")}
    for key in ("name", "tool_call_id", "status"):
        if message.get(key):
            view[key] = message[key]
    calls = message.get("tool_calls") or []
    if calls:
        view["tool_calls"] = [{"name": c.get("name"), "args": c.get("args")} for c in calls]
    return view


def model_call(
    *,
    at: datetime,
    event_id: int,
    state: dict[str, Any],
    produced: dict[str, Any],
    attempts: int,
    error: str | None,
) -> ModelCall:
    """One model turn from the state the model node received and the update it returned.

    Args:
        at: When the turn's activity closed.
        event_id: The history event that closed it.
        state: The graph state the node received.
        produced: The update it returned (empty when the turn failed).
        attempts: Activity attempts.
        error: Why the turn failed, when it did.
    """
    messages = [as_dict(m) for m in state.get("messages") or []]
    last_ai = max((i for i, m in enumerate(messages) if m.get("type") == "ai"), default=-1)
    replies = [as_dict(m) for m in produced.get("messages") or []]
    reply = replies[-1] if replies else {}
    meta = as_dict(reply.get("response_metadata"))
    usage = reply.get("usage_metadata")
    tokens = (
        {
            k: int(v)
            for k, v in as_dict(usage).items()
            if k.endswith("tokens") and isinstance(v, int)
        }
        if usage
        else None
    )
    return ModelCall(
        at=at,
        event_id=event_id,
        turn=produced.get("turns", state.get("turns", 0) + 1),
        provider=meta.get("model_provider"),
        model=meta.get("model_name") or meta.get("model"),
        prompt=[message_view(m) for m in messages[last_ai + 1 :]],
        context_messages=len(messages),
        output=message_view(reply) if reply else {},
        tokens=tokens,
        attempts=attempts,
        error=error,
    )


@dataclass(frozen=True, slots=True)
class ToolReply:
    """One tool's reply to a call of the model.

    Attributes:
        tool: The tool's name.
        ok: False when the tool reported an error.
        content: The reply as the model read it (parsed when it is JSON).
        text: The reply's text as recorded.
        args: The arguments the model called the tool with, as recorded (None: not found).
    """

    tool: str
    ok: bool
    content: Any
    text: Any
    args: Any


def tool_replies(state: dict[str, Any], produced: dict[str, Any]) -> Iterator[ToolReply]:
    """The replies of a tools node to the model's last tool calls.

    Args:
        state: The graph state the tools node received (its last message holds the calls).
        produced: The update it returned (a tool message per call).
    """
    messages = [as_dict(m) for m in state.get("messages") or []]
    calls = {
        c.get("id"): as_dict(c)
        for m in messages[-1:]
        for c in m.get("tool_calls") or []
        if m.get("type") == "ai"
    }
    for raw in produced.get("messages") or []:
        message = as_dict(raw)
        call = calls.get(message.get("tool_call_id"), {})
        yield ToolReply(
            tool=str(message.get("name") or call.get("name") or "?"),
            ok=message.get("status", "success") == "success",
            content=parse_json(message.get("content")),
            text=message.get("content"),
            args=call.get("args"),
        )
