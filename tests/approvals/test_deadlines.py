"""Deadlines through the API: a gate past its due date shows as overdue, escalates to the
supervisors' list, and waits for a person; a supervisor decides it. On SQLite and PostgreSQL.
"""

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from tests.approvals.support import CaseworkStack, database_url, open_gate, open_stack
from tests.integration.helpers import get_case, wait_for_status

pytestmark = pytest.mark.integration

DEADLINE_S = 3.0


@pytest_asyncio.fixture(scope="module", loop_scope="session", params=["sqlite", "postgresql"])
async def short_stack(
    request: pytest.FixtureRequest, temporal_env: WorkflowEnvironment, tmp_path_factory: Any
) -> AsyncIterator[CaseworkStack]:
    """The stack with gates due a few seconds after they are raised."""
    home = tmp_path_factory.mktemp(f"home-deadline-{request.param}")
    with database_url(request.param, home) as url:
        async with open_stack(
            temporal_env, home, db_url=url, gate_deadline_days=DEADLINE_S / 86_400
        ) as s:
            yield s


async def _task(stack: CaseworkStack, gate_id: str) -> dict[str, Any]:
    response = await stack.api.get(f"/v1/approvals/{gate_id}", headers=stack.caseworker())
    assert response.status_code == 200, response.text
    task: dict[str, Any] = response.json()
    return task


async def test_overdue_gate_escalates_to_supervisors_and_waits_for_a_person(
    short_stack: CaseworkStack,
):
    stack = short_stack
    gate = await open_gate(stack, rule="object_status")
    gid = gate["gate_id"]

    deadline = time.monotonic() + 60
    task = await _task(stack, gid)
    while not task["escalated"]:
        assert time.monotonic() < deadline, f"the gate never escalated: {task}"
        await asyncio.sleep(0.5)
        task = await _task(stack, gid)
    assert (task["status"], task["overdue"], task["decisions"]) == ("pending", True, [])
    assert (await get_case(stack, gate["case_id"]))["status"] == "awaiting_approval"

    overdue = await stack.api.get(
        "/v1/approvals", params={"overdue": True}, headers=stack.caseworker()
    )
    assert gid in {t["gate_id"] for t in overdue.json()}
    on_time = await stack.api.get(
        "/v1/approvals", params={"overdue": False}, headers=stack.caseworker()
    )
    assert gid not in {t["gate_id"] for t in on_time.json()}
    counts = (await stack.api.get("/v1/approvals/counts", headers=stack.caseworker())).json()
    assert counts["overdue"] >= 1 and counts["escalated"] >= 1

    escalations = await stack.api.get("/v1/approvals/escalations", headers=stack.supervisor())
    assert escalations.status_code == 200
    assert gid in {t["gate_id"] for t in escalations.json()}
    elsewhere = await stack.api.get(
        "/v1/approvals/escalations", headers=stack.supervisor(municipality="0599")
    )
    assert gid not in {t["gate_id"] for t in elsewhere.json()}
    caseworker = await stack.api.get("/v1/approvals/escalations", headers=stack.caseworker())
    assert caseworker.status_code == 403

    decided = await stack.api.post(
        f"/v1/approvals/{gid}/decision",
        json={"decision": "approve", "reason": "Opgeleverd; te laat opgepakt."},
        headers=stack.supervisor("sup-anna"),
    )
    assert decided.status_code == 200, decided.text
    done = await wait_for_status(stack, gate["case_id"], "completed", "rejected", "failed")
    assert done["status"] == "completed"
    assert [(d["actor"], d["role"]) for d in done["gates"][0]["decisions"]] == [
        ("sup-anna", "supervisor")
    ]
    after = await _task(stack, gid)
    assert (after["status"], after["overdue"]) == ("approved", False)
    left = await stack.api.get("/v1/approvals/escalations", headers=stack.supervisor())
    assert gid not in {t["gate_id"] for t in left.json()}
