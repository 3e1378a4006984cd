"""A version of the change-of-address workflow with a breaking change, for replay tests."""

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from burgerflow.core.constants import CaseStatus
    from workflows.change_of_address.models import MoveCaseState as CaseState
    from workflows.change_of_address.models import ReportMoveInput
    from workflows.change_of_address.workflow import ChangeOfAddress


@workflow.defn(name="ChangeOfAddress")
class WithoutProjection(ChangeOfAddress):
    """Today's workflow with its status-projection activity left out."""

    @workflow.run
    async def run(self, case: ReportMoveInput) -> CaseState:
        """Run as today, minus the projection."""
        return await super().run(case)

    async def set_status(self, status: CaseStatus) -> None:
        self._state.status = status
