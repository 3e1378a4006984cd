"""Case histories as the audit record: fetch, decode, read payloads, export and load.

A history fetched from Temporal holds its payloads as the codec left them (encrypted). The
helpers here decode every payload of a history with the deployment's codec, read a payload
as plain JSON (so an audit tool reads years-old histories without today's models), and move
histories in and out of files in Temporal's own JSON format, the one `temporal workflow show
--output json` writes and `WorkflowHistory.from_json` reads.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from temporalio.api.common.v1 import Payload
from temporalio.api.history.v1 import History, MarkerRecordedEventAttributes
from temporalio.client import Client, WorkflowHistory
from temporalio.converter import PayloadCodec

_SKIPPED = {"temporal.api.common.v1.SearchAttributes"}
"""Search attributes are never encoded by a codec (the server indexes them in clear)."""

PATCH_MARKER = "core_patch"
"""The marker `workflow.patched` records: the SDK writes its details (the patch id and
whether it is deprecated) itself, never through a codec, and they hold nothing else."""


LOCAL_ACTIVITY_MARKER = "core_local_activity"
"""The marker a local activity records (a lean case's last projection): its `data` detail is
the SDK's own bookkeeping (sequence, attempt, activity id and type, times), written in clear;
its result and failure go through the codec like any activity's."""
_SDK_DETAILS = "data"


def _is_patch_marker(message: Message) -> bool:
    return isinstance(message, MarkerRecordedEventAttributes) and (
        message.marker_name == PATCH_MARKER
    )


def _local_activity_payloads(marker: MarkerRecordedEventAttributes) -> Iterator[Payload]:
    for key, payloads in marker.details.items():
        if key != _SDK_DETAILS:
            yield from payloads.payloads
    if marker.HasField("failure"):
        yield from _payloads(marker.failure)


def _payloads(message: Message) -> Iterator[Payload]:
    """Every payload inside `message`, depth first, except search attributes and the
    details of patch markers and the SDK's own details of local-activity markers."""
    if _is_patch_marker(message):
        return
    if isinstance(message, MarkerRecordedEventAttributes) and (
        message.marker_name == LOCAL_ACTIVITY_MARKER
    ):
        yield from _local_activity_payloads(message)
        return
    for field, value in message.ListFields():
        message_type = field.message_type
        if field.type != FieldDescriptor.TYPE_MESSAGE or message_type is None:
            continue
        if message_type.full_name in _SKIPPED:
            continue
        if message_type.GetOptions().map_entry:
            value_field = message_type.fields_by_name["value"]
            if value_field.type != FieldDescriptor.TYPE_MESSAGE:
                continue
            items = list(value.values())
        elif field.is_repeated:
            items = list(value)
        else:
            items = [value]
        for item in items:
            if isinstance(item, Payload):
                yield item
            else:
                yield from _payloads(item)


def iter_payloads(history: WorkflowHistory) -> Iterator[Payload]:
    """Every payload of `history` a codec encodes (inputs, results, failures, memo, metadata,
    headers); not search attributes, patch markers or a local activity's bookkeeping, which
    are written in clear."""
    for event in history.events:
        yield from _payloads(event)


async def decode_history(history: WorkflowHistory, codec: PayloadCodec | None) -> WorkflowHistory:
    """A copy of `history` with every payload decoded by `codec` (decrypted).

    Args:
        history: A history as fetched (payloads encoded).
        codec: The deployment's codec; None returns an unchanged copy.
    """
    copy = History()
    copy.events.extend(history.events)
    if codec is not None:
        payloads = list(_payloads(copy))
        if payloads:
            for payload, decoded in zip(payloads, await codec.decode(payloads), strict=True):
                payload.CopyFrom(decoded)
    return WorkflowHistory(history.workflow_id, list(copy.events))


class PayloadNotReadable(ValueError):
    """A payload is still encrypted or not JSON (decode the history first)."""


def payload_value(payload: Payload) -> Any:
    """A decoded payload as plain JSON data (None for a null payload).

    Raises:
        PayloadNotReadable: The payload is encrypted or in a binary encoding.
    """
    encoding = payload.metadata.get("encoding", b"").decode()
    if encoding == "binary/null":
        return None
    if encoding != "json/plain":
        raise PayloadNotReadable(f"a payload in encoding {encoding!r} cannot be read as JSON")
    return json.loads(payload.data)


def first_value(payloads: Any) -> Any:
    """The first value of a `Payloads` message, or None when it holds none."""
    items = list(payloads.payloads)
    return payload_value(items[0]) if items else None


async def fetch_history(client: Client, case_id: str) -> WorkflowHistory:
    """The history of a case's latest run, as the server holds it (encoded)."""
    return await client.get_workflow_handle(case_id).fetch_history()


def history_to_json(history: WorkflowHistory) -> str:
    """`history` in Temporal's JSON history format, indented for reading and diffs."""
    return json.dumps(json.loads(history.to_json()), indent=1) + "\n"


def write_history(history: WorkflowHistory, path: Path) -> int:
    """Write `history` as JSON to `path`; returns the bytes written."""
    text = history_to_json(history)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return len(text.encode())


def read_history(path: Path, workflow_id: str | None = None) -> WorkflowHistory:
    """Load a history written by `write_history` (or `temporal workflow show -o json`).

    Args:
        path: The JSON file.
        workflow_id: The case id; the file's name without `.json` when None.
    """
    return WorkflowHistory.from_json(workflow_id or path.stem, path.read_text())
