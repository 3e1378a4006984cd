"""What an emigration agent run gives the workflow: plan or failure, facts, transcript."""

from pydantic import BaseModel, Field

from agents.usage import TokenUsage
from workflows.emigration.domain import EmigrationFacts, EmigrationPlan


class TranscriptEntry(BaseModel):
    """One message of the conversation with the model, as the model saw it (in tokens).

    Attributes:
        role: `user` (the request, a reminder), `assistant` (the model) or `tool` (an answer).
        text: The message's text, cut short.
        tool_calls: The assistant's tool calls: name and arguments (cut short).
        tool: For a tool answer, the tool it answers.
        error: For a tool answer, whether it was an error.
    """

    role: str
    text: str = ""
    tool_calls: list[str] = Field(default_factory=list)
    tool: str | None = None
    error: bool = False


class AgentOutcome(BaseModel):
    """What an emigration agent run gives the workflow.

    Attributes:
        plan: The accepted plan, or None when the agent produced none (gate `agent_failure`).
        facts: The facts gathered, complete or not.
        turns: Model turns taken.
        failure: Why there is no plan: `turn_budget_exhausted`, `invalid_plan: ...` (a plan
            rejected twice), or the error that ended the run. None when there is a plan.
        usage: Tokens used at the model endpoint.
        tool_errors: Tool calls the agent refused (unknown tool, invalid arguments, out of
            scope, rejected plan).
        transcript: The conversation in tokens, for the `agent_failure` gate.
    """

    plan: EmigrationPlan | None
    facts: EmigrationFacts
    turns: int
    failure: str | None = None
    usage: TokenUsage = Field(default_factory=TokenUsage)
    tool_errors: int = 0
    transcript: list[TranscriptEntry] = Field(default_factory=list)
