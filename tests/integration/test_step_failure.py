"""A step a registry refuses after approval goes to a caseworker: retry, done by hand, or reject
the rest. Steps already done stay done; none runs twice."""

from collections import Counter

import pytest

from burgerflow.core.constants import Role
from tests.integration.conftest import Stack
from tests.integration.helpers import get_case, wait_for_status
from tests.integration.refusals import (
    REFUSED_STEP,
    refused_case,
    restore_taxes,
    settle,
    wait_for_gate,
)

pytestmark = pytest.mark.integration


async def _ledger(stack: Stack, bsn: str) -> Counter[tuple[str, str]]:
    effects = await stack.admin.effects(subject=bsn)
    assert all(e.received == 1 for e in effects), "no effect was requested twice"
    assert len({e.idempotency_key for e in effects}) == len(effects)
    return Counter((e.registry, e.operation) for e in effects)


async def _trail(stack: Stack, case_id: str) -> dict:
    response = await stack.api.get(
        f"/v1/cases/{case_id}/audit", headers=stack.headers(Role.AUDITOR)
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_step_refused_after_approval_raises_step_failure(stack: Stack):
    refused = await refused_case(stack)
    case, gate = refused.case, refused.gate

    assert case["status"] == "executing"
    assert gate["gate_id"] == f"{refused.case_id}.step_failure.{REFUSED_STEP}"
    assert gate["risk"] == "normal" and gate["required_approvals"] == 1
    assert gate["evidence"]["step_id"] == REFUSED_STEP
    assert gate["evidence"]["kind"] == "gemeente_stop_taxes"
    assert "belastingplicht" in gate["evidence"]["registry_answer"].lower()
    # The registration ran first; the refused step's wave ran at once, so the steps done
    # when the gate was raised are the registration and some of that wave.
    done = gate["evidence"]["steps_done"]
    assert done[0] == "01-brp_register_address"
    assert set(done) <= {
        "01-brp_register_address",
        "02-notify_belastingdienst",
        "04-gemeente_start_taxes",
    }
    assert REFUSED_STEP in gate["description"]
    steps = {s["step_id"]: s["status"] for s in case["steps"]}
    assert steps[REFUSED_STEP] == "failed" and steps["01-brp_register_address"] == "done"
    assert steps["04-gemeente_start_taxes"] in ("planned", "done")
    # The message to the citizen waits until every other step is settled.
    assert steps["05-citizen_message"] == "planned"

    inbox = await stack.api.get(
        "/v1/approvals",
        params={"rule": "step_failure", "status": "pending"},
        headers=stack.caseworker(),
    )
    assert gate["gate_id"] in [t["gate_id"] for t in inbox.json()]
    # A step failure says how it is settled; a reason alone is refused before the history.
    vague = await settle(stack, gate["gate_id"], "approve")
    assert vague.status_code == 422, vague.text
    assert vague.json()["code"] == "InvalidChoice"
    wrong = await settle(stack, gate["gate_id"], "approve", choice="retry", text="Hallo")
    assert wrong.status_code == 422
    elsewhere = await settle(stack, gate["gate_id"], "approve", choice="retry", municipality="0599")
    assert elsewhere.status_code == 403
    assert (await get_case(stack, refused.case_id))["status"] == "executing"


async def test_a_retry_after_fixing_the_data_completes_with_each_effect_once(stack: Stack):
    refused = await refused_case(stack)
    # Retried before the fix: refused again, a second gate for the same step.
    again = await settle(stack, refused.gate["gate_id"], "approve", choice="retry")
    assert again.status_code == 200, again.text
    case = await wait_for_gate(stack, refused.case_id, "step_failure", count=2)
    second = [g for g in case["gates"] if g["rule"] == "step_failure"][-1]
    assert second["gate_id"] == f"{refused.gate['gate_id']}.2"

    await restore_taxes(stack, refused)
    response = await settle(
        stack, second["gate_id"], "approve", choice="retry", reason="Belastingplicht hersteld."
    )
    assert response.status_code == 200, response.text
    assert response.json()["decisions"][0]["choice"] == "retry"
    done = await wait_for_status(stack, refused.case_id, "completed", "failed", "rejected")

    assert done["status"] == "completed", done
    assert all(s["status"] == "done" for s in done["steps"])
    assert await _ledger(stack, refused.bsn) == Counter(
        {
            ("brp", "adreswijziging"): 1,
            ("belastingdienst", "adreswijziging"): 1,
            ("gemeente", "belasting_beeindigen"): 1,
            ("gemeente", "belasting_starten"): 1,
            ("berichtenbox", "bericht_bezorgen"): 1,
        }
    )
    keys = {e.operation: e.idempotency_key for e in await stack.admin.effects(subject=refused.bsn)}
    assert keys["belasting_beeindigen"] == f"{refused.case_id}/{REFUSED_STEP}", "key unchanged"

    trail = await _trail(stack, refused.case_id)
    attempts = [s for s in trail["steps"] if s["step_id"] == REFUSED_STEP]
    assert [s["status"] for s in attempts] == ["failed", "failed", "done"]
    assert {s["idempotency_key"] for s in attempts} == {f"{refused.case_id}/{REFUSED_STEP}"}
    for step_id in ("01-brp_register_address", "02-notify_belastingdienst"):
        assert [s["step_id"] for s in trail["steps"]].count(step_id) == 1, "done stays done"
    decisions = [d for g in trail["gates"] if g["rule"] == "step_failure" for d in g["decisions"]]
    assert [d["choice"] for d in decisions] == ["retry", "retry"]


async def test_done_by_hand_records_the_reason_and_runs_nothing(stack: Stack):
    refused = await refused_case(stack)
    reason = "Belasting bij de oude gemeente handmatig beëindigd."

    response = await settle(
        stack, refused.gate["gate_id"], "approve", choice="done_by_hand", reason=reason
    )
    assert response.status_code == 200, response.text
    done = await wait_for_status(stack, refused.case_id, "completed", "failed", "rejected")

    assert done["status"] == "completed", done
    step = next(s for s in done["steps"] if s["step_id"] == REFUSED_STEP)
    assert step["status"] == "done_by_hand"
    assert step["receipt"]["reason"] == reason and step["receipt"]["actor"] == "cw-1"
    ledger = await _ledger(stack, refused.bsn)
    assert ("gemeente", "belasting_beeindigen") not in ledger
    assert ledger[("gemeente", "belasting_starten")] == 1
    assert ledger[("berichtenbox", "bericht_bezorgen")] == 1

    trail = await _trail(stack, refused.case_id)
    attempts = [s for s in trail["steps"] if s["step_id"] == REFUSED_STEP]
    assert len(attempts) == 1, "the refused step ran once, and not again"
    assert attempts[0]["status"] == "done_by_hand"
    titles = [e["title"] for e in trail["timeline"]]
    assert any("marked done by hand by cw-1" in t and reason in t for t in titles)


async def test_reject_the_rest_leaves_the_remaining_steps_undone(stack: Stack):
    refused = await refused_case(stack)
    reason = "De belastingen regelt de burger zelf met de gemeente."

    response = await settle(stack, refused.gate["gate_id"], "reject", reason=reason)
    assert response.status_code == 200, response.text
    assert response.json()["decisions"][0]["choice"] == "reject_rest"
    done = await wait_for_status(stack, refused.case_id, "rejected", "completed", "failed")

    assert done["status"] == "rejected", done
    steps = {s["step_id"]: s["status"] for s in done["steps"]}
    assert steps["01-brp_register_address"] == steps["02-notify_belastingdienst"] == "done"
    assert steps[REFUSED_STEP] == "failed"
    # The refused step's wave ran at once: its other steps are done, the message after it
    # is not sent.
    assert steps["04-gemeente_start_taxes"] == "done"
    assert steps["05-citizen_message"] == "skipped"
    assert steps["rest-rejected-message"] == "done"
    assert reason in done["outcome"] and reason in done["citizen_message"]
    assert await _ledger(stack, refused.bsn) == Counter(
        {
            ("brp", "adreswijziging"): 1,
            ("belastingdienst", "adreswijziging"): 1,
            ("gemeente", "belasting_starten"): 1,
            ("berichtenbox", "bericht_bezorgen"): 1,
        }
    )
    berichten = await stack.registry.berichtenbox_berichten(refused.bsn)
    assert "niet helemaal" in berichten.berichten[0].inhoud
