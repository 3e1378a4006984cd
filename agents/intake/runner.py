"""Answering one citizen message with the intake assistant, from workflow code.

`answer_message` is called inside a workflow whose worker registered the LangGraph plugin
with the intake graph. It redacts the citizen's text (BSNs, IBANs, phone numbers and e-mail
addresses become tokens) before it enters the conversation, runs the graph (model and tool
turns become activities) and restores the tokens in what the citizen reads. It never raises
for an assistant that fails: an activity failing for good hands the conversation to a person.
"""

from typing import Literal, cast

from langchain_core.messages import HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.errors import GraphRecursionError
from pydantic import BaseModel
from temporalio import workflow
from temporalio.exceptions import ActivityError
from temporalio.langgraph import graph

from agents.intake.redaction import Source
from agents.intake.state import GRAPH_NAME, IntakeState, read_end, read_redactions, read_usage
from agents.intake.tools import HandOverReason, Proposal, TurnEnd
from agents.usage import TokenUsage


class IntakeAnswer(BaseModel):
    """The assistant's answer to one message, in the clear.

    Attributes:
        kind: `reply`, `proposal`, `handover`, or `none` when the assistant used its turns
            without answering.
        text: The reply to the citizen, tokens restored.
        life_event: The life event recognised, if any.
        language: The language the citizen writes in.
        asking: The slot a reply asks for.
        proposal: The proposed report.
        handover: Why a person takes over.
        offline: Why the life event cannot be done online, per language.
        usage: Tokens this answer used.
        turns: Model turns this answer took.
        tool_errors: Tool calls refused while answering.
        failure: The error that stopped the assistant, if one did.
    """

    kind: Literal["reply", "proposal", "handover", "none"]
    text: str | None = None
    life_event: str | None = None
    language: str = "nl"
    asking: str | None = None
    proposal: Proposal | None = None
    handover: HandOverReason | None = None
    offline: dict[str, str] | None = None
    usage: TokenUsage = TokenUsage()
    turns: int = 0
    tool_errors: int = 0
    failure: str | None = None


def _answer(
    state: IntakeState, end: TurnEnd | None, before: TokenUsage, errors_before: int = 0
) -> IntakeAnswer:
    redactions = read_redactions(state)
    usage = read_usage(state)
    spent = TokenUsage(
        input_tokens=usage.input_tokens - before.input_tokens,
        output_tokens=usage.output_tokens - before.output_tokens,
        total_tokens=usage.total_tokens - before.total_tokens,
        model_calls=usage.model_calls - before.model_calls,
    )
    errors = state.get("tool_errors", 0) - errors_before
    if end is None:
        return IntakeAnswer(kind="none", usage=spent, turns=state["turns"], tool_errors=errors)
    return IntakeAnswer(
        kind=end.kind,
        text=redactions.restore(end.text) if end.text is not None else None,
        life_event=end.life_event,
        language=end.language,
        asking=end.asking,
        proposal=end.proposal,
        handover=end.handover,
        offline=end.offline,
        usage=spent,
        turns=state["turns"],
        tool_errors=errors,
    )


async def answer_message(state: IntakeState, text: str) -> tuple[IntakeState, IntakeAnswer]:
    """Answer the citizen's `text` (call from workflow code).

    Args:
        state: The conversation so far.
        text: The citizen's message, as typed.

    Returns:
        The conversation with the message and the answer, and the answer in the clear.
    """
    redactions = read_redactions(state)
    number = state["message_number"] + 1
    redacted = redactions.redact(text, Source.CITIZEN)
    prepared = cast(
        IntakeState,
        {
            **state,
            "messages": [
                *state["messages"],
                HumanMessage(content=redacted, id=f"citizen-{number}"),
            ],
            "redactions": redactions.model_dump(mode="json"),
            "message_number": number,
            "turns": 0,
            "end": None,
        },
    )
    before = read_usage(prepared)
    errors_before = prepared.get("tool_errors", 0)
    app = graph(GRAPH_NAME).compile()
    last = prepared
    # A turn is at most two steps (model, then tools, answer or remind).
    config: RunnableConfig = {"recursion_limit": 2 * prepared["max_turns"] + 4}
    try:
        async for values in app.astream(prepared, config=config, stream_mode="values"):
            last = cast(IntakeState, values)
    except ActivityError as error:
        workflow.logger.warning("intake assistant stopped: %s", type(error.cause or error).__name__)
        failed = _answer(last, None, before, errors_before)
        failed.kind = "handover"
        failed.handover = HandOverReason.ASSISTANT_UNAVAILABLE
        failed.failure = str(error.cause or error)
        return last, failed
    except GraphRecursionError:
        return last, _answer(last, None, before, errors_before)
    return last, _answer(last, read_end(last), before, errors_before)
