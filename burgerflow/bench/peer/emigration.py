"""The emigration by hand: look-ups, a rule check, the gate, the registry steps.

One activity makes the look-ups the burgerflow case makes (the movers in BRP, everyone
registered at each mover's address, and the five other registries per mover), plain Python
decides the gate and the steps, and one activity per step sends the same mutation to the
same endpoint with an idempotency key.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict
from temporalio import activity, workflow

from burgerflow.bench.peer.base import ACTIVITY_TIMEOUT, RETRY, PeerGate, PeerResult, step_key

with workflow.unsafe.imports_passed_through():
    # The same look-ups as the burgerflow case.
    from agents.emigration.lookups import PERSON_FIELDS, RESIDENT_FIELDS
    from burgerflow.bench.peer.facts import PersonFacts, person_facts
    from burgerflow.registry.client import RegistryClient
    from burgerflow.registry.schemas.berichtenbox import BerichtCreate
    from burgerflow.registry.schemas.brp import EmigratieCreate
    from burgerflow.registry.schemas.gemeente import (
        BelastingBeeindigingCreate,
        ParkeervergunningBeeindigingCreate,
    )

WORKFLOW = "BenchPeerEmigration"
ADULT_AGE = 18


class ForeignAddress(BaseModel):
    """The address abroad, as reported."""

    regel1: str
    regel2: str | None = None
    regel3: str | None = None


class EmigrationInput(BaseModel):
    """The report's body (the fields the peer reads) and the case id."""

    model_config = ConfigDict(extra="ignore")

    case_id: str
    bsn: str
    departure_date: date
    country: str
    foreign_address: ForeignAddress
    co_movers: list[str] = []


class Emigrant(BaseModel):
    """A mover BRP knows, with what the rules and steps read of them."""

    bsn: str
    age: int | None
    municipality: str | None
    object_id: str | None
    relatives: list[str]
    custody_holders: list[str]
    housemates: list[str]
    others: PersonFacts


class EmigrationFacts(BaseModel):
    """The look-ups' answers, condensed."""

    movers: list[Emigrant]


class EmigrationStep(BaseModel):
    """One step's input."""

    kind: str
    key: str
    subject: str
    deregistration_date: date
    country: str
    foreign_address: ForeignAddress
    params: dict[str, str] = {}


class EmigrationActivities:
    """The look-ups and the steps, holding the worker's registry client."""

    def __init__(self, registry: RegistryClient) -> None:
        """Args:
        registry: The registry client (its HTTP client is owned by the worker).
        """
        self._registry = registry

    @activity.defn(name="bench.peer.emigration.lookups")
    async def lookups(self, report: EmigrationInput) -> EmigrationFacts:
        """Every look-up of the case, independent ones at once."""
        registry = self._registry
        bsns = [report.bsn, *report.co_movers]
        people = [
            p
            for p in await registry.brp_personen(bsns, fields=PERSON_FIELDS)
            if p.burgerservicenummer in bsns
        ]

        async def housemates(object_id: str | None) -> list[str]:
            if object_id is None:
                return []
            found = await registry.brp_bewoners(object_id, fields=RESIDENT_FIELDS)
            return [r.burgerservicenummer for r in found]

        homes, others = await asyncio.gather(
            asyncio.gather(*(housemates(p.adresseerbaar_object_identificatie) for p in people)),
            asyncio.gather(*(person_facts(registry, p.burgerservicenummer) for p in people)),
        )
        movers = []
        for person, home, facts in zip(people, homes, others, strict=True):
            bsn = person.burgerservicenummer
            holders = [
                h.burgerservicenummer
                for g in person.gezag
                if g.minderjarige.burgerservicenummer == bsn
                for h in [*(g.ouders or []), *([g.ouder] if g.ouder else [])]
                if h.burgerservicenummer
            ]
            relatives = [
                b
                for b in (
                    *(r.burgerservicenummer for r in person.partners),
                    *(r.burgerservicenummer for r in person.kinderen),
                    *(r.burgerservicenummer for r in person.ouders),
                )
                if b
            ]
            movers.append(
                Emigrant(
                    bsn=bsn,
                    age=person.leeftijd,
                    municipality=(
                        person.gemeente_van_inschrijving.code
                        if person.gemeente_van_inschrijving
                        else None
                    ),
                    object_id=person.adresseerbaar_object_identificatie,
                    relatives=relatives,
                    custody_holders=holders,
                    housemates=home,
                    others=facts,
                )
            )
        return EmigrationFacts(movers=movers)

    def _emigration(self, step: EmigrationStep) -> EmigratieCreate:
        return EmigratieCreate(
            burgerservicenummer=step.subject,
            land=step.country,
            regel1=step.foreign_address.regel1,
            regel2=step.foreign_address.regel2,
            regel3=step.foreign_address.regel3,
            datum_vertrek=step.deregistration_date,
        )

    @activity.defn(name="bench.peer.emigration.brp_register_emigration")
    async def brp_register_emigration(self, step: EmigrationStep) -> str:
        """Deregister the mover in the BRP."""
        done = await self._registry.brp_emigratie(self._emigration(step), idempotency_key=step.key)
        return done.id

    @activity.defn(name="bench.peer.emigration.notify")
    async def notify(self, step: EmigrationStep) -> str:
        """Tell the Belastingdienst, Toeslagen, DUO or the RDW (`params["registry"]`)."""
        done = await self._registry.emigratie_melden(
            step.params["registry"], self._emigration(step), idempotency_key=step.key
        )
        return done.id

    @activity.defn(name="bench.peer.emigration.stop_taxes")
    async def stop_taxes(self, step: EmigrationStep) -> str:
        """Stop the municipal taxes on the deregistration date."""
        request = BelastingBeeindigingCreate(
            burgerservicenummer=step.subject,
            gemeentecode=step.params["gemeentecode"],
            einddatum=step.deregistration_date,
        )
        done = await self._registry.gemeente_belasting_beeindigen(request, idempotency_key=step.key)
        return done.id

    @activity.defn(name="bench.peer.emigration.end_parking_permit")
    async def end_parking_permit(self, step: EmigrationStep) -> str:
        """End a parking permit tied to the mover's address."""
        request = ParkeervergunningBeeindigingCreate(
            burgerservicenummer=step.subject,
            vergunningnummer=step.params["vergunningnummer"],
            einddatum=step.deregistration_date,
        )
        done = await self._registry.gemeente_parkeervergunning_beeindigen(
            request, idempotency_key=step.key
        )
        return done.id

    @activity.defn(name="bench.peer.emigration.citizen_message")
    async def citizen_message(self, step: EmigrationStep) -> str:
        """Tell the reporter in their message box."""
        request = BerichtCreate(
            burgerservicenummer=step.subject,
            onderwerp="Uw emigratie is verwerkt",
            inhoud=f"U bent uitgeschreven per {step.deregistration_date.isoformat()}.",
        )
        done = await self._registry.berichtenbox_bezorgen(request, idempotency_key=step.key)
        return done.id


