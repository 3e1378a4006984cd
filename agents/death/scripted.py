"""A deterministic scripted planner: the death agent's model, offline.

`ScriptedPlanner` is a scripted chat model (`agents.scripted.ScriptedChatModel`), so the
graph runs unchanged without a language model. It reads only the conversation, as a model
would (`agents.death.knowledge`), and so works in tokens like any model; the fake
OpenAI-compatible server (`agents.fake_llm`) can put it behind a real HTTP endpoint.

- While look-ups are missing, it calls them (all it can in one message): first the deceased
  and every register, then the relatives and the household their record names.
- Then it drafts the plan with the fixed rules of policy v1
  (`agents.death.planning.draft_plan`) and calls `submit_death_plan`.
- When the same look-ups come back incomplete, it gives up with a plain answer; the graph
  then ends without a plan once the turn budget is spent. A rejected plan is sent once more,
  then it gives up too.

No randomness and no clock: the same conversation always gives the same reply.
"""

from collections.abc import Sequence

from langchain_core.messages import AIMessage, BaseMessage, ToolCall, ToolMessage
from pydantic import BaseModel

from agents.death.knowledge import Knowledge, is_tool_error, read_conversation
from agents.death.planning import draft_plan
from agents.death.state import MAX_PLAN_ATTEMPTS
from agents.death.tools.args import AddressArgs, PersonArgs, PersonsArgs
from agents.death.tools.names import (
    LOOKUP_DECEASED,
    LOOKUP_HOUSEHOLD,
    LOOKUP_RELATIVES,
    REGISTER_LOOKUPS,
    SUBMIT_PLAN,
)
from agents.scripted import ScriptedChatModel, call_names, tool_name, turn_number


class ScriptedPlanner(ScriptedChatModel):
    """A chat model that plans the steps after a death with fixed rules.

    Attributes:
        model_name: Reported as the model name (`settings.llm_model`).
    """

    model_name: str = "scripted-planner-v1"

    @property
    def _llm_type(self) -> str:
        return "burgerflow-scripted-death-planner"

    def next_turn(self, messages: Sequence[BaseMessage]) -> AIMessage:
        """The planner's reply to a conversation (see `next_turn` of this module)."""
        return next_turn(messages)


def _lookup_calls(knowledge: Knowledge, missing: Sequence[str], turn: int) -> list[ToolCall]:
    deceased = knowledge.request.deceased
    args: list[tuple[str, BaseModel]] = []
    if LOOKUP_DECEASED in missing:
        args.append((LOOKUP_DECEASED, PersonArgs(person=deceased)))
    relatives = [m.partition(":")[2] for m in missing if m.startswith(f"{LOOKUP_RELATIVES}:")]
    if relatives:
        args.append((LOOKUP_RELATIVES, PersonsArgs(persons=relatives)))
    address = knowledge.deceased.address if knowledge.deceased else None
    if LOOKUP_HOUSEHOLD in missing and address:
        args.append((LOOKUP_HOUSEHOLD, AddressArgs(address=address)))
    args.extend((tool, PersonArgs(person=deceased)) for tool in REGISTER_LOOKUPS if tool in missing)
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
        Look-up calls while facts are missing, then a `submit_death_plan` call, or a plain
        answer when it cannot go on.
    """
    replies = [m for m in messages if isinstance(m, AIMessage)]
    turn = turn_number(messages)
    reply_id = f"scripted-turn-{turn}"
    knowledge = read_conversation(messages)
    if knowledge is None:
        return AIMessage(
            content="Ik vind geen aangifte van overlijden in dit gesprek.", id=reply_id
        )
    missing = knowledge.missing()
    if missing:
        calls = _lookup_calls(knowledge, missing, turn)
        if not calls or (replies and _same_calls(calls, replies[-1].tool_calls)):
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
