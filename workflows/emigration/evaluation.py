"""The emigration's evaluation workflow: one scenario through the agent and policy v1.

It gathers as a case does (`workflow.gather`: the agent graph through the LangGraph plugin,
the look-ups the agent left undone, then the policy in workflow code) and returns the agent's
outcome with the policy's verdict instead of raising gates and executing steps.
"""

from datetime import date

from pydantic import BaseModel
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from agents.emigration.outcome import AgentOutcome
    from agents.emigration.runner import run_emigration_agent
    from agents.emigration.state import DEFAULT_MAX_TURNS
    from workflows.emigration.domain import EmigrationRequest, deregistration_date
    from workflows.emigration.policy import PolicyResult
    from workflows.emigration.workflow import gather


class EvalCaseInput(BaseModel):
    """One scenario's emigration.

    Attributes:
        request: The reported emigration.
        reported_on: The day of the report.
        max_turns: The agent's model-turn budget.
    """

    request: EmigrationRequest
    reported_on: date
    max_turns: int = DEFAULT_MAX_TURNS


class EvalCaseResult(BaseModel):
    """What the agent made of the emigration and what the policy decided."""

    outcome: AgentOutcome
    verdict: PolicyResult


@workflow.defn(name="EmigrationEval")
class EmigrationEval:
    """Runs the emigration agent and policy v1 for one evaluation scenario."""

    @workflow.run
    async def run(self, case: EvalCaseInput) -> EvalCaseResult:
        """Gather as `Emigration` does before its gates; return what came of it."""

        async def run_agent() -> AgentOutcome:
            return await run_emigration_agent(
                case.request,
                deregistration=deregistration_date(case.request.departure_date, case.reported_on),
                max_turns=case.max_turns,
            )

        outcome, verdict = await gather(run_agent, reported_on=case.reported_on)
        return EvalCaseResult(outcome=outcome, verdict=verdict)
