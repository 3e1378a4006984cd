"""The report of a death end to end: API, agent, policy, gates, registries, over real HTTP."""

from collections import Counter
from datetime import date, timedelta

import pytest

from burgerflow.core.constants import Role
from tests.integration.conftest import Stack
from tests.integration.death_helpers import (
    UNDERTAKER,
    alone,
    couple,
    death_body,
    funeral_director,
    report_death,
)
from tests.integration.helpers import decide, get_case, nl_today, started_case, wait_for_status
from tests.integration.refusals import wait_for_gate
from tests.integration.scenarios import make_address, make_person, new_bsn

pytestmark = pytest.mark.integration

BRP_PERSONEN = "/haalcentraal/api/brp/personen"


async def _gates(stack: Stack, case_id: str) -> dict[str, dict]:
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    return {g["rule"]: g for g in case["gates"]}


async def _residents(stack: Stack, object_id: str, *, inclusief: bool) -> list[str]:
    response = await stack.admin._http.http.post(  # the mocks' BRP, as any client asks it
        BRP_PERSONEN,
        json={
            "type": "ZoekMetAdresseerbaarObjectIdentificatie",
            "adresseerbaarObjectIdentificatie": object_id,
            "fields": ["burgerservicenummer"],
            "inclusiefOverledenPersonen": inclusief,
        },
    )
    assert response.status_code == 200, response.text
    return sorted(p["burgerservicenummer"] for p in response.json()["personen"])


