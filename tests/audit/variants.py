"""Candidate versions of the change-of-address workflow, to replay today's histories against.

Each is registered under the real workflow's name, as a deployed new version would be.
"""

from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from burgerflow.core.constants import SA_STATUS, CaseStatus
    from workflows.change_of_address.models import MoveCaseState as CaseState
    from workflows.change_of_address.models import ReportMoveInput
    from workflows.change_of_address.workflow import ChangeOfAddress


@workflow.defn(name="ChangeOfAddress")
class HarmlessChange(ChangeOfAddress):
    """A change that keeps every command in order: other wording, more logging, a new query."""

    @workflow.run
    async def run(self, case: ReportMoveInput) -> CaseState:
        """Run as today, logging more."""
        workflow.logger.info("Handling a change of address (new wording).")
        state = await super().run(case)
        if state.outcome and state.status == CaseStatus.COMPLETED:
            state.outcome = "Registered; every organisation is informed."
        return state

    @workflow.query
    def gate_count(self) -> int:
        """A query added in the new version (queries are not in the history)."""
        return len(self._state.gates)


@workflow.defn(name="ChangeOfAddress")
class ReorderedActivities(ChangeOfAddress):
    """A breaking change: the `gathering` status is projected after the agent ran, not before.

    Every case ran the projection first, so every history diverges at the first activity.
    """

    @workflow.run
    async def run(self, case: ReportMoveInput) -> CaseState:
        """Run as today, with two activities swapped."""
        return await super().run(case)

    async def set_status(self, status: CaseStatus, *, gates: Any = ()) -> None:
        if status is CaseStatus.GATHERING:
            # As today, minus the projection activity, which moves to after the agent.
            self._state.status = status
            if self._case.search_attributes:
                workflow.upsert_search_attributes([SA_STATUS.value_set(status)])
            return
        await super().set_status(status, gates=gates)

    async def _run_agent(self):  # type: ignore[no-untyped-def]
        outcome = await super()._run_agent()
        await super().set_status(CaseStatus.GATHERING)
        return outcome


@workflow.defn(name="ChangeOfAddress")
class ReversedSteps(ChangeOfAddress):
    """A breaking change deep in a case: the administrative steps run in reverse order.

    Cases that executed two or more steps diverge at their first step; a rejected case (whose
    only step is the rejection message) does not.
    """

    @workflow.run
    async def run(self, case: ReportMoveInput) -> CaseState:
        """Run as today, steps reversed."""
        return await super().run(case)

    def _apply_verdict(self, verdict: Any, outcome: Any) -> None:
        super()._apply_verdict(verdict, outcome)
        self._state.steps.reverse()
