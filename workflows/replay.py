"""Replaying case histories with today's code: the audit check that a case reproduces."""

from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer, WorkflowReplayResult

from agents.plugin import make_langgraph_plugin
from workflows.client import data_converter
from workflows.worker import WORKFLOWS


def make_replayer() -> Replayer:
    """A replayer with every workflow, the LangGraph plugin (no live dependencies) and the
    data converter that the workers use."""
    return Replayer(
        workflows=WORKFLOWS,
        data_converter=data_converter(),
        plugins=[make_langgraph_plugin(None)],
    )


async def replay(history: WorkflowHistory) -> WorkflowReplayResult:
    """Replay one history; the result's `replay_failure` is None when it is deterministic."""
    return await make_replayer().replay_workflow(history, raise_on_replay_failure=False)
