"""LangChain messages across the Temporal activity boundary.

The LangGraph plugin hands graph state to activities as JSON and gives activity results back
to the workflow as JSON, typed `Any`. LangChain messages therefore arrive as plain dicts on
both sides. `coerce_messages` turns them back into message objects through the discriminated
`AnyMessage` union, which keeps every field (tool calls, tool-call ids, status, usage);
LangGraph's own dict conversion folds some of them into `additional_kwargs`.
"""

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AnyMessage, BaseMessage
from langgraph.graph.message import add_messages
from pydantic import TypeAdapter

_MESSAGE = TypeAdapter[AnyMessage](AnyMessage)


def coerce_message(value: BaseMessage | dict[str, Any]) -> AnyMessage:
    """Return `value` as a LangChain message, validating a serialised dict exactly.

    Args:
        value: A message object, or the JSON form of one (with its `type` field).

    Returns:
        The message object.
    """
    return _MESSAGE.validate_python(value)


def coerce_messages(values: Sequence[BaseMessage | dict[str, Any]] | None) -> list[AnyMessage]:
    """Return every item of `values` as a LangChain message (see `coerce_message`)."""
    return [coerce_message(value) for value in values or ()]


def merge_messages(
    left: Sequence[BaseMessage | dict[str, Any]] | None,
    right: Sequence[BaseMessage | dict[str, Any]] | BaseMessage | dict[str, Any] | None,
) -> list[AnyMessage]:
    """State reducer: `add_messages` after restoring messages that arrive as JSON.

    Use it as `Annotated[list[AnyMessage], merge_messages]` for a graph whose nodes run as
    activities.
    """
    if right is None:
        updates: list[AnyMessage] = []
    elif isinstance(right, BaseMessage | dict):
        updates = [coerce_message(right)]
    else:
        updates = coerce_messages(right)
    merged = add_messages(coerce_messages(left), updates)  # type: ignore[arg-type]
    return coerce_messages(merged)  # type: ignore[arg-type]
