"""The report of a death by hand: look-ups, a rule check, the gate, the registry steps.

One activity makes the look-ups the burgerflow case makes (the deceased in BRP, their
relatives, everyone registered at their address, and the five other registries), plain
Python decides the gates (the registrar's deed always) and the steps, and one activity per
step sends the same mutation to the same endpoint with an idempotency key; the deed's and
the permit's numbers go on to the steps that cite them.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from temporalio import activity, workflow

from burgerflow.bench.peer.base import ACTIVITY_TIMEOUT, RETRY, PeerGate, PeerResult, step_key

with workflow.unsafe.imports_passed_through():
    from burgerflow.bench.peer.facts import PersonFacts, person_facts
    from burgerflow.registry.client import RegistryClient
    from burgerflow.registry.schemas.berichtenbox import BerichtCreate
    from burgerflow.registry.schemas.brp import OverlijdenCreate
    from burgerflow.registry.schemas.burgerlijke_stand import (
        AkteVanOverlijdenCreate,
        DisposalKind,
        UitvaartberichtCreate,
        VerlofCreate,
    )
    from burgerflow.registry.schemas.gemeente import (
        BelastingBeeindigingCreate,
        ParkeervergunningBeeindigingCreate,
    )
    from burgerflow.registry.schemas.overlijden import OverlijdensmeldingCreate

WORKFLOW = "BenchPeerDeath"
ADULT_AGE = 18
LAST_WORKING_DAY = 6
"""A burial or cremation is due by the sixth working day after the death."""


class Deceased(BaseModel):
    """Who died, as reported."""

    geslachtsnaam: str
    geboortedatum: date


class Documents(BaseModel):
    """The statements the report rests on."""

    verklaring_van_overlijden: bool = False
    verklaring_van_geen_bezwaar: bool = False


class Disposal(BaseModel):
    """The burial or cremation."""

    kind: DisposalKind
    date: date


class DeathInput(BaseModel):
    """The report's body (the fields the peer reads), the case id and the reporter."""

    model_config = ConfigDict(extra="ignore")

    case_id: str
    reporter: str
    bsn: str
    deceased: Deceased
    date_of_death: date
    place_of_death: str
    manner: Literal["natural", "non_natural"]
    documents: Documents = Documents()
    disposal: Disposal


class DeathFacts(BaseModel):
    """The look-ups' answers, condensed."""

    found: bool
    surname: str | None = None
    born: date | None = None
    already_deceased: bool = False
    in_onderzoek: bool = False
    orphaned_minors: list[str] = []
    living_partners: list[str] = []
    lived_alone: bool = False
    others: PersonFacts | None = None


class DeathStep(BaseModel):
    """One step's input; the deed's and permit's numbers once known."""

    kind: str
    key: str
    subject: str
    report: DeathInput
    deed: str | None = None
    permit: str | None = None
    params: dict[str, str] = {}


