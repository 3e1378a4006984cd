"""The caseworker inbox over the API, run once on SQLite and once on PostgreSQL.

Filters, the detail with its evidence, claims, notes, four-eyes, and the store wiped and
rebuilt from Temporal.
"""

import asyncio
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from approvals import store
from approvals.models import ApprovalTask
from approvals.rebuild import rebuild
from tests.approvals.support import CaseworkStack, open_gate
from tests.integration.helpers import decide, wait_for_status
from tests.support import TEST_PAYLOAD_KEY_1

pytestmark = pytest.mark.integration


async def _inbox(stack: CaseworkStack, headers: dict[str, str], **params: Any) -> list[dict]:
    response = await stack.api.get("/v1/approvals", params=params, headers=headers)
    assert response.status_code == 200, response.text
    tasks: list[dict] = response.json()
    return tasks


def _ids(tasks: list[dict]) -> set[str]:
    return {t["gate_id"] for t in tasks}


async def test_filters_scope_and_counts(stack: CaseworkStack):
    crowded = await open_gate(stack, rule="occupancy")
    unbuilt = await open_gate(stack, rule="object_status")
    rotterdam = await open_gate(stack, rule="object_status", municipality="0599")
    anna = stack.caseworker("cw-anna")

    pending = _ids(await _inbox(stack, anna, status="pending"))
    assert {crowded["gate_id"], unbuilt["gate_id"]} <= pending
    assert rotterdam["gate_id"] not in pending, "another municipality's gate is out of scope"
    assert rotterdam["gate_id"] in _ids(await _inbox(stack, stack.caseworker(municipality="0599")))
    assert {crowded["gate_id"], rotterdam["gate_id"]} <= _ids(await _inbox(stack, stack.auditor()))

    by_rule = await _inbox(stack, anna, rule="occupancy")
    assert crowded["gate_id"] in _ids(by_rule) and {t["rule"] for t in by_rule} == {"occupancy"}
    high = await _inbox(stack, anna, risk="high")
    assert crowded["gate_id"] in _ids(high) and unbuilt["gate_id"] not in _ids(high)
    assert all(t["required_approvals"] == 2 for t in high)

    later = (datetime.now(UTC) + timedelta(days=6)).isoformat()
    earlier = (datetime.now(UTC) + timedelta(days=4)).isoformat()
    assert crowded["gate_id"] in _ids(await _inbox(stack, anna, due_before=later))
    assert crowded["gate_id"] not in _ids(await _inbox(stack, anna, due_before=earlier))
    assert crowded["gate_id"] not in _ids(await _inbox(stack, anna, overdue=True))
    task = next(t for t in await _inbox(stack, anna) if t["gate_id"] == crowded["gate_id"])
    assert task["overdue"] is False and task["escalated"] is False
    assert "evidence" not in task, "the inbox lists; the detail carries the evidence"

    counts = (await stack.api.get("/v1/approvals/counts", headers=anna)).json()
    assert counts["pending"] == len(await _inbox(stack, anna, status="pending"))
    assert counts["overdue"] == 0 and counts["mine"] == 0


async def test_detail_carries_the_evidence_the_agent_and_the_policy(stack: CaseworkStack):
    gate = await open_gate(stack, rule="occupancy")
    response = await stack.api.get(f"/v1/approvals/{gate['gate_id']}", headers=stack.caseworker())
    assert response.status_code == 200, response.text
    task = response.json()
    assert task["evidence"]["oppervlakte"] == 20
    assert task["evidence"]["m2_per_person"] < 12
    assert task["facts"]["bag"]["oppervlakte"] == 20
    assert task["facts"]["bewoners_nu"] == 1
    assert [m["burgerservicenummer"] for m in task["facts"]["verhuizers"]] == [gate["reporter"]]
    assert task["caseworker_summary"], "the agent's summary"
    assert any(line.startswith("brp_register_address: ") for line in task["agent_rationale"])
    assert task["policy_version"] == "change_of_address/v1.1"
    assert task["rules_fired"] == ["occupancy"]
    assert task["required_approvals"] == 2 and task["approvals"] == 0


