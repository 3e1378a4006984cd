"""The report of a death's evaluation workflow: one scenario through the agent and policy v1.

It gathers as a case does (`workflow.gather`: the agent graph through the LangGraph plugin,
the look-ups the agent left undone, then the policy in workflow code) and returns the agent's
outcome with the policy's verdict instead of raising gates and executing steps.
"""

from datetime import date

from pydantic import BaseModel
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from agents.death.outcome import AgentOutcome
    from agents.death.runner import run_death_agent
    from agents.death.state import DEFAULT_MAX_TURNS
    from workflows.death.domain import DeathRequest
    from workflows.death.policy import PolicyResult
    from workflows.death.workflow import gather


class EvalCaseInput(BaseModel):
    """One scenario's death.

    Attributes:
        request: The reported death.
        reported_on: The day of the report (for `late_report`).
        max_turns: The agent's model-turn budget.
    """

    request: DeathRequest
    reported_on: date
    max_turns: int = DEFAULT_MAX_TURNS


class EvalCaseResult(BaseModel):
    """What the agent made of the death and what the policy decided."""

    outcome: AgentOutcome
    verdict: PolicyResult


@workflow.defn(name="ReportOfDeathEval")
class ReportOfDeathEval:
    """Runs the death agent and policy v1 for one evaluation scenario."""

    @workflow.run
    async def run(self, case: EvalCaseInput) -> EvalCaseResult:
        """Gather as `ReportOfDeath` does before its gates; return what came of it."""

        async def run_agent() -> AgentOutcome:
            return await run_death_agent(case.request, max_turns=case.max_turns)

        outcome, verdict = await gather(run_agent, reported_on=case.reported_on)
        return EvalCaseResult(outcome=outcome, verdict=verdict)