class DeathActivities:
    """The look-ups and the steps, holding the worker's registry client."""

    def __init__(self, registry: RegistryClient) -> None:
        """Args:
        registry: The registry client (its HTTP client is owned by the worker).
        """
        self._registry = registry

    @activity.defn(name="bench.peer.death.lookups")
    async def lookups(self, report: DeathInput) -> DeathFacts:
        """Every look-up of the case, independent ones at once."""
        registry = self._registry
        found = await registry.brp_personen([report.bsn])
        person = next((p for p in found if p.burgerservicenummer == report.bsn), None)
        if person is None:
            return DeathFacts(found=False)
        partners = [p.burgerservicenummer for p in person.partners if p.burgerservicenummer]
        custody = {
            g.minderjarige.burgerservicenummer: [
                h.burgerservicenummer
                for h in [*(g.ouders or []), *([g.ouder] if g.ouder else [])]
                if h.burgerservicenummer and h.burgerservicenummer != report.bsn
            ]
            for g in person.gezag
            if g.minderjarige.burgerservicenummer
        }
        relatives = sorted({*partners, *(h for hs in custody.values() for h in hs)})
        object_id = person.adresseerbaar_object_identificatie

        async def none() -> list[Any]:
            return []

        kin, residents, others = await asyncio.gather(
            registry.brp_personen(relatives) if relatives else none(),
            registry.brp_bewoners(object_id) if object_id else none(),
            person_facts(registry, report.bsn),
        )
        alive = {p.burgerservicenummer for p in kin if p.overlijden is None}
        naam = person.naam
        geboorte = person.geboorte
        return DeathFacts(
            found=True,
            surname=naam.geslachtsnaam if naam else None,
            born=geboorte.datum.datum if geboorte and geboorte.datum else None,
            already_deceased=person.overlijden is not None,
            in_onderzoek=person.in_onderzoek is not None,
            orphaned_minors=[m for m, hs in custody.items() if not set(hs) & alive],
            living_partners=[p for p in partners if p in alive],
            lived_alone=object_id is not None
            and not [r for r in residents if r.burgerservicenummer != report.bsn],
            others=others,
        )

    @activity.defn(name="bench.peer.death.draw_up_deed")
    async def draw_up_deed(self, step: DeathStep) -> str:
        """Have the registrar draw up the deed of death; returns its number."""
        r = step.report
        request = AkteVanOverlijdenCreate(
            burgerservicenummer=r.bsn,
            geslachtsnaam=r.deceased.geslachtsnaam,
            geboortedatum=r.deceased.geboortedatum,
            datum_overlijden=r.date_of_death,
            gemeente_overlijden=r.place_of_death,
        )
        done = await self._registry.burgerlijke_stand_akte_opmaken(
            request, idempotency_key=step.key
        )
        return done.aktenummer

    @activity.defn(name="bench.peer.death.issue_disposal_permit")
    async def issue_disposal_permit(self, step: DeathStep) -> str:
        """Issue the permit for the burial or cremation; returns its number."""
        disposal = step.report.disposal
        request = VerlofCreate(aktenummer=_deed(step), soort=disposal.kind, datum=disposal.date)
        done = await self._registry.burgerlijke_stand_verlof_afgeven(
            request, idempotency_key=step.key
        )
        return done.verlofnummer

    @activity.defn(name="bench.peer.death.brp_record_death")
    async def brp_record_death(self, step: DeathStep) -> str:
        """Record the death in the BRP from the deed."""
        r = step.report
        request = OverlijdenCreate(
            burgerservicenummer=r.bsn,
            datum_overlijden=r.date_of_death,
            gemeente_overlijden=r.place_of_death,
            aktenummer=_deed(step),
        )
        done = await self._registry.brp_overlijden(request, idempotency_key=step.key)
        return done.id

    @activity.defn(name="bench.peer.death.notify")
    async def notify(self, step: DeathStep) -> str:
        """Tell the Belastingdienst, Toeslagen, DUO or the RDW (`params["registry"]`)."""
        send = {
            "belastingdienst": self._registry.belastingdienst_overlijdensmelding,
            "toeslagen": self._registry.toeslagen_overlijdensmelding,
            "duo": self._registry.duo_overlijdensmelding,
            "rdw": self._registry.rdw_overlijdensmelding,
        }[step.params["registry"]]
        request = OverlijdensmeldingCreate(
            burgerservicenummer=step.subject,
            datum_overlijden=step.report.date_of_death,
            aktenummer=step.deed,
        )
        done = await send(request, idempotency_key=step.key)
        return done.id

    @activity.defn(name="bench.peer.death.end_parking_permit")
    async def end_parking_permit(self, step: DeathStep) -> str:
        """End the deceased's parking permit on the day of death."""
        request = ParkeervergunningBeeindigingCreate(
            burgerservicenummer=step.subject,
            vergunningnummer=step.params["vergunningnummer"],
            einddatum=step.report.date_of_death,
        )
        done = await self._registry.gemeente_parkeervergunning_beeindigen(
            request, idempotency_key=step.key
        )
        return done.id

    @activity.defn(name="bench.peer.death.stop_taxes")
    async def stop_taxes(self, step: DeathStep) -> str:
        """Stop the municipal taxes of someone who lived alone, on the day of death."""
        request = BelastingBeeindigingCreate(
            burgerservicenummer=step.subject,
            gemeentecode=step.params["gemeentecode"],
            einddatum=step.report.date_of_death,
        )
        done = await self._registry.gemeente_belasting_beeindigen(request, idempotency_key=step.key)
        return done.id

    @activity.defn(name="bench.peer.death.partner_letter")
    async def partner_letter(self, step: DeathStep) -> str:
        """Send the surviving partner a letter."""
        request = BerichtCreate(
            burgerservicenummer=step.subject,
            onderwerp="Gecondoleerd",
            inhoud="Wij hebben het overlijden van uw partner verwerkt.",
        )
        done = await self._registry.berichtenbox_bezorgen(request, idempotency_key=step.key)
        return done.id

    @activity.defn(name="bench.peer.death.undertaker_message")
    async def undertaker_message(self, step: DeathStep) -> str:
        """Send the undertaker the deed's and the permit's numbers."""
        request = UitvaartberichtCreate(
            ontvanger=step.report.reporter,
            burgerservicenummer=step.report.bsn,
            onderwerp="Akte en verlof",
            inhoud="De akte van overlijden is opgemaakt en het verlof is afgegeven.",
            aktenummer=step.deed,
            verlofnummer=step.permit,
        )
        done = await self._registry.burgerlijke_stand_uitvaartbericht(
            request, idempotency_key=step.key
        )
        return done.id


