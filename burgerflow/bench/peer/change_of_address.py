"""The change of address by hand: look-ups, a rule check, the gate, the registry steps.

What an engineer would write with Temporal alone: one activity makes the look-ups the
burgerflow case makes (BRP persons, the BAG address and its object, its residents, and the
five other registries per mover), plain Python decides the gate and the steps, and one
activity per step sends the same mutation to the same endpoint with an idempotency key.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict
from temporalio import activity, workflow

from burgerflow.bench.peer.base import ACTIVITY_TIMEOUT, RETRY, PeerGate, PeerResult, step_key

with workflow.unsafe.imports_passed_through():
    from burgerflow.bench.peer.facts import PersonFacts, person_facts
    from burgerflow.registry.client import RegistryClient
    from burgerflow.registry.schemas.berichtenbox import BerichtCreate
    from burgerflow.registry.schemas.common import AdreswijzigingCreate
    from burgerflow.registry.schemas.gemeente import (
        BelastingAanmeldingCreate,
        BelastingBeeindigingCreate,
        ParkeervergunningBeeindigingCreate,
    )

WORKFLOW = "BenchPeerChangeOfAddress"
IN_USE = "Verblijfsobject in gebruik"
MIN_M2_PER_PERSON = 12.0
"""The occupancy threshold (the burgerflow default `min_m2_per_person`)."""


class NewAddress(BaseModel):
    """Where the movers go, as the report names it."""

    postcode: str
    huisnummer: int


class MoveInput(BaseModel):
    """The report's body (the fields the peer reads) and the case id."""

    model_config = ConfigDict(extra="ignore")

    case_id: str
    bsn: str
    new_address: NewAddress
    move_date: date
    co_movers: list[str] = []


class Mover(BaseModel):
    """A mover BRP knows: where they are registered, and the other registries' facts."""

    bsn: str
    municipality: str | None
    object_id: str | None
    others: PersonFacts


class MoveFacts(BaseModel):
    """The look-ups' answers, condensed."""

    movers: list[Mover]
    new_object_id: str | None = None
    object_status: str | None = None
    residential: bool = True
    m2: int | None = None
    residents: list[str] = []


class MoveStep(BaseModel):
    """One step's input: who, which registry call, and the step's key."""

    kind: str
    key: str
    subject: str
    move_date: date
    new_object_id: str
    params: dict[str, str] = {}


class MoveActivities:
    """The look-ups and the steps, holding the worker's registry client."""

    def __init__(self, registry: RegistryClient) -> None:
        """Args:
        registry: The registry client (its HTTP client is owned by the worker).
        """
        self._registry = registry

    @activity.defn(name="bench.peer.change_of_address.lookups")
    async def lookups(self, move: MoveInput) -> MoveFacts:
        """Every look-up of the case, independent ones at once."""
        registry = self._registry
        bsns = [move.bsn, *move.co_movers]
        people, addresses = await asyncio.gather(
            registry.brp_personen(bsns),
            registry.bag_adressen(move.new_address.postcode, move.new_address.huisnummer),
        )
        known = [p for p in people if p.burgerservicenummer in bsns]
        object_id = addresses[0].adresseerbaar_object_identificatie if addresses else None
        others = asyncio.gather(*(person_facts(registry, p.burgerservicenummer) for p in known))
        facts = MoveFacts(movers=[], new_object_id=object_id)
        if object_id is not None:
            found, residents = await asyncio.gather(
                registry.bag_adresseerbaar_object(object_id), registry.brp_bewoners(object_id)
            )
            if found is not None:
                facts.object_status = found.status
                facts.residential = "woonfunctie" in found.gebruiksdoelen
                facts.m2 = found.oppervlakte
            facts.residents = [r.burgerservicenummer for r in residents]
        facts.movers = [
            Mover(
                bsn=p.burgerservicenummer,
                municipality=p.gemeente_van_inschrijving.code
                if p.gemeente_van_inschrijving
                else None,
                object_id=p.adresseerbaar_object_identificatie,
                others=o,
            )
            for p, o in zip(known, await others, strict=True)
        ]
        return facts

    def _change(self, step: MoveStep) -> AdreswijzigingCreate:
        return AdreswijzigingCreate(
            burgerservicenummer=step.subject,
            adresseerbaar_object_identificatie=step.new_object_id,
            datum_aanvang_adreshouding=step.move_date,
        )

    @activity.defn(name="bench.peer.change_of_address.brp_register_address")
    async def brp_register_address(self, step: MoveStep) -> str:
        """Register the mover at the new address in the BRP."""
        done = await self._registry.brp_adreswijziging(self._change(step), idempotency_key=step.key)
        return done.id

    @activity.defn(name="bench.peer.change_of_address.notify")
    async def notify(self, step: MoveStep) -> str:
        """Tell the Belastingdienst, Toeslagen, DUO or the RDW (`params["registry"]`)."""
        send = {
            "belastingdienst": self._registry.belastingdienst_adreswijziging,
            "toeslagen": self._registry.toeslagen_adreswijziging,
            "duo": self._registry.duo_adreswijziging,
            "rdw": self._registry.rdw_adreswijziging,
        }[step.params["registry"]]
        done = await send(self._change(step), idempotency_key=step.key)
        return done.id

    @activity.defn(name="bench.peer.change_of_address.stop_taxes")
    async def stop_taxes(self, step: MoveStep) -> str:
        """Stop the municipal taxes at the old municipality on the move date."""
        request = BelastingBeeindigingCreate(
            burgerservicenummer=step.subject,
            gemeentecode=step.params["gemeentecode"],
            einddatum=step.move_date,
        )
        done = await self._registry.gemeente_belasting_beeindigen(request, idempotency_key=step.key)
        return done.id

    @activity.defn(name="bench.peer.change_of_address.start_taxes")
    async def start_taxes(self, step: MoveStep) -> str:
        """Start the municipal taxes at the new municipality from the move date."""
        request = BelastingAanmeldingCreate(
            burgerservicenummer=step.subject,
            gemeentecode=step.params["gemeentecode"],
            adresseerbaar_object_identificatie=step.new_object_id,
            ingangsdatum=step.move_date,
        )
        done = await self._registry.gemeente_belasting_starten(request, idempotency_key=step.key)
        return done.id

    @activity.defn(name="bench.peer.change_of_address.end_parking_permit")
    async def end_parking_permit(self, step: MoveStep) -> str:
        """End a parking permit tied to the old address on the move date."""
        request = ParkeervergunningBeeindigingCreate(
            burgerservicenummer=step.subject,
            vergunningnummer=step.params["vergunningnummer"],
            einddatum=step.move_date,
        )
        done = await self._registry.gemeente_parkeervergunning_beeindigen(
            request, idempotency_key=step.key
        )
        return done.id

    @activity.defn(name="bench.peer.change_of_address.citizen_message")
    async def citizen_message(self, step: MoveStep) -> str:
        """Tell the reporter in their message box."""
        request = BerichtCreate(
            burgerservicenummer=step.subject,
            onderwerp="Uw verhuizing is verwerkt",
            inhoud=f"Uw nieuwe adres is ingeschreven per {step.move_date.isoformat()}.",
        )
        done = await self._registry.berichtenbox_bezorgen(request, idempotency_key=step.key)
        return done.id


