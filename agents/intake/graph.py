"""The intake graph, built once per worker (or replayer) and given to the plugin.

    START → model ⇄ tools → END
              ↘ answer → END (a plain-text answer)
              ↘ remind ↗ (an empty answer)

One run answers one message of the citizen. `model` and `tools` run as Temporal activities
named `intake.model` and `intake.tools`; `answer`, `remind` and the routes run in the
workflow. The run ends when a tool call ends the turn (a reply, a proposal, a hand-over) or
when the turn budget is spent; no checkpointer is used, because the conversation's workflow
keeps the state between messages and its history is the durable record.
"""

from datetime import timedelta
from typing import Any

from langgraph.graph import END, START, StateGraph
from temporalio.common import RetryPolicy

from agents.deps import AgentConfigurationError, AgentDeps
from agents.intake.errors import MODEL_REQUEST_REJECTED
from agents.intake.nodes import (
    ANSWER_NODE,
    MODEL_NODE,
    REMIND_NODE,
    TOOLS_NODE,
    IntakeNodes,
    answer,
    remind,
    route_after_model,
    route_after_tools,
)
from agents.intake.spec import Catalogue
from agents.intake.state import IntakeState

MODEL_NON_RETRYABLE_ERRORS = [
    AgentConfigurationError.__name__,
    MODEL_REQUEST_REJECTED,
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "UnprocessableEntityError",
]
"""Errors of a model turn that retrying cannot fix (rate limits, 5xx and timeouts are
retried)."""


def model_activity_options() -> dict[str, Any]:
    """Temporal options of the model node: a chat answer is waited for, but not for long."""
    return {
        "execute_in": "activity",
        "start_to_close_timeout": timedelta(minutes=2),
        "retry_policy": RetryPolicy(
            initial_interval=timedelta(seconds=1),
            maximum_interval=timedelta(seconds=10),
            maximum_attempts=4,
            non_retryable_error_types=MODEL_NON_RETRYABLE_ERRORS,
        ),
        "summary": "intake: model turn",
    }


def tools_activity_options() -> dict[str, Any]:
    """Temporal options of the tool node (a BAG search, a proposal's checks)."""
    return {
        "execute_in": "activity",
        "start_to_close_timeout": timedelta(seconds=30),
        "retry_policy": RetryPolicy(
            initial_interval=timedelta(seconds=1),
            maximum_interval=timedelta(seconds=10),
            maximum_attempts=5,
            non_retryable_error_types=[AgentConfigurationError.__name__],
        ),
        "summary": "intake: tools",
    }


def build_intake_graph(
    deps: AgentDeps | None, catalogue: Catalogue
) -> StateGraph[IntakeState, None, IntakeState, IntakeState]:
    """Build the (uncompiled) intake graph for `LangGraphPlugin(graphs=...)`.

    Build a fresh graph for every plugin: the plugin rewrites the nodes it is given.

    Args:
        deps: The worker's chat model and registry client; None for a `Replayer`.
        catalogue: The life events the assistant takes reports of.
    """
    nodes = IntakeNodes(deps, catalogue)
    builder = StateGraph(IntakeState)
    builder.add_node(MODEL_NODE, nodes.call_model, metadata=model_activity_options())
    builder.add_node(TOOLS_NODE, nodes.run_tools, metadata=tools_activity_options())
    builder.add_node(ANSWER_NODE, answer, metadata={"execute_in": "workflow"})
    builder.add_node(REMIND_NODE, remind, metadata={"execute_in": "workflow"})
    builder.add_edge(START, MODEL_NODE)
    builder.add_conditional_edges(
        MODEL_NODE, route_after_model, [TOOLS_NODE, ANSWER_NODE, REMIND_NODE, END]
    )
    builder.add_conditional_edges(TOOLS_NODE, route_after_tools, [MODEL_NODE, END])
    builder.add_edge(ANSWER_NODE, END)
    builder.add_edge(REMIND_NODE, MODEL_NODE)
    return builder
