"""Emigration end to end: API → Temporal → agent → policy → gates → steps → registries."""

import uuid
from collections import Counter
from datetime import timedelta

import pytest

from burgerflow.core.constants import Role
from tests.integration.conftest import Stack
from tests.integration.emigration import (
    BRUSSELS,
    family,
    report_emigration,
)
from tests.integration.helpers import decide, get_case, nl_today, started_case, wait_for_status
from tests.integration.scenarios import make_address, make_person, new_bsn

pytestmark = pytest.mark.integration


async def _abroad(stack: Stack, bsn: str) -> None:
    persoon = await stack.registry.brp_persoon(bsn)
    assert persoon is not None and persoon.verblijfplaats is not None
    assert persoon.verblijfplaats.type == "VerblijfplaatsBuitenland"
    adres = persoon.verblijfplaats.verblijfadres
    assert adres is not None and adres.land is not None and adres.land.code == "BE"
    assert (adres.regel1, adres.regel2) == (BRUSSELS["regel1"], BRUSSELS["regel2"])
    assert persoon.opschorting_bijhouding is not None
    assert persoon.opschorting_bijhouding.reden.code == "E"


async def test_a_household_leaving_together_completes_and_every_effect_is_applied_once(
    stack: Stack,
):
    home, mother, father, kid = await family(stack)
    response = await report_emigration(stack, mother, co_movers=[father, kid])
    case_id = await started_case(stack, response)
    assert case_id.startswith("emi-")
    case = await wait_for_status(stack, case_id, "completed", "awaiting_approval", "failed")

    assert case["status"] == "completed", [g["evidence"] for g in case["gates"]]
    assert case["gates"] == [] and case["type"] == "emigration"
    assert case["municipality"] == "0363"
    assert all(s["status"] == "done" and s["receipt"] for s in case["steps"])
    for bsn in (mother, father, kid):
        await _abroad(stack, bsn)
    assert await stack.registry.brp_bewoners(home["adresseerbaarObjectIdentificatie"]) == []
    effects = {
        bsn: Counter((e.registry, e.operation) for e in await stack.admin.effects(subject=bsn))
        for bsn in (mother, father, kid)
    }
    received = [
        e.received for b in (mother, father, kid) for e in await stack.admin.effects(subject=b)
    ]
    assert set(received) == {1}
    assert effects[mother] == Counter(
        {
            ("brp", "emigratie"): 1,
            ("belastingdienst", "emigratie"): 1,
            ("toeslagen", "emigratie"): 1,
            ("rdw", "emigratie"): 1,
            ("gemeente", "belasting_beeindigen"): 1,
            ("gemeente", "parkeervergunning_beeindigen"): 1,
            ("berichtenbox", "bericht_bezorgen"): 1,
        }
    )
    assert effects[father] == Counter(
        {
            ("brp", "emigratie"): 1,
            ("belastingdienst", "emigratie"): 1,
            ("gemeente", "belasting_beeindigen"): 1,
        }
    )
    assert effects[kid] == Counter({("brp", "emigratie"): 1, ("belastingdienst", "emigratie"): 1})
    [bericht] = (await stack.registry.berichtenbox_berichten(mother)).berichten
    assert bericht.inhoud == case["citizen_message"]
    assert "bewijs van uitschrijving" in bericht.inhoud
    assert "Rue de la Loi 16" in bericht.inhoud and "BSN" not in bericht.inhoud


async def test_someone_staying_behind_raises_household_split(stack: Stack):
    home = await make_address(stack.admin, gemeentecode="0363")
    leaver = await make_person(stack.admin, home)
    await make_person(stack.admin, home, voornaam="Blijft")
    case_id = await started_case(stack, await report_emigration(stack, leaver))
    case = await wait_for_status(stack, case_id, "awaiting_approval", "completed", "failed")

    assert [g["rule"] for g in case["gates"]] == ["household_split"]
    assert await stack.admin.effects(subject=leaver) == []
    [gate] = case["gates"]
    assert (await decide(stack, gate["gate_id"], "approve")).status_code == 200
    case = await wait_for_status(stack, case_id, "completed", "failed")
    assert case["status"] == "completed"


