"""Record the golden histories of the emigration's main paths (not part of the test run).

    .venv/bin/pytest tests/golden/record_emigration.py

runs each main path once on a fresh Temporal dev server, mocks, API and worker, and writes
its history, decrypted, to `tests/golden/emigration_<path>.json` (synthetic people only).
Record again only when a path is added; see `record.py`.
"""

from pathlib import Path

import pytest

from tests.integration.conftest import Stack
from tests.integration.emigration import (
    completed_emigration,
    four_eyes_emigration,
    rejected_emigration,
)
from workflows.audit.history import decode_history, write_history

pytestmark = pytest.mark.integration

GOLDEN = Path(__file__).parent


async def _record(stack: Stack, name: str, case_id: str) -> None:
    history = await stack.temporal.get_workflow_handle(case_id).fetch_history()
    decoded = await decode_history(history, stack.temporal.data_converter.payload_codec)
    size = write_history(decoded, GOLDEN / f"{name}.json")
    print(f"{name}: {case_id}, {len(decoded.events)} events, {size:,} bytes")


async def test_record_emigration_golden_histories(stack: Stack):
    await _record(stack, "emigration_completed", await completed_emigration(stack))
    await _record(stack, "emigration_four_eyes_approved", await four_eyes_emigration(stack))
    await _record(stack, "emigration_rejected", await rejected_emigration(stack))
