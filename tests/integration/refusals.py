"""A case whose step a registry refuses after approval, made with the mocks' `_admin` API.

The mover lives in Rotterdam (a running municipal tax there) and moves to an Amsterdam
address under investigation, so the case waits at an `in_onderzoek` gate. While it waits the
mover is written again through `_admin` without taxes: after approval the municipality
refuses to stop a tax that no longer runs (422), and the case raises a `step_failure` gate.
Writing the mover again with their tax (`restore_taxes`) is the fix a caseworker makes.
"""

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import httpx

from tests.integration.conftest import Stack
from tests.integration.helpers import decide, get_case, report_move, started_case, wait_for_status
from tests.integration.scenarios import make_address, make_person

REFUSED_STEP = "03-gemeente_stop_taxes"
"""The step the municipality refuses: stopping the taxes at the old municipality."""


@dataclass
class RefusedCase:
    """A case waiting at the `step_failure` gate of `REFUSED_STEP`."""

    case_id: str
    bsn: str
    old: dict[str, Any]
    new: dict[str, Any]
    gate: dict[str, Any]
    case: dict[str, Any]


async def wait_for_gate(
    stack: Stack, case_id: str, rule: str, *, count: int = 1, timeout: float = 90
) -> dict[str, Any]:
    """Poll the case until it has `count` pending gates of `rule`; the case."""
    deadline = time.monotonic() + timeout
    case: dict[str, Any] = {}
    while time.monotonic() < deadline:
        case = await get_case(stack, case_id)
        if sum(g["rule"] == rule for g in case["gates"]) >= count and any(
            g["rule"] == rule and g["status"] == "pending" for g in case["gates"]
        ):
            return case
        if case["status"] in ("completed", "failed", "rejected", "cancelled"):
            break
        await asyncio.sleep(0.2)
    raise AssertionError(f"case {case_id} raised no pending {rule} gate: {case}")


async def restore_taxes(stack: Stack, refused: RefusedCase) -> None:
    """The fix: the mover written again at their old address, with its running tax."""
    await make_person(stack.admin, refused.old, bsn=refused.bsn)


async def refused_case(stack: Stack) -> RefusedCase:
    """A move approved at its gate, whose `REFUSED_STEP` the municipality then refuses."""
    old = await make_address(stack.admin, gemeentecode="0599")
    bsn = await make_person(stack.admin, old)
    new = await make_address(stack.admin, gemeentecode="0363", oppervlakte=100, in_onderzoek=True)
    case_id = await started_case(stack, await report_move(stack, bsn, new))
    waiting = await wait_for_status(stack, case_id, "awaiting_approval")
    [gate] = waiting["gates"]
    assert gate["rule"] == "in_onderzoek", gate
    assert [s["step_id"] for s in waiting["steps"]][2] == REFUSED_STEP

    await make_person(stack.admin, old, bsn=bsn, belastingplichtig=False)
    approved = await decide(stack, gate["gate_id"], "approve", reason="Onderzoek afgerond.")
    assert approved.status_code == 200, approved.text

    case = await wait_for_gate(stack, case_id, "step_failure")
    failure = next(g for g in case["gates"] if g["rule"] == "step_failure")
    return RefusedCase(case_id, bsn, old, new, failure, case)


async def settle(
    stack: Stack,
    gate_id: str,
    decision: str,
    *,
    choice: str | None = None,
    reason: str = "Gegevens nagekeken.",
    sub: str = "cw-1",
    municipality: str = "0363",
    text: str | None = None,
) -> httpx.Response:
    """A caseworker's decision through the API, with a choice or a letter's text."""
    body: dict[str, Any] = {"decision": decision, "reason": reason}
    if choice is not None:
        body["choice"] = choice
    if text is not None:
        body["text"] = text
    return await stack.api.post(
        f"/v1/approvals/{gate_id}/decision",
        json=body,
        headers=stack.caseworker(sub, municipality),
    )
