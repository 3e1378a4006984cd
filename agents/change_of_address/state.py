"""Graph state of the change-of-address agent.

State crosses the activity boundary as JSON in both directions (the plugin types it `Any`),
so the values the nodes write are JSON-ready: `facts` is a `MoveFacts` and `plan` a `MovePlan`
in their JSON form, and messages are restored by the `merge_messages` reducer. Read the
typed values with `read_facts` / `read_plan`.
"""

from typing import Annotated, Any, NotRequired

from langchain_core.messages import AnyMessage, HumanMessage
from typing_extensions import TypedDict

from agents.change_of_address.plan import MoveFacts, MovePlan, MoveRequest
from agents.change_of_address.prompts import render_request
from agents.messages import merge_messages

GRAPH_NAME = "change_of_address"
"""Name of the graph in the LangGraph plugin; activity names start with it."""

DEFAULT_MAX_TURNS = 8
"""Model turns the agent may take before it ends without a plan."""


class ChangeOfAddressState(TypedDict):
    """State of one change-of-address agent run.

    Attributes:
        request: The reported move (`MoveRequest`, JSON form).
        messages: The conversation with the model: request, tool calls, tool results.
        facts: Everything the look-up tools fetched (`MoveFacts`, JSON form). Written only by
            the tool node, from registry responses.
        plan: The submitted plan (`MovePlan`, JSON form); None until a valid one arrives.
        turns: Model turns taken so far.
        max_turns: The turn budget; past it the graph ends, with or without a plan.
    """

    request: dict[str, Any]
    messages: Annotated[list[AnyMessage], merge_messages]
    facts: dict[str, Any]
    plan: NotRequired[dict[str, Any] | None]
    turns: int
    max_turns: int


def initial_state(
    request: MoveRequest, *, max_turns: int = DEFAULT_MAX_TURNS
) -> ChangeOfAddressState:
    """The state a run starts from: the request as the first message, no facts yet.

    Args:
        request: The reported move.
        max_turns: The model-turn budget.
    """
    return ChangeOfAddressState(
        request=request.model_dump(mode="json"),
        messages=[HumanMessage(content=render_request(request), id="request")],
        facts=MoveFacts(request=request).model_dump(mode="json"),
        plan=None,
        turns=0,
        max_turns=max_turns,
    )


def read_request(state: ChangeOfAddressState) -> MoveRequest:
    """The typed request of `state`."""
    return MoveRequest.model_validate(state["request"])


def read_facts(state: ChangeOfAddressState) -> MoveFacts:
    """The typed facts of `state`."""
    return MoveFacts.model_validate(state["facts"])


def read_plan(state: ChangeOfAddressState) -> MovePlan | None:
    """The typed plan of `state`, or None when none was accepted."""
    plan = state.get("plan")
    return None if plan is None else MovePlan.model_validate(plan)
