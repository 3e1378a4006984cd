"""`POST /v1/cases/{id}/cancel`: before the steps run the case ends `cancelled`, its open gates
cancelled, no registry changed and the citizen told; after that 409; others 403."""

import uuid
from typing import Any

import httpx
import pytest

from burgerflow.core.constants import Role
from tests.audit.cases import own_worker
from tests.integration.conftest import Stack
from tests.integration.helpers import get_case, report_move, started_case, wait_for_status
from tests.integration.planners import SlowPlanner
from tests.integration.refusals import refused_case
from tests.integration.scenarios import make_address, make_person
from tests.support import move_input
from workflows.change_of_address.workflow import ChangeOfAddress

pytestmark = pytest.mark.integration


async def _cancel(
    stack: Stack, case_id: str, headers: dict[str, str], reason: str = "Ik verhuis toch niet."
) -> httpx.Response:
    return await stack.api.post(
        f"/v1/cases/{case_id}/cancel", json={"reason": reason}, headers=headers
    )


async def _waiting_case(stack: Stack) -> tuple[str, str, dict[str, Any]]:
    """A move waiting at an `object_status` gate: case id, reporter, the case."""
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    unbuilt = await make_address(stack.admin, status="Verblijfsobject gevormd")
    case_id = await started_case(stack, await report_move(stack, bsn, unbuilt))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    return case_id, bsn, case


async def test_the_citizen_cancels_before_executing(stack: Stack):
    case_id, bsn, waiting = await _waiting_case(stack)
    before = (await stack.registry.brp_persoon(bsn)).adresseerbaar_object_identificatie

    response = await _cancel(stack, case_id, stack.citizen(bsn))

    assert response.status_code == 200, response.text
    mine = response.json()
    assert mine["status"] == "cancelled" and mine["steps"][0]["step_id"] == "cancellation-message"
    case = await get_case(stack, case_id)
    assert case["status"] == "cancelled"
    assert [g["status"] for g in case["gates"]] == ["cancelled"]
    assert case["cancellation"]["role"] == "citizen"
    assert case["cancellation"]["reason"] == "Ik verhuis toch niet."
    assert "citizen" in case["outcome"]
    effects = await stack.admin.effects(subject=bsn)
    assert [(e.registry, e.operation) for e in effects] == [("berichtenbox", "bericht_bezorgen")]
    assert (await stack.registry.brp_persoon(bsn)).adresseerbaar_object_identificatie == before
    [bericht] = (await stack.registry.berichtenbox_berichten(bsn)).berichten
    assert "geannuleerd" in bericht.onderwerp and "niet veranderd" in bericht.inhoud

    gate_id = waiting["gates"][0]["gate_id"]
    task = await stack.api.get(f"/v1/approvals/{gate_id}", headers=stack.caseworker())
    assert task.json()["status"] == "cancelled"
    late = await stack.api.post(
        f"/v1/approvals/{gate_id}/decision",
        json={"decision": "approve", "reason": "Te laat."},
        headers=stack.caseworker(),
    )
    assert late.status_code == 409
    twice = await _cancel(stack, case_id, stack.citizen(bsn))
    assert twice.status_code == 409
    listed = await stack.api.get(
        "/v1/cases", params={"status": "cancelled"}, headers=stack.citizen(bsn)
    )
    assert [c["case_id"] for c in listed.json()] == [case_id]


async def test_another_citizen_may_not_cancel(stack: Stack):
    case_id, bsn, _ = await _waiting_case(stack)
    other = await make_person(stack.admin, await make_address(stack.admin))

    response = await _cancel(stack, case_id, stack.citizen(other))

    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    for headers in (
        stack.caseworker(municipality="0599"),
        stack.headers(Role.SERVICE, sub="another-portal"),
        stack.headers(Role.AUDITOR, sub="auditor-1"),
    ):
        assert (await _cancel(stack, case_id, headers)).status_code == 403
    assert (await _cancel(stack, "coa-nope", stack.citizen(bsn))).status_code == 404
    assert (await get_case(stack, case_id))["status"] == "awaiting_approval"
    assert (await stack.admin.effects(subject=bsn)) == []


async def test_a_caseworker_of_the_municipality_cancels(stack: Stack):
    case_id, bsn, _ = await _waiting_case(stack)

    response = await _cancel(
        stack, case_id, stack.caseworker(), reason="Dubbele melding, de andere loopt al."
    )

    assert response.status_code == 200, response.text
    assert response.json()["cancellation"]["actor"] == "cw-1"
    [bericht] = (await stack.registry.berichtenbox_berichten(bsn)).berichten
    assert "Dubbele melding" in bericht.inhoud
    own = await stack.api.get(f"/v1/cases/{case_id}", headers=stack.citizen(bsn))
    assert own.json()["cancellation"]["actor"] == "gemeente", "the citizen sees the municipality"


async def test_cancel_while_executing_is_409(stack: Stack):
    refused = await refused_case(stack)

    response = await _cancel(stack, refused.case_id, stack.citizen(refused.bsn))

    assert response.status_code == 409, response.text
    assert response.json()["code"] == "TooLate"
    assert (await get_case(stack, refused.case_id))["status"] == "executing"
    by_caseworker = await _cancel(stack, refused.case_id, stack.caseworker())
    assert by_caseworker.status_code == 409


async def test_a_completed_case_cannot_be_cancelled(stack: Stack):
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    new = await make_address(stack.admin, oppervlakte=100)
    case_id = await started_case(stack, await report_move(stack, bsn, new))
    await wait_for_status(stack, case_id, "completed")

    assert (await _cancel(stack, case_id, stack.citizen(bsn))).status_code == 409


async def test_a_cancel_during_gathering_stops_the_case_after_gathering(stack: Stack):
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    small = await make_address(stack.admin, oppervlakte=8)
    case = move_input(bsn, small["postcode"], small["huisnummer"], case_id=f"coa-{uuid.uuid4()}")
    portal = stack.headers(Role.SERVICE, sub="portal")
    async with own_worker(stack, stack.temporal, "slow", model=SlowPlanner(seconds=1.5)) as queue:
        handle = await stack.temporal.start_workflow(
            ChangeOfAddress.run, case, id=case.case_id, task_queue=queue
        )
        await wait_for_status(stack, case.case_id, "gathering")

        response = await _cancel(stack, case.case_id, portal, reason="Melding ingetrokken.")

        assert response.status_code == 200, response.text
        result = await handle.result()
    assert result.status == "cancelled"
    assert [g.rule for g in result.gates] == ["occupancy"]
    assert all(g.status == "cancelled" for g in result.gates)
    statuses = [e.detail for e in result.timeline if e.event == "status"]
    assert "awaiting_approval" not in statuses and "executing" not in statuses
    effects = await stack.admin.effects(subject=bsn)
    assert [(e.registry, e.operation) for e in effects] == [("berichtenbox", "bericht_bezorgen")]
