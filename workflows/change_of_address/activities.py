"""Administrative steps of a change of address, each an idempotent Temporal activity.

Every step sends the idempotency key the workflow derived from the case and the step, so a
retried or re-run activity never applies an effect twice. Registry 4xx answers
(`RegistryClientError`) are not retried: retrying cannot fix them.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel
from temporalio import activity
from temporalio.exceptions import ApplicationError

from agents.change_of_address.tools import complete_facts
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.schemas.berichtenbox import BerichtCreate
from burgerflow.registry.schemas.common import AdreswijzigingCreate
from burgerflow.registry.schemas.gemeente import (
    BelastingAanmeldingCreate,
    BelastingBeeindigingCreate,
    ParkeervergunningBeeindigingCreate,
)
from workflows.case.models import StepResult
from workflows.change_of_address.domain import MoveFacts, StepKind
from workflows.change_of_address.models import StepInput

SENDER = "Gemeente"


def _receipt(step_input: StepInput, result: BaseModel) -> StepResult:
    return StepResult(
        step_id=step_input.step.step_id, receipt=result.model_dump(mode="json", by_alias=True)
    )


class FactActivities:
    """Registry look-ups the workflow runs itself, holding the worker's registry client."""

    def __init__(self, registry: RegistryClient) -> None:
        """Args:
        registry: The typed registry client (its HTTP client is owned by the worker).
        """
        self._registry = registry

    @activity.defn(name="change_of_address.complete_facts")
    async def complete_facts(self, facts: MoveFacts) -> MoveFacts:
        """Do the look-ups the agent left undone, so the policy judges complete facts."""
        return await complete_facts(self._registry, facts)


class StepActivities:
    """The step activities, holding the worker's registry client."""

    def __init__(self, registry: RegistryClient) -> None:
        """Args:
        registry: The typed registry client (its HTTP client is owned by the worker).
        """
        self._registry = registry

    async def _send_address_change(
        self,
        send: Callable[..., Awaitable[BaseModel]],
        step_input: StepInput,
    ) -> StepResult:
        """Send the address change of `step_input` to one registry with the step's key."""
        result = await send(
            self._address_change(step_input), idempotency_key=step_input.step.idempotency_key
        )
        return _receipt(step_input, result)

    def _address_change(self, step_input: StepInput) -> AdreswijzigingCreate:
        if step_input.new_object_id is None:
            raise ApplicationError(
                "The new address has no BAG object; an address change cannot be sent.",
                type="MissingAddressObject",
                non_retryable=True,
            )
        return AdreswijzigingCreate(
            burgerservicenummer=_subject(step_input),
            adresseerbaar_object_identificatie=step_input.new_object_id,
            datum_aanvang_adreshouding=step_input.move_date,
        )

    @activity.defn(name="change_of_address.brp_register_address")
    async def brp_register_address(self, step_input: StepInput) -> StepResult:
        """Register the mover at the new address in the BRP."""
        return await self._send_address_change(self._registry.brp_adreswijziging, step_input)

    @activity.defn(name="change_of_address.notify_belastingdienst")
    async def notify_belastingdienst(self, step_input: StepInput) -> StepResult:
        """Tell the Belastingdienst the new address."""
        return await self._send_address_change(
            self._registry.belastingdienst_adreswijziging, step_input
        )

    @activity.defn(name="change_of_address.notify_toeslagen")
    async def notify_toeslagen(self, step_input: StepInput) -> StepResult:
        """Tell Toeslagen the new address."""
        return await self._send_address_change(self._registry.toeslagen_adreswijziging, step_input)

    @activity.defn(name="change_of_address.notify_duo")
    async def notify_duo(self, step_input: StepInput) -> StepResult:
        """Tell DUO the new address."""
        return await self._send_address_change(self._registry.duo_adreswijziging, step_input)

    @activity.defn(name="change_of_address.notify_rdw")
    async def notify_rdw(self, step_input: StepInput) -> StepResult:
        """Tell the RDW the new address."""
        return await self._send_address_change(self._registry.rdw_adreswijziging, step_input)

    @activity.defn(name="change_of_address.gemeente_stop_taxes")
    async def gemeente_stop_taxes(self, step_input: StepInput) -> StepResult:
        """Stop municipal taxes at the old municipality on the move date."""
        request = BelastingBeeindigingCreate(
            burgerservicenummer=_subject(step_input),
            gemeentecode=str(step_input.step.params["gemeentecode"]),
            einddatum=step_input.move_date,
        )
        result = await self._registry.gemeente_belasting_beeindigen(
            request, idempotency_key=step_input.step.idempotency_key
        )
        return _receipt(step_input, result)

    @activity.defn(name="change_of_address.gemeente_start_taxes")
    async def gemeente_start_taxes(self, step_input: StepInput) -> StepResult:
        """Start municipal taxes at the new municipality from the move date."""
        params = step_input.step.params
        request = BelastingAanmeldingCreate(
            burgerservicenummer=_subject(step_input),
            gemeentecode=str(params["gemeentecode"]),
            adresseerbaar_object_identificatie=str(params["adresseerbaar_object_identificatie"]),
            ingangsdatum=step_input.move_date,
        )
        result = await self._registry.gemeente_belasting_starten(
            request, idempotency_key=step_input.step.idempotency_key
        )
        return _receipt(step_input, result)

    @activity.defn(name="change_of_address.end_parking_permit")
    async def end_parking_permit(self, step_input: StepInput) -> StepResult:
        """End the parking permit tied to the old address on the move date."""
        request = ParkeervergunningBeeindigingCreate(
            burgerservicenummer=_subject(step_input),
            vergunningnummer=str(step_input.step.params["vergunningnummer"]),
            einddatum=step_input.move_date,
        )
        result = await self._registry.gemeente_parkeervergunning_beeindigen(
            request, idempotency_key=step_input.step.idempotency_key
        )
        return _receipt(step_input, result)

    @activity.defn(name="change_of_address.citizen_message")
    async def citizen_message(self, step_input: StepInput) -> StepResult:
        """Deliver the plain-language message to the citizen's message box."""
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
    StepKind.BRP_REGISTER_ADDRESS: StepActivities.brp_register_address,
    StepKind.NOTIFY_BELASTINGDIENST: StepActivities.notify_belastingdienst,
    StepKind.NOTIFY_TOESLAGEN: StepActivities.notify_toeslagen,
    StepKind.NOTIFY_DUO: StepActivities.notify_duo,
    StepKind.NOTIFY_RDW: StepActivities.notify_rdw,
    StepKind.GEMEENTE_STOP_TAXES: StepActivities.gemeente_stop_taxes,
    StepKind.GEMEENTE_START_TAXES: StepActivities.gemeente_start_taxes,
    StepKind.END_PARKING_PERMIT: StepActivities.end_parking_permit,
    StepKind.CITIZEN_MESSAGE: StepActivities.citizen_message,
}
"""The activity that executes each step kind, for `workflow.execute_activity_method`."""


def _subject(step_input: StepInput) -> str:
    return step_input.step.subject or step_input.citizen_bsn