async def test_claim_unclaim_and_notes(stack: CaseworkStack):
    gate = await open_gate(stack, rule="object_status")
    gid = gate["gate_id"]
    anna, bram = stack.caseworker("cw-anna"), stack.caseworker("cw-bram")

    taken = await stack.api.post(f"/v1/approvals/{gid}/claim", headers=anna)
    assert taken.status_code == 200, taken.text
    assert taken.json()["claimed_by"] == "cw-anna"
    assert gid in _ids(await _inbox(stack, anna, mine=True))
    assert gid not in _ids(await _inbox(stack, bram, mine=True))
    assert (await stack.api.get("/v1/approvals/counts", headers=anna)).json()["mine"] >= 1

    assert (await stack.api.post(f"/v1/approvals/{gid}/claim", headers=bram)).status_code == 409
    refused = await decide(stack, gid, "approve", sub="cw-bram")
    assert refused.status_code == 409 and "cw-anna" in refused.json()["detail"]
    assert (await stack.api.post(f"/v1/approvals/{gid}/unclaim", headers=bram)).status_code == 409

    note = await stack.api.post(
        f"/v1/approvals/{gid}/comments", json={"text": "Bel de verhuurder."}, headers=anna
    )
    assert note.status_code == 201, note.text
    empty = await stack.api.post(f"/v1/approvals/{gid}/comments", json={"text": ""}, headers=anna)
    assert empty.status_code == 422

    released = await stack.api.post(f"/v1/approvals/{gid}/unclaim", headers=anna)
    assert released.status_code == 200 and released.json()["claimed_by"] is None
    again = await stack.api.post(f"/v1/approvals/{gid}/unclaim", headers=anna)
    assert again.status_code == 409

    detail = (await stack.api.get(f"/v1/approvals/{gid}", headers=anna)).json()
    assert detail["claimed_by"] is None
    assert [(c["author"], c["text"]) for c in detail["comments"]] == [
        ("cw-anna", "Bel de verhuurder.")
    ]
    no_reason = await stack.api.post(
        f"/v1/approvals/{gid}/decision", json={"decision": "approve"}, headers=bram
    )
    assert no_reason.status_code == 422
    blank = await stack.api.post(
        f"/v1/approvals/{gid}/decision", json={"decision": "approve", "reason": "   "}, headers=bram
    )
    assert blank.status_code == 422
    assert (await decide(stack, gid, "approve", sub="cw-bram")).status_code == 200
    assert (await wait_for_status(stack, gate["case_id"], "completed"))["status"] == "completed"


async def test_four_eyes_same_caseworker_twice_is_409_two_proceed(stack: CaseworkStack):
    gate = await open_gate(stack, rule="non_residential")
    gid = gate["gate_id"]
    first = await decide(stack, gid, "approve", sub="cw-anna")
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "pending"
    task = (await stack.api.get(f"/v1/approvals/{gid}", headers=stack.caseworker())).json()
    assert (task["status"], task["approvals"], task["required_approvals"]) == ("pending", 1, 2)

    twice = await decide(stack, gid, "approve", sub="cw-anna")
    assert twice.status_code == 409, twice.text
    assert twice.json()["code"] == "SamePersonTwice"
    claim = await stack.api.post(f"/v1/approvals/{gid}/claim", headers=stack.caseworker("cw-anna"))
    assert claim.status_code == 409

    second = await decide(stack, gid, "approve", sub="cw-bram")
    assert second.status_code == 200, second.text
    assert second.json()["status"] == "approved"
    done = await wait_for_status(stack, gate["case_id"], "completed", "rejected", "failed")
    assert done["status"] == "completed"
    approved = await _inbox(stack, stack.caseworker(), status="approved", case_id=gate["case_id"])
    assert [(t["gate_id"], t["approvals"]) for t in approved] == [(gid, 2)]


