"""Every gate rule of policy v1, raised by registry data made through the `_admin` API."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.integration.conftest import Stack
from tests.integration.helpers import (
    decide,
    get_case,
    report_move,
    started_case,
    wait_for_status,
)
from tests.integration.scenarios import make_address, make_person, new_bsn

pytestmark = pytest.mark.integration


@dataclass
class Scenario:
    """A move that trips one rule."""

    reporter: str
    address: dict[str, Any]
    co_movers: list[str] = field(default_factory=list)
    municipality: str = "0363"


async def _address_not_found(stack: Stack) -> Scenario:
    home = await make_address(stack.admin, gemeentecode="0344")
    bsn = await make_person(stack.admin, home)
    missing = {"postcode": "3599ZZ", "huisnummer": 99_999}
    return Scenario(bsn, missing, municipality="0344")


async def _non_residential(stack: Stack) -> Scenario:
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    office = await make_address(stack.admin, gebruiksdoelen=["kantoorfunctie"], oppervlakte=200)
    return Scenario(bsn, office)


async def _object_status(stack: Stack) -> Scenario:
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    unbuilt = await make_address(stack.admin, status="Verblijfsobject gevormd")
    return Scenario(bsn, unbuilt)


async def _occupancy(stack: Stack) -> Scenario:
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    small = await make_address(stack.admin, oppervlakte=20)
    await make_person(stack.admin, small, voornaam="Bewoner")
    return Scenario(bsn, small)


async def _custody(stack: Stack) -> Scenario:
    home = await make_address(stack.admin)
    mother, father, child = new_bsn(), new_bsn(), new_bsn()
    gezag = [
        {"type": "GezamenlijkOuderlijkGezag", "minderjarige": child, "ouders": [mother, father]}
    ]
    await make_person(stack.admin, home, bsn=mother, kinderen=[child], gezag=gezag)
    await make_person(stack.admin, home, bsn=father, kinderen=[child])
    await make_person(stack.admin, home, bsn=child, age=8, ouders=[mother, father])
    new = await make_address(stack.admin, oppervlakte=120)
    return Scenario(mother, new, co_movers=[child])


async def _not_authorised(stack: Stack) -> Scenario:
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    housemate = await make_person(stack.admin, home, voornaam="Huisgenoot")
    new = await make_address(stack.admin, oppervlakte=120)
    return Scenario(bsn, new, co_movers=[housemate])


async def _in_onderzoek(stack: Stack) -> Scenario:
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home, inOnderzoek=True)
    new = await make_address(stack.admin, oppervlakte=120)
    return Scenario(bsn, new)


SCENARIOS: dict[str, Callable[[Stack], Awaitable[Scenario]]] = {
    "address_not_found": _address_not_found,
    "non_residential": _non_residential,
    "object_status": _object_status,
    "occupancy": _occupancy,
    "custody": _custody,
    "not_authorised": _not_authorised,
    "in_onderzoek": _in_onderzoek,
}
HIGH_RISK = {"non_residential", "occupancy"}


async def _open_gate(stack: Stack, rule: str) -> tuple[Scenario, dict[str, Any], dict[str, Any]]:
    scenario = await SCENARIOS[rule](stack)
    case_id = await started_case(
        stack,
        await report_move(stack, scenario.reporter, scenario.address, co_movers=scenario.co_movers),
    )
    case = await wait_for_status(stack, case_id, "awaiting_approval", "completed", "failed")
    assert case["status"] == "awaiting_approval", case
    assert [g["rule"] for g in case["gates"]] == [rule], [g["evidence"] for g in case["gates"]]
    gate = case["gates"][0]
    assert gate["risk"] == ("high" if rule in HIGH_RISK else "normal")
    assert gate["evidence"], "a gate carries the evidence that triggered it"
    assert case["municipality"] == scenario.municipality
    return scenario, case, gate


async def _brp_objects(stack: Stack, bsns: list[str]) -> dict[str, str | None]:
    persons = await stack.registry.brp_personen(bsns)
    return {p.burgerservicenummer: p.adresseerbaar_object_identificatie for p in persons}


@pytest.mark.parametrize("rule", list(SCENARIOS))
async def test_gate_approved_completes_the_case(stack: Stack, rule: str):
    scenario, case, gate = await _open_gate(stack, rule)
    inbox = await stack.api.get(
        "/v1/approvals",
        params={"status": "pending"},
        headers=stack.caseworker(municipality=scenario.municipality),
    )
    assert gate["gate_id"] in [t["gate_id"] for t in inbox.json()]

    approvals = 2 if rule in HIGH_RISK else 1
    for n in range(approvals):
        response = await decide(
            stack, gate["gate_id"], "approve", sub=f"cw-{n}", municipality=scenario.municipality
        )
        assert response.status_code == 200, response.text
    done = await wait_for_status(stack, case["case_id"], "completed", "failed", "rejected")
    assert done["status"] == "completed", done
    assert [d["actor"] for d in done["gates"][0]["decisions"]] == [
        f"cw-{n}" for n in range(approvals)
    ]
    moved = await _brp_objects(stack, [scenario.reporter, *scenario.co_movers])
    expected_object = scenario.address.get("adresseerbaarObjectIdentificatie")
    if expected_object:
        assert set(moved.values()) == {expected_object}


@pytest.mark.parametrize("rule", list(SCENARIOS))
async def test_gate_rejected_changes_no_registry(stack: Stack, rule: str):
    scenario, case, gate = await _open_gate(stack, rule)
    movers = [scenario.reporter, *scenario.co_movers]
    before = await _brp_objects(stack, movers)

    response = await decide(
        stack,
        gate["gate_id"],
        "reject",
        municipality=scenario.municipality,
        reason="Het adres is geen woning volgens het dossier.",
    )
    assert response.status_code == 200, response.text
    done = await wait_for_status(stack, case["case_id"], "rejected", "completed", "failed")
    assert done["status"] == "rejected", done
    assert await _brp_objects(stack, movers) == before
    effects = [e for bsn in movers for e in await stack.admin.effects(subject=bsn)]
    assert [(e.registry, e.operation) for e in effects] == [("berichtenbox", "bericht_bezorgen")]
    berichten = await stack.registry.berichtenbox_berichten(scenario.reporter)
    assert "niet verwerkt" in berichten.berichten[0].inhoud
    assert "geen woning volgens het dossier" in berichten.berichten[0].inhoud


async def test_four_eyes_needs_two_different_caseworkers(stack: Stack):
    scenario, case, gate = await _open_gate(stack, "occupancy")
    first = await decide(stack, gate["gate_id"], "approve", sub="cw-anna")
    assert first.status_code == 200
    assert first.json()["status"] == "pending"
    again = await decide(stack, gate["gate_id"], "approve", sub="cw-anna")
    assert again.status_code == 409, again.text
    assert again.headers["content-type"] == "application/problem+json"
    assert (await get_case(stack, case["case_id"]))["status"] == "awaiting_approval"
    second = await decide(stack, gate["gate_id"], "approve", sub="cw-bram")
    assert second.status_code == 200
    assert second.json()["status"] == "approved"
    assert (await wait_for_status(stack, case["case_id"], "completed"))["status"] == "completed"
    late = await decide(stack, gate["gate_id"], "reject", sub="cw-carla")
    assert late.status_code == 409


async def test_a_caseworker_of_another_municipality_cannot_decide(stack: Stack):
    scenario, case, gate = await _open_gate(stack, "object_status")
    response = await decide(stack, gate["gate_id"], "approve", municipality="0599")
    assert response.status_code == 403
    detail = await stack.api.get(
        f"/v1/approvals/{gate['gate_id']}", headers=stack.caseworker(municipality="0599")
    )
    assert detail.status_code == 403
    unknown = await decide(stack, "coa-unknown.occupancy", "approve")
    assert unknown.status_code == 404
    assert (await get_case(stack, case["case_id"]))["gates"][0]["decisions"] == []
