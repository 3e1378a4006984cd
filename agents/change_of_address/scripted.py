"""A deterministic scripted planner: the change-of-address agent's model, offline.

`ScriptedPlanner` is a scripted chat model (`agents.scripted.ScriptedChatModel`), so the
graph runs unchanged without a language model. It reads only the conversation, as a model
would (`agents.change_of_address.knowledge`), and so works in tokens like any model; the
fake OpenAI-compatible server (`agents.fake_llm`) can put it behind a real HTTP endpoint.

- While look-ups are missing, it calls them (all in one message).
- Then it drafts the plan with the fixed rules of policy v1
  (`agents.change_of_address.planning.draft_plan`) and calls `submit_plan`.
- When the same look-ups come back incomplete, it gives up with a plain answer; the graph
  then ends without a plan once the turn budget is spent. A rejected plan is sent once more,
  then it gives up too.

No randomness and no clock: the same conversation always gives the same reply.
"""

from collections.abc import Sequence

from langchain_core.messages import AIMessage, BaseMessage, ToolCall, ToolMessage
from pydantic import BaseModel

from agents.change_of_address.knowledge import Knowledge, is_tool_error, read_conversation
from agents.change_of_address.planning import draft_plan
from agents.change_of_address.state import MAX_PLAN_ATTEMPTS
from agents.change_of_address.tools.args import AddressArgs, PersonsArgs
from agents.change_of_address.tools.names import LOOKUP_ADDRESS, PER_MOVER_LOOKUPS, SUBMIT_PLAN
from agents.scripted import ScriptedChatModel, call_names, tool_name, turn_number


class ScriptedPlanner(ScriptedChatModel):
    """A chat model that plans a change of address with fixed rules instead of a language model.

    Attributes:
        model_name: Reported as the model name (`settings.llm_model`).
    """

    model_name: str = "scripted-planner-v1"

    @property
    def _llm_type(self) -> str:
        return "burgerflow-scripted-planner"

    def next_turn(self, messages: Sequence[BaseMessage]) -> AIMessage:
        """The planner's reply to a conversation (see `next_turn` of this module)."""
        return next_turn(messages)


# Turns -------------------------------------------------------------------------------------


def _lookup_calls(knowledge: Knowledge, missing: Sequence[str], turn: int) -> list[ToolCall]:
    args: list[tuple[str, BaseModel]] = []
    if LOOKUP_ADDRESS in missing:
        args.append((LOOKUP_ADDRESS, AddressArgs(address=knowledge.request.new_address)))
    for tool in PER_MOVER_LOOKUPS:
        tokens = [t for t in knowledge.movers if f"{tool}:{t}" in missing]
        if tokens:
            args.append((tool, PersonsArgs(persons=tokens)))
    return [
        ToolCall(name=name, args=a.model_dump(mode="json"), id=f"scripted-{turn}-{i}")
        for i, (name, a) in enumerate(args)
    ]


def _same_calls(left: Sequence[ToolCall], right: Sequence[ToolCall]) -> bool:
    return [(c["name"], c["args"]) for c in left] == [(c["name"], c["args"]) for c in right]


def next_turn(messages: Sequence[BaseMessage]) -> AIMessage:
    """The scripted planner's reply to a conversation.

    Args:
        messages: The conversation so far (system prompt, request, tool calls and results).

    Returns:
        Look-up calls while facts are missing, then a `submit_plan` call, or a plain answer
        when it cannot go on.
    """
    replies = [m for m in messages if isinstance(m, AIMessage)]
    turn = turn_number(messages)
    reply_id = f"scripted-turn-{turn}"
    knowledge = read_conversation(messages)
    if knowledge is None:
        return AIMessage(content="Ik vind geen verhuismelding in dit gesprek.", id=reply_id)
    missing = knowledge.missing()
    if missing:
        calls = _lookup_calls(knowledge, missing, turn)
        if replies and _same_calls(calls, replies[-1].tool_calls):
            return AIMessage(
                content="De opzoekingen blijven onvolledig: " + ", ".join(missing) + ".",
                id=reply_id,
            )
        return AIMessage(content="", tool_calls=calls, id=reply_id)
    names = call_names(messages)
    rejected = [
        m
        for m in messages
        if isinstance(m, ToolMessage) and tool_name(m, names) == SUBMIT_PLAN and is_tool_error(m)
    ]
    # A rejected plan is drafted and sent once more (the error may have been a slip); after
    # that the planner gives up, as the graph would stop it anyway.
    if rejected and len(rejected) >= MAX_PLAN_ATTEMPTS and messages[-1] is rejected[-1]:
        return AIMessage(
            content=f"Ik kan geen geldig plan maken: {rejected[-1].content}", id=reply_id
        )
    plan = draft_plan(knowledge)
    call = ToolCall(
        name=SUBMIT_PLAN,
        args=plan.model_dump(mode="json", exclude_defaults=True),
        id=f"scripted-{turn}-0",
    )
    return AIMessage(content="", tool_calls=[call], id=reply_id)