def _snapshot(tasks: list[dict]) -> list[dict]:
    """The inbox without `updated_at` (when a row was last written, not what it says)."""
    return sorted(
        ({k: v for k, v in t.items() if k != "updated_at"} for t in tasks),
        key=lambda t: t["gate_id"],
    )


async def _details(stack: CaseworkStack, tasks: list[dict]) -> list[dict]:
    details = []
    for t in tasks:
        response = await stack.api.get(f"/v1/approvals/{t['gate_id']}", headers=stack.auditor())
        details.append(response.json())
    return _snapshot(details)


async def test_wiped_store_rebuilt_from_temporal_gives_the_same_inbox(stack: CaseworkStack):
    # Some state of every kind: a pending gate with a claim and a note, a rejected case.
    open_one = await open_gate(stack, rule="object_status")
    await stack.api.post(
        f"/v1/approvals/{open_one['gate_id']}/claim", headers=stack.caseworker("cw-anna")
    )
    await stack.api.post(
        f"/v1/approvals/{open_one['gate_id']}/comments",
        json={"text": "Wacht op opleverdatum."},
        headers=stack.caseworker("cw-anna"),
    )
    rejected = await open_gate(stack, rule="occupancy")
    await decide(stack, rejected["gate_id"], "reject", reason="Te klein voor twee.")
    await wait_for_status(stack, rejected["case_id"], "rejected")

    auditor = stack.auditor()
    before = await _inbox(stack, auditor)
    before_details = await _details(stack, before)
    before_counts = (await stack.api.get("/v1/approvals/counts", headers=auditor)).json()
    before_cases = (await stack.api.get("/v1/cases", headers=auditor)).json()
    assert len(before) >= 2

    assert stack.engine is not None
    with Session(stack.engine) as session:
        store.wipe_projection(session)
        assert session.exec(select(ApprovalTask)).all() == []
    assert await _inbox(stack, auditor) == []

    report = await rebuild(
        stack.temporal, stack.engine, stack.settings, query=stack.visibility_query
    )
    assert report.unreadable == []
    assert report.gates == len(before)

    after = await _inbox(stack, auditor)
    assert _snapshot(after) == _snapshot(before)
    assert await _details(stack, after) == before_details
    assert (await stack.api.get("/v1/approvals/counts", headers=auditor)).json() == before_counts
    after_cases = (await stack.api.get("/v1/cases", headers=auditor)).json()
    assert {(c["case_id"], c["status"], c["municipality"]) for c in after_cases} == {
        (c["case_id"], c["status"], c["municipality"]) for c in before_cases
    }
    # The rebuilt store still enforces one open case per reporter.
    mine = await stack.api.get("/v1/cases", headers=stack.citizen(open_one["reporter"]))
    assert [c["case_id"] for c in mine.json()] == [open_one["case_id"]]


async def test_the_rebuild_command_restores_the_inbox(stack: CaseworkStack):
    await open_gate(stack, rule="object_status")
    auditor = stack.auditor()
    before = _snapshot(await _inbox(stack, auditor))
    assert stack.engine is not None
    with Session(stack.engine) as session:
        store.wipe_projection(session)
    settings = stack.settings
    env = {
        "BURGERFLOW_HOME": str(settings.home),
        "BURGERFLOW_DATABASE_URL": settings.resolved_database_url,
        "BURGERFLOW_TEMPORAL_ADDRESS": stack.temporal.service_client.config.target_host,
        "BURGERFLOW_PAYLOAD_KEYS": TEST_PAYLOAD_KEY_1,
        "PATH": "/usr/bin:/bin",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "burgerflow",
        "approvals",
        "rebuild",
        "--query",
        f"TaskQueue = '{settings.task_queue}'",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, err.decode()
    assert f"{len(before)} gates" in out.decode()
    assert _snapshot(await _inbox(stack, auditor)) == before
