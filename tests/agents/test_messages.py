"""LangChain messages with tool calls across the Temporal payload boundary."""

import uuid
from typing import Any

from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, ToolMessage
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from agents.messages import coerce_messages, merge_messages
from tests.agents.agent_workflows import EchoMessagesWorkflow, MessagesBox, echo_messages


def _conversation() -> list[AnyMessage]:
    return [
        HumanMessage(content="Verhuizing", id="request"),
        AIMessage(
            content="",
            id="model-turn-1",
            tool_calls=[
                {"name": "lookup_persons", "args": {"bsns": ["999993653"]}, "id": "call-1"},
                {
                    "name": "lookup_address",
                    "args": {"postcode": "1012AB", "huisnummer": 1},
                    "id": "call-2",
                },
            ],
            usage_metadata={"input_tokens": 10, "output_tokens": 5, "total_tokens": 15},
        ),
        ToolMessage(
            content='{"personen": []}',
            tool_call_id="call-1",
            name="lookup_persons",
            id="tool-call-1",
        ),
        ToolMessage(
            content="Invalid arguments",
            tool_call_id="call-2",
            name="lookup_address",
            id="tool-call-2",
            status="error",
        ),
    ]


def _round_trip(value: Any, type_hint: Any) -> Any:
    converter = pydantic_data_converter.payload_converter
    [payload] = converter.to_payloads([value])
    [back] = converter.from_payloads([payload], [type_hint])
    return back


def test_typed_round_trip_keeps_every_field() -> None:
    messages = _conversation()
    back = _round_trip(messages, list[AnyMessage])
    assert back == messages
    assert isinstance(back[1], AIMessage)
    assert back[1].tool_calls[1]["args"] == {"postcode": "1012AB", "huisnummer": 1}
    assert back[1].usage_metadata == messages[1].usage_metadata  # type: ignore[union-attr]
    assert isinstance(back[3], ToolMessage) and back[3].status == "error"


def test_untyped_round_trip_restored_by_coerce() -> None:
    # The plugin types activity input and output `Any`: messages arrive as dicts.
    back = _round_trip({"messages": _conversation()}, Any)
    assert all(isinstance(m, dict) for m in back["messages"])
    assert coerce_messages(back["messages"]) == _conversation()


def test_merge_messages_restores_dicts_and_replaces_by_id() -> None:
    messages = _conversation()
    as_json = _round_trip(messages, Any)
    merged = merge_messages(as_json[:2], as_json[2:])
    assert merged == messages
    edited = ToolMessage(
        content="retry", tool_call_id="call-2", name="lookup_address", id="tool-call-2"
    )
    assert merge_messages(merged, [edited])[-1] == edited


async def test_round_trip_through_a_real_activity(temporal_env: WorkflowEnvironment) -> None:
    task_queue = f"agents-messages-{uuid.uuid4()}"
    box = MessagesBox(messages=_conversation())
    async with Worker(
        temporal_env.client,
        task_queue=task_queue,
        workflows=[EchoMessagesWorkflow],
        activities=[echo_messages],
    ):
        result = await temporal_env.client.execute_workflow(
            EchoMessagesWorkflow.run,
            box,
            id=f"agents-messages-{uuid.uuid4()}",
            task_queue=task_queue,
        )
    assert result == box
