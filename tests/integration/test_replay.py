"""Every main path of a change of address replays deterministically with today's code."""

import pytest
from temporalio.worker import Replayer

from tests.integration.breaking_change import WithoutProjection
from tests.integration.conftest import Stack
from tests.integration.helpers import decide, report_move, started_case, wait_for_status
from tests.integration.scenarios import make_address, make_person
from workflows.plugin import make_langgraph_plugin
from workflows.replay import replay

pytestmark = pytest.mark.integration


async def _completed(stack: Stack) -> str:
    bsn = await make_person(stack.admin, await make_address(stack.admin, gemeentecode="0599"))
    new = await make_address(stack.admin, oppervlakte=100)
    case_id = await started_case(stack, await report_move(stack, bsn, new))
    await wait_for_status(stack, case_id, "completed")
    return case_id


async def _gated(stack: Stack, decisions: list[tuple[str, str]], final: str) -> str:
    bsn = await make_person(stack.admin, await make_address(stack.admin))
    small = await make_address(stack.admin, oppervlakte=10)
    case_id = await started_case(stack, await report_move(stack, bsn, small))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    for sub, decision in decisions:
        response = await decide(stack, case["gates"][0]["gate_id"], decision, sub=sub)
        assert response.status_code == 200, response.text
    await wait_for_status(stack, case_id, final)
    return case_id


async def test_main_paths_replay_deterministically(stack: Stack):
    cases = {
        "completed": await _completed(stack),
        "four_eyes_approved": await _gated(
            stack, [("cw-1", "approve"), ("cw-2", "approve")], "completed"
        ),
        "rejected": await _gated(stack, [("cw-1", "reject")], "rejected"),
    }
    for path, case_id in cases.items():
        history = await stack.temporal.get_workflow_handle(case_id).fetch_history()
        result = await replay(history, stack.temporal.data_converter)
        assert result.replay_failure is None, f"{path}: {result.replay_failure}"
        assert len(history.events) > 10


async def test_a_change_that_drops_an_activity_is_caught(stack: Stack):
    case_id = await _completed(stack)
    history = await stack.temporal.get_workflow_handle(case_id).fetch_history()
    replayer = Replayer(
        workflows=[WithoutProjection],
        data_converter=stack.temporal.data_converter,
        plugins=[make_langgraph_plugin(None)],
    )
    result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
    assert result.replay_failure is not None
    assert "nondetermin" in str(result.replay_failure).lower()
