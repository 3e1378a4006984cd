"""The change of address's domain: the request, the facts, the plan, the step kinds and rules.

The agent, the workflow, the policy and the API all speak these types. They stand on the core
and the registry contract only, so the agent (a lower layer) may import them too.

`MoveRequest` is the reported move. `MoveFacts` is everything the look-up tools fetched from
the registries; only the tool node writes it, from registry responses, so the policy can check
a plan against data the model could not have made up. `MovePlan` is the model's draft: the
administrative steps, its concerns and two texts. `steps_called_for` holds the rules that
decide which steps a move needs; the policy applies them to the facts, the agent's scripted
planner to what it read in the conversation.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, AliasChoices, BaseModel, ConfigDict, Field

from burgerflow.core.bsn import is_valid_bsn
from burgerflow.registry.schemas.bag import AdresPublic, VerblijfsobjectPublic
from burgerflow.registry.schemas.brp import PersoonPublic
from burgerflow.registry.schemas.duo import StudiefinancieringPublic
from burgerflow.registry.schemas.gemeente import BelastingenPublic, ParkeervergunningenPublic
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


class NewAddress(BaseModel):
    """The address the citizen moves to, as reported (BAG `adressen` search terms)."""

    model_config = ConfigDict(frozen=True)

    postcode: str = Field(pattern=r"^[1-9][0-9]{3}[A-Z]{2}$", description="E.g. 1012AB.")
    huisnummer: int = Field(ge=1, le=99999)
    huisletter: str | None = Field(default=None, max_length=1)
    huisnummertoevoeging: str | None = Field(default=None, max_length=4)


class MoveRequest(BaseModel):
    """A reported change of address, validated at intake.

    Named as in the report and the case (`bsn`, `co_movers`); histories recorded before
    carry `reporter_bsn` and `co_mover_bsns`, which still read.

    Attributes:
        bsn: Who reports (and moves).
        co_movers: Who moves along (partner, children, ...), without the reporter.
        new_address: The new address.
        move_date: The day of the move.
    """

    model_config = ConfigDict(frozen=True)

    bsn: Bsn = Field(validation_alias=AliasChoices("bsn", "reporter_bsn"))
    co_movers: list[Bsn] = Field(
        default_factory=list, validation_alias=AliasChoices("co_movers", "co_mover_bsns")
    )
    new_address: NewAddress
    move_date: date

    @property
    def mover_bsns(self) -> list[str]:
        """The reporter first, then the co-movers, without duplicates."""
        return list(dict.fromkeys([self.bsn, *self.co_movers]))


class StepKind(StrEnum):
    """The administrative steps of a change of address."""

    BRP_REGISTER_ADDRESS = "brp_register_address"
    NOTIFY_BELASTINGDIENST = "notify_belastingdienst"
    NOTIFY_TOESLAGEN = "notify_toeslagen"
    NOTIFY_DUO = "notify_duo"
    NOTIFY_RDW = "notify_rdw"
    GEMEENTE_STOP_TAXES = "gemeente_stop_taxes"
    GEMEENTE_START_TAXES = "gemeente_start_taxes"
    END_PARKING_PERMIT = "end_parking_permit"
    CITIZEN_MESSAGE = "citizen_message"


class PlannedStep(BaseModel):
    """One administrative step of the plan.

    Attributes:
        kind: What to do.
        subject: The BSN of the person the step is about (the reporter for the message).
        params: Step details, e.g. `{"gemeentecode": "0363"}` or `{"vergunningnummer": "..."}`.
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


class MovePlan(BaseModel):
    """The agent's draft: the steps to take, its concerns and two texts.

    Attributes:
        steps: The administrative steps, in execution order, the citizen message last.
        concerns: Points for a caseworker; each becomes an `agent_flag` gate.
        caseworker_summary: A short summary of the case for the caseworker.
        citizen_message: The message to the citizen in plain language (B1 Dutch).
    """

    steps: list[PlannedStep] = Field(min_length=1)
    concerns: list[Concern] = Field(default_factory=list)
    caseworker_summary: str = Field(min_length=1)
    citizen_message: str = Field(min_length=1)


class AddressFacts(BaseModel):
    """The new address as BAG and BRP know it.

    Attributes:
        found: Whether BAG has the address.
        adres: The BAG address (None when not found).
        object: Its addressable object: use, surface, status (None when not found).
        residents: The persons BRP has registered at the object now.
    """

    found: bool
    adres: AdresPublic | None = None
    object: VerblijfsobjectPublic | None = None
    residents: list[PersoonPublic] = Field(default_factory=list)


class LookupFailure(BaseModel):
    """A look-up the registry refused (4xx), recorded as a fact.

    Attributes:
        tool: The look-up tool.
        subject: The BSN it was about, if any.
        status: The HTTP status.
        detail: The registry's explanation.
    """

    tool: str
    subject: str | None = None
    status: int
    detail: str


