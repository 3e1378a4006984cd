"""Models of a conversation: its input, its messages, its state and its updates.

Every update and the query take or return one model, so fields can be added without breaking
running conversations. The state holds the citizen's BSN (to check that a message is theirs);
the API's views leave it out.
"""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from agents.intake.tools import Proposal
from agents.usage import TokenUsage

CONVERSATION_ID_PREFIX = "conv"
"""Conversation ids are `conv-<uuid>`: no BSN in a workflow id."""


class ConversationStatus(StrEnum):
    """Where a conversation stands."""

    ACTIVE = "active"
    """The citizen talks with the assistant."""
    HANDED_OVER = "handed_over"
    """In the chat queue of the citizen's municipality, or with the caseworker who took it."""
    CLOSED = "closed"


class Author(StrEnum):
    """Who wrote a message."""

    CITIZEN = "citizen"
    ASSISTANT = "assistant"
    CASEWORKER = "caseworker"
    SYSTEM = "system"
    """A fixed notice: handed over, taken, handed back, closed, a case started."""


class ConversationRefusal(StrEnum):
    """Why an update was refused before it reached the history (the update's error type)."""

    NOT_YOURS = "NotYourConversation"
    OUT_OF_SCOPE = "OutOfScope"
    CLOSED = "ConversationClosed"
    NOT_HANDED_OVER = "NotHandedOver"
    CLAIMED_BY_OTHER = "ClaimedByOther"
    NOT_CLAIMED = "NotClaimed"
    FULL = "ConversationFull"
    UNKNOWN_PROPOSAL = "UnknownProposal"
    EMPTY = "EmptyMessage"


class ConversationInput(BaseModel):
    """Workflow input: a citizen opened a conversation.

    Attributes:
        conversation_id: `conv-<uuid>`.
        bsn: The signed-in citizen's BSN.
        citizen_sub: Their token's subject.
        language: The language of their page (`nl` or `en`).
        started_at: When (UTC).
        max_turns: Model turns the assistant may take for one message.
        unclear_limit: Messages in a row without a recognised life event before a person
            takes over.
        idle_seconds: Without a message this long, the conversation closes.
        retention_seconds: A closed conversation stays readable this long, then its store
            row is removed and the workflow ends.
    """

    conversation_id: str
    bsn: str
    citizen_sub: str
    language: str = "nl"
    started_at: datetime
    max_turns: int = 6
    unclear_limit: int = 3
    idle_seconds: float = 3600.0
    retention_seconds: float = 30 * 24 * 3600.0


class ChatMessage(BaseModel):
    """One message of a conversation, as its citizen and caseworker read it.

    Attributes:
        number: 1, 2, ... in the conversation.
        at: When it was written.
        author: Who wrote it.
        name: The caseworker's name for a caseworker's message.
        text: The message (identifiers in the clear: this is not what a model reads).
        proposal: The number of the proposal the message shows, if it shows one.
    """

    number: int
    at: datetime
    author: Author
    name: str | None = None
    text: str
    proposal: int | None = None


class ProposalState(BaseModel):
    """A proposed report and what became of it.

    Attributes:
        proposal: The report, exactly as the citizen's confirmation sends it.
        case_id: The case its confirmation started, once confirmed.
        confirmed_at: When.
    """

    proposal: Proposal
    case_id: str | None = None
    confirmed_at: datetime | None = None


class ConversationState(BaseModel):
    """A conversation as its workflow sees it (the `state` query).

    Attributes:
        conversation_id: Its id.
        status: Where it stands.
        bsn: The citizen's BSN (left out of every view).
        citizen_sub: The citizen's token subject.
        language: The language the citizen writes in.
        municipality: The citizen's municipality (gemeentecode, from the BRP), whose chat
            queue takes the conversation over.
        messages: Every message.
        proposals: Every report the assistant proposed, the last one current.
        life_event: The life event last recognised.
        unclear: Messages in a row without a recognised life event.
        handed_over_at: When it last went to the chat queue.
        handover_reason: Why.
        claimed_by: The caseworker who took it.
        closed_at: When it closed.
        closed_by: Who closed it (`citizen`, a caseworker, `idle`).
        cases: The cases its confirmations started.
        usage: Tokens the assistant used.
        tool_errors: The assistant's tool calls that were refused.
        started_at: When it started.
        updated_at: When it last changed.
    """

    conversation_id: str
    status: ConversationStatus
    bsn: str
    citizen_sub: str
    language: str = "nl"
    municipality: str | None = None
    messages: list[ChatMessage] = Field(default_factory=list)
    proposals: list[ProposalState] = Field(default_factory=list)
    life_event: str | None = None
    unclear: int = 0
    handed_over_at: datetime | None = None
    handover_reason: str | None = None
    claimed_by: str | None = None
    closed_at: datetime | None = None
    closed_by: str | None = None
    cases: list[str] = Field(default_factory=list)
    usage: TokenUsage = Field(default_factory=TokenUsage)
    tool_errors: int = 0
    started_at: datetime
    updated_at: datetime

    def current_proposal(self) -> ProposalState | None:
        """The last proposal, while it has not been confirmed."""
        last = self.proposals[-1] if self.proposals else None
        return last if last is not None and last.case_id is None else None

    def proposal(self, number: int) -> ProposalState | None:
        """Proposal `number`."""
        return next((p for p in self.proposals if p.proposal.number == number), None)


class MessageIn(BaseModel):
    """Update input: a message of the citizen, or of the caseworker who took the conversation.

    Attributes:
        text: The message.
        author: `citizen` or `caseworker`.
        bsn: The citizen's BSN, for a citizen's message (checked against the conversation's).
        actor: The caseworker's subject, for a caseworker's message.
        municipality: The caseworker's municipality.
    """

    text: str = Field(min_length=1, max_length=2000)
    author: Author
    bsn: str | None = None
    actor: str | None = None
    municipality: str | None = None


class CaseworkerAction(BaseModel):
    """Update input: a caseworker (or supervisor) takes, hands back or closes a conversation."""

    actor: str
    role: str
    municipality: str


class CitizenClose(BaseModel):
    """Update input: the citizen ends the conversation."""

    bsn: str


class CaseStarted(BaseModel):
    """Update input: the citizen confirmed a proposal and intake started its case."""

    proposal: int
    case_id: str
    bsn: str


class ConversationProjection(BaseModel):
    """Activity input: a conversation's latest status for the store (no message text).

    Attributes:
        conversation_id: Its id.
        status: Where it stands.
        municipality: The citizen's municipality.
        handed_over: Whether it has ever been handed over (its municipality's caseworkers
            may read it then).
        handover_reason: Why it was handed over last.
        handed_over_at: When.
        claimed_by: The caseworker who holds it.
        life_event: The life event recognised.
        at: When it changed.
        closed_at: When it closed.
    """

    conversation_id: str
    status: str
    municipality: str | None
    handed_over: bool
    handover_reason: str | None = None
    handed_over_at: datetime | None = None
    claimed_by: str | None = None
    life_event: str | None = None
    at: datetime
    closed_at: datetime | None = None
