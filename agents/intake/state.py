"""Graph state of the intake assistant: one conversation, kept by its workflow between messages.

State crosses the activity boundary as JSON (the plugin types it `Any`), so the values the
nodes write are JSON-ready, read back with the `read_*` functions. The messages are exactly
what the model saw and said: tokens, never a BSN, an IBAN, a phone number or an e-mail
address. The citizen's BSN (`citizen`), the tokens' values (`redactions`) and the addresses
BAG returned (`addresses`) never go to the model.
"""

from typing import Annotated, Any, NotRequired

from langchain_core.messages import AnyMessage
from typing_extensions import TypedDict

from agents.intake.redaction import Redactions
from agents.intake.spec import FoundAddress
from agents.intake.tools import TurnEnd, read_addresses
from agents.messages import merge_messages
from agents.usage import TokenUsage

GRAPH_NAME = "intake"
"""Name of the graph in the LangGraph plugin; activity names start with it."""

DEFAULT_MAX_TURNS = 6
"""Model turns the assistant may take to answer one message."""


class IntakeState(TypedDict):
    """State of one conversation with the intake assistant.

    Attributes:
        citizen: The signed-in citizen's BSN: the reporter of every proposal.
        language: The language of the citizen's page (`nl` or `en`).
        messages: The conversation with the model, in tokens.
        redactions: The conversation's tokens and what they stand for (`Redactions`).
        addresses: Addresses BAG returned to the assistant's searches, by `ref`.
        message_number: The citizen's messages so far (the one being answered included).
        turns: Model turns taken for the message being answered.
        max_turns: The turn budget of one message.
        end: How the assistant ended its answer (`TurnEnd`), None while it works.
        proposals: Proposals made so far.
        usage: Tokens used at the model endpoint so far (`TokenUsage`).
        tool_errors: Tool calls refused so far.
    """

    citizen: str
    language: str
    messages: Annotated[list[AnyMessage], merge_messages]
    redactions: dict[str, Any]
    addresses: dict[str, Any]
    message_number: int
    turns: int
    max_turns: int
    end: NotRequired[dict[str, Any] | None]
    proposals: int
    usage: NotRequired[dict[str, Any]]
    tool_errors: NotRequired[int]


def initial_state(
    citizen: str, *, language: str = "nl", max_turns: int = DEFAULT_MAX_TURNS
) -> IntakeState:
    """A conversation without messages; the citizen's own BSN has the first token."""
    redactions = Redactions()
    redactions.sign_in(citizen)
    return IntakeState(
        citizen=citizen,
        language=language,
        messages=[],
        redactions=redactions.model_dump(mode="json"),
        addresses={},
        message_number=0,
        turns=0,
        max_turns=max_turns,
        end=None,
        proposals=0,
        usage=TokenUsage().model_dump(mode="json"),
        tool_errors=0,
    )


def read_redactions(state: IntakeState) -> Redactions:
    """The conversation's tokens."""
    return Redactions.model_validate(state["redactions"])


def read_found(state: IntakeState) -> dict[str, FoundAddress]:
    """The addresses found so far, by `ref`."""
    return read_addresses(state.get("addresses"))


def read_end(state: IntakeState) -> TurnEnd | None:
    """How the assistant ended its answer, if it has."""
    end = state.get("end")
    return None if end is None else TurnEnd.model_validate(end)


def read_usage(state: IntakeState) -> TokenUsage:
    """Tokens used so far."""
    return TokenUsage.model_validate(state.get("usage") or {})
