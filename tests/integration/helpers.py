"""Helpers for the change-of-address integration tests."""

import asyncio
import time
import uuid
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from burgerflow.core.constants import Role
from tests.integration.conftest import Stack
from tests.integration.scenarios import new_address_of


async def report_move(
    stack: Stack,
    bsn: str,
    address: dict[str, Any],
    *,
    co_movers: list[str] | None = None,
    move_date: date | None = None,
    key: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """POST a change of address as the citizen `bsn` (or with `headers`)."""
    body = {
        "type": "change_of_address",
        "bsn": bsn,
        "new_address": new_address_of(address),
        "move_date": (move_date or date.today()).isoformat(),
        "co_movers": co_movers or [],
    }
    return await stack.api.post(
        "/v1/life-events",
        json=body,
        headers={**(headers or stack.citizen(bsn)), "Idempotency-Key": key or str(uuid.uuid4())},
    )


async def get_case(stack: Stack, case_id: str) -> dict[str, Any]:
    """The case as an auditor sees it."""
    response = await stack.api.get(f"/v1/cases/{case_id}", headers=stack.headers(Role.AUDITOR))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


async def wait_for_status(
    stack: Stack, case_id: str, *statuses: str, timeout: float = 90
) -> dict[str, Any]:
    """Poll the case until its status is one of `statuses`."""
    deadline = time.monotonic() + timeout
    case: dict[str, Any] = {}
    while time.monotonic() < deadline:
        case = await get_case(stack, case_id)
        if case["status"] in statuses:
            return case
        await asyncio.sleep(0.2)
    raise AssertionError(f"case {case_id} stayed {case.get('status')}, wanted {statuses}: {case}")


async def started_case(stack: Stack, response: httpx.Response) -> str:
    """The case id of a successful report."""
    assert response.status_code == 202, response.text
    case_id: str = response.json()["case_id"]
    return case_id


async def decide(
    stack: Stack,
    gate_id: str,
    decision: str,
    *,
    sub: str = "cw-1",
    municipality: str = "0363",
    reason: str = "Checked against the documents.",
) -> httpx.Response:
    """A caseworker's decision through the API."""
    return await stack.api.post(
        f"/v1/approvals/{gate_id}/decision",
        json={"decision": decision, "reason": reason},
        headers=stack.caseworker(sub, municipality),
    )


def nl_today() -> date:
    """Today in the Netherlands: the day the API judges report dates by."""
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()
