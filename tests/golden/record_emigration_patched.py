"""Record the golden histories of the emigration's paths behind its patches (not part of the
test run).

    .venv/bin/pytest tests/golden/record_emigration_patched.py

runs each path once on a fresh Temporal dev server, mocks, API and worker, and writes its
history, decrypted, to `tests/golden/emigration_patched/<path>.json`: an emigration with its
checked letter, a refused step retried after a fix, one whose rest was rejected, a case
cancelled at its gate, and a letter a caseworker edited in review. The cases use synthetic
people only.

The emigration goldens next to this folder are the histories of cases started before these
patches; they are never recorded again. Record these again only when a path is added here.
"""

from pathlib import Path

import pytest
from temporalio.testing import WorkflowEnvironment

from tests.integration.conftest import Stack, open_stack
from tests.integration.emigration import completed_emigration, report_emigration
from tests.integration.emigration_shared import (
    refused_emigration,
    restore_taxes,
    waiting_emigration,
)
from tests.integration.helpers import started_case, wait_for_status
from tests.integration.refusals import settle
from tests.integration.scenarios import make_address, make_person
from workflows.audit.history import decode_history, write_history

pytestmark = pytest.mark.integration

PATCHED = Path(__file__).parent / "emigration_patched"


async def _record(stack: Stack, name: str, case_id: str) -> None:
    handle = stack.temporal.get_workflow_handle(case_id)
    await handle.result()
    history = await handle.fetch_history()
    decoded = await decode_history(history, stack.temporal.data_converter.payload_codec)
    PATCHED.mkdir(exist_ok=True)
    size = write_history(decoded, PATCHED / f"{name}.json")
    print(f"{name}: {case_id}, {len(decoded.events)} events, {size:,} bytes")


async def _retried(stack: Stack) -> str:
    refused = await refused_emigration(stack)
    await restore_taxes(stack, refused)
    response = await settle(stack, refused.gate["gate_id"], "approve", choice="retry")
    assert response.status_code == 200, response.text
    await wait_for_status(stack, refused.case_id, "completed")
    return refused.case_id


async def _rest_rejected(stack: Stack) -> str:
    refused = await refused_emigration(stack)
    response = await settle(
        stack, refused.gate["gate_id"], "reject", reason="De burger regelt de belastingen zelf."
    )
    assert response.status_code == 200, response.text
    await wait_for_status(stack, refused.case_id, "rejected")
    return refused.case_id


async def _cancelled(stack: Stack) -> str:
    case_id, bsn, _ = await waiting_emigration(stack)
    response = await stack.api.post(
        f"/v1/cases/{case_id}/cancel", json={"reason": "Ik blijf toch."}, headers=stack.citizen(bsn)
    )
    assert response.status_code == 200, response.text
    return case_id


async def _letter_edited(stack: Stack) -> str:
    bsn = await make_person(stack.admin, await make_address(stack.admin, gemeentecode="0363"))
    case_id = await started_case(stack, await report_emigration(stack, bsn))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    [gate] = case["gates"]
    text = gate["evidence"]["proposed"] + "\n\nPS: goede reis."
    response = await settle(
        stack, gate["gate_id"], "approve", reason="Groet toegevoegd.", sub="cw-anna", text=text
    )
    assert response.status_code == 200, response.text
    await wait_for_status(stack, case_id, "completed")
    return case_id


async def test_record_emigration_patched_golden_histories(
    stack: Stack, temporal_env: WorkflowEnvironment, tmp_path: Path
):
    await _record(stack, "completed", await completed_emigration(stack))
    await _record(stack, "step_failure_retried", await _retried(stack))
    await _record(stack, "step_failure_rest_rejected", await _rest_rejected(stack))
    await _record(stack, "cancelled", await _cancelled(stack))
    async with open_stack(temporal_env, tmp_path, letter_review="always") as reviewing:
        await _record(reviewing, "letter_review_edited", await _letter_edited(reviewing))