async def test_a_natural_death_is_registered_by_one_registrar_of_the_municipality_of_death(
    stack: Stack,
):
    who, spouse, home = await couple(stack, "0599", voertuigen=1)
    body = death_body(who)  # lived in Rotterdam, died in Amsterdam
    case_id = await started_case(stack, await report_death(stack, body))
    assert case_id.startswith("dth-")

    gates = await _gates(stack, case_id)
    assert list(gates) == ["deed"]
    assert gates["deed"]["risk"] == "normal" and gates["deed"]["required_approvals"] == 1
    case = await get_case(stack, case_id)
    assert case["municipality"] == "0363" and case["type"] == "death"

    # A caseworker of Rotterdam, where the person lived, sees nothing of it.
    rotterdam = stack.caseworker("cw-rotterdam", "0599")
    inbox = await stack.api.get("/v1/approvals?status=pending", headers=rotterdam)
    assert inbox.status_code == 200
    assert case_id not in {t["case_id"] for t in inbox.json()}
    listed = await stack.api.get("/v1/cases", headers=rotterdam)
    assert case_id not in {c["case_id"] for c in listed.json()}
    assert (await stack.api.get(f"/v1/cases/{case_id}", headers=rotterdam)).status_code == 403
    assert (await stack.api.get(f"/v1/cases/{case_id}/audit", headers=rotterdam)).status_code == 403
    refused = await decide(stack, gates["deed"]["gate_id"], "approve", municipality="0599")
    assert refused.status_code == 403
    amsterdam = await stack.api.get("/v1/approvals?status=pending", headers=stack.caseworker())
    assert case_id in {t["case_id"] for t in amsterdam.json()}

    # One registrar of Amsterdam draws up the deed.
    approved = await decide(stack, gates["deed"]["gate_id"], "approve", sub="registrar-1")
    assert approved.status_code == 200, approved.text
    case = await wait_for_status(stack, case_id, "completed")

    steps = {s["kind"]: s for s in case["steps"]}
    assert [s["kind"] for s in case["steps"]] == [
        "draw_up_deed",
        "issue_disposal_permit",
        "brp_record_death",
        "notify_belastingdienst",
        "notify_rdw",
        "partner_letter",
        "undertaker_message",
    ]
    assert all(s["status"] == "done" for s in case["steps"])
    deed = steps["draw_up_deed"]["receipt"]["aktenummer"]
    permit = steps["issue_disposal_permit"]["receipt"]["verlofnummer"]
    assert deed.startswith(f"0363-{nl_today().year}-O-") and permit == deed.replace("-O-", "-V-")
    assert steps["undertaker_message"]["receipt"]["aktenummer"] == deed
    assert steps["undertaker_message"]["receipt"]["verlofnummer"] == permit
    assert steps["brp_record_death"]["receipt"]["aktenummer"] == deed
    rdw = steps["notify_rdw"]["receipt"]
    assert (
        rdw["uitersteDatumTenaamstelling"]
        == (date.fromisoformat(body["date_of_death"]) + timedelta(weeks=5)).isoformat()
    )
    assert (case["deed_number"], case["permit_number"]) == (deed, permit)

    # The BRP records the death and no longer finds the person at their address.
    persoon = await stack.registry.brp_persoon(who)
    assert persoon is not None and persoon.overlijden is not None
    assert persoon.overlijden.datum is not None
    assert persoon.overlijden.datum.datum == date.fromisoformat(body["date_of_death"])
    assert persoon.overlijden.plaats is not None and persoon.overlijden.plaats.code == "0363"
    assert persoon.opschorting_bijhouding is not None
    assert persoon.opschorting_bijhouding.reden is not None
    assert persoon.opschorting_bijhouding.reden.code == "O"
    assert await _residents(stack, home, inclusief=False) == [spouse]
    assert await _residents(stack, home, inclusief=True) == sorted([who, spouse])

    # The surviving partner gets the letter; the undertaker the numbers.
    [letter] = (await stack.registry.berichtenbox_berichten(spouse)).berichten
    assert letter.onderwerp.startswith("Het overlijden van") and "Beste Riet Proef" in letter.inhoud
    assert "binnen vijf weken" in letter.inhoud and letter.afzender == "Gemeente Amsterdam"
    assert case["citizen_message"] == letter.inhoud
    outbox = await stack.registry.burgerlijke_stand_uitvaartberichten(UNDERTAKER)
    message = next(m for m in outbox.berichten if m.burgerservicenummer == who)
    assert deed in message.inhoud and permit in message.inhoud
    assert (message.aktenummer, message.verlofnummer) == (deed, permit)

    # Every effect is in the ledger once.
    effects = await stack.admin.effects(who)
    counted = Counter((e.registry, e.operation) for e in effects)
    assert counted == {
        ("burgerlijke_stand", "akte_van_overlijden"): 1,
        ("burgerlijke_stand", "verlof"): 1,
        ("brp", "overlijden"): 1,
        ("belastingdienst", "overlijdensmelding"): 1,
        ("rdw", "overlijdensmelding"): 1,
        ("burgerlijke_stand", "uitvaartbericht"): 1,
    }
    assert all(e.received == 1 for e in effects)

    # The trail reads the case for the auditor and Amsterdam's caseworkers.
    trail = await stack.api.get(f"/v1/cases/{case_id}/audit", headers=stack.headers(Role.AUDITOR))
    assert trail.status_code == 200
    assert [g["rule"] for g in trail.json()["gates"]] == ["deed"]

    # A second report of the same death: the BRP already records it.
    again = await started_case(stack, await report_death(stack, body))
    assert again != case_id
    second = await _gates(stack, again)
    assert list(second) == ["deed", "already_deceased"]
    assert second["already_deceased"]["evidence"]["datum_overlijden_brp"] == body["date_of_death"]
    rejected = await decide(
        stack, second["deed"]["gate_id"], "reject", reason="Dubbele aangifte; de akte bestaat al."
    )
    assert rejected.status_code == 200
    closed = await wait_for_status(stack, again, "rejected")
    assert [s["step_id"] for s in closed["steps"]] == ["rejection-message"]
    assert "Dubbele aangifte" in closed["undertaker_message"]


async def test_a_death_that_is_not_natural_needs_two_caseworkers(stack: Stack):
    who = await alone(stack)
    case_id = await started_case(
        stack, await report_death(stack, death_body(who, manner="non_natural"))
    )
    gates = await _gates(stack, case_id)
    assert list(gates) == ["deed", "non_natural"]
    assert gates["non_natural"]["risk"] == "high"
    assert gates["non_natural"]["required_approvals"] == 2
    await decide(stack, gates["deed"]["gate_id"], "approve", sub="registrar-1")
    first = await decide(stack, gates["non_natural"]["gate_id"], "approve", sub="registrar-1")
    assert first.status_code == 200 and first.json()["status"] == "pending"
    twice = await decide(stack, gates["non_natural"]["gate_id"], "approve", sub="registrar-1")
    assert twice.status_code == 409
    assert (await get_case(stack, case_id))["status"] == "awaiting_approval"
    second = await decide(stack, gates["non_natural"]["gate_id"], "approve", sub="cw-2")
    assert second.status_code == 200 and second.json()["status"] == "approved"
    case = await wait_for_status(stack, case_id, "completed")
    assert "gemeente_stop_taxes" in [s["kind"] for s in case["steps"]]


