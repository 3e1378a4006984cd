"""A life event added by a test alone runs end to end through the real API and inbox.

The toy (tests/integration/toy_event/) is added to the list of life events for this module;
the API, the worker, the inbox and the audit trail pick it up from the list, with no shared
file changed for it.
"""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from burgerflow.core.constants import Role
from tests.integration.conftest import Stack, open_stack
from tests.integration.helpers import wait_for_status
from tests.integration.toy_event.life_event import TOY_PERMIT
from workflows.life_events import LIFE_EVENTS

CITIZEN = "999993653"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def toy_stack(
    temporal_env: WorkflowEnvironment, tmp_path_factory: Any
) -> AsyncIterator[Stack]:
    """The stack, built while the toy is on the list."""
    with LIFE_EVENTS.added(TOY_PERMIT):
        async with open_stack(temporal_env, tmp_path_factory.mktemp("toy")) as stack:
            yield stack


async def _report(stack: Stack, cars: int) -> str:
    response = await stack.api.post(
        "/v1/life-events",
        json={"type": "toy_permit", "bsn": CITIZEN, "gemeentecode": "0363", "cars": cars},
        headers={**stack.citizen(CITIZEN), "Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 202, response.text
    case_id: str = response.json()["case_id"]
    return case_id


async def test_the_toy_is_listed_with_its_body_and_reporters(toy_stack: Stack) -> None:
    response = await toy_stack.api.get("/v1/life-events")
    assert response.status_code == 200
    toy = next(e for e in response.json() if e["type"] == "toy_permit")
    assert toy["reporters"] == ["citizen"]
    assert toy["rules"] == ["many_cars", "fleet"]
    assert "cars" in toy["body_schema"]["properties"]


async def test_a_bad_toy_body_is_refused_naming_the_field(toy_stack: Stack) -> None:
    response = await toy_stack.api.post(
        "/v1/life-events",
        json={"type": "toy_permit", "bsn": CITIZEN, "gemeentecode": "0363", "cars": 0},
        headers={**toy_stack.citizen(CITIZEN), "Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [p["name"] for p in response.json()["invalid_params"]] == ["cars"]


async def test_the_toy_is_reported_gated_approved_in_the_inbox_and_completed(
    toy_stack: Stack,
) -> None:
    stack = toy_stack
    case_id = await _report(stack, cars=3)
    assert case_id.startswith("toy-")
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    assert [g["rule"] for g in case["gates"]] == ["many_cars"]
    assert case["cars"] == 3, "the case is read as the toy's own state model"

    inbox = await stack.api.get(
        "/v1/approvals",
        params={"status": "pending", "case_id": case_id},
        headers=stack.caseworker(),
    )
    assert inbox.status_code == 200, inbox.text
    [task] = inbox.json()
    assert task["rule"] == "many_cars"
    decided = await stack.api.post(
        f"/v1/approvals/{task['gate_id']}/decision",
        json={"decision": "approve", "reason": "Three cars fit the street."},
        headers=stack.caseworker(),
    )
    assert decided.status_code == 200, decided.text

    case = await wait_for_status(stack, case_id, "completed")
    assert case["outcome"] == "The permit is granted."
    [step] = case["steps"]
    assert step["status"] == "done" and step["receipt"]
    effects = await stack.admin.effects(CITIZEN, registry="berichtenbox")
    assert [e.idempotency_key for e in effects] == [f"{case_id}/01-notify"]

    trail = await stack.api.get(f"/v1/cases/{case_id}/audit", headers=stack.headers(Role.AUDITOR))
    assert trail.status_code == 200, trail.text
    body = trail.text
    assert "many_cars" in body and "Three cars fit the street." in body
    assert f"{case_id}/01-notify" in body


async def test_a_toy_case_without_gates_completes_at_once(toy_stack: Stack) -> None:
    case_id = await _report(toy_stack, cars=1)
    case = await wait_for_status(toy_stack, case_id, "completed")
    assert case["gates"] == []
    assert case["policy_version"] == "toy_permit/v1.0"
