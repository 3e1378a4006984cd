"""Token use of an agent run: what a municipality pays its model supplier per case.

Every model turn reports its usage on the reply (`AIMessage.usage_metadata`, filled in by
LangChain from the endpoint's `usage`); the model node adds it to the graph state, so each
model activity result in the history carries the running total, and the workflow puts the
final total in the case status.
"""

from langchain_core.messages import AIMessage
from pydantic import BaseModel, ConfigDict


class TokenUsage(BaseModel):
    """Tokens a case used at its model endpoint.

    Attributes:
        input_tokens: Prompt tokens, summed over the model calls.
        output_tokens: Completion tokens, summed over the model calls.
        total_tokens: Both together (as the endpoint reports it).
        model_calls: Model turns that got an answer. A scripted planner answers without
            tokens, so its calls count but its tokens stay zero.
    """

    model_config = ConfigDict(frozen=True)

    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    model_calls: int = 0

    def add(self, other: "TokenUsage") -> "TokenUsage":
        """The sum of two usages."""
        return TokenUsage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
            model_calls=self.model_calls + other.model_calls,
        )


def usage_of(reply: AIMessage) -> TokenUsage:
    """The usage of one model reply (one call; zero tokens when the model reports none)."""
    meta = reply.usage_metadata
    if meta is None:
        return TokenUsage(model_calls=1)
    return TokenUsage(
        input_tokens=meta.get("input_tokens", 0),
        output_tokens=meta.get("output_tokens", 0),
        total_tokens=meta.get("total_tokens", 0),
        model_calls=1,
    )
