"""Test workflows that run agents through the LangGraph plugin (importable by the sandbox)."""

from datetime import timedelta

from temporalio import activity, workflow

with workflow.unsafe.imports_passed_through():
    from langchain_core.messages import AnyMessage
    from pydantic import BaseModel

    from agents.change_of_address.outcome import AgentOutcome
    from agents.change_of_address.runner import run_change_of_address_agent
    from agents.change_of_address.state import DEFAULT_MAX_TURNS
    from workflows.change_of_address.domain import MoveRequest


class AgentRunInput(BaseModel):
    """Input of `ChangeOfAddressAgentWorkflow`."""

    request: MoveRequest
    max_turns: int = DEFAULT_MAX_TURNS


@workflow.defn
class ChangeOfAddressAgentWorkflow:
    """Runs the change-of-address agent and returns its outcome, as a life-event workflow does."""

    @workflow.run
    async def run(self, input: AgentRunInput) -> AgentOutcome:
        """Run the agent."""
        return await run_change_of_address_agent(input.request, max_turns=input.max_turns)


class MessagesBox(BaseModel):
    """Messages in a typed activity input or output."""

    messages: list[AnyMessage]


@activity.defn
async def echo_messages(box: MessagesBox) -> MessagesBox:
    """Return the messages it received, after checking they arrived as message objects."""
    assert all(not isinstance(m, dict) for m in box.messages)
    return box


@workflow.defn
class EchoMessagesWorkflow:
    """Sends messages through an activity and back."""

    @workflow.run
    async def run(self, box: MessagesBox) -> MessagesBox:
        """Echo `box` through `echo_messages`."""
        return await workflow.execute_activity(
            echo_messages, box, start_to_close_timeout=timedelta(seconds=10)
        )
