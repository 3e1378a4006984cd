"""Nodes and routes of the change-of-address graph.

`ChangeOfAddressNodes.call_model` and `ChangeOfAddressNodes.run_tools` run as Temporal
activities. They are bound methods of an object that holds the worker's `AgentDeps`: the
plugin requires activity nodes to be importable by module and qualified name, which rules
out closures but allows methods of a module-level class. `remind` and the routes run inside
the workflow, so they are async (no executor threads in the sandbox), pure and quick.
"""

from typing import Any

from langchain_core.exceptions import (
    ContextOverflowError,
    ModelAuthenticationError,
    ModelInvalidRequestError,
    ModelNotFoundError,
    ModelPermissionDeniedError,
)
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langgraph.graph import END
from temporalio.exceptions import ApplicationError

from agents.change_of_address.prompts import REMINDER, SYSTEM_PROMPT
from agents.change_of_address.state import ChangeOfAddressState, read_facts
from agents.change_of_address.tools import run_tool_calls, tool_definitions
from agents.deps import AgentConfigurationError, AgentDeps
from agents.messages import coerce_messages

MODEL_REQUEST_REJECTED = "ModelRequestRejected"
"""Error type of a model request the endpoint refuses for good (bad request, auth, context
too long, unknown model): retrying the same turn cannot help."""

_REJECTED_REQUEST = (
    ModelAuthenticationError,
    ModelPermissionDeniedError,
    ModelInvalidRequestError,
    ModelNotFoundError,
    ContextOverflowError,
)

MODEL_NODE = "model"
TOOLS_NODE = "tools"
REMIND_NODE = "remind"


class ChangeOfAddressNodes:
    """The activity nodes of the change-of-address graph, bound to a worker's dependencies.

    Args:
        deps: The chat model and registry client; None in a process that only replays.
    """

    def __init__(self, deps: AgentDeps | None) -> None:
        self._deps = deps

    def _require_deps(self) -> AgentDeps:
        if self._deps is None:
            raise AgentConfigurationError(
                "The change-of-address graph was built without AgentDeps; "
                "only a worker built with make_agent_deps(...) can run its activities."
            )
        return self._deps

    async def call_model(self, state: ChangeOfAddressState) -> dict[str, Any]:
        """One model turn: the conversation so far in, one AI message (with tool calls) out."""
        deps = self._require_deps()
        model = deps.chat_model.bind_tools(tool_definitions())
        messages = [SystemMessage(content=SYSTEM_PROMPT), *coerce_messages(state["messages"])]
        try:
            reply = await model.ainvoke(messages)
        except _REJECTED_REQUEST as error:
            raise ApplicationError(
                f"{type(error).__name__}: {error}",
                type=MODEL_REQUEST_REJECTED,
                non_retryable=True,
            ) from error
        turn = state["turns"] + 1
        if not isinstance(reply, AIMessage):
            reply = AIMessage(content=reply.content)
        # Our own id, unique per turn: LangChain hands out random run ids, some endpoints
        # reuse theirs, and `add_messages` replaces a message whose id repeats. The
        # endpoint's response id, if any, stays in `response_metadata`.
        reply.id = f"model-turn-{turn}"
        return {"messages": [reply], "turns": turn}

    async def run_tools(self, state: ChangeOfAddressState) -> dict[str, Any]:
        """Run the tool calls of the last AI message against the registries.

        Look-up results are merged into `facts`; a valid `submit_plan` call sets `plan`.
        Registry 4xx answers and invalid arguments come back to the model as tool errors;
        5xx answers and timeouts raise, so Temporal retries the activity.
        """
        deps = self._require_deps()
        messages = coerce_messages(state["messages"])
        last = messages[-1] if messages else None
        calls = last.tool_calls if isinstance(last, AIMessage) else []
        outcome = await run_tool_calls(deps.registry, read_facts(state), calls, turn=state["turns"])
        update: dict[str, Any] = {
            "messages": outcome.messages,
            "facts": outcome.facts.model_dump(mode="json"),
        }
        if outcome.plan is not None:
            update["plan"] = outcome.plan.model_dump(mode="json")
        return update


async def remind(state: ChangeOfAddressState) -> dict[str, Any]:
    """Ask the model again for tool calls after it answered in plain text (runs in the workflow)."""
    return {
        "messages": [HumanMessage(content=REMINDER, id=f"reminder-{state['turns']}")],
    }


def _budget_left(state: ChangeOfAddressState) -> bool:
    return state["turns"] < state["max_turns"]


async def route_after_model(state: ChangeOfAddressState) -> str:
    """Run the tool calls; remind a model that made none; stop when the budget is spent."""
    last = coerce_messages(state["messages"][-1:])
    if last and isinstance(last[0], AIMessage) and last[0].tool_calls:
        return TOOLS_NODE
    return REMIND_NODE if _budget_left(state) else END


async def route_after_tools(state: ChangeOfAddressState) -> str:
    """End once a plan is accepted or the turn budget is spent; otherwise back to the model."""
    if state.get("plan") is not None or not _budget_left(state):
        return END
    return MODEL_NODE