class MoveFacts(BaseModel):
    """Everything the look-up tools fetched for one move, keyed by the movers' BSNs.

    A mapping has a key for every mover that was looked up, so an empty list means "looked
    up, nothing found" and a missing key means "not looked up".

    Attributes:
        request: The move the facts are about.
        persons: BRP persons of the reporter and the co-movers.
        address: The new address, its object and its residents (None: not looked up).
        toeslagen: Benefits per mover (Toeslagen).
        studiefinanciering: Student finance per mover (DUO).
        voertuigen: Vehicles registered per mover (RDW).
        belastingen: Municipal taxes per mover (gemeente).
        parkeervergunningen: Parking permits per mover (gemeente).
        failures: Look-ups the registries refused.
    """

    request: MoveRequest
    persons: dict[str, PersoonPublic] = Field(default_factory=dict)
    address: AddressFacts | None = None
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

    @property
    def co_movers(self) -> list[PersoonPublic]:
        """The co-movers' BRP records that were looked up, in request order."""
        return [self.persons[b] for b in self.request.co_movers if b in self.persons]

    def missing(self) -> list[str]:
        """The look-ups still to do, as `tool` or `tool:BSN`; empty when the facts are complete.

        A look-up the registry refused counts as done: it is recorded in `failures`.
        """
        failed = {(f.tool, f.subject) for f in self.failures}
        todo: list[str] = []
        if self.address is None and ("lookup_address", None) not in failed:
            todo.append("lookup_address")
        per_mover: list[tuple[str, dict[str, object]]] = [
            ("lookup_persons", dict(self.persons)),
            ("lookup_toeslagen", dict(self.toeslagen)),
            ("lookup_studiefinanciering", dict(self.studiefinanciering)),
            ("lookup_voertuigen", dict(self.voertuigen)),
            ("lookup_belastingen", dict(self.belastingen)),
            ("lookup_parkeervergunningen", dict(self.parkeervergunningen)),
        ]
        for tool, found in per_mover:
            todo.extend(
                f"{tool}:{bsn}"
                for bsn in self.request.mover_bsns
                if bsn not in found and (tool, bsn) not in failed
            )
        return todo


# The steps a move calls for -----------------------------------------------------------------

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
        municipality: Gemeentecode of the municipality they are registered in now.
        address: The address they live at now.
        benefits: The kinds of their running benefits (Toeslagen).
        student_finance: Whether they receive student finance (DUO).
        vehicles: The kentekens registered to them (RDW).
        taxes: Their municipal tax liabilities.
        permits: Their parking permits.
    """

    subject: str
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
        params: The parameters that follow from the facts, in the circumstances'
            identifiers: the new address's object (`adresseerbaar_object_identificatie`),
            the municipality (`gemeentecode`) or the permit (`vergunningnummer`).
        benefits: The running benefits behind a `notify_toeslagen` step.
        vehicles: The kentekens behind a `notify_rdw` step.
    """

    kind: StepKind
    subject: str
    params: dict[str, ParamValue] = field(default_factory=dict)
    benefits: Sequence[str] = ()
    vehicles: Sequence[str] = ()


def steps_called_for(
    movers: Sequence[MoverCircumstances],
    *,
    reporter: str,
    new_object: str | None,
    new_municipality: str | None,
) -> list[StepCall]:
    """The administrative steps a move calls for, in execution order (the message last).

    Per mover, and only when BAG ties the new address to an object (without one there is
    nothing to register at: a caseworker handles the address first): BRP registration; the
    Belastingdienst; Toeslagen, DUO and RDW for a mover with running benefits, student
    finance or vehicles; municipal taxes stopped at the old and started at the new
    municipality for a mover with running taxes at the old one, when the municipality
    changes; every active parking permit tied to the mover's current address ended. Then the
    citizen message to the reporter.

    Args:
        movers: The movers BRP knows, the reporter first.
        reporter: Who reported the move.
        new_object: The new address's BAG object; None when BAG has none.
        new_municipality: Gemeentecode of the new address, when known.

    Returns:
        The steps, in the identifiers of `movers`.
    """
    people = list(movers) if new_object else []
    steps: list[StepCall] = []
    for mover in people:
        steps.append(
            StepCall(
                StepKind.BRP_REGISTER_ADDRESS,
                mover.subject,
                {"adresseerbaar_object_identificatie": new_object},
            )
        )
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
        old = mover.municipality
        running = [t for t in mover.taxes if t.status == RUNNING_TAX and t.municipality == old]
        if not running or new_municipality is None or old is None or old == new_municipality:
            continue
        steps.append(StepCall(StepKind.GEMEENTE_STOP_TAXES, mover.subject, {"gemeentecode": old}))
        steps.append(
            StepCall(
                StepKind.GEMEENTE_START_TAXES,
                mover.subject,
                {
                    "gemeentecode": new_municipality,
                    "adresseerbaar_object_identificatie": new_object,
                },
            )
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
    steps.append(StepCall(StepKind.CITIZEN_MESSAGE, reporter))
    return steps
