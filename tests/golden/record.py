"""Record the golden histories of the main paths (not part of the test run).

    .venv/bin/pytest tests/golden/record.py

runs each main path once on a fresh Temporal dev server, mocks, API and worker, and writes
its history, decrypted, to `tests/golden/<path>.json`. The cases use synthetic people only.

Record again when a path is added or a path's shape changes on purpose. An existing golden
that stops replaying means running cases would break: version the change in the workflow
(`workflow.patched`) and keep the old golden next to the new one instead of overwriting it.
"""

from pathlib import Path

import pytest

from tests.audit.cases import agent_failure_case, completed_case, four_eyes_case, rejected_case
from tests.integration.conftest import Stack
from tests.integration.planners import SilentPlanner
from workflows.audit.history import decode_history, write_history

pytestmark = pytest.mark.integration

GOLDEN = Path(__file__).parent


async def _record(stack: Stack, name: str, case_id: str) -> None:
    history = await stack.temporal.get_workflow_handle(case_id).fetch_history()
    decoded = await decode_history(history, stack.temporal.data_converter.payload_codec)
    size = write_history(decoded, GOLDEN / f"{name}.json")
    print(f"{name}: {case_id}, {len(decoded.events)} events, {size:,} bytes")


async def test_record_golden_histories(stack: Stack):
    await _record(stack, "completed", (await completed_case(stack)).case_id)
    await _record(stack, "four_eyes_approved", (await four_eyes_case(stack)).case_id)
    await _record(stack, "rejected", (await rejected_case(stack)).case_id)
    await _record(
        stack, "agent_failure", (await agent_failure_case(stack, SilentPlanner())).case_id
    )
