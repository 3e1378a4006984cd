"""Replay for audit: one case through the API, every case in bulk, exported histories."""

import asyncio
import json

import pytest

from burgerflow.cli import main
from burgerflow.core.constants import Role
from tests.audit.cases import Case, completed_case, four_eyes_case, rejected_case
from tests.audit.variants import HarmlessChange, ReorderedActivities, ReversedSteps
from tests.integration.conftest import Stack
from tests.support import TEST_PAYLOAD_KEY_1
from workflows.audit.history import read_history
from workflows.audit.replay import ReplaySummary, list_cases, replay_cases, replay_history
from workflows.case.workflow import LEAN_CASE_PATCH

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
async def cases(stack: Stack) -> list[Case]:
    return [
        await completed_case(stack),
        await four_eyes_case(stack),
        await rejected_case(stack),
    ]


def _this_stack(stack: Stack) -> str:
    """A visibility filter for the cases of this test module's stack."""
    return f"TaskQueue = '{stack.settings.task_queue}'"


async def test_an_auditor_replays_a_case_through_the_api(stack: Stack, cases: list[Case]):
    case_id = cases[1].case_id
    response = await stack.api.post(
        f"/v1/cases/{case_id}/replay", headers=stack.headers(Role.AUDITOR)
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["case_id"] == case_id and report["workflow_type"] == "ChangeOfAddress"
    assert report["deterministic"] is True and report["divergence"] is None
    assert report["history_events"] > 50

    refused = await stack.api.post(f"/v1/cases/{case_id}/replay", headers=stack.caseworker())
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    missing = await stack.api.post("/v1/cases/coa-nope/replay", headers=stack.headers(Role.AUDITOR))
    assert missing.status_code == 404


async def test_after_a_harmless_change_every_case_replays_deterministically(
    stack: Stack, cases: list[Case]
):
    ids = await list_cases(stack.temporal, query=_this_stack(stack))
    assert {c.case_id for c in cases} <= set(ids)
    summary = ReplaySummary()
    async for report in replay_cases(stack.temporal, ids, workflows=[HarmlessChange]):
        summary.count(report)
        assert report.deterministic, report
    assert summary.ok and summary.replayed == len(ids)


async def test_after_reordering_activities_each_case_reports_its_divergence(
    stack: Stack, cases: list[Case]
):
    ids = [c.case_id for c in cases]
    reports = [r async for r in replay_cases(stack.temporal, ids, workflows=[ReorderedActivities])]
    assert [r.case_id for r in reports] == ids
    for report in reports:
        assert not report.deterministic and report.divergence is not None, report
        divergence = report.divergence
        assert "nondetermin" in divergence.message.lower()
        # Every case starts with the lean patch's marker (it projects no `gathering`); the
        # candidate asks for the patch only after the agent, where it projects `gathering`.
        assert LEAN_CASE_PATCH in divergence.message
        assert divergence.event_id is not None and divergence.event_id < 10
        assert divergence.event_type == "MARKER_RECORDED"


def _cli_env(stack: Stack, monkeypatch, tmp_path) -> None:
    target = stack.temporal.service_client.config.target_host
    monkeypatch.setenv("BURGERFLOW_TEMPORAL_ADDRESS", target)
    monkeypatch.setenv("BURGERFLOW_PAYLOAD_KEYS", TEST_PAYLOAD_KEY_1)
    monkeypatch.setenv("BURGERFLOW_HOME", str(tmp_path))


async def test_audit_replay_all_shows_progress_and_a_summary(
    stack: Stack, cases: list[Case], monkeypatch, tmp_path, capsys
):
    _cli_env(stack, monkeypatch, tmp_path)
    args = ["audit", "replay", "--all", "--since", "2020-01-01", "--query", _this_stack(stack)]
    assert await asyncio.to_thread(main, args) == 0
    out = capsys.readouterr().out
    n = len(await list_cases(stack.temporal, query=_this_stack(stack)))
    assert f"Replaying {n} case(s) with today's code" in out
    assert f"[{n}/{n}] " in out
    for case in cases:
        assert f"{case.case_id}: deterministic" in out
    assert f"{n} replayed: {n} deterministic, 0 diverged, 0 could not be replayed." in out

    assert await asyncio.to_thread(main, ["audit", "replay", cases[0].case_id, "coa-nope"]) == 1
    out = capsys.readouterr().out
    assert "[2/2] coa-nope: ERROR" in out and "1 could not be replayed" in out


async def test_export_writes_a_history_that_replays_from_the_file(
    stack: Stack, cases: list[Case], monkeypatch, tmp_path, capsys
):
    _cli_env(stack, monkeypatch, tmp_path)
    case = cases[1]
    encrypted, decoded = tmp_path / "encrypted.json", tmp_path / "decoded.json"
    assert (
        await asyncio.to_thread(main, ["audit", "export", case.case_id, "-o", str(encrypted)]) == 0
    )
    assert "encrypted" in capsys.readouterr().out
    args = ["audit", "export", case.case_id, "-o", str(decoded), "--decoded"]
    assert await asyncio.to_thread(main, args) == 0
    assert case.bsn not in encrypted.read_text()
    assert json.loads(encrypted.read_text())["events"][0]["eventId"] == "1"
    history = read_history(decoded, case.case_id)
    assert history.workflow_id == case.case_id

    # Both replay: the decoded one needs no key at all, the codec passes it through.
    for path in (encrypted, decoded):
        report = await replay_history(read_history(path), stack.temporal.data_converter)
        assert report.deterministic, report
    args = ["audit", "replay", "--file", str(encrypted), "--file", str(decoded)]
    assert await asyncio.to_thread(main, args) == 0
    assert "2 replayed: 2 deterministic" in capsys.readouterr().out


async def test_a_change_deep_in_the_case_diverges_where_it_starts_and_only_where_it_applies(
    stack: Stack, cases: list[Case]
):
    completed, four_eyes, rejected = (c.case_id for c in cases)
    ids = [completed, four_eyes, rejected]
    reports = {
        r.case_id: r async for r in replay_cases(stack.temporal, ids, workflows=[ReversedSteps])
    }
    assert reports[rejected].deterministic
    # A lean case runs its registration first and its message last whatever the plan's
    # order, so reversing the plan shows only in a wave of more than one step: the
    # four-eyes move (registration, one notification, message) replays as it ran.
    assert reports[four_eyes].deterministic
    divergence = reports[completed].divergence
    assert divergence is not None
    assert "notify_belastingdienst" in divergence.message
    history = await stack.temporal.get_workflow_handle(completed).fetch_history()
    [event] = [e for e in history.events if e.event_id == divergence.event_id]
    scheduled = event.activity_task_scheduled_event_attributes.activity_type.name
    assert scheduled == "change_of_address.notify_belastingdienst"