async def test_a_minor_whose_other_custody_holder_stays_needs_two_caseworkers(stack: Stack):
    mother, father, kid = new_bsn(), new_bsn(), new_bsn()
    home = await make_address(stack.admin, gemeentecode="0363")
    elsewhere = await make_address(stack.admin, gemeentecode="0363")
    custody = [
        {"type": "GezamenlijkOuderlijkGezag", "minderjarige": kid, "ouders": [mother, father]}
    ]
    await make_person(stack.admin, home, bsn=mother, kinderen=[kid], gezag=custody)
    await make_person(stack.admin, elsewhere, bsn=father, voornaam="Bram", kinderen=[kid])
    await make_person(stack.admin, home, bsn=kid, age=8, voornaam="Kim", ouders=[mother, father])
    case_id = await started_case(stack, await report_emigration(stack, mother, co_movers=[kid]))
    case = await wait_for_status(stack, case_id, "awaiting_approval", "completed", "failed")

    [gate] = case["gates"]
    assert (gate["rule"], gate["risk"], gate["required_approvals"]) == ("custody", "high", 2)
    assert gate["evidence"]["minderjarigen"][0]["gezaghouders_niet_mee"] == [father]
    assert (await decide(stack, gate["gate_id"], "approve", sub="anna")).status_code == 200
    again = await decide(stack, gate["gate_id"], "approve", sub="anna")
    assert again.status_code == 409
    case = await get_case(stack, case_id)
    assert case["status"] == "awaiting_approval"
    assert await stack.admin.effects(subject=kid) == []
    assert (await decide(stack, gate["gate_id"], "approve", sub="bert")).status_code == 200
    case = await wait_for_status(stack, case_id, "completed", "failed")
    assert case["status"] == "completed"
    await _abroad(stack, kid)


async def test_a_report_six_days_before_departure_is_refused_with_the_first_day(stack: Stack):
    bsn = await make_person(stack.admin, await make_address(stack.admin))
    departure = nl_today() + timedelta(days=6)
    response = await report_emigration(stack, bsn, departure=departure)

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    [param] = response.json()["invalid_params"]
    first_day = (departure - timedelta(days=5)).isoformat()
    assert param["name"] == "departure_date" and first_day in param["reason"]
    # Exactly five days ahead is the first day it can be reported.
    edge = await report_emigration(stack, bsn, departure=nl_today() + timedelta(days=5))
    assert edge.status_code == 202, edge.text


async def test_a_person_already_abroad_raises_already_abroad(stack: Stack):
    home = await make_address(stack.admin, gemeentecode="0363")
    reporter, partner = new_bsn(), new_bsn()
    await make_person(stack.admin, home, bsn=reporter, partners=[partner])
    await make_person(
        stack.admin,
        await make_address(stack.admin, gemeentecode="0363"),
        bsn=partner,
        partners=[reporter],
        verblijfplaatsBuitenland={"land": "BE", "regel1": "Meir 50", "regel2": "Antwerpen"},
    )
    response = await report_emigration(stack, reporter, co_movers=[partner])
    case = await wait_for_status(
        stack, await started_case(stack, response), "awaiting_approval", "completed", "failed"
    )

    [gate] = case["gates"]
    assert gate["rule"] == "already_abroad"
    assert gate["evidence"]["personen"][0]["burgerservicenummer"] == partner
    assert {s["subject"] for s in case["steps"]} == {reporter}


async def test_the_intake_names_each_bad_field(stack: Stack):
    bsn = await make_person(stack.admin, await make_address(stack.admin))
    response = await report_emigration(
        stack, bsn, country="NL", foreign_address={"regel1": "  ", "regel2": "Brussel"}
    )
    assert response.status_code == 422
    names = {p["name"] for p in response.json()["invalid_params"]}
    assert names == {"country", "foreign_address.regel1"}
    unknown = await report_emigration(stack, bsn, country="XX", foreign_address={"regel2": "x"})
    assert {p["name"] for p in unknown.json()["invalid_params"]} == {
        "country",
        "foreign_address.regel1",
    }
    too_late = await report_emigration(stack, bsn, departure=nl_today() - timedelta(days=31))
    assert [p["name"] for p in too_late.json()["invalid_params"]] == ["departure_date"]


async def test_idempotency_key_one_open_case_and_who_may_report(stack: Stack):
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    await make_person(stack.admin, home, voornaam="Blijft")  # the case waits at its gate
    key = str(uuid.uuid4())
    first = await started_case(stack, await report_emigration(stack, bsn, key=key))
    assert await started_case(stack, await report_emigration(stack, bsn, key=key)) == first
    reused = await report_emigration(stack, bsn, key=key, country="DE")
    assert reused.status_code == 409
    second = await report_emigration(stack, bsn)
    assert second.status_code == 409 and first in second.json()["links"]["self"]
    other = await report_emigration(stack, new_bsn(), headers=stack.citizen(bsn))
    assert other.status_code == 403
    service = await report_emigration(
        stack, new_bsn(), headers=stack.headers(Role.SERVICE, sub="portal")
    )
    assert service.status_code == 202