def _deed(step: DeathStep) -> str:
    if step.deed is None:
        raise ValueError("no deed of death was drawn up")
    return step.deed


STEPS: dict[str, Callable[[DeathActivities, DeathStep], Awaitable[str]]] = {
    "draw_up_deed": DeathActivities.draw_up_deed,
    "issue_disposal_permit": DeathActivities.issue_disposal_permit,
    "brp_record_death": DeathActivities.brp_record_death,
    "notify": DeathActivities.notify,
    "end_parking_permit": DeathActivities.end_parking_permit,
    "stop_taxes": DeathActivities.stop_taxes,
    "partner_letter": DeathActivities.partner_letter,
    "undertaker_message": DeathActivities.undertaker_message,
}
"""The activity of each step kind."""


def last_disposal_day(died: date) -> date:
    """The sixth working day (Monday to Friday) after the death."""
    day, left = died, LAST_WORKING_DAY
    while left:
        day += timedelta(days=1)
        left -= day.weekday() < 5
    return day


def approvals_needed(report: DeathInput, facts: DeathFacts) -> int:
    """The rule check: the deed's approval, one more per normal gate, two per high-risk one."""
    needed = 1  # the registrar draws up the deed
    if not facts.found:
        return needed + 1
    if (
        facts.surname != report.deceased.geslachtsnaam
        or facts.born != report.deceased.geboortedatum
    ):
        needed += 2
    if report.manner == "non_natural":
        needed += 2
    died, disposal = report.date_of_death, report.disposal.date
    if disposal <= died + timedelta(days=1) or disposal > last_disposal_day(died):
        needed += 1
    if facts.orphaned_minors:
        needed += 2
    needed += facts.already_deceased + facts.in_onderzoek
    return needed


def steps_of(report: DeathInput, facts: DeathFacts) -> list[tuple[str, str, dict[str, str]]]:
    """The steps the facts call for, in order: deed, permit, registries, the undertaker last."""
    bsn = report.bsn
    calls: list[tuple[str, str, dict[str, str]]] = [
        ("draw_up_deed", bsn, {}),
        ("issue_disposal_permit", bsn, {}),
    ]
    others = facts.others
    if facts.found and not facts.already_deceased and others is not None:
        calls.append(("brp_record_death", bsn, {}))
        calls.append(("notify", bsn, {"registry": "belastingdienst"}))
        if others.benefits:
            calls.append(("notify", bsn, {"registry": "toeslagen"}))
        if others.student_finance:
            calls.append(("notify", bsn, {"registry": "duo"}))
        if others.vehicles:
            calls.append(("notify", bsn, {"registry": "rdw"}))
        for permit in others.permits:
            if permit.active:
                calls.append(("end_parking_permit", bsn, {"vergunningnummer": permit.number}))
        if facts.lived_alone:
            for code in others.taxed_by:
                calls.append(("stop_taxes", bsn, {"gemeentecode": code}))
        for partner in facts.living_partners:
            calls.append(("partner_letter", partner, {}))
    calls.append(("undertaker_message", bsn, {}))
    return calls


@workflow.defn(name=WORKFLOW)
class BenchPeerDeath(PeerGate):
    """A report of a death as plain Temporal: look up, check, wait for approvals, apply."""

    @workflow.run
    async def run(self, report: DeathInput) -> PeerResult:
        """Run the case to its end."""
        facts = await workflow.execute_activity_method(
            DeathActivities.lookups,
            report,
            start_to_close_timeout=ACTIVITY_TIMEOUT,
            retry_policy=RETRY,
        )
        needed = await self.wait_for_approvals(approvals_needed(report, facts))
        calls = steps_of(report, facts)
        deed: str | None = None
        permit: str | None = None
        for n, (kind, subject, params) in enumerate(calls):
            step = DeathStep(
                kind=kind,
                key=step_key(report.case_id, n, kind, subject),
                subject=subject,
                report=report,
                deed=deed,
                permit=permit,
                params=params,
            )
            done = await workflow.execute_activity_method(
                STEPS[kind], step, start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=RETRY
            )
            if kind == "draw_up_deed":
                deed = done
            elif kind == "issue_disposal_permit":
                permit = done
        await self.finish()
        return PeerResult(decisions=needed, steps=[kind for kind, _, _ in calls])


def activities(registry: RegistryClient) -> list[Callable[..., Any]]:
    """The activities the worker registers for this workflow, bound to `registry`."""
    bound = DeathActivities(registry)
    return [bound.lookups, *(getattr(bound, m.__name__) for m in STEPS.values())]
