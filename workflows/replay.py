"""Replaying case histories with today's code: the audit check that a case reproduces."""

from collections.abc import Sequence

from temporalio.client import WorkflowHistory
from temporalio.converter import DataConverter
from temporalio.worker import Replayer, WorkflowReplayResult

from workflows.plugin import make_langgraph_plugin
from workflows.worker import case_workflows, workflow_runner


def make_replayer(converter: DataConverter, *, workflows: Sequence[type] | None = None) -> Replayer:
    """A replayer with every workflow, the LangGraph plugin (no live dependencies) and the
    data converter that the workers use.

    Args:
        converter: The deployment's converter (`workflows.client.data_converter(settings)`,
            or a connected client's `data_converter`), so encrypted histories decode.
        workflows: The workflow implementations to replay against; today's by default, a
            candidate version to check that it would not break running cases.
            None: every life event's of the list.
    """
    return Replayer(
        workflows=workflows if workflows is not None else case_workflows(),
        data_converter=converter,
        plugins=[make_langgraph_plugin(None)],
        workflow_runner=workflow_runner(),
    )


async def replay(
    history: WorkflowHistory, converter: DataConverter, *, workflows: Sequence[type] | None = None
) -> WorkflowReplayResult:
    """Replay one history; the result's `replay_failure` is None when it is deterministic."""
    replayer = make_replayer(converter, workflows=workflows)
    return await replayer.replay_workflow(history, raise_on_replay_failure=False)
