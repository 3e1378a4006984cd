"""Policy v1.1 end to end: the reporter's age, a household reporting for each other, no change."""

import pytest

from tests.integration.conftest import Stack
from tests.integration.helpers import decide, report_move, started_case, wait_for_status
from tests.integration.scenarios import make_address, make_person, new_bsn
from workflows.change_of_address.policy import CURRENT_POLICY_VERSION

pytestmark = pytest.mark.integration

STOPPED = ("awaiting_approval", "completed", "failed", "rejected")


async def test_a_reporter_aged_15_raises_not_authorised(stack: Stack):
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home, age=15)
    new = await make_address(stack.admin, oppervlakte=100)

    case_id = await started_case(stack, await report_move(stack, bsn, new))
    case = await wait_for_status(stack, case_id, *STOPPED)

    assert case["status"] == "awaiting_approval", case
    assert case["policy_version"] == CURRENT_POLICY_VERSION == "change_of_address/v1.1"
    [gate] = case["gates"]
    assert gate["rule"] == "not_authorised" and gate["risk"] == "normal"
    assert gate["evidence"]["melder"] == {"burgerservicenummer": bsn, "leeftijd": 15}
    assert await stack.admin.effects(subject=bsn) == [], "nothing changes before a decision"


async def test_a_parent_reporting_for_an_adult_child_who_lives_with_them_raises_nothing(
    stack: Stack,
):
    home = await make_address(stack.admin)
    parent, child = new_bsn(), new_bsn()
    await make_person(stack.admin, home, bsn=parent, age=52, kinderen=[child])
    await make_person(stack.admin, home, bsn=child, age=20, voornaam="Kim", ouders=[parent])
    new = await make_address(stack.admin, oppervlakte=120)

    case_id = await started_case(stack, await report_move(stack, parent, new, co_movers=[child]))
    case = await wait_for_status(stack, case_id, *STOPPED)

    assert case["status"] == "completed", [g["evidence"] for g in case["gates"]]
    assert case["gates"] == [] and case["rules_fired"] == []
    persons = await stack.registry.brp_personen([parent, child])
    assert {p.adresseerbaar_object_identificatie for p in persons} == {
        new["adresseerbaarObjectIdentificatie"]
    }


async def test_an_adult_child_living_elsewhere_is_still_not_authorised(stack: Stack):
    home, elsewhere = await make_address(stack.admin), await make_address(stack.admin)
    parent, child = new_bsn(), new_bsn()
    await make_person(stack.admin, home, bsn=parent, age=52, kinderen=[child])
    await make_person(stack.admin, elsewhere, bsn=child, age=20, ouders=[parent])
    new = await make_address(stack.admin, oppervlakte=120)

    case_id = await started_case(stack, await report_move(stack, parent, new, co_movers=[child]))
    case = await wait_for_status(stack, case_id, *STOPPED)

    assert [g["rule"] for g in case["gates"]] == ["not_authorised"]
    assert case["gates"][0]["evidence"]["co_movers"] == [
        {"burgerservicenummer": child, "leeftijd": 20}
    ]


async def test_a_mover_already_at_the_reported_address_raises_no_change(stack: Stack):
    home = await make_address(stack.admin, oppervlakte=100)
    bsn = await make_person(stack.admin, home)

    case_id = await started_case(stack, await report_move(stack, bsn, home))
    case = await wait_for_status(stack, case_id, *STOPPED)

    assert case["status"] == "awaiting_approval", case
    [gate] = case["gates"]
    assert gate["rule"] == "no_change"
    assert gate["evidence"] == {
        "burgerservicenummers": [bsn],
        "adresseerbaar_object_identificatie": home["adresseerbaarObjectIdentificatie"],
    }
    inbox = await stack.api.get(f"/v1/approvals/{gate['gate_id']}", headers=stack.caseworker())
    assert inbox.status_code == 200 and inbox.json()["policy_version"] == CURRENT_POLICY_VERSION

    rejected = await decide(
        stack, gate["gate_id"], "reject", reason="U woont al op dit adres; er is niets te wijzigen."
    )
    assert rejected.status_code == 200, rejected.text
    done = await wait_for_status(stack, case_id, "rejected")
    assert [s["step_id"] for s in done["steps"]] == ["rejection-message"]
    effects = await stack.admin.effects(subject=bsn)
    assert [(e.registry, e.operation) for e in effects] == [("berichtenbox", "bericht_bezorgen")]
