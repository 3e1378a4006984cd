"""The change of address's evaluation workflow: one scenario through the agent and policy v1.

It gathers as a case does (`workflow.gather`: the agent graph through the LangGraph plugin,
the look-ups the agent left undone, then the policy in workflow code) and returns the agent's
outcome with the policy's verdict instead of raising gates and executing steps.
"""

from datetime import date

from pydantic import BaseModel
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from agents.change_of_address.outcome import AgentOutcome
    from agents.change_of_address.runner import run_change_of_address_agent
    from agents.change_of_address.state import DEFAULT_MAX_TURNS
    from workflows.change_of_address.domain import MoveRequest
    from workflows.change_of_address.policy import PolicyConfig, PolicyResult
    from workflows.change_of_address.workflow import gather


class EvalCaseInput(BaseModel):
    """One scenario's move.

    Attributes:
        request: The reported move.
        reported_on: The day of the report (for `late_report`).
        max_turns: The agent's model-turn budget.
        min_m2_per_person: The occupancy threshold.
    """

    request: MoveRequest
    reported_on: date
    max_turns: int = DEFAULT_MAX_TURNS
    min_m2_per_person: float = 12.0


class EvalCaseResult(BaseModel):
    """What the agent made of the move and what the policy decided."""

    outcome: AgentOutcome
    verdict: PolicyResult


@workflow.defn(name="ChangeOfAddressEval")
class ChangeOfAddressEval:
    """Runs the change-of-address agent and policy v1 for one evaluation scenario."""

    @workflow.run
    async def run(self, case: EvalCaseInput) -> EvalCaseResult:
        """Gather as `ChangeOfAddress` does before its gates; return what came of it."""

        async def run_agent() -> AgentOutcome:
            return await run_change_of_address_agent(case.request, max_turns=case.max_turns)

        outcome, verdict = await gather(
            run_agent,
            reported_on=case.reported_on,
            config=PolicyConfig(min_m2_per_person=case.min_m2_per_person),
        )
        return EvalCaseResult(outcome=outcome, verdict=verdict)
