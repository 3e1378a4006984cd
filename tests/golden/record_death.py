"""Record the golden histories of the report of a death's main paths (not part of the run).

    .venv/bin/pytest tests/golden/record_death.py

runs each main path once on a fresh Temporal dev server, mocks, API and worker, and writes
its history, decrypted, to `tests/golden/death_<path>.json`: a natural death whose deed one
registrar approves (with a letter to the surviving partner), a death that is not natural
approved by two caseworkers, and a report the registrar rejects. Synthetic people only.

Record again only when a path is added; a golden that stops replaying means running cases
would break: version the change in the workflow (`workflow.patched`) instead.
"""

from pathlib import Path

import pytest

from tests.integration.conftest import Stack
from tests.integration.death_helpers import alone, couple, death_body, report_death
from tests.integration.helpers import decide, started_case, wait_for_status
from workflows.audit.history import decode_history, write_history

pytestmark = pytest.mark.integration

GOLDEN = Path(__file__).parent


async def _record(stack: Stack, name: str, case_id: str) -> None:
    handle = stack.temporal.get_workflow_handle(case_id)
    await handle.result()  # the state says completed a moment before the workflow closes
    history = await handle.fetch_history()
    decoded = await decode_history(history, stack.temporal.data_converter.payload_codec)
    size = write_history(decoded, GOLDEN / f"{name}.json")
    print(f"{name}: {case_id}, {len(decoded.events)} events, {size:,} bytes")


async def _gates(stack: Stack, case_id: str) -> dict[str, str]:
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    return {g["rule"]: g["gate_id"] for g in case["gates"]}


async def test_record_death_golden_histories(stack: Stack):
    who, _spouse, _home = await couple(stack, "0599")
    completed = await started_case(stack, await report_death(stack, death_body(who)))
    gates = await _gates(stack, completed)
    await decide(stack, gates["deed"], "approve", sub="registrar-anna", reason="Akte opgemaakt.")
    await wait_for_status(stack, completed, "completed")
    await _record(stack, "death_completed", completed)

    someone = await alone(stack)
    body = death_body(someone, manner="non_natural")
    four_eyes = await started_case(stack, await report_death(stack, body))
    gates = await _gates(stack, four_eyes)
    await decide(stack, gates["deed"], "approve", sub="registrar-anna", reason="Akte opgemaakt.")
    reason = "Verklaring van geen bezwaar gezien."
    await decide(stack, gates["non_natural"], "approve", sub="cw-anna", reason=reason)
    await decide(stack, gates["non_natural"], "approve", sub="cw-bram", reason=reason)
    await wait_for_status(stack, four_eyes, "completed")
    await _record(stack, "death_four_eyes_approved", four_eyes)

    other = await alone(stack, "0344")
    rejected = await started_case(stack, await report_death(stack, death_body(other, place="0344")))
    gates = await _gates(stack, rejected)
    reason = "De verklaring van overlijden ontbreekt bij de stukken."
    await decide(stack, gates["deed"], "reject", municipality="0344", reason=reason)
    await wait_for_status(stack, rejected, "rejected")
    await _record(stack, "death_rejected", rejected)
