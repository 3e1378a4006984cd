"""The emigration's domain: the request, the facts, the plan, the step kinds and their rules.

The agent, the workflow, the policy and the API all speak these types. They stand on the core
and the registry contract only, so the agent (a lower layer) may import them too.

`EmigrationRequest` is the reported departure. `EmigrationFacts` is everything the look-up
tools fetched from the registries; only the tool node writes it, from registry responses, so
the policy can check a plan against data the model could not have made up. `EmigrationPlan`
is the model's draft: the administrative steps, its concerns and two texts. `steps_called_for`
holds the rules that decide which steps an emigration needs; the policy applies them to the
facts, the agent's scripted planner to what it read in the conversation.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from burgerflow.core.bsn import is_valid_bsn
from burgerflow.registry.schemas.brp import (
    OPSCHORTING_EMIGRATIE,
    OPSCHORTING_OVERLIJDEN,
    PersoonPublic,
)
from burgerflow.registry.schemas.duo import StudiefinancieringPublic
from burgerflow.registry.schemas.gemeente import BelastingenPublic, ParkeervergunningenPublic
from burgerflow.registry.schemas.landen import CARIBISCHE_LANDEN
from burgerflow.registry.schemas.rdw import VoertuigenPublic
from burgerflow.registry.schemas.toeslagen import ToeslagenPublic


def _check_bsn(value: str) -> str:
    if not is_valid_bsn(value):
        raise ValueError("not a valid BSN (11-proef)")
    return value


Bsn = Annotated[str, AfterValidator(_check_bsn)]
"""A burgerservicenummer: nine digits passing the 11-proef."""

ParamValue = str | int | float | bool | list[str] | None
"""A value of `PlannedStep.params`: small and JSON-ready."""


class ForeignAddress(BaseModel):
    """The address abroad as reported: up to three free lines (the BRP's `regel1`..`regel3`)."""

    model_config = ConfigDict(frozen=True)

    regel1: str = Field(min_length=1, max_length=40, description="Street and number.")
    regel2: str | None = Field(default=None, max_length=50, description="Place and postcode.")
    regel3: str | None = Field(default=None, max_length=35, description="Region.")

    def line(self) -> str:
        """The address on one line, for people (never for IDs, logs or search attributes)."""
        return ", ".join(p for p in (self.regel1, self.regel2, self.regel3) if p)


class EmigrationRequest(BaseModel):
    """A reported emigration, validated at intake.

    Attributes:
        bsn: Who reports (and leaves).
        co_movers: Who leaves along (partner, children, ...), without the reporter.
        country: The country of destination (ISO 3166-1 alpha-2, not `NL`).
        foreign_address: The address abroad.
        departure_date: The day of departure.
    """

    model_config = ConfigDict(frozen=True)

    bsn: Bsn
    co_movers: list[Bsn] = Field(default_factory=list)
    country: str = Field(pattern=r"^[A-Z]{2}$")
    foreign_address: ForeignAddress
    departure_date: date

    @property
    def mover_bsns(self) -> list[str]:
        """The reporter first, then the co-movers, without duplicates."""
        return list(dict.fromkeys([self.bsn, *self.co_movers]))


def deregistration_date(departure: date, reported_on: date) -> date:
    """The day the BRP deregisters an emigrant: the departure, or the report when it came later.

    A report made in the days before departure takes effect on the day of departure; one made
    afterwards on the day the municipality receives it (Wet BRP art. 2.43).
    """
    return max(departure, reported_on)


def proof_free_of_charge(country: str) -> bool:
    """Whether the proof of deregistration is free: for Aruba, Curaçao, Sint Maarten and the
    BES islands."""
    return country in CARIBISCHE_LANDEN


class Lookup(StrEnum):
    """The registry look-ups of an emigration (the agent's look-up tools)."""

    PERSONS = "lookup_persons"
    HOUSEHOLD = "lookup_household"
    TOESLAGEN = "lookup_toeslagen"
    STUDIEFINANCIERING = "lookup_studiefinanciering"
    VOERTUIGEN = "lookup_voertuigen"
    BELASTINGEN = "lookup_belastingen"
    PARKEERVERGUNNINGEN = "lookup_parkeervergunningen"


class StepKind(StrEnum):
    """The administrative steps of an emigration."""

    BRP_REGISTER_EMIGRATION = "brp_register_emigration"
    NOTIFY_BELASTINGDIENST = "notify_belastingdienst"
    NOTIFY_TOESLAGEN = "notify_toeslagen"
    NOTIFY_DUO = "notify_duo"
    NOTIFY_RDW = "notify_rdw"
    GEMEENTE_STOP_TAXES = "gemeente_stop_taxes"
    END_PARKING_PERMIT = "end_parking_permit"
    CITIZEN_MESSAGE = "citizen_message"


class PlannedStep(BaseModel):
    """One administrative step of the plan.

    Attributes:
        kind: What to do.
        subject: The BSN of the person the step is about (the reporter for the message).
        params: Step details, e.g. `{"land": "BE"}`, `{"gemeentecode": "0363"}`,
            `{"vergunningnummer": "..."}` or `{"kosteloos": true}`.
        rationale: Why the step is needed, citing the facts.
    """

    kind: StepKind
    subject: str | None = Field(default=None, pattern=r"^[0-9]{9}$")
    params: dict[str, ParamValue] = Field(default_factory=dict)
    rationale: str = Field(min_length=1)


class Concern(BaseModel):
    """Something the agent wants a caseworker to look at; it becomes an `agent_flag` gate.

    Attributes:
        topic: A short label, e.g. `lookup_failed` or `household`.
        subject: The BSN the concern is about, if it is about one person.
        rationale: What the agent noticed and why it matters.
    """

    topic: str = Field(min_length=1, max_length=64)
    subject: str | None = Field(default=None, pattern=r"^[0-9]{9}$")
    rationale: str = Field(min_length=1)


class EmigrationPlan(BaseModel):
    """The agent's draft: the steps to take, its concerns and two texts.

    Attributes:
        steps: The administrative steps, in execution order, the citizen message last.
        concerns: Points for a caseworker; each becomes an `agent_flag` gate.
        caseworker_summary: A short summary of the case for the caseworker.
        citizen_message: The message to the reporter in plain language (B1 Dutch).
    """

    steps: list[PlannedStep] = Field(min_length=1)
    concerns: list[Concern] = Field(default_factory=list)
    caseworker_summary: str = Field(min_length=1)
    citizen_message: str = Field(min_length=1)


class LookupFailure(BaseModel):
    """A look-up the registry refused (4xx), or a mover BRP does not know, recorded as a fact.

    Attributes:
        tool: The look-up.
        subject: The BSN it was about, if any.
        status: The HTTP status (404 for a mover BRP does not know).
        detail: The registry's explanation.
    """

    tool: str
    subject: str | None = None
    status: int
    detail: str


class Resident(BaseModel):
    """Someone BRP has registered at a mover's address: who, and how old.

    Attributes:
        burgerservicenummer: Their BSN.
        leeftijd: Their age, when BRP gives it.
    """

    burgerservicenummer: str
    leeftijd: int | None = None


PER_MOVER_LOOKUPS: tuple[Lookup, ...] = tuple(Lookup)
"""Every look-up takes the movers; `EmigrationFacts.missing` names them as `tool:BSN`."""


class EmigrationFacts(BaseModel):
    """Everything the look-up tools fetched for one emigration, keyed by the movers' BSNs.

    A mapping has a key for every mover that was looked up, so an empty list means "looked
    up, nothing found" and a missing key means "not looked up".

    Attributes:
        request: The emigration the facts are about.
        persons: BRP persons of the reporter and the co-movers.
        households: Per mover, everyone BRP has registered at their current address (the
            mover included; empty for a mover without an address here).
        toeslagen: Benefits per mover (Toeslagen).
        studiefinanciering: Student finance per mover (DUO).
        voertuigen: Vehicles registered per mover (RDW).
        belastingen: Municipal taxes per mover (gemeente).
        parkeervergunningen: Parking permits per mover (gemeente).
        failures: Look-ups the registries refused, and movers BRP does not know.
    """

    request: EmigrationRequest
    persons: dict[str, PersoonPublic] = Field(default_factory=dict)
    households: dict[str, list[Resident]] = Field(default_factory=dict)
    toeslagen: dict[str, ToeslagenPublic] = Field(default_factory=dict)
    studiefinanciering: dict[str, StudiefinancieringPublic] = Field(default_factory=dict)
    voertuigen: dict[str, VoertuigenPublic] = Field(default_factory=dict)
    belastingen: dict[str, BelastingenPublic] = Field(default_factory=dict)
    parkeervergunningen: dict[str, ParkeervergunningenPublic] = Field(default_factory=dict)
    failures: list[LookupFailure] = Field(default_factory=list)

    @property
    def reporter(self) -> PersoonPublic | None:
        """The reporter's BRP record, once looked up."""
        return self.persons.get(self.request.bsn)

    def group(self, lookup: Lookup) -> dict[str, object]:
        """The facts one look-up fills, by mover."""
        groups: dict[Lookup, dict[str, object]] = {
            Lookup.PERSONS: dict(self.persons),
            Lookup.HOUSEHOLD: dict(self.households),
            Lookup.TOESLAGEN: dict(self.toeslagen),
            Lookup.STUDIEFINANCIERING: dict(self.studiefinanciering),
            Lookup.VOERTUIGEN: dict(self.voertuigen),
            Lookup.BELASTINGEN: dict(self.belastingen),
            Lookup.PARKEERVERGUNNINGEN: dict(self.parkeervergunningen),
        }
        return groups[lookup]

    def missing(self) -> list[str]:
        """The look-ups still to do, as `tool:BSN`; empty when the facts are complete.

        A look-up the registry refused counts as done: it is recorded in `failures`.
        """
        failed = {(f.tool, f.subject) for f in self.failures}
        return [
            f"{lookup}:{bsn}"
            for lookup in PER_MOVER_LOOKUPS
            for bsn in self.request.mover_bsns
            if bsn not in self.group(lookup) and (str(lookup), bsn) not in failed
        ]


# Who is away, who stays --------------------------------------------------------------------

AWAY_CODES = frozenset({OPSCHORTING_EMIGRATIE, OPSCHORTING_OVERLIJDEN})
"""`opschortingBijhouding` reasons of a person who no longer lives here: emigrated or died."""


def is_away(person: PersoonPublic) -> bool:
    """Whether BRP has the person abroad already, or deceased."""
    abroad = person.verblijfplaats is not None and person.verblijfplaats.buitenland
    suspended = person.opschorting_bijhouding is not None and (
        person.opschorting_bijhouding.reden.code in AWAY_CODES
    )
    return abroad or suspended


# The steps an emigration calls for --------------------------------------------------------

RUNNING_TAX = "lopend"
"""Status of a municipal tax liability that runs."""

ACTIVE_PERMIT = "actief"
"""Status of a parking permit in force."""


@dataclass(frozen=True, slots=True)
class TaxLiability:
    """A municipal tax liability, as the step rules read it.

    Attributes:
        municipality: Gemeentecode of the municipality that levies it.
        status: `lopend` or `beeindigd`.
    """

    municipality: str
    status: str


@dataclass(frozen=True, slots=True)
class ParkingPermit:
    """A parking permit, as the step rules read it.

    Attributes:
        number: The vergunningnummer.
        address: The address it is tied to (an object id, or its token).
        status: `actief` or `beeindigd`.
    """

    number: str
    address: str
    status: str


@dataclass(frozen=True, slots=True)
class MoverCircumstances:
    """What the step rules read about one mover BRP knows.

    In the identifiers of whoever reads the facts: the policy fills it from the registries'
    answers (BSNs, BAG object ids), the agent's scripted planner from the tool results it
    read (tokens); both then derive the steps with `steps_called_for`.

    Attributes:
        subject: The mover.
        away: BRP has them abroad already, or deceased: there is nothing to deregister.
        municipality: Gemeentecode of the municipality they are registered in now.
        address: The address they live at now.
        benefits: The kinds of their running benefits (Toeslagen).
        student_finance: Whether they receive student finance (DUO).
        vehicles: The kentekens registered to them (RDW).
        taxes: Their municipal tax liabilities.
        permits: Their parking permits.
    """

    subject: str
    away: bool
    municipality: str | None
    address: str | None
    benefits: Sequence[str] = ()
    student_finance: bool = False
    vehicles: Sequence[str] = ()
    taxes: Sequence[TaxLiability] = ()
    permits: Sequence[ParkingPermit] = ()


@dataclass(frozen=True, slots=True)
class StepCall:
    """A step the circumstances call for, before whoever derived it words its rationale.

    Attributes:
        kind: What to do.
        subject: The mover it is about (the reporter for the citizen message).
        params: The parameters that follow from the facts: the country (`land`), the
            municipality (`gemeentecode`), the permit (`vergunningnummer`) or, for the
            message, whether the proof of deregistration is free (`kosteloos`).
        benefits: The running benefits behind a `notify_toeslagen` step.
        vehicles: The kentekens behind a `notify_rdw` step.
    """

    kind: StepKind
    subject: str
    params: dict[str, ParamValue] = field(default_factory=dict)
    benefits: Sequence[str] = ()
    vehicles: Sequence[str] = ()


def steps_called_for(
    movers: Sequence[MoverCircumstances], *, reporter: str, country: str
) -> list[StepCall]:
    """The administrative steps an emigration calls for, in execution order (message last).

    Per mover who is not abroad already: the emigration in the BRP (to `country`); the
    Belastingdienst; Toeslagen, DUO and RDW for a mover with running benefits, student
    finance or vehicles; municipal taxes stopped at the municipality they are registered in
    when they run there; every active parking permit tied to their current address ended.
    Then the message to the reporter, with the proof of deregistration (free of charge for
    the Caribbean parts of the Kingdom).

    Args:
        movers: The movers BRP knows, the reporter first.
        reporter: Who reported the emigration.
        country: The country of destination.

    Returns:
        The steps, in the identifiers of `movers`.
    """
    people = [m for m in movers if not m.away]
    steps: list[StepCall] = []
    for mover in people:
        steps.append(StepCall(StepKind.BRP_REGISTER_EMIGRATION, mover.subject, {"land": country}))
    for mover in people:
        steps.append(StepCall(StepKind.NOTIFY_BELASTINGDIENST, mover.subject))
    for mover in people:
        if mover.benefits:
            steps.append(
                StepCall(StepKind.NOTIFY_TOESLAGEN, mover.subject, benefits=mover.benefits)
            )
        if mover.student_finance:
            steps.append(StepCall(StepKind.NOTIFY_DUO, mover.subject))
        if mover.vehicles:
            steps.append(StepCall(StepKind.NOTIFY_RDW, mover.subject, vehicles=mover.vehicles))
    for mover in people:
        here = mover.municipality
        if here and any(t.status == RUNNING_TAX and t.municipality == here for t in mover.taxes):
            steps.append(
                StepCall(StepKind.GEMEENTE_STOP_TAXES, mover.subject, {"gemeentecode": here})
            )
    for mover in people:
        for permit in mover.permits:
            if permit.status == ACTIVE_PERMIT and permit.address == mover.address:
                steps.append(
                    StepCall(
                        StepKind.END_PARKING_PERMIT,
                        mover.subject,
                        {"vergunningnummer": permit.number},
                    )
                )
    steps.append(
        StepCall(StepKind.CITIZEN_MESSAGE, reporter, {"kosteloos": proof_free_of_charge(country)})
    )
    return steps


STEP_IDENTITY_PARAMS: dict[StepKind, tuple[str, ...]] = {
    StepKind.GEMEENTE_STOP_TAXES: ("gemeentecode",),
    StepKind.END_PARKING_PERMIT: ("vergunningnummer",),
    StepKind.CITIZEN_MESSAGE: ("kosteloos",),
}
"""The parameters that tell two steps of the same kind and subject apart (or that a plan
must get right: whether the proof of deregistration is free)."""


def step_identity(kind: StepKind, subject: str | None, params: dict[str, object]) -> str:
    """A stable label of a step for comparing a plan with the policy's expectation."""
    extra = [f"{k}={params.get(k)}" for k in STEP_IDENTITY_PARAMS.get(kind, ())]
    return ":".join([str(kind), subject or "-", *extra])
