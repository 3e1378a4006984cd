"""Administrative steps of a death, each an idempotent Temporal activity.

Every step sends the idempotency key the workflow derived from the case and the step, so a
retried or re-run activity never applies an effect twice. Registry 4xx answers
(`RegistryClientError`) are not retried: retrying cannot fix them. The disposal permit and
the BRP record cite the deed's number, which the workflow takes from the deed step's receipt.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel
from temporalio import activity
from temporalio.exceptions import ApplicationError

from agents.death.tools import complete_facts
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.schemas.berichtenbox import BerichtCreate
from burgerflow.registry.schemas.brp import OverlijdenCreate
from burgerflow.registry.schemas.burgerlijke_stand import (
    AkteVanOverlijdenCreate,
    UitvaartberichtCreate,
    VerlofCreate,
)
from burgerflow.registry.schemas.gemeente import (
    BelastingBeeindigingCreate,
    ParkeervergunningBeeindigingCreate,
)
from burgerflow.registry.schemas.overlijden import (
    OverlijdensmeldingCreate,
    OverlijdensmeldingOntvangst,
)
from workflows.case.models import StepResult
from workflows.death.domain import DeathFacts, StepKind
from workflows.death.models import DeathStepInput


def _receipt(step_input: DeathStepInput, result: BaseModel) -> StepResult:
    return StepResult(
        step_id=step_input.step.step_id, receipt=result.model_dump(mode="json", by_alias=True)
    )


def _deed(step_input: DeathStepInput) -> str:
    if step_input.deed_number is None:
        raise ApplicationError(
            "No deed of death was drawn up; the step cites one.",
            type="MissingDeed",
            non_retryable=True,
        )
    return step_input.deed_number


def _subject(step_input: DeathStepInput) -> str:
    return step_input.step.subject or step_input.bsn


class FactActivities:
    """Registry look-ups the workflow runs itself, holding the worker's registry client."""

    def __init__(self, registry: RegistryClient) -> None:
        """Args:
        registry: The typed registry client (its HTTP client is owned by the worker).
        """
        self._registry = registry

    @activity.defn(name="death.complete_facts")
    async def complete_facts(self, facts: DeathFacts) -> DeathFacts:
        """Do the look-ups the agent left undone, so the policy judges complete facts."""
        return await complete_facts(self._registry, facts)


