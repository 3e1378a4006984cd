"""Helpers for the emigration integration tests and golden histories: reports, households."""

import uuid
from datetime import date, timedelta
from typing import Any

import httpx

from tests.integration.conftest import Stack
from tests.integration.helpers import decide, started_case, wait_for_status
from tests.integration.scenarios import make_address, make_person, new_bsn

BRUSSELS = {"regel1": "Rue de la Loi 16", "regel2": "1000 Brussel"}
"""The address abroad the tests leave for."""


async def report_emigration(
    stack: Stack,
    bsn: str,
    *,
    co_movers: list[str] | None = None,
    departure: date | None = None,
    country: str = "BE",
    foreign_address: dict[str, Any] | None = None,
    key: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """POST an emigration as the citizen `bsn` (or with `headers`), leaving in two days."""
    body = {
        "type": "emigration",
        "bsn": bsn,
        "departure_date": (departure or date.today() + timedelta(days=2)).isoformat(),
        "country": country,
        "foreign_address": foreign_address if foreign_address is not None else BRUSSELS,
        "co_movers": co_movers or [],
    }
    return await stack.api.post(
        "/v1/life-events",
        json=body,
        headers={**(headers or stack.citizen(bsn)), "Idempotency-Key": key or str(uuid.uuid4())},
    )


async def family(stack: Stack, *, child_age: int = 9) -> tuple[dict[str, Any], str, str, str]:
    """Married parents with joint custody of a child, at one home in Amsterdam; the mother
    has kinderopvangtoeslag, a car and a parking permit."""
    home = await make_address(stack.admin, gemeentecode="0363", oppervlakte=110)
    mother, father, kid = new_bsn(), new_bsn(), new_bsn()
    custody = [
        {"type": "GezamenlijkOuderlijkGezag", "minderjarige": kid, "ouders": [mother, father]}
    ]
    await make_person(
        stack.admin, home, bsn=mother, partners=[father], kinderen=[kid], gezag=custody,
        toeslagen=["kinderopvangtoeslag"], voertuigen=1, parkeervergunning=True,
    )  # fmt: skip
    await make_person(stack.admin, home, bsn=father, voornaam="Bram", partners=[mother])
    await make_person(
        stack.admin, home, bsn=kid, age=child_age, voornaam="Kim", ouders=[mother, father]
    )
    return home, mother, father, kid


async def separated_parents(stack: Stack) -> tuple[str, str, str]:
    """A mother and her child (8) at one home, the father (joint custody) at another."""
    mother, father, kid = new_bsn(), new_bsn(), new_bsn()
    home = await make_address(stack.admin, gemeentecode="0363")
    elsewhere = await make_address(stack.admin, gemeentecode="0363")
    custody = [
        {"type": "GezamenlijkOuderlijkGezag", "minderjarige": kid, "ouders": [mother, father]}
    ]
    await make_person(stack.admin, home, bsn=mother, kinderen=[kid], gezag=custody)
    await make_person(stack.admin, elsewhere, bsn=father, voornaam="Bram", kinderen=[kid])
    await make_person(stack.admin, home, bsn=kid, age=8, voornaam="Kim", ouders=[mother, father])
    return mother, father, kid


async def couple(stack: Stack) -> tuple[str, str]:
    """A married couple at one home in Amsterdam; the wife has zorgtoeslag, a car and a
    parking permit."""
    home = await make_address(stack.admin, gemeentecode="0363")
    wife, husband = new_bsn(), new_bsn()
    await make_person(
        stack.admin, home, bsn=wife, partners=[husband], toeslagen=["zorgtoeslag"],
        voertuigen=1, parkeervergunning=True,
    )  # fmt: skip
    await make_person(stack.admin, home, bsn=husband, voornaam="Bram", partners=[wife])
    return wife, husband


async def completed_emigration(stack: Stack) -> str:
    """A couple leaving together for Brussels: no gate, every step done; its case id."""
    wife, husband = await couple(stack)
    response = await report_emigration(stack, wife, co_movers=[husband])
    case_id = await started_case(stack, response)
    await wait_for_status(stack, case_id, "completed")
    await stack.temporal.get_workflow_handle(case_id).result()
    return case_id


async def four_eyes_emigration(stack: Stack) -> str:
    """A mother leaves with her child while the father stays (custody): two approve."""
    mother, _father, kid = await separated_parents(stack)
    case_id = await started_case(stack, await report_emigration(stack, mother, co_movers=[kid]))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    [gate] = case["gates"]
    for caseworker in ("cw-anna", "cw-bram"):
        reason = "Toestemming van de vader gezien."
        response = await decide(stack, gate["gate_id"], "approve", sub=caseworker, reason=reason)
        assert response.status_code == 200, response.text
    await wait_for_status(stack, case_id, "completed")
    await stack.temporal.get_workflow_handle(case_id).result()
    return case_id


async def rejected_emigration(stack: Stack) -> str:
    """One partner leaves, the other stays (household split): the caseworker rejects."""
    home = await make_address(stack.admin, gemeentecode="0363")
    leaver, partner = new_bsn(), new_bsn()
    await make_person(stack.admin, home, bsn=leaver, partners=[partner])
    await make_person(stack.admin, home, bsn=partner, voornaam="Bram", partners=[leaver])
    case_id = await started_case(stack, await report_emigration(stack, leaver))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    [gate] = case["gates"]
    reason = "Kom voor het vertrek langs aan de balie, met uw partner."
    response = await decide(stack, gate["gate_id"], "reject", sub="cw-anna", reason=reason)
    assert response.status_code == 200, response.text
    await wait_for_status(stack, case_id, "rejected")
    await stack.temporal.get_workflow_handle(case_id).result()
    return case_id
