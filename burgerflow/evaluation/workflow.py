"""The evaluation workflow: one scenario through the agent and policy v1, nothing executed.

It runs the first half of `ChangeOfAddress` the same way — the agent graph through the
LangGraph plugin (model and tool turns as activities, with their retries), the look-ups the
agent left undone, then `policy.evaluate` in workflow code — and returns the agent's outcome
with the policy's verdict instead of raising gates and executing steps.
"""

from datetime import date, timedelta

from pydantic import BaseModel
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from agents.change_of_address.outcome import AgentOutcome
    from agents.change_of_address.runner import run_change_of_address_agent
    from agents.change_of_address.state import DEFAULT_MAX_TURNS
    from workflows.case.workflow import STEP_RETRY
    from workflows.change_of_address.activities import FactActivities
    from workflows.change_of_address.domain import MoveRequest
    from workflows.change_of_address.policy import PolicyConfig, PolicyResult, evaluate


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
        """Agent, missing look-ups, policy; as `ChangeOfAddress` does before its gates."""
        outcome = await run_change_of_address_agent(case.request, max_turns=case.max_turns)
        facts = outcome.facts
        if facts.missing():
            facts = await workflow.execute_activity_method(
                FactActivities.complete_facts,
                facts,
                start_to_close_timeout=timedelta(seconds=60),
                retry_policy=STEP_RETRY,
            )
        verdict = evaluate(
            facts,
            outcome.plan,
            reported_on=case.reported_on,
            config=PolicyConfig(min_m2_per_person=case.min_m2_per_person),
            agent_failure=outcome.failure,
        )
        return EvalCaseResult(outcome=outcome, verdict=verdict)
