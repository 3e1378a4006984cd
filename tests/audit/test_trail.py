"""The decision trail of a case, from its history alone: API (JSON and HTML) and CLI."""

import asyncio
import json

import pytest

from burgerflow.cli import main
from burgerflow.core.constants import Role
from tests.audit.cases import (
    FOUR_EYES,
    REJECTION,
    Case,
    four_eyes_case,
    mover,
    rejected_case,
)
from tests.integration.conftest import Stack
from tests.integration.helpers import report_move, started_case, wait_for_status
from tests.integration.scenarios import make_address
from tests.support import TEST_PAYLOAD_KEY_1

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
async def four_eyes(stack: Stack) -> Case:
    return await four_eyes_case(stack)


async def _trail(stack: Stack, case_id: str) -> dict:
    response = await stack.api.get(
        f"/v1/cases/{case_id}/audit", headers=stack.headers(Role.AUDITOR)
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


async def test_the_trail_of_a_four_eyes_case(stack: Stack, four_eyes: Case):
    trail = await _trail(stack, four_eyes.case_id)
    assert trail["case_id"] == four_eyes.case_id and trail["closed"] is True
    assert trail["status"] == "completed" and trail["municipality"] == "0363"

    # The request as the workflow received it.
    assert trail["request"]["bsn"] == four_eyes.bsn
    assert trail["request"]["new_address"]["postcode"] == four_eyes.new["postcode"]

    # The policy version and the rule that fired, with its evidence.
    assert trail["policy"]["version"] == "change_of_address/v1.1"
    assert trail["policy"]["rules_fired"] == ["occupancy"]
    [gate] = trail["gates"]
    assert (gate["rule"], gate["risk"], gate["required_approvals"]) == ("occupancy", "high", 2)
    assert gate["evidence"]["oppervlakte"] == 10 and gate["evidence"]["m2_per_person"] == 10.0
    assert gate["evidence"]["threshold"] == 12.0
    assert gate["status"] == "approved"

    # Both decisions: who, when, why.
    decisions = [(d["actor"], d["role"], d["decision"], d["reason"]) for d in gate["decisions"]]
    assert decisions == [(a, "caseworker", d, r) for a, d, r in FOUR_EYES]
    assert gate["decisions"][0]["at"] < gate["decisions"][1]["at"]

    # Every step with its idempotency key and the registry's receipt.
    kinds = [s["kind"] for s in trail["steps"]]
    assert kinds[0] == "brp_register_address" and kinds[-1] == "citizen_message"
    for step in trail["steps"]:
        assert step["status"] == "done"
        assert step["idempotency_key"] == f"{four_eyes.case_id}/{step['step_id']}"
        assert step["receipt"] and step["receipt"]["id"]
    brp = trail["steps"][0]["receipt"]
    assert brp["burgerservicenummer"] == four_eyes.bsn

    # Each registry read and model call of the agent.
    registries = {r["tool"]: r for r in trail["registry_reads"]}
    assert {"lookup_persons", "lookup_address"} <= set(registries)
    persons = registries["lookup_persons"]
    assert persons["by"] == "agent" and four_eyes.bsn in persons["arguments"]["persons"]
    assert persons["facts"][four_eyes.bsn]["naam"]["geslachtsnaam"] == "Zwartjes-Quispel"
    assert registries["lookup_address"]["facts"]["object"]["oppervlakte"] == 10
    calls = trail["model_calls"]
    assert [c["turn"] for c in calls] == list(range(1, len(calls) + 1)) and len(calls) >= 2
    assert calls[0]["prompt"][0]["role"] == "human"
    assert {(c["provider"], c["model"]) for c in calls} == {("scripted", "scripted-planner-v1")}
    assert any(t["name"] == "submit_plan" for t in calls[-1]["output"]["tool_calls"])

    # The outcome and the message to the citizen.
    assert trail["outcome"]["status"] == "completed"
    assert trail["outcome"]["citizen_message"]

    # The timeline, in history order, names every act.
    kinds = [e["kind"] for e in trail["timeline"]]
    assert kinds[0] == "request" and kinds[-1] == "outcome"
    assert kinds.count("decision") == 2 and kinds.count("step") == len(trail["steps"])
    ids = [e["event_id"] for e in trail["timeline"]]
    assert ids == sorted(ids)


async def test_the_trail_of_a_rejection_tells_the_reason_and_changes_nothing(stack: Stack):
    case = await rejected_case(stack)
    trail = await _trail(stack, case.case_id)
    [gate] = trail["gates"]
    [decision] = gate["decisions"]
    assert (decision["actor"], decision["decision"]) == (REJECTION[0][0], "reject")
    assert gate["status"] == "rejected" and trail["status"] == "rejected"
    assert [s["step_id"] for s in trail["steps"]] == ["rejection-message"]
    assert REJECTION[0][2] in trail["outcome"]["citizen_message"]


async def test_the_trail_as_a_page(stack: Stack, four_eyes: Case):
    response = await stack.api.get(
        f"/v1/cases/{four_eyes.case_id}/audit",
        headers={**stack.headers(Role.AUDITOR), "Accept": "text/html,application/xhtml+xml"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for text in ("occupancy", "cw-anna", "cw-bram", FOUR_EYES[1][2], f"{four_eyes.case_id}/01-"):
        assert text in page


async def test_who_may_read_a_trail(stack: Stack, four_eyes: Case):
    url = f"/v1/cases/{four_eyes.case_id}/audit"
    allowed = [
        stack.headers(Role.AUDITOR),
        stack.caseworker("cw-x", "0363"),
        stack.headers(Role.SUPERVISOR, sub="sup", municipality="0363"),
    ]
    for headers in allowed:
        assert (await stack.api.get(url, headers=headers)).status_code == 200
    refused = [
        stack.caseworker("cw-y", "0599"),
        stack.citizen(four_eyes.bsn),
        stack.headers(Role.SERVICE, sub="portal"),
    ]
    for headers in refused:
        response = await stack.api.get(url, headers=headers)
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"
    assert (await stack.api.get(url)).status_code == 401
    missing = await stack.api.get("/v1/cases/coa-nope/audit", headers=stack.headers(Role.AUDITOR))
    assert missing.status_code == 404 and missing.json()["title"] == "Not Found"


async def test_the_page_for_a_browser_logged_in_to_the_caseworkers_page(
    stack: Stack, four_eyes: Case
):
    url = f"/ui/audit/{four_eyes.case_id}"
    assert (await stack.api.get(url)).status_code == 303
    token = stack.headers(Role.AUDITOR)["Authorization"].removeprefix("Bearer ")
    response = await stack.api.get(url, headers={"Cookie": f"burgerflow_token={token}"})
    assert response.status_code == 200 and "cw-bram" in response.text


def _cli_env(stack: Stack, monkeypatch, tmp_path) -> None:
    target = stack.temporal.service_client.config.target_host
    monkeypatch.setenv("BURGERFLOW_TEMPORAL_ADDRESS", target)
    monkeypatch.setenv("BURGERFLOW_PAYLOAD_KEYS", TEST_PAYLOAD_KEY_1)
    monkeypatch.setenv("BURGERFLOW_HOME", str(tmp_path))


async def test_audit_show_prints_the_trail(
    stack: Stack, four_eyes: Case, monkeypatch, tmp_path, capsys
):
    _cli_env(stack, monkeypatch, tmp_path)
    assert await asyncio.to_thread(main, ["audit", "show", four_eyes.case_id]) == 0
    out = capsys.readouterr().out
    assert "Policy change_of_address/v1.1: rules fired occupancy" in out
    assert "cw-anna (caseworker) approve" in out and "cw-bram (caseworker) approve" in out
    assert f"key {four_eyes.case_id}/01-brp_register_address" in out

    assert await asyncio.to_thread(main, ["audit", "show", "--json", four_eyes.case_id]) == 0
    trail = json.loads(capsys.readouterr().out)
    assert len(trail["gates"][0]["decisions"]) == 2


async def test_the_trail_of_a_case_still_waiting_at_its_gate(stack: Stack):
    bsn, _ = await mover(stack)
    office = await make_address(stack.admin, gebruiksdoelen=["kantoorfunctie"], oppervlakte=200)
    case_id = await started_case(stack, await report_move(stack, bsn, office))
    await wait_for_status(stack, case_id, "awaiting_approval")
    response = await stack.api.get(f"/v1/cases/{case_id}/audit", headers=stack.caseworker())
    assert response.status_code == 200
    trail = response.json()
    assert trail["closed"] is False and trail["outcome"] is None
    assert trail["status"] == "awaiting_approval"
    assert [g["rule"] for g in trail["gates"]] == ["non_residential"]
    assert trail["gates"][0]["decisions"] == [] and trail["steps"] == []
    page = await stack.api.get(
        f"/v1/cases/{case_id}/audit", headers={**stack.caseworker(), "Accept": "text/html"}
    )
    assert "still running" in page.text
