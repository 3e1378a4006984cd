"""Change of address end to end: API → Temporal → agent → policy → gates → steps → registries."""

from collections import Counter

import pytest

from burgerflow.core.constants import Role
from tests.integration.conftest import Stack
from tests.integration.helpers import (
    report_move,
    started_case,
    wait_for_status,
)
from tests.integration.scenarios import make_address, make_person, new_bsn

pytestmark = pytest.mark.integration


async def _brp_object(stack: Stack, bsn: str) -> str | None:
    persoon = await stack.registry.brp_persoon(bsn)
    assert persoon is not None and persoon.verblijfplaats is not None
    return persoon.verblijfplaats.adresseerbaar_object_identificatie


async def _effects(stack: Stack, bsn: str) -> Counter[tuple[str, str]]:
    rows = await stack.admin.effects(subject=bsn)
    return Counter((r.registry, r.operation) for r in rows)


async def test_single_adult_to_a_roomy_home_completes_without_a_gate(stack: Stack):
    old = await make_address(stack.admin, gemeentecode="0599")
    bsn = await make_person(stack.admin, old)
    new = await make_address(stack.admin, gemeentecode="0363", oppervlakte=100)

    case_id = await started_case(stack, await report_move(stack, bsn, new))
    case = await wait_for_status(stack, case_id, "completed", "awaiting_approval", "failed")

    assert case["status"] == "completed", [g["evidence"] for g in case["gates"]]
    assert case["gates"] == []
    assert case["municipality"] == "0363"
    assert all(s["status"] == "done" and s["receipt"] for s in case["steps"])
    assert await _brp_object(stack, bsn) == new["adresseerbaarObjectIdentificatie"]
    effects = await stack.admin.effects(subject=bsn)
    assert all(e.received == 1 for e in effects)
    assert Counter((e.registry, e.operation) for e in effects) == Counter(
        {
            ("brp", "adreswijziging"): 1,
            ("belastingdienst", "adreswijziging"): 1,
            ("gemeente", "belasting_beeindigen"): 1,
            ("gemeente", "belasting_starten"): 1,
            ("berichtenbox", "bericht_bezorgen"): 1,
        }
    )
    berichten = await stack.registry.berichtenbox_berichten(bsn)
    assert len(berichten.berichten) == 1
    assert berichten.berichten[0].inhoud == case["citizen_message"]


async def test_the_citizen_sees_their_case_and_nobody_else_does(stack: Stack):
    old = await make_address(stack.admin)
    bsn = await make_person(stack.admin, old)
    new = await make_address(stack.admin, oppervlakte=100)
    case_id = await started_case(stack, await report_move(stack, bsn, new))
    await wait_for_status(stack, case_id, "completed")

    own = await stack.api.get(f"/v1/cases/{case_id}", headers=stack.citizen(bsn))
    assert own.status_code == 200 and own.json()["status"] == "completed"
    other = await stack.api.get(f"/v1/cases/{case_id}", headers=stack.citizen("999993653"))
    assert other.status_code == 403
    assert other.headers["content-type"] == "application/problem+json"
    listed = await stack.api.get("/v1/cases", headers=stack.citizen(bsn))
    assert [c["case_id"] for c in listed.json()] == [case_id]
    elsewhere = await stack.api.get(
        f"/v1/cases/{case_id}", headers=stack.caseworker(municipality="0599")
    )
    assert elsewhere.status_code == 403
    assert (
        await stack.api.get("/v1/cases/coa-nope", headers=stack.headers(Role.AUDITOR))
    ).status_code == 404


async def test_a_family_with_children_under_joint_custody_moves_in_one_case(stack: Stack):
    old = await make_address(stack.admin, gemeentecode="0344", oppervlakte=110)
    mother, father, son, daughter = (new_bsn() for _ in range(4))
    children = [son, daughter]
    gezag = [
        {"type": "GezamenlijkOuderlijkGezag", "minderjarige": child, "ouders": [mother, father]}
        for child in children
    ]
    await make_person(
        stack.admin,
        old,
        bsn=mother,
        partners=[father],
        kinderen=children,
        gezag=gezag,
        toeslagen=["kinderopvangtoeslag"],
    )
    await make_person(
        stack.admin, old, bsn=father, partners=[mother], kinderen=children, voertuigen=1
    )
    await make_person(stack.admin, old, bsn=son, age=9, ouders=[mother, father])
    await make_person(stack.admin, old, bsn=daughter, age=5, ouders=[mother, father])
    new = await make_address(stack.admin, gemeentecode="0363", oppervlakte=130)
    movers = [mother, father, son, daughter]

    case_id = await started_case(
        stack, await report_move(stack, mother, new, co_movers=[father, son, daughter])
    )
    case = await wait_for_status(stack, case_id, "completed", "awaiting_approval", "failed")

    assert case["status"] == "completed", [g["evidence"] for g in case["gates"]]
    persons = await stack.registry.brp_personen(movers)
    assert {p.adresseerbaar_object_identificatie for p in persons} == {
        new["adresseerbaarObjectIdentificatie"]
    }
    assert {p.gemeente_van_inschrijving.code for p in persons if p.gemeente_van_inschrijving} == {
        "0363"
    }
    brp = [e for e in await stack.admin.effects(registry="brp")]
    assert sorted(e.subject for e in brp if e.subject in movers) == sorted(movers)
    kinds = Counter(s["kind"] for s in case["steps"])
    assert kinds["brp_register_address"] == 4
    assert kinds["notify_toeslagen"] == 1 and kinds["notify_rdw"] == 1
    assert kinds["gemeente_stop_taxes"] == kinds["gemeente_start_taxes"] == 2
    assert kinds["citizen_message"] == 1
    for bsn in movers:
        effects = await stack.admin.effects(subject=bsn)
        assert all(e.received == 1 for e in effects)
        assert len({e.idempotency_key for e in effects}) == len(effects)
