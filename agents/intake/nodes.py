"""Nodes and routes of the intake graph.

`IntakeNodes.call_model` and `IntakeNodes.run_tools` run as Temporal activities: bound methods
of a module-level class holding the worker's `AgentDeps` and the catalogue of life events
(the plugin needs activity nodes it can import by name, so no closures). `answer`, `remind`
and the routes run in the workflow, so they are async, pure and quick.

The model node redacts every message once more on its way out, and the model's reply before
it is kept (a number the model made up becomes a token of its own, which the tools refuse).
"""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from langchain_core.messages import AIMessage, AnyMessage, SystemMessage
from langgraph.graph import END

from agents.deps import AgentConfigurationError, AgentDeps
from agents.intake.errors import model_error
from agents.intake.prompts import REMINDER, system_prompt
from agents.intake.redaction import Redactions, Source
from agents.intake.spec import Catalogue
from agents.intake.state import (
    IntakeState,
    read_end,
    read_found,
    read_redactions,
    read_usage,
)
from agents.intake.tools import ToolContext, TurnEnd, run_tool_calls, tool_definitions
from agents.messages import coerce_messages
from agents.usage import usage_of

MODEL_NODE = "model"
TOOLS_NODE = "tools"
ANSWER_NODE = "answer"
REMIND_NODE = "remind"

NETHERLANDS = ZoneInfo("Europe/Amsterdam")


def today_in_the_netherlands() -> Any:
    """Today's date in the Netherlands (read in activities only)."""
    return datetime.now(NETHERLANDS).date()


def _redact_message(message: AnyMessage, redactions: Redactions, source: Source) -> AnyMessage:
    """`message` with every identifier in its text and tool-call arguments replaced."""
    update: dict[str, Any] = {}
    if isinstance(message.content, str):
        update["content"] = redactions.redact(message.content, source)
    else:
        update["content"] = redactions.redact_json(message.content, source)
    if isinstance(message, AIMessage):
        update["tool_calls"] = [
            {**call, "args": redactions.redact_json(call["args"], source)}
            for call in message.tool_calls
        ]
        update["invalid_tool_calls"] = [
            {**call, "args": redactions.redact(call["args"] or "", source)}
            for call in message.invalid_tool_calls
        ]
        update["additional_kwargs"] = redactions.redact_json(message.additional_kwargs, source)
    return message.model_copy(update=update)


class IntakeNodes:
    """The activity nodes of the intake graph, bound to a worker's dependencies.

    Args:
        deps: The chat model and registry client; None in a process that only replays.
        catalogue: The life events the assistant takes reports of (read at every call).
    """

    def __init__(self, deps: AgentDeps | None, catalogue: Catalogue) -> None:
        self._deps = deps
        self._catalogue = catalogue

    def _require_deps(self) -> AgentDeps:
        if self._deps is None:
            raise AgentConfigurationError(
                "The intake graph was built without AgentDeps; only a worker built with "
                "make_agent_deps(...) can run its activities."
            )
        return self._deps

    async def call_model(self, state: IntakeState) -> dict[str, Any]:
        """One model turn: the conversation so far in (in tokens), one AI message out."""
        deps = self._require_deps()
        redactions = read_redactions(state)
        entries = list(self._catalogue())
        prompt = system_prompt(
            entries,
            today=today_in_the_netherlands(),
            language=state["language"],
            own_token=redactions.own_bsn_token() or "none",
        )
        model = deps.chat_model.bind_tools(tool_definitions(entries))
        conversation = [SystemMessage(content=prompt), *coerce_messages(state["messages"])]
        # The state holds tokens only; redacting again guards against anything that slipped in.
        outgoing = [_redact_message(m, redactions, Source.MODEL) for m in conversation]
        try:
            reply = await model.ainvoke(outgoing)
        except Exception as error:
            raise model_error(error) from None
        if not isinstance(reply, AIMessage):
            reply = AIMessage(content=reply.content)
        kept = _redact_message(reply, redactions, Source.MODEL)
        assert isinstance(kept, AIMessage)
        turn = state["turns"] + 1
        # Our own id, unique in the conversation: `add_messages` replaces a message whose id
        # repeats, and endpoints hand out ids of their own.
        kept.id = f"model-{state['message_number']}-{turn}"
        return {
            "messages": [kept],
            "turns": turn,
            "redactions": redactions.model_dump(mode="json"),
            "usage": read_usage(state).add(usage_of(kept)).model_dump(mode="json"),
        }

    async def run_tools(self, state: IntakeState) -> dict[str, Any]:
        """Run the tool calls of the last AI message (BAG searches, proposal, hand-over,
        reply); a call that ends the turn sets `end`."""
        deps = self._require_deps()
        messages = coerce_messages(state["messages"])
        last = messages[-1] if messages else None
        ai = last if isinstance(last, AIMessage) else AIMessage(content="")
        context = ToolContext(
            registry=deps.registry,
            entries=list(self._catalogue()),
            redactions=read_redactions(state),
            citizen=state["citizen"],
            addresses=read_found(state),
            proposals=state["proposals"],
            today=today_in_the_netherlands(),
        )
        round_ = await run_tool_calls(
            context,
            ai.tool_calls,
            invalid_calls=ai.invalid_tool_calls,
            message_prefix=f"tool-{state['message_number']}-{state['turns']}",
        )
        update: dict[str, Any] = {
            "messages": round_.messages,
            "addresses": {ref: a.model_dump(mode="json") for ref, a in round_.addresses.items()},
            "tool_errors": state.get("tool_errors", 0) + round_.errors,
            "proposals": state["proposals"] + round_.proposals,
        }
        if round_.end is not None:
            update["end"] = round_.end.model_dump(mode="json")
        return update


async def answer(state: IntakeState) -> dict[str, Any]:
    """Take a plain-text answer of the model as its reply (runs in the workflow)."""
    last = coerce_messages(state["messages"][-1:])
    text = str(last[0].text) if last else ""
    end = TurnEnd(kind="reply", text=text, language="en" if state["language"] == "en" else "nl")
    return {"end": end.model_dump(mode="json")}


async def remind(state: IntakeState) -> dict[str, Any]:
    """Ask the model again for a tool call after an empty answer (runs in the workflow)."""
    return {
        "messages": [
            SystemMessage(
                content=REMINDER, id=f"reminder-{state['message_number']}-{state['turns']}"
            )
        ]
    }


def _budget_left(state: IntakeState) -> bool:
    return state["turns"] < state["max_turns"]


async def route_after_model(state: IntakeState) -> str:
    """Answer tool calls; take plain text as the reply; remind after an empty answer."""
    last = coerce_messages(state["messages"][-1:])
    if last and isinstance(last[0], AIMessage):
        if last[0].tool_calls or last[0].invalid_tool_calls:
            return TOOLS_NODE
        if str(last[0].text).strip():
            return ANSWER_NODE
    return REMIND_NODE if _budget_left(state) else END


async def route_after_tools(state: IntakeState) -> str:
    """End once a call ended the turn or the budget is spent; otherwise back to the model."""
    if read_end(state) is not None or not _budget_left(state):
        return END
    return MODEL_NODE
