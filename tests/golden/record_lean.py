"""Record the golden histories of lean cases (not part of the test run).

    .venv/bin/pytest tests/golden/record_lean.py

runs each path once on a fresh Temporal dev server, mocks, API and worker, and writes its
history, decrypted, to `tests/golden/lean/<path>.json`: cases started with `LEAN_CASE_PATCH`,
whose status is projected at their gates and end only and whose independent steps run in
parallel. A move with no gate, one approved by four eyes, one rejected, a move whose refused
step (in the parallel wave) is retried, one whose rest is rejected, and an emigration and a
death completed. The cases use synthetic people only.

The goldens next to this folder are the histories of cases started before this patch; they
are never recorded again. Record these again only when a path is added here.
"""

from pathlib import Path

import pytest

from tests.audit.cases import completed_case, four_eyes_case, rejected_case
from tests.integration.conftest import Stack
from tests.integration.death_helpers import couple, death_body, report_death
from tests.integration.emigration import completed_emigration
from tests.integration.helpers import decide, started_case, wait_for_status
from tests.integration.refusals import refused_case, restore_taxes, settle
from workflows.audit.history import decode_history, write_history

pytestmark = pytest.mark.integration

LEAN = Path(__file__).parent / "lean"


async def _record(stack: Stack, name: str, case_id: str) -> None:
    handle = stack.temporal.get_workflow_handle(case_id)
    await handle.result()
    history = await handle.fetch_history()
    decoded = await decode_history(history, stack.temporal.data_converter.payload_codec)
    LEAN.mkdir(exist_ok=True)
    size = write_history(decoded, LEAN / f"{name}.json")
    print(f"{name}: {case_id}, {len(decoded.events)} events, {size:,} bytes")


async def _retried(stack: Stack) -> str:
    refused = await refused_case(stack)
    await restore_taxes(stack, refused)
    response = await settle(stack, refused.gate["gate_id"], "approve", choice="retry")
    assert response.status_code == 200, response.text
    await wait_for_status(stack, refused.case_id, "completed")
    return refused.case_id


async def _rest_rejected(stack: Stack) -> str:
    refused = await refused_case(stack)
    response = await settle(
        stack, refused.gate["gate_id"], "reject", reason="De burger regelt de belastingen zelf."
    )
    assert response.status_code == 200, response.text
    await wait_for_status(stack, refused.case_id, "rejected")
    return refused.case_id


async def _death(stack: Stack) -> str:
    who, _spouse, _home = await couple(stack, "0599")
    case_id = await started_case(stack, await report_death(stack, death_body(who)))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    [deed] = [g["gate_id"] for g in case["gates"] if g["rule"] == "deed"]
    await decide(stack, deed, "approve", sub="registrar-anna", reason="Akte opgemaakt.")
    await wait_for_status(stack, case_id, "completed")
    return case_id


async def test_record_lean_golden_histories(stack: Stack):
    await _record(stack, "completed", (await completed_case(stack)).case_id)
    await _record(stack, "four_eyes_approved", (await four_eyes_case(stack)).case_id)
    await _record(stack, "rejected", (await rejected_case(stack)).case_id)
    await _record(stack, "step_failure_retried", await _retried(stack))
    await _record(stack, "step_failure_rest_rejected", await _rest_rejected(stack))
    await _record(stack, "emigration_completed", await completed_emigration(stack))
    await _record(stack, "death_completed", await _death(stack))
