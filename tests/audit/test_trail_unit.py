"""Reading a trail from hand-made history events: what a live run of the scripted planner
does not produce (a model endpoint's provider, model and tokens; a failed step)."""

import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp
from temporalio.api.common.v1 import ActivityType, Payload, Payloads, WorkflowType
from temporalio.api.enums.v1 import EventType
from temporalio.api.failure.v1 import Failure
from temporalio.api.history.v1 import (
    ActivityTaskCompletedEventAttributes,
    ActivityTaskFailedEventAttributes,
    ActivityTaskScheduledEventAttributes,
    ActivityTaskStartedEventAttributes,
    HistoryEvent,
    WorkflowExecutionStartedEventAttributes,
)
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.converter import DefaultFailureConverterWithEncodedAttributes
from temporalio.exceptions import ApplicationError

from workflows.audit.trail import TrailKind, build_trail
from workflows.change_of_address.trail import MODEL_ACTIVITY

AT = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


def _payloads(value: Any) -> Payloads:
    return Payloads(
        payloads=[Payload(metadata={"encoding": b"json/plain"}, data=json.dumps(value).encode())]
    )


def _event(event_id: int, kind: int, **attrs: Any) -> HistoryEvent:
    stamp = Timestamp()
    stamp.FromDatetime(AT)
    return HistoryEvent(event_id=event_id, event_type=kind, event_time=stamp, **attrs)


async def _failure(message: str) -> Failure:
    converter = dataclasses.replace(
        pydantic_data_converter,
        failure_converter_class=DefaultFailureConverterWithEncodedAttributes,
    )
    failure = Failure()
    await converter.encode_failure(
        ApplicationError(message, type="RegistryClientError", non_retryable=True), failure
    )
    return failure


async def test_a_model_endpoint_s_reply_and_a_refused_step():
    state = {
        "messages": [
            {"type": "human", "content": "A citizen reported this move.", "id": "request"},
        ],
        "turns": 0,
        "pseudonyms": {"entries": [{"token": "PERSON_1", "value": "999993653", "text": "Daan"}]},
    }
    reply = {
        "type": "ai",
        "content": "",
        "tool_calls": [{"name": "lookup_persons", "args": {"persons": ["PERSON_1"]}}],
        "response_metadata": {"model_provider": "openai", "model_name": "mistral-small-2506"},
        "usage_metadata": {"input_tokens": 812, "output_tokens": 64, "total_tokens": 876},
    }
    step = {
        "case_id": "coa-1",
        "citizen_bsn": "999993653",
        "step": {
            "step_id": "01-brp_register_address",
            "kind": "brp_register_address",
            "subject": "999993653",
            "idempotency_key": "coa-1/01-brp_register_address",
        },
    }
    events = [
        _event(
            1,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
            workflow_execution_started_event_attributes=WorkflowExecutionStartedEventAttributes(
                workflow_type=WorkflowType(name="ChangeOfAddress"),
                input=_payloads({"bsn": "999993653", "reported_by": {"role": "citizen"}}),
            ),
        ),
        _event(
            5,
            EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
            activity_task_scheduled_event_attributes=ActivityTaskScheduledEventAttributes(
                activity_type=ActivityType(name=MODEL_ACTIVITY),
                input=_payloads({"args": [state], "kwargs": {}}),
            ),
        ),
        _event(
            6,
            EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED,
            activity_task_started_event_attributes=ActivityTaskStartedEventAttributes(
                scheduled_event_id=5, attempt=3
            ),
        ),
        _event(
            7,
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            activity_task_completed_event_attributes=ActivityTaskCompletedEventAttributes(
                scheduled_event_id=5,
                result=_payloads({"result": {"messages": [reply], "turns": 1}}),
            ),
        ),
        _event(
            11,
            EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
            activity_task_scheduled_event_attributes=ActivityTaskScheduledEventAttributes(
                activity_type=ActivityType(name="change_of_address.brp_register_address"),
                input=_payloads(step),
            ),
        ),
        _event(
            13,
            EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
            activity_task_failed_event_attributes=ActivityTaskFailedEventAttributes(
                scheduled_event_id=11,
                failure=await _failure("BRP refused: 999993653 already lives there"),
            ),
        ),
    ]
    trail = build_trail(WorkflowHistory("coa-1", events))

    [call] = trail.model_calls
    assert (call.provider, call.model, call.turn, call.attempts) == (
        "openai",
        "mistral-small-2506",
        1,
        3,
    )
    assert call.tokens == {"input_tokens": 812, "output_tokens": 64, "total_tokens": 876}
    assert call.prompt == [{"role": "human", "content": "A citizen reported this move."}]
    assert call.output["tool_calls"] == [
        {"name": "lookup_persons", "args": {"persons": ["PERSON_1"]}}
    ]
    assert trail.pseudonyms == {}  # learnt from results, and this result carries none

    [failed] = trail.steps
    assert failed.status == "failed" and failed.receipt is None
    assert failed.error == "RegistryClientError: BRP refused: 999993653 already lives there"
    assert failed.idempotency_key == "coa-1/01-brp_register_address"
    kinds = [e.kind for e in trail.timeline]
    assert kinds == [TrailKind.REQUEST, TrailKind.MODEL_CALL, TrailKind.STEP]
    assert "mistral-small-2506" in trail.timeline[1].title
    assert trail.closed is False and trail.outcome is None
