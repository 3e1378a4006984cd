"""Running the change-of-address agent from workflow code.

`run_change_of_address_agent` is called inside a workflow whose worker registered the
LangGraph plugin (`agents.plugin.make_langgraph_plugin`). It compiles the registered graph,
runs it (model and tool turns become activities) and returns an `AgentOutcome`: the plan, or
none with the reason, and the facts gathered either way. It never raises for an agent that
fails; the workflow turns a missing plan into the `agent_failure` gate.
"""

from typing import cast

from langchain_core.runnables import RunnableConfig
from langgraph.errors import GraphRecursionError
from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError
from temporalio.langgraph import graph

from agents.change_of_address.plan import AgentOutcome, MoveRequest
from agents.change_of_address.state import (
    DEFAULT_MAX_TURNS,
    GRAPH_NAME,
    ChangeOfAddressState,
    initial_state,
    read_facts,
    read_plan,
)

TURN_BUDGET_EXHAUSTED = "turn_budget_exhausted"
"""`AgentOutcome.failure` when the model used its turns without an accepted plan."""


def outcome_from_state(state: ChangeOfAddressState, failure: str | None = None) -> AgentOutcome:
    """The outcome of a run that ended in `state`.

    Args:
        state: The last state of the run.
        failure: Why the run stopped early, if it did.
    """
    plan = None if failure else read_plan(state)
    return AgentOutcome(
        plan=plan,
        facts=read_facts(state),
        turns=state["turns"],
        failure=failure or (None if plan is not None else TURN_BUDGET_EXHAUSTED),
    )


def _describe(error: ActivityError) -> str:
    cause = error.cause
    if isinstance(cause, ApplicationError):
        return f"{cause.type or 'ApplicationError'}: {cause.message}"
    return f"{type(cause or error).__name__}: {cause or error}"


async def run_change_of_address_agent(
    request: MoveRequest, *, max_turns: int = DEFAULT_MAX_TURNS
) -> AgentOutcome:
    """Run the change-of-address agent for `request` (call from workflow code).

    The graph's state is streamed, so the facts gathered so far survive a failing activity.

    Args:
        request: The reported move.
        max_turns: The model-turn budget.

    Returns:
        The outcome: `plan` is None when the budget ran out (`failure` is
        `turn_budget_exhausted`) or an activity failed for good (`failure` names the error).
    """
    app = graph(GRAPH_NAME).compile()
    state = initial_state(request, max_turns=max_turns)
    last = state
    # Each turn is at most three steps (model, tools or remind); the budget ends it earlier.
    config: RunnableConfig = {"recursion_limit": 3 * max_turns + 3}
    try:
        async for values in app.astream(state, config=config, stream_mode="values"):
            last = cast(ChangeOfAddressState, values)
    except ActivityError as error:
        workflow.logger.warning("change-of-address agent stopped: %s", _describe(error))
        return outcome_from_state(last, failure=_describe(error))
    except GraphRecursionError:
        return outcome_from_state(last, failure=TURN_BUDGET_EXHAUSTED)
    return outcome_from_state(last)