STEPS: dict[str, Callable[[EmigrationActivities, EmigrationStep], Awaitable[str]]] = {
    "brp_register_emigration": EmigrationActivities.brp_register_emigration,
    "notify": EmigrationActivities.notify,
    "stop_taxes": EmigrationActivities.stop_taxes,
    "end_parking_permit": EmigrationActivities.end_parking_permit,
    "citizen_message": EmigrationActivities.citizen_message,
}
"""The activity of each step kind."""


def approvals_needed(report: EmigrationInput, facts: EmigrationFacts) -> int:
    """The rule check: one approval per normal gate, two for a high-risk one."""
    moving = {m.bsn for m in facts.movers}
    needed = 0
    if len(moving) < 1 + len(report.co_movers):
        needed += 1  # a mover BRP does not know
    if any(set(m.housemates) - moving for m in facts.movers):
        needed += 1  # someone stays behind at a mover's address
    minors = [m for m in facts.movers if m.age is not None and m.age < ADULT_AGE]
    if any(set(m.custody_holders) - moving or not m.custody_holders for m in minors):
        needed += 2  # a minor leaves while a custody holder stays
    reporter = next((m for m in facts.movers if m.bsn == report.bsn), None)
    if reporter is not None and any(b not in reporter.relatives for b in report.co_movers):
        needed += 1  # the reporter reports for someone outside the family
    return needed


def steps_of(report: EmigrationInput, facts: EmigrationFacts, today: date) -> list[EmigrationStep]:
    """The steps the facts call for, in order: BRP, the other registries, taxes, the message."""
    calls: list[tuple[str, str, dict[str, str]]] = []
    for m in facts.movers:
        calls.append(("brp_register_emigration", m.bsn, {}))
    for m in facts.movers:
        calls.append(("notify", m.bsn, {"registry": "belastingdienst"}))
    for m in facts.movers:
        if m.others.benefits:
            calls.append(("notify", m.bsn, {"registry": "toeslagen"}))
        if m.others.student_finance:
            calls.append(("notify", m.bsn, {"registry": "duo"}))
        if m.others.vehicles:
            calls.append(("notify", m.bsn, {"registry": "rdw"}))
    for m in facts.movers:
        if m.municipality and m.municipality in m.others.taxed_by:
            calls.append(("stop_taxes", m.bsn, {"gemeentecode": m.municipality}))
    for m in facts.movers:
        for permit in m.others.permits:
            if permit.active and permit.object_id == m.object_id:
                calls.append(("end_parking_permit", m.bsn, {"vergunningnummer": permit.number}))
    calls.append(("citizen_message", report.bsn, {}))
    day = max(report.departure_date, today)
    return [
        EmigrationStep(
            kind=kind,
            key=step_key(report.case_id, n, kind, subject),
            subject=subject,
            deregistration_date=day,
            country=report.country,
            foreign_address=report.foreign_address,
            params=params,
        )
        for n, (kind, subject, params) in enumerate(calls)
    ]


@workflow.defn(name=WORKFLOW)
class BenchPeerEmigration(PeerGate):
    """An emigration as plain Temporal: look up, check, wait for approvals, apply."""

    @workflow.run
    async def run(self, report: EmigrationInput) -> PeerResult:
        """Run the case to its end."""
        facts = await workflow.execute_activity_method(
            EmigrationActivities.lookups,
            report,
            start_to_close_timeout=ACTIVITY_TIMEOUT,
            retry_policy=RETRY,
        )
        needed = await self.wait_for_approvals(approvals_needed(report, facts))
        steps = steps_of(report, facts, workflow.now().date())
        for step in steps:
            await workflow.execute_activity_method(
                STEPS[step.kind], step, start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=RETRY
            )
        await self.finish()
        return PeerResult(decisions=needed, steps=[s.kind for s in steps])


def activities(registry: RegistryClient) -> list[Callable[..., Any]]:
    """The activities the worker registers for this workflow, bound to `registry`."""
    bound = EmigrationActivities(registry)
    return [bound.lookups, *(getattr(bound, m.__name__) for m in STEPS.values())]
