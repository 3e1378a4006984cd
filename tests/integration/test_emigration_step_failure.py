"""A step of an emigration a registry refuses after approval goes to a caseworker: retry,
done by hand, or reject the rest. Steps already done stay done; none runs twice."""

import html
from collections import Counter
from typing import Any

import httpx
import pytest

from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from tests.integration.conftest import Stack
from tests.integration.emigration_shared import (
    REFUSED_STEP,
    refused_emigration,
    restore_taxes,
)
from tests.integration.helpers import get_case, wait_for_status
from tests.integration.refusals import settle, wait_for_gate
from workflows.case.rules import STEP_FAILURE
from workflows.emigration.rules import RULES

pytestmark = pytest.mark.integration


async def _ledger(stack: Stack, bsn: str) -> Counter[tuple[str, str]]:
    effects = await stack.admin.effects(subject=bsn)
    assert all(e.received == 1 for e in effects), "no effect was requested twice"
    assert len({e.idempotency_key for e in effects}) == len(effects)
    return Counter((e.registry, e.operation) for e in effects)


async def _trail(stack: Stack, case_id: str) -> dict[str, Any]:
    response = await stack.api.get(
        f"/v1/cases/{case_id}/audit", headers=stack.headers(Role.AUDITOR)
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


async def test_a_step_refused_after_approval_raises_step_failure(stack: Stack):
    refused = await refused_emigration(stack)
    case, gate = refused.case, refused.gate

    assert case["status"] == "executing"
    assert gate["gate_id"] == f"{refused.case_id}.step_failure.{REFUSED_STEP}"
    assert gate["risk"] == "normal" and gate["required_approvals"] == 1
    assert gate["evidence"]["kind"] == "gemeente_stop_taxes"
    assert gate["evidence"]["idempotency_key"] == f"{refused.case_id}/{REFUSED_STEP}"
    assert "belastingplicht" in gate["evidence"]["registry_answer"].lower()
    # The registration ran first; the Belastingdienst's step ran at the same time as the
    # refused one, so it may or may not have been done when the gate was raised.
    done = gate["evidence"]["steps_done"]
    assert done[0] == "01-brp_register_emigration"
    assert set(done) <= {"01-brp_register_emigration", "02-notify_belastingdienst"}
    steps = {s["step_id"]: s["status"] for s in case["steps"]}
    assert steps[REFUSED_STEP] == "failed" and steps["04-citizen_message"] == "planned"

    inbox = await stack.api.get(
        "/v1/approvals",
        params={"rule": "step_failure", "status": "pending"},
        headers=stack.caseworker(),
    )
    [task] = [t for t in inbox.json() if t["gate_id"] == gate["gate_id"]]
    assert task["case_id"] == refused.case_id
    # The caseworker page explains the gate from the emigration's own rule table.
    token = issue_token(stack.settings, role=Role.CASEWORKER, sub="cw-page", municipality="0363")
    async with httpx.AsyncClient(base_url=stack.api.base_url, timeout=30) as page_client:
        login = await page_client.post("/ui/login", data={"token": token})
        assert login.status_code == 303
        page = await page_client.get(f"/ui/gates/{gate['gate_id']}")
    assert page.status_code == 200, page.text
    assert REFUSED_STEP in page.text and 'value="retry"' in page.text
    assert html.escape(RULES[STEP_FAILURE].nl) in page.text
    vague = await settle(stack, gate["gate_id"], "approve")
    assert vague.status_code == 422 and vague.json()["code"] == "InvalidChoice"
    assert (await get_case(stack, refused.case_id))["status"] == "executing"


async def test_a_retry_after_fixing_the_data_completes_with_each_effect_once(stack: Stack):
    refused = await refused_emigration(stack)
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
    done = await wait_for_status(stack, refused.case_id, "completed", "failed", "rejected")

    assert done["status"] == "completed", done
    assert all(s["status"] == "done" for s in done["steps"])
    assert await _ledger(stack, refused.bsn) == Counter(
        {
            ("brp", "emigratie"): 1,
            ("belastingdienst", "emigratie"): 1,
            ("gemeente", "belasting_beeindigen"): 1,
            ("berichtenbox", "bericht_bezorgen"): 1,
        }
    )
    keys = {e.operation: e.idempotency_key for e in await stack.admin.effects(subject=refused.bsn)}
    assert keys["belasting_beeindigen"] == f"{refused.case_id}/{REFUSED_STEP}", "key unchanged"
    [bericht] = (await stack.registry.berichtenbox_berichten(refused.bsn)).berichten
    assert bericht.inhoud == done["citizen_message"] == done["letter"]["text"]

    trail = await _trail(stack, refused.case_id)
    attempts = [s for s in trail["steps"] if s["step_id"] == REFUSED_STEP]
    assert [s["status"] for s in attempts] == ["failed", "failed", "done"]
    for step_id in ("01-brp_register_emigration", "02-notify_belastingdienst"):
        assert [s["step_id"] for s in trail["steps"]].count(step_id) == 1, "done stays done"
    decisions = [d for g in trail["gates"] if g["rule"] == "step_failure" for d in g["decisions"]]
    assert [d["choice"] for d in decisions] == ["retry", "retry"]


async def test_done_by_hand_records_the_reason_and_runs_nothing(stack: Stack):
    refused = await refused_emigration(stack)
    reason = "Belasting handmatig beëindigd."

    response = await settle(
        stack, refused.gate["gate_id"], "approve", choice="done_by_hand", reason=reason
    )
    assert response.status_code == 200, response.text
    done = await wait_for_status(stack, refused.case_id, "completed", "failed", "rejected")

    assert done["status"] == "completed", done
    step = next(s for s in done["steps"] if s["step_id"] == REFUSED_STEP)
    assert step["status"] == "done_by_hand" and step["receipt"]["reason"] == reason
    ledger = await _ledger(stack, refused.bsn)
    assert ("gemeente", "belasting_beeindigen") not in ledger
    assert ledger[("brp", "emigratie")] == ledger[("berichtenbox", "bericht_bezorgen")] == 1


async def test_reject_the_rest_leaves_the_remaining_steps_undone_and_tells_the_reporter(
    stack: Stack,
):
    refused = await refused_emigration(stack)
    reason = "De belastingen regelt de burger zelf met de gemeente."

    response = await settle(stack, refused.gate["gate_id"], "reject", reason=reason)
    assert response.status_code == 200, response.text
    assert response.json()["decisions"][0]["choice"] == "reject_rest"
    done = await wait_for_status(stack, refused.case_id, "rejected", "completed", "failed")

    assert done["status"] == "rejected", done
    steps = {s["step_id"]: s["status"] for s in done["steps"]}
    assert steps["01-brp_register_emigration"] == steps["02-notify_belastingdienst"] == "done"
    assert steps[REFUSED_STEP] == "failed" and steps["04-citizen_message"] == "skipped"
    assert steps["rest-rejected-message"] == "done"
    assert reason in done["outcome"] and reason in done["citizen_message"]
    assert await _ledger(stack, refused.bsn) == Counter(
        {
            ("brp", "emigratie"): 1,
            ("belastingdienst", "emigratie"): 1,
            ("berichtenbox", "bericht_bezorgen"): 1,
        }
    )
    [bericht] = (await stack.registry.berichtenbox_berichten(refused.bsn)).berichten
    assert "niet helemaal" in bericht.onderwerp and reason in bericht.inhoud
    assert bericht.inhoud == done["citizen_message"]
