"""Running the emigration agent from workflow code.

`run_emigration_agent` is called inside a workflow whose worker registered the
LangGraph plugin (`agents.plugin.make_langgraph_plugin`). It compiles the registered graph,
runs it (model and tool turns become activities) and returns an `AgentOutcome`: the plan, or
none with the reason, and the facts gathered either way. It never raises for an agent that
fails; the workflow turns a missing plan into the `agent_failure` gate.
"""

import json
from datetime import date
from typing import cast

from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langgraph.errors import GraphRecursionError
from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError
from temporalio.langgraph import graph

from agents.emigration.outcome import AgentOutcome, TranscriptEntry
from agents.emigration.state import (
    DEFAULT_MAX_TURNS,
    GRAPH_NAME,
    MAX_PLAN_ATTEMPTS,
    EmigrationState,
    initial_state,
    read_facts,
    read_plan,
    read_usage,
)
from agents.messages import coerce_messages
from workflows.emigration.domain import EmigrationRequest

TURN_BUDGET_EXHAUSTED = "turn_budget_exhausted"
"""`AgentOutcome.failure` when the model used its turns without an accepted plan."""

INVALID_PLAN = "invalid_plan"
"""`AgentOutcome.failure` (before `: <reason>`) when a plan was rejected, retried and
rejected again."""

_TEXT_LIMIT = 500


def _cut(text: str) -> str:
    return text if len(text) <= _TEXT_LIMIT else f"{text[:_TEXT_LIMIT]}…"


def transcript(state: EmigrationState) -> list[TranscriptEntry]:
    """The conversation of `state` as the model saw it (tokens only), each text cut short."""
    entries: list[TranscriptEntry] = []
    for message in coerce_messages(state["messages"]):
        text = _cut(str(message.text))
        if isinstance(message, AIMessage):
            calls = [
                f"{c['name']}({json.dumps(c['args'], sort_keys=True)})" for c in message.tool_calls
            ]
            calls += [
                f"{c.get('name')}(<not JSON: {c.get('args')}>)" for c in message.invalid_tool_calls
            ]
            refusal = message.additional_kwargs.get("refusal")
            if refusal and not text:
                text = _cut(f"(refused) {refusal}")
            entries.append(
                TranscriptEntry(role="assistant", text=text, tool_calls=[_cut(c) for c in calls])
            )
        elif isinstance(message, ToolMessage):
            entries.append(
                TranscriptEntry(
                    role="tool", text=text, tool=message.name, error=message.status == "error"
                )
            )
        else:
            entries.append(TranscriptEntry(role="user", text=text))
    return entries


def outcome_from_state(state: EmigrationState, failure: str | None = None) -> AgentOutcome:
    """The outcome of a run that ended in `state`.

    Args:
        state: The last state of the run.
        failure: Why the run stopped early, if it did.
    """
    plan = None if failure else read_plan(state)
    if plan is None and failure is None:
        if state.get("plan_rejections", 0) >= MAX_PLAN_ATTEMPTS:
            failure = f"{INVALID_PLAN}: {state.get('plan_error') or 'rejected'}"
        else:
            failure = TURN_BUDGET_EXHAUSTED
    return AgentOutcome(
        plan=plan,
        facts=read_facts(state),
        turns=state["turns"],
        failure=failure,
        usage=read_usage(state),
        tool_errors=state.get("tool_errors", 0),
        transcript=transcript(state),
    )


def _describe(error: ActivityError) -> str:
    cause = error.cause
    if isinstance(cause, ApplicationError):
        return f"{cause.type or 'ApplicationError'}: {cause.message}"
    return f"{type(cause or error).__name__}: {cause or error}"


async def run_emigration_agent(
    request: EmigrationRequest, *, deregistration: date, max_turns: int = DEFAULT_MAX_TURNS
) -> AgentOutcome:
    """Run the emigration agent for `request` (call from workflow code).

    The graph's state is streamed, so the facts gathered so far survive a failing activity.

    Args:
        request: The reported emigration.
        deregistration: The day the movers are deregistered (shown to the model).
        max_turns: The model-turn budget.

    Returns:
        The outcome: `plan` is None when the budget ran out (`failure` is
        `turn_budget_exhausted`) or an activity failed for good (`failure` names the error).
    """
    app = graph(GRAPH_NAME).compile()
    state = initial_state(request, deregistration, max_turns=max_turns)
    last = state
    # Each turn is at most three steps (model, tools or remind); the budget ends it earlier.
    config: RunnableConfig = {"recursion_limit": 3 * max_turns + 3}
    try:
        async for values in app.astream(state, config=config, stream_mode="values"):
            last = cast(EmigrationState, values)
    except ActivityError as error:
        workflow.logger.warning("emigration agent stopped: %s", _describe(error))
        return outcome_from_state(last, failure=_describe(error))
    except GraphRecursionError:
        return outcome_from_state(last, failure=TURN_BUDGET_EXHAUSTED)
    return outcome_from_state(last)