class StepActivities:
    """The step activities, holding the worker's registry client."""

    def __init__(self, registry: RegistryClient) -> None:
        """Args:
        registry: The typed registry client (its HTTP client is owned by the worker).
        """
        self._registry = registry

    @activity.defn(name="death.draw_up_deed")
    async def draw_up_deed(self, step_input: DeathStepInput) -> StepResult:
        """Have the registrar draw up the deed of death (akte van overlijden)."""
        request = step_input.request
        result = await self._registry.burgerlijke_stand_akte_opmaken(
            AkteVanOverlijdenCreate(
                burgerservicenummer=request.bsn,
                geslachtsnaam=request.deceased.geslachtsnaam,
                geboortedatum=request.deceased.geboortedatum,
                datum_overlijden=request.date_of_death,
                tijdstip_overlijden=request.time_of_death,
                gemeente_overlijden=request.place_of_death,
            ),
            idempotency_key=step_input.step.idempotency_key,
        )
        return _receipt(step_input, result)

    @activity.defn(name="death.issue_disposal_permit")
    async def issue_disposal_permit(self, step_input: DeathStepInput) -> StepResult:
        """Issue the permit for burial or cremation on the deed."""
        disposal = step_input.request.disposal
        result = await self._registry.burgerlijke_stand_verlof_afgeven(
            VerlofCreate(aktenummer=_deed(step_input), soort=disposal.kind, datum=disposal.date),
            idempotency_key=step_input.step.idempotency_key,
        )
        return _receipt(step_input, result)

    @activity.defn(name="death.brp_record_death")
    async def brp_record_death(self, step_input: DeathStepInput) -> StepResult:
        """Record the death in the BRP from the deed."""
        request = step_input.request
        result = await self._registry.brp_overlijden(
            OverlijdenCreate(
                burgerservicenummer=request.bsn,
                datum_overlijden=request.date_of_death,
                gemeente_overlijden=request.place_of_death,
                aktenummer=_deed(step_input),
            ),
            idempotency_key=step_input.step.idempotency_key,
        )
        return _receipt(step_input, result)

    async def _report_death(
        self,
        send: Callable[..., Awaitable[OverlijdensmeldingOntvangst]],
        step_input: DeathStepInput,
    ) -> StepResult:
        result = await send(
            OverlijdensmeldingCreate(
                burgerservicenummer=_subject(step_input),
                datum_overlijden=step_input.request.date_of_death,
                aktenummer=step_input.deed_number,
            ),
            idempotency_key=step_input.step.idempotency_key,
        )
        return _receipt(step_input, result)

    @activity.defn(name="death.notify_belastingdienst")
    async def notify_belastingdienst(self, step_input: DeathStepInput) -> StepResult:
        """Tell the Belastingdienst of the death."""
        return await self._report_death(
            self._registry.belastingdienst_overlijdensmelding, step_input
        )

    @activity.defn(name="death.notify_toeslagen")
    async def notify_toeslagen(self, step_input: DeathStepInput) -> StepResult:
        """Tell Toeslagen of the death."""
        return await self._report_death(self._registry.toeslagen_overlijdensmelding, step_input)

    @activity.defn(name="death.notify_duo")
    async def notify_duo(self, step_input: DeathStepInput) -> StepResult:
        """Tell DUO of the death."""
        return await self._report_death(self._registry.duo_overlijdensmelding, step_input)

    @activity.defn(name="death.notify_rdw")
    async def notify_rdw(self, step_input: DeathStepInput) -> StepResult:
        """Tell the RDW of the death (its receipt says by when the heirs re-register)."""
        return await self._report_death(self._registry.rdw_overlijdensmelding, step_input)

    @activity.defn(name="death.end_parking_permit")
    async def end_parking_permit(self, step_input: DeathStepInput) -> StepResult:
        """End the deceased's parking permit on the day of death."""
        result = await self._registry.gemeente_parkeervergunning_beeindigen(
            ParkeervergunningBeeindigingCreate(
                burgerservicenummer=_subject(step_input),
                vergunningnummer=str(step_input.step.params["vergunningnummer"]),
                einddatum=step_input.request.date_of_death,
            ),
            idempotency_key=step_input.step.idempotency_key,
        )
        return _receipt(step_input, result)

    @activity.defn(name="death.gemeente_stop_taxes")
    async def gemeente_stop_taxes(self, step_input: DeathStepInput) -> StepResult:
        """Stop the deceased's municipal taxes at a municipality on the day of death."""
        result = await self._registry.gemeente_belasting_beeindigen(
            BelastingBeeindigingCreate(
                burgerservicenummer=_subject(step_input),
                gemeentecode=str(step_input.step.params["gemeentecode"]),
                einddatum=step_input.request.date_of_death,
            ),
            idempotency_key=step_input.step.idempotency_key,
        )
        return _receipt(step_input, result)

    @activity.defn(name="death.partner_letter")
    async def partner_letter(self, step_input: DeathStepInput) -> StepResult:
        """Deliver the letter to the surviving partner's message box."""
        params = step_input.step.params
        result = await self._registry.berichtenbox_bezorgen(
            BerichtCreate(
                burgerservicenummer=_subject(step_input),
                onderwerp=str(params["onderwerp"]),
                inhoud=str(params["inhoud"]),
                afzender=str(params.get("afzender") or "Gemeente"),
            ),
            idempotency_key=step_input.step.idempotency_key,
        )
        return _receipt(step_input, result)

    @activity.defn(name="death.undertaker_message")
    async def undertaker_message(self, step_input: DeathStepInput) -> StepResult:
        """Send the undertaker the deed's and the permit's numbers (or the refusal)."""
        params = step_input.step.params
        result = await self._registry.burgerlijke_stand_uitvaartbericht(
            UitvaartberichtCreate(
                ontvanger=step_input.undertaker,
                burgerservicenummer=step_input.bsn,
                onderwerp=str(params["onderwerp"]),
                inhoud=str(params["inhoud"]),
                aktenummer=step_input.deed_number,
                verlofnummer=step_input.permit_number,
            ),
            idempotency_key=step_input.step.idempotency_key,
        )
        return _receipt(step_input, result)

    def all(self) -> list[Callable[..., Any]]:
        """Every step activity, bound to this instance, for worker registration."""
        return [getattr(self, method.__name__) for method in STEP_ACTIVITIES.values()]


STEP_ACTIVITIES: dict[
    StepKind, Callable[[StepActivities, DeathStepInput], Awaitable[StepResult]]
] = {
    StepKind.DRAW_UP_DEED: StepActivities.draw_up_deed,
    StepKind.ISSUE_DISPOSAL_PERMIT: StepActivities.issue_disposal_permit,
    StepKind.BRP_RECORD_DEATH: StepActivities.brp_record_death,
    StepKind.NOTIFY_BELASTINGDIENST: StepActivities.notify_belastingdienst,
    StepKind.NOTIFY_TOESLAGEN: StepActivities.notify_toeslagen,
    StepKind.NOTIFY_DUO: StepActivities.notify_duo,
    StepKind.NOTIFY_RDW: StepActivities.notify_rdw,
    StepKind.END_PARKING_PERMIT: StepActivities.end_parking_permit,
    StepKind.GEMEENTE_STOP_TAXES: StepActivities.gemeente_stop_taxes,
    StepKind.PARTNER_LETTER: StepActivities.partner_letter,
    StepKind.UNDERTAKER_MESSAGE: StepActivities.undertaker_message,
}
"""The activity that executes each step kind, for `workflow.execute_activity_method`."""
