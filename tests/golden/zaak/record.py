"""Record the golden history of a case's zaak registration (not part of the run).

    .venv/bin/pytest tests/golden/zaak/record.py

runs a change of address with the zaaksysteem on (the registry mocks' ZGW) and writes the
history of its `ZaakRegistration`, decrypted, to `tests/golden/zaak/completed.json`.
Synthetic people only; the registration's payloads carry the case id and zaak URLs, no BSN.

Record again only when a path is added; a golden that stops replaying means running
registrations would break: version the change in the workflow (`workflow.patched`).
"""

from pathlib import Path

from temporalio.testing import WorkflowEnvironment

from tests.zaak.stack import open_zaak_stack
from tests.zaak.support import registration_result, run_to_end, start_case
from workflows.audit.history import decode_history, write_history
from workflows.zaak.workflow import zaak_workflow_id

GOLDEN = Path(__file__).parent


async def test_record_the_zaak_golden_history(temporal_env: WorkflowEnvironment, tmp_path):
    async with open_zaak_stack(temporal_env, tmp_path) as stack:
        case_id = await start_case(stack, "change_of_address")
        await run_to_end(stack, case_id)
        await registration_result(stack, case_id)
        handle = stack.temporal.get_workflow_handle(zaak_workflow_id(case_id))
        history = await handle.fetch_history()
        decoded = await decode_history(history, stack.temporal.data_converter.payload_codec)
        size = write_history(decoded, GOLDEN / "completed.json")
        print(f"zaak completed: {case_id}, {len(decoded.events)} events, {size:,} bytes")
