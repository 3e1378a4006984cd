"""The toy's workflow (on the generic gated case) and its one step activity."""

from pydantic import BaseModel
from temporalio import activity, workflow

from workflows.case.workflow import GatedCase, StepActivity

with workflow.unsafe.imports_passed_through():
    from burgerflow.core.constants import CaseStatus
    from burgerflow.registry.client import RegistryClient
    from burgerflow.registry.schemas.berichtenbox import BerichtCreate
    from tests.integration.toy_event import policy
    from tests.integration.toy_event.models import TOY, ToyInput, ToyState, ToyStepInput
    from workflows.case.models import Step, StepResult, TimelineEntry


class ToyActivities:
    """The toy's step, over the registry client."""

    def __init__(self, registry: RegistryClient) -> None:
        self._registry = registry

    @activity.defn(name="toy_permit.notify")
    async def notify(self, step_input: ToyStepInput) -> StepResult:
        """Tell the citizen their permit is granted."""
        receipt = await self._registry.berichtenbox_bezorgen(
            BerichtCreate(
                burgerservicenummer=step_input.bsn,
                onderwerp="Uw vergunning",
                inhoud="Uw parkeervergunning is verleend.",
                afzender="Gemeente",
            ),
            idempotency_key=step_input.step.idempotency_key,
        )
        return StepResult(
            step_id=step_input.step.step_id, receipt=receipt.model_dump(mode="json", by_alias=True)
        )


@workflow.defn(name="ToyPermit")
class ToyPermit(GatedCase):
    """A toy permit request as a gated case."""

    life_event = TOY
    _case: ToyInput
    _state: ToyState

    @workflow.init
    def __init__(self, case: ToyInput) -> None:
        """Set up the state."""
        super().__init__()
        self._case = case
        self._state = ToyState(
            case_id=case.case_id,
            status=CaseStatus.RECEIVED,
            bsn=case.bsn,
            cars=case.cars,
            reported_by_sub=case.reported_by.sub,
            updated_at=case.reported_at,
            timeline=[TimelineEntry(at=case.reported_at, event="status", detail="received")],
        )

    @workflow.run
    async def run(self, case: ToyInput) -> ToyState:
        """Gate by the policy, then the one step."""
        await self.set_status(CaseStatus.GATHERING)
        self._state.municipality = case.gemeentecode
        self._state.policy_version = policy.POLICY_VERSION
        drafts = policy.gates(case.cars)
        self._state.rules_fired = [d.rule for d in drafts]
        self.raise_gates(drafts)
        self._state.steps = [
            Step(step_id="01-notify", kind="notify", idempotency_key=f"{case.case_id}/01-notify")
        ]
        await self.run_gates_and_steps(completed="The permit is granted.")
        return self._state

    def step_activity(self, step: Step) -> StepActivity:
        """The one step."""
        return ToyActivities.notify

    def step_input(self, step: Step) -> BaseModel:
        """The step and whom it is for."""
        return ToyStepInput(step=step, bsn=self._case.bsn)
