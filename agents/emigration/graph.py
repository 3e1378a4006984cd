"""The emigration graph, built once per worker (or replayer) and given to the plugin.

    START → model ⇄ tools → END
              ↘ remind ↗ (model answered without a tool call)

`model` and `tools` run as Temporal activities named `emigration.model` and
`emigration.tools`; `remind` and the routes run in the workflow. The graph ends when
`tools` accepts a plan, when a plan is rejected for the second time, or when the model-turn
budget (`max_turns` in the state) is spent; no checkpointer is used, because the workflow
history is the durable record.
"""

from datetime import timedelta
from typing import Any

from langgraph.graph import END, START, StateGraph
from temporalio.common import RetryPolicy

from agents.channels import ModelTurnInput
from agents.deps import AgentConfigurationError, AgentDeps
from agents.emigration.nodes import (
    MODEL_NODE,
    MODEL_REQUEST_REJECTED,
    REMIND_NODE,
    TOOLS_NODE,
    EmigrationNodes,
    remind,
    route_after_model,
    route_after_tools,
)
from agents.emigration.state import EmigrationState

MODEL_NON_RETRYABLE_ERRORS = [
    AgentConfigurationError.__name__,
    MODEL_REQUEST_REJECTED,
    # openai SDK errors that reach the node unwrapped and fail the same way every time.
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "UnprocessableEntityError",
]
"""Errors of a model turn that retrying cannot fix. The model node raises a refused request
as a non-retryable `ModelRequestRejected`; rate limits (`ModelRateLimited`, after the
endpoint's `Retry-After`), 5xx (`ModelUnavailable`) and timeouts (`ModelTimeout`) are
retried."""

TOOLS_NON_RETRYABLE_ERRORS = [AgentConfigurationError.__name__]
"""Errors of a tool round that retrying cannot fix; registry 4xx never raise (they go back to
the model), so what raises is a 5xx or a timeout, and that is retried."""


def model_activity_options() -> dict[str, Any]:
    """Temporal options of the model node (a model call within the endpoint's timeout)."""
    return {
        "execute_in": "activity",
        "start_to_close_timeout": timedelta(minutes=2),
        "retry_policy": RetryPolicy(
            initial_interval=timedelta(seconds=1),
            maximum_interval=timedelta(seconds=30),
            maximum_attempts=5,
            non_retryable_error_types=MODEL_NON_RETRYABLE_ERRORS,
        ),
        "summary": "emigration: model turn",
    }


def tools_activity_options() -> dict[str, Any]:
    """Temporal options of the tool node (a round of registry look-ups)."""
    return {
        "execute_in": "activity",
        "start_to_close_timeout": timedelta(seconds=60),
        "retry_policy": RetryPolicy(
            initial_interval=timedelta(seconds=1),
            maximum_interval=timedelta(seconds=30),
            maximum_attempts=10,
            non_retryable_error_types=TOOLS_NON_RETRYABLE_ERRORS,
        ),
        "summary": "emigration: registry look-ups",
    }


def build_emigration_graph(
    deps: AgentDeps | None = None,
) -> StateGraph[EmigrationState, None, EmigrationState, EmigrationState]:
    """Build the (uncompiled) emigration graph for `LangGraphPlugin(graphs=...)`.

    Build a fresh graph for every plugin: the plugin rewrites the nodes it is given.

    Args:
        deps: The worker's chat model and registry client. None for a `Replayer` or a
            workflow-only process: the graph is the same, its activities just cannot run.

    Returns:
        The graph; the workflow compiles it with `temporalio.langgraph.graph(GRAPH_NAME)`.
    """
    nodes = EmigrationNodes(deps)
    builder = StateGraph(EmigrationState)
    builder.add_node(
        MODEL_NODE,
        nodes.call_model,
        metadata=model_activity_options(),
        input_schema=ModelTurnInput,
    )
    builder.add_node(TOOLS_NODE, nodes.run_tools, metadata=tools_activity_options())
    builder.add_node(REMIND_NODE, remind, metadata={"execute_in": "workflow"})
    builder.add_edge(START, MODEL_NODE)
    builder.add_conditional_edges(MODEL_NODE, route_after_model, [TOOLS_NODE, REMIND_NODE, END])
    builder.add_conditional_edges(TOOLS_NODE, route_after_tools, [MODEL_NODE, END])
    builder.add_edge(REMIND_NODE, MODEL_NODE)
    return builder