async def test_an_identity_mismatch_needs_two_caseworkers(stack: Stack):
    who = await alone(stack)
    body = death_body(who, surname="Anders")
    case_id = await started_case(stack, await report_death(stack, body))
    gates = await _gates(stack, case_id)
    assert list(gates) == ["deed", "identity_mismatch"]
    mismatch = gates["identity_mismatch"]
    assert mismatch["required_approvals"] == 2
    assert mismatch["evidence"]["gemeld"]["geslachtsnaam"] == "Anders"
    assert mismatch["evidence"]["brp"]["geslachtsnaam"] == "Proef"
    await decide(stack, gates["deed"]["gate_id"], "approve", sub="registrar-1")
    await decide(stack, mismatch["gate_id"], "approve", sub="registrar-1")
    assert (await get_case(stack, case_id))["status"] == "awaiting_approval"
    await decide(stack, mismatch["gate_id"], "approve", sub="cw-2")
    await wait_for_status(stack, case_id, "completed")


async def test_a_burial_after_the_sixth_working_day_raises_disposal_date(stack: Stack):
    who = await alone(stack)
    died = nl_today() - timedelta(days=1)
    late = {"kind": "begraven", "date": (died + timedelta(days=14)).isoformat()}
    case_id = await started_case(stack, await report_death(stack, death_body(who, disposal=late)))
    gates = await _gates(stack, case_id)
    assert list(gates) == ["deed", "disposal_date"]
    evidence = gates["disposal_date"]["evidence"]
    assert date.fromisoformat(evidence["zesde_werkdag"]) < date.fromisoformat(late["date"])


async def test_the_sole_custody_holder_of_a_minor_raises_minor_without_custody(stack: Stack):
    home = await make_address(stack.admin)
    mother, child = new_bsn(), new_bsn()
    custody = [{"type": "EenhoofdigOuderlijkGezag", "minderjarige": child, "ouder": mother}]
    await make_person(stack.admin, home, bsn=mother, age=40, kinderen=[child], gezag=custody)
    await make_person(stack.admin, home, bsn=child, age=9, ouders=[mother])
    body = death_body(mother, age=40)
    case_id = await started_case(stack, await report_death(stack, body))
    gates = await _gates(stack, case_id)
    assert list(gates) == ["deed", "minor_without_custody"]
    assert gates["minor_without_custody"]["required_approvals"] == 2
    [minor] = gates["minor_without_custody"]["evidence"]["minderjarigen"]
    assert minor == {"minderjarige": child, "andere_gezagsdragers": []}


async def test_intake_refuses_what_it_cannot_accept(stack: Stack):
    who = await alone(stack)
    no_statement = death_body(who, documents={"verklaring_van_overlijden": False})
    response = await report_death(stack, no_statement)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    names = [p["name"] for p in response.json()["invalid_params"]]
    assert names == ["documents.verklaring_van_overlijden"]

    tomorrow = nl_today() + timedelta(days=1)
    several = death_body(
        who,
        died=tomorrow,
        manner="non_natural",
        documents={},
        disposal={"kind": "cremeren", "date": nl_today().isoformat()},
    )
    names = [p["name"] for p in (await report_death(stack, several)).json()["invalid_params"]]
    assert names == ["date_of_death", "documents.verklaring_van_geen_bezwaar", "disposal.date"]

    bad_fields = {**death_body(who), "place_of_death": "Amsterdam"}
    bad_fields["disposal"] = {"kind": "verstrooien", "date": nl_today().isoformat()}
    names = [p["name"] for p in (await report_death(stack, bad_fields)).json()["invalid_params"]]
    assert sorted(names) == ["disposal.kind", "place_of_death"]


