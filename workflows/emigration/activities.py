"""Administrative steps of an emigration, each an idempotent Temporal activity.

Every step sends the idempotency key the workflow derived from the case and the step, so a
retried or re-run activity never applies an effect twice. Registry 4xx answers
(`RegistryClientError`) are not retried: retrying cannot fix them.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel
from temporalio import activity

from agents.emigration.tools import complete_facts
from burgerflow.core.constants import Registry
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.schemas.berichtenbox import BerichtCreate
from burgerflow.registry.schemas.brp import EmigratieCreate
from burgerflow.registry.schemas.gemeente import (
    BelastingBeeindigingCreate,
    ParkeervergunningBeeindigingCreate,
)
from workflows.case.models import StepResult
from workflows.emigration.domain import EmigrationFacts, StepKind
from workflows.emigration.models import StepInput

SENDER = "Gemeente"


def _receipt(step_input: StepInput, result: BaseModel) -> StepResult:
    return StepResult(
        step_id=step_input.step.step_id, receipt=result.model_dump(mode="json", by_alias=True)
    )


def _subject(step_input: StepInput) -> str:
    return step_input.step.subject or step_input.citizen_bsn


def emigration_of(step_input: StepInput) -> EmigratieCreate:
    """The emigration every registry is told of: who, where to, from which day."""
    address = step_input.foreign_address
    return EmigratieCreate(
        burgerservicenummer=_subject(step_input),
        land=step_input.country,
        regel1=address.regel1,
        regel2=address.regel2,
        regel3=address.regel3,
        datum_vertrek=step_input.deregistration_date,
    )


class FactActivities:
    """Registry look-ups the workflow runs itself, holding the worker's registry client."""

    def __init__(self, registry: RegistryClient) -> None:
        """Args:
        registry: The typed registry client (its HTTP client is owned by the worker).
        """
        self._registry = registry

    @activity.defn(name="emigration.complete_facts")
    async def complete_facts(self, facts: EmigrationFacts) -> EmigrationFacts:
        """Do the look-ups the agent left undone, so the policy judges complete facts."""
        return await complete_facts(self._registry, facts)


class StepActivities:
    """The step activities, holding the worker's registry client."""

    def __init__(self, registry: RegistryClient) -> None:
        """Args:
        registry: The typed registry client (its HTTP client is owned by the worker).
        """
        self._registry = registry

    async def _notify(self, registratie: Registry, step_input: StepInput) -> StepResult:
        result = await self._registry.emigratie_melden(
            registratie.value,
            emigration_of(step_input),
            idempotency_key=step_input.step.idempotency_key,
        )
        return _receipt(step_input, result)

    @activity.defn(name="emigration.brp_register_emigration")
    async def brp_register_emigration(self, step_input: StepInput) -> StepResult:
        """Deregister the mover in the BRP: they live abroad from the deregistration date."""
        result = await self._registry.brp_emigratie(
            emigration_of(step_input), idempotency_key=step_input.step.idempotency_key
        )
        return _receipt(step_input, result)

    @activity.defn(name="emigration.notify_belastingdienst")
    async def notify_belastingdienst(self, step_input: StepInput) -> StepResult:
        """Tell the Belastingdienst of the emigration."""
        return await self._notify(Registry.BELASTINGDIENST, step_input)

    @activity.defn(name="emigration.notify_toeslagen")
    async def notify_toeslagen(self, step_input: StepInput) -> StepResult:
        """Tell Toeslagen of the emigration."""
        return await self._notify(Registry.TOESLAGEN, step_input)

    @activity.defn(name="emigration.notify_duo")
    async def notify_duo(self, step_input: StepInput) -> StepResult:
        """Tell DUO of the emigration."""
        return await self._notify(Registry.DUO, step_input)

    @activity.defn(name="emigration.notify_rdw")
    async def notify_rdw(self, step_input: StepInput) -> StepResult:
        """Tell the RDW of the emigration."""
        return await self._notify(Registry.RDW, step_input)

    @activity.defn(name="emigration.gemeente_stop_taxes")
    async def gemeente_stop_taxes(self, step_input: StepInput) -> StepResult:
        """Stop municipal taxes at the municipality the mover leaves, on the day they go."""
        request = BelastingBeeindigingCreate(
            burgerservicenummer=_subject(step_input),
            gemeentecode=str(step_input.step.params["gemeentecode"]),
            einddatum=step_input.deregistration_date,
        )
        result = await self._registry.gemeente_belasting_beeindigen(
            request, idempotency_key=step_input.step.idempotency_key
        )
        return _receipt(step_input, result)

    @activity.defn(name="emigration.end_parking_permit")
    async def end_parking_permit(self, step_input: StepInput) -> StepResult:
        """End the parking permit tied to the address the mover leaves, on the day they go."""
        request = ParkeervergunningBeeindigingCreate(
            burgerservicenummer=_subject(step_input),
            vergunningnummer=str(step_input.step.params["vergunningnummer"]),
            einddatum=step_input.deregistration_date,
        )
        result = await self._registry.gemeente_parkeervergunning_beeindigen(
            request, idempotency_key=step_input.step.idempotency_key
        )
        return _receipt(step_input, result)

    @activity.defn(name="emigration.citizen_message")
    async def citizen_message(self, step_input: StepInput) -> StepResult:
        """Deliver the plain-language letter (with the proof of deregistration) to the
        reporter's message box."""
        params = step_input.step.params
        request = BerichtCreate(
            burgerservicenummer=_subject(step_input),
            onderwerp=str(params["onderwerp"]),
            inhoud=str(params["inhoud"]),
            afzender=SENDER,
        )
        result = await self._registry.berichtenbox_bezorgen(
            request, idempotency_key=step_input.step.idempotency_key
        )
        return _receipt(step_input, result)

    def all(self) -> list[Callable[..., Any]]:
        """Every step activity, bound to this instance, for worker registration."""
        return [getattr(self, method.__name__) for method in STEP_ACTIVITIES.values()]


STEP_ACTIVITIES: dict[StepKind, Callable[[StepActivities, StepInput], Awaitable[StepResult]]] = {
    StepKind.BRP_REGISTER_EMIGRATION: StepActivities.brp_register_emigration,
    StepKind.NOTIFY_BELASTINGDIENST: StepActivities.notify_belastingdienst,
    StepKind.NOTIFY_TOESLAGEN: StepActivities.notify_toeslagen,
    StepKind.NOTIFY_DUO: StepActivities.notify_duo,
    StepKind.NOTIFY_RDW: StepActivities.notify_rdw,
    StepKind.GEMEENTE_STOP_TAXES: StepActivities.gemeente_stop_taxes,
    StepKind.END_PARKING_PERMIT: StepActivities.end_parking_permit,
    StepKind.CITIZEN_MESSAGE: StepActivities.citizen_message,
}
"""The activity that executes each step kind, for `workflow.execute_activity_method`."""
