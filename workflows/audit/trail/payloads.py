"""Reading recorded payloads as plain JSON, never through today's models.

A trail must be readable for a case that years of code changes later no longer validates
against the models that wrote it, so every payload is taken as the JSON it was recorded as.
"""

import json
from datetime import UTC, datetime
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp
from temporalio.api.failure.v1 import Failure

from workflows.audit.history import payload_value


def as_dict(value: Any) -> dict[str, Any]:
    """`value` when it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def event_time(ts: Timestamp) -> datetime:
    """A history timestamp as an aware UTC datetime."""
    return ts.ToDatetime(tzinfo=UTC)


def failure_message(failure: Failure) -> str:
    """The message of a (decoded) failure, with its error type when it has one."""
    message = failure.message
    if failure.HasField("encoded_attributes"):
        message = str(as_dict(payload_value(failure.encoded_attributes)).get("message", message))
    kind = (
        failure.application_failure_info.type
        if failure.HasField("application_failure_info")
        else ""
    )
    if failure.HasField("cause") and not message:
        return failure_message(failure.cause)
    return f"{kind}: {message}" if kind else message


def parse_json(text: Any) -> Any:
    """`text` parsed as JSON when it is a JSON document, else as it is."""
    if not isinstance(text, str):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def resolve(value: Any, tokens: dict[str, str]) -> Any:
    """`value` with the agent's pseudonyms replaced by what they stand for."""
    if isinstance(value, str):
        return tokens.get(value, value)
    if isinstance(value, list):
        return [resolve(v, tokens) for v in value]
    if isinstance(value, dict):
        return {k: resolve(v, tokens) for k, v in value.items()}
    return value