async def test_who_may_report_a_death(stack: Stack):
    who = await alone(stack)
    body = death_body(who)
    citizen = await report_death(stack, body, headers=stack.citizen(who))
    assert citizen.status_code == 403
    caseworker = await report_death(stack, body, headers=stack.caseworker())
    assert caseworker.status_code == 403
    key = "same-report"
    first = await report_death(stack, body, key=key)
    assert first.status_code == 202
    assert (await report_death(stack, body, key=key)).json()["case_id"] == first.json()["case_id"]
    other = {**body, "disposal": {**body["disposal"], "kind": "begraven"}}
    assert (await report_death(stack, other, key=key)).status_code == 409
    # A second report while the first is open is refused with a link to it.
    open_case = await report_death(stack, body, headers=funeral_director(stack, "fd-2"))
    assert open_case.status_code == 409
    assert first.json()["case_id"] in open_case.json()["links"]["self"]
    # A municipal service may report too.
    someone = await alone(stack)
    service = await report_death(stack, death_body(someone), headers=stack.headers(Role.SERVICE))
    assert service.status_code == 202
    listed = await stack.api.get("/v1/life-events")
    death = next(e for e in listed.json() if e["type"] == "death")
    assert death["reporters"] == ["funeral_director", "service"]
    assert death["rules"][0] == "deed"


async def test_a_caseworker_of_the_municipality_of_death_may_withdraw_the_report(stack: Stack):
    who = await alone(stack)
    case_id = await started_case(stack, await report_death(stack, death_body(who)))
    await _gates(stack, case_id)
    reason = "De uitvaartondernemer meldde een verkeerde persoon."
    outside = await stack.api.post(
        f"/v1/cases/{case_id}/cancel",
        json={"reason": reason},
        headers=stack.caseworker("cw-rotterdam", "0599"),
    )
    assert outside.status_code == 403
    response = await stack.api.post(
        f"/v1/cases/{case_id}/cancel", json={"reason": reason}, headers=stack.caseworker()
    )
    assert response.status_code == 200, response.text
    case = await wait_for_status(stack, case_id, "cancelled")
    assert [(s["step_id"], s["status"]) for s in case["steps"]] == [
        ("cancellation-message", "done")
    ]
    assert reason in case["undertaker_message"]
    persoon = await stack.registry.brp_persoon(who)
    assert persoon is not None and persoon.overlijden is None, "no registry changed"
    outbox = await stack.registry.burgerlijke_stand_uitvaartberichten(UNDERTAKER)
    [message] = [m for m in outbox.berichten if m.burgerservicenummer == who]
    assert message.onderwerp == "Aangifte van overlijden ingetrokken"


async def test_a_step_the_brp_refuses_after_the_deed_raises_step_failure(stack: Stack):
    home = await make_address(stack.admin)
    who = await make_person(stack.admin, home, age=80)
    body = death_body(who)
    case_id = await started_case(stack, await report_death(stack, body))
    gates = await _gates(stack, case_id)
    # Before the registrar decides, another source records the death on another day.
    other_day = (date.fromisoformat(body["date_of_death"]) - timedelta(days=2)).isoformat()
    await make_person(stack.admin, home, bsn=who, age=80, overlijden={"datum": other_day})
    await decide(stack, gates["deed"]["gate_id"], "approve", sub="registrar-1")
    case = await wait_for_gate(stack, case_id, "step_failure")
    step_gate = next(g for g in case["gates"] if g["rule"] == "step_failure")
    assert step_gate["evidence"]["step_id"] == "03-brp_record_death"
    reason = "De BRP heeft een ander overlijden; wordt uitgezocht."
    rest = await stack.api.post(
        f"/v1/approvals/{step_gate['gate_id']}/decision",
        json={"decision": "reject", "reason": reason},
        headers=stack.caseworker(),
    )
    assert rest.status_code == 200, rest.text
    done = await wait_for_status(stack, case_id, "rejected")
    steps = {s["step_id"]: s for s in done["steps"]}
    assert steps["01-draw_up_deed"]["status"] == steps["02-issue_disposal_permit"]["status"]
    assert steps["03-brp_record_death"]["status"] == "failed"
    assert steps["rest-rejected-message"]["status"] == "done"
    deed = steps["01-draw_up_deed"]["receipt"]["aktenummer"]
    assert deed in done["undertaker_message"] and reason in done["undertaker_message"]