STEPS: dict[str, Callable[[MoveActivities, MoveStep], Awaitable[str]]] = {
    "brp_register_address": MoveActivities.brp_register_address,
    "notify": MoveActivities.notify,
    "stop_taxes": MoveActivities.stop_taxes,
    "start_taxes": MoveActivities.start_taxes,
    "end_parking_permit": MoveActivities.end_parking_permit,
    "citizen_message": MoveActivities.citizen_message,
}
"""The activity of each step kind."""


def approvals_needed(facts: MoveFacts) -> int:
    """The rule check: one approval per normal gate, two for a high-risk one."""
    if facts.new_object_id is None:
        return 1
    needed = 0
    if facts.object_status != IN_USE:
        needed += 1
    if not facts.residential:
        needed += 2
    movers = {m.bsn for m in facts.movers}
    people = len(movers | set(facts.residents))
    if facts.m2 is not None and people and facts.m2 / people < MIN_M2_PER_PERSON:
        needed += 1
    return needed


def steps_of(move: MoveInput, facts: MoveFacts) -> list[MoveStep]:
    """The steps the facts call for, in order: BRP, the other registries, taxes, the message."""
    new = facts.new_object_id
    if new is None:
        return []
    calls: list[tuple[str, str, dict[str, str]]] = []
    for m in facts.movers:
        calls.append(("brp_register_address", m.bsn, {}))
    for m in facts.movers:
        calls.append(("notify", m.bsn, {"registry": "belastingdienst"}))
    for m in facts.movers:
        if m.others.benefits:
            calls.append(("notify", m.bsn, {"registry": "toeslagen"}))
        if m.others.student_finance:
            calls.append(("notify", m.bsn, {"registry": "duo"}))
        if m.others.vehicles:
            calls.append(("notify", m.bsn, {"registry": "rdw"}))
    to = new[:4]
    for m in facts.movers:
        if m.municipality and m.municipality != to and m.municipality in m.others.taxed_by:
            calls.append(("stop_taxes", m.bsn, {"gemeentecode": m.municipality}))
            calls.append(("start_taxes", m.bsn, {"gemeentecode": to}))
    for m in facts.movers:
        for permit in m.others.permits:
            if permit.active and permit.object_id == m.object_id:
                calls.append(("end_parking_permit", m.bsn, {"vergunningnummer": permit.number}))
    calls.append(("citizen_message", move.bsn, {}))
    return [
        MoveStep(
            kind=kind,
            key=step_key(move.case_id, n, kind, subject),
            subject=subject,
            move_date=move.move_date,
            new_object_id=new,
            params=params,
        )
        for n, (kind, subject, params) in enumerate(calls)
    ]


@workflow.defn(name=WORKFLOW)
class BenchPeerChangeOfAddress(PeerGate):
    """A change of address as plain Temporal: look up, check, wait for approvals, apply."""

    @workflow.run
    async def run(self, move: MoveInput) -> PeerResult:
        """Run the case to its end."""
        facts = await workflow.execute_activity_method(
            MoveActivities.lookups,
            move,
            start_to_close_timeout=ACTIVITY_TIMEOUT,
            retry_policy=RETRY,
        )
        needed = await self.wait_for_approvals(approvals_needed(facts))
        steps = steps_of(move, facts)
        for step in steps:
            await workflow.execute_activity_method(
                STEPS[step.kind], step, start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=RETRY
            )
        await self.finish()
        return PeerResult(decisions=needed, steps=[s.kind for s in steps])


def activities(registry: RegistryClient) -> list[Callable[..., Any]]:
    """The activities the worker registers for this workflow, bound to `registry`."""
    bound = MoveActivities(registry)
    return [bound.lookups, *(getattr(bound, m.__name__) for m in STEPS.values())]
