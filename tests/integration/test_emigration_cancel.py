"""Cancelling an emigration: before its steps run it ends `cancelled`, its open gates
cancelled, no registry changed and the reporter told; once executing, 409."""

import json
from typing import Any

import httpx
import pytest
from temporalio.client import WorkflowHistory

from burgerflow.core.constants import Role
from tests.audit.cases import own_worker
from tests.integration.conftest import Stack
from tests.integration.emigration_shared import (
    SlowEmigrationPlanner,
    SlowSilentPlanner,
    emigration_input,
    leaver_with_someone_staying,
    refused_emigration,
    waiting_emigration,
)
from tests.integration.helpers import get_case, wait_for_status
from workflows.audit.history import PATCH_MARKER
from workflows.case.workflow import LEAN_CASE_PATCH
from workflows.emigration.workflow import SHARED_RULES_PATCH, Emigration

pytestmark = pytest.mark.integration


async def _cancel(
    stack: Stack, case_id: str, headers: dict[str, str], reason: str = "Ik blijf toch."
) -> httpx.Response:
    return await stack.api.post(
        f"/v1/cases/{case_id}/cancel", json={"reason": reason}, headers=headers
    )


async def _trail(stack: Stack, case_id: str) -> dict[str, Any]:
    response = await stack.api.get(
        f"/v1/cases/{case_id}/audit", headers=stack.headers(Role.AUDITOR)
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def _patches(history: WorkflowHistory) -> set[str]:
    """The ids of the patches whose markers `history` holds."""
    found: set[str] = set()
    for event in history.events:
        if event.HasField("marker_recorded_event_attributes"):
            marker = event.marker_recorded_event_attributes
            if marker.marker_name == PATCH_MARKER:
                for payloads in marker.details.values():
                    found |= {json.loads(p.data)["id"] for p in payloads.payloads}
    return found


async def test_the_citizen_cancels_an_emigration_before_executing(stack: Stack):
    case_id, bsn, waiting = await waiting_emigration(stack)

    response = await _cancel(stack, case_id, stack.citizen(bsn))

    assert response.status_code == 200, response.text
    mine = response.json()
    assert mine["status"] == "cancelled"
    assert [s["step_id"] for s in mine["steps"]] == ["cancellation-message"]
    case = await get_case(stack, case_id)
    assert case["status"] == "cancelled"
    assert [g["status"] for g in case["gates"]] == ["cancelled"]
    assert case["cancellation"]["role"] == "citizen"
    assert "citizen" in case["outcome"]
    effects = await stack.admin.effects(subject=bsn)
    assert [(e.registry, e.operation) for e in effects] == [("berichtenbox", "bericht_bezorgen")]
    assert effects[0].idempotency_key == f"{case_id}/cancellation-message"
    persoon = await stack.registry.brp_persoon(bsn)
    assert persoon is not None and persoon.verblijfplaats is not None
    assert not persoon.verblijfplaats.buitenland, "still registered here"
    assert persoon.opschorting_bijhouding is None
    [bericht] = (await stack.registry.berichtenbox_berichten(bsn)).berichten
    assert "geannuleerd" in bericht.onderwerp
    assert "ingetrokken" in bericht.inhoud and "nog ingeschreven" in bericht.inhoud
    assert bericht.inhoud == case["citizen_message"]

    gate_id = waiting["gates"][0]["gate_id"]
    task = await stack.api.get(f"/v1/approvals/{gate_id}", headers=stack.caseworker())
    assert task.json()["status"] == "cancelled"
    late = await stack.api.post(
        f"/v1/approvals/{gate_id}/decision",
        json={"decision": "approve", "reason": "Te laat."},
        headers=stack.caseworker(),
    )
    assert late.status_code == 409
    assert (await _cancel(stack, case_id, stack.citizen(bsn))).status_code == 409

    trail = await _trail(stack, case_id)
    assert trail["status"] == "cancelled"
    assert any(e["kind"] == "cancellation" for e in trail["timeline"])
    assert [s["step_id"] for s in trail["steps"]] == ["cancellation-message"]


async def test_a_caseworker_cancels_an_emigration_with_a_reason(stack: Stack):
    case_id, bsn, _ = await waiting_emigration(stack)

    response = await _cancel(
        stack, case_id, stack.caseworker(), reason="Dubbele melding, de andere loopt al."
    )

    assert response.status_code == 200, response.text
    assert response.json()["cancellation"]["actor"] == "cw-1"
    [bericht] = (await stack.registry.berichtenbox_berichten(bsn)).berichten
    assert "Dubbele melding" in bericht.inhoud and "stopgezet" in bericht.inhoud
    effects = await stack.admin.effects(subject=bsn)
    assert [e.registry for e in effects] == ["berichtenbox"]


async def test_cancel_an_emigration_while_executing_is_409(stack: Stack):
    refused = await refused_emigration(stack)

    response = await _cancel(stack, refused.case_id, stack.citizen(refused.bsn))

    assert response.status_code == 409, response.text
    assert response.json()["code"] == "TooLate"
    assert (await get_case(stack, refused.case_id))["status"] == "executing"
    assert (await _cancel(stack, refused.case_id, stack.caseworker())).status_code == 409
    effects = await stack.admin.effects(subject=refused.bsn)
    assert "berichtenbox" not in [e.registry for e in effects], "no cancellation letter"


async def test_a_cancel_during_gathering_stops_the_emigration_after_gathering(stack: Stack):
    leaver, _home = await leaver_with_someone_staying(stack)
    case = emigration_input(leaver)
    portal = stack.headers(Role.SERVICE, sub="portal")
    slow = SlowEmigrationPlanner(seconds=1.5)
    async with own_worker(stack, stack.temporal, "slow-emi", model=slow) as queue:
        handle = await stack.temporal.start_workflow(
            Emigration.run, case, id=case.case_id, task_queue=queue
        )
        await wait_for_status(stack, case.case_id, "gathering")

        response = await _cancel(stack, case.case_id, portal, reason="Melding ingetrokken.")

        assert response.status_code == 200, response.text
        result = await handle.result()
    assert result.status == "cancelled"
    assert [g.rule for g in result.gates] == ["household_split"]
    assert all(g.status == "cancelled" for g in result.gates)
    statuses = [e.detail for e in result.timeline if e.event == "status"]
    assert "awaiting_approval" not in statuses and "executing" not in statuses
    effects = await stack.admin.effects(subject=leaver)
    assert [(e.registry, e.operation) for e in effects] == [("berichtenbox", "bericht_bezorgen")]
    # The lean patch implies the shared rules (a case started with it records its marker only).
    assert _patches(await handle.fetch_history()) & {SHARED_RULES_PATCH, LEAN_CASE_PATCH}


async def test_a_cancel_during_gathering_skips_the_look_ups_the_agent_left_undone(stack: Stack):
    leaver, _home = await leaver_with_someone_staying(stack)
    case = emigration_input(leaver, agent_max_turns=3)
    portal = stack.headers(Role.SERVICE, sub="portal")
    async with own_worker(stack, stack.temporal, "silent-emi", model=SlowSilentPlanner()) as queue:
        handle = await stack.temporal.start_workflow(
            Emigration.run, case, id=case.case_id, task_queue=queue
        )
        await wait_for_status(stack, case.case_id, "gathering")

        response = await _cancel(stack, case.case_id, portal, reason="Melding ingetrokken.")

        assert response.status_code == 200, response.text
        result = await handle.result()
        history = await handle.fetch_history()
    assert result.status == "cancelled"
    assert "agent_failure" in [g.rule for g in result.gates]
    scheduled = [
        e.activity_task_scheduled_event_attributes.activity_type.name
        for e in history.events
        if e.HasField("activity_task_scheduled_event_attributes")
    ]
    assert "emigration.complete_facts" not in scheduled, "no look-ups after the cancel"
    assert scheduled.count("emigration.citizen_message") == 1
    effects = await stack.admin.effects(subject=leaver)
    assert [(e.registry, e.operation) for e in effects] == [("berichtenbox", "bericht_bezorgen")]
