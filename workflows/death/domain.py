"""The report of a death's domain: the request, the facts, the plan, the step kinds and rules.

The agent, the workflow, the policy and the API all speak these types. They stand on the core
and the registry contract only, so the agent (a lower layer) may import them too.

`DeathRequest` is the reported death. `DeathFacts` is everything the look-up tools fetched:
the deceased as BRP knows them (deceased persons included), their partners and the other
custody holders of their minor children, who else is registered at their address, and their
benefits, student finance, vehicles, municipal taxes and parking permits. Only the tool node
writes it, from registry responses. `DeathPlan` is the model's draft: the steps, its
concerns and a summary for the caseworker. `steps_called_for` holds the rules that decide
which steps a death calls for; the policy applies them to the facts, the agent's scripted
planner to what it read in the conversation.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from burgerflow.core.bsn import is_valid_bsn
from burgerflow.registry.schemas.brp import PersoonPublic
from burgerflow.registry.schemas.burgerlijke_stand import DisposalKind
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


class Manner(StrEnum):
    """How the person died, as the doctor states it."""

    NATURAL = "natural"
    NON_NATURAL = "non_natural"


class Deceased(BaseModel):
    """Who died, as the undertaker reports them (checked against the BRP)."""

    model_config = ConfigDict(frozen=True)

    geslachtsnaam: str = Field(min_length=1, max_length=200)
    geboortedatum: date


class Documents(BaseModel):
    """The statements the report rests on.

    Attributes:
        verklaring_van_overlijden: The doctor's statement of death (needed for a natural
            death).
        verklaring_van_geen_bezwaar: The public prosecutor's statement of no objection
            (needed for a death that is not natural).
    """

    model_config = ConfigDict(frozen=True)

    verklaring_van_overlijden: bool = False
    verklaring_van_geen_bezwaar: bool = False


class Disposal(BaseModel):
    """The burial or cremation: which, on what day and, when known, at what time."""

    model_config = ConfigDict(frozen=True)

    kind: DisposalKind
    date: dt.date
    time: dt.time | None = None


class DeathRequest(BaseModel):
    """A reported death, validated at intake; named as in the report and the case.

    Attributes:
        bsn: The deceased.
        deceased: Their surname and date of birth as reported.
        date_of_death: The day of death.
        time_of_death: The time of death, when reported.
        place_of_death: The municipality of death (gemeentecode): the case is its.
        manner: Natural or not.
        documents: The statements reported.
        disposal: The burial or cremation.
    """

    model_config = ConfigDict(frozen=True)

    bsn: Bsn
    deceased: Deceased
    date_of_death: date
    time_of_death: time | None = None
    place_of_death: str = Field(pattern=r"^[0-9]{4}$")
    manner: Manner
    documents: Documents = Field(default_factory=Documents)
    disposal: Disposal


class StepKind(StrEnum):
    """The administrative steps after a death."""

    DRAW_UP_DEED = "draw_up_deed"
    ISSUE_DISPOSAL_PERMIT = "issue_disposal_permit"
    BRP_RECORD_DEATH = "brp_record_death"
    NOTIFY_BELASTINGDIENST = "notify_belastingdienst"
    NOTIFY_TOESLAGEN = "notify_toeslagen"
    NOTIFY_DUO = "notify_duo"
    NOTIFY_RDW = "notify_rdw"
    END_PARKING_PERMIT = "end_parking_permit"
    GEMEENTE_STOP_TAXES = "gemeente_stop_taxes"
    PARTNER_LETTER = "partner_letter"
    UNDERTAKER_MESSAGE = "undertaker_message"


class PlannedStep(BaseModel):
    """One administrative step of the plan.

    Attributes:
        kind: What to do.
        subject: The BSN of the person the step is about: the deceased, or the surviving
            partner for the letter.
        params: Step details, e.g. `{"vergunningnummer": "..."}` or `{"gemeentecode": "0363"}`.
        rationale: Why the step is needed, citing the facts.
    """

    kind: StepKind
    subject: str | None = Field(default=None, pattern=r"^[0-9]{9}$")
    params: dict[str, ParamValue] = Field(default_factory=dict)
    rationale: str = Field(min_length=1)


class Concern(BaseModel):
    """Something the agent wants a caseworker to look at; it becomes an `agent_flag` gate."""

    topic: str = Field(min_length=1, max_length=64)
    subject: str | None = Field(default=None, pattern=r"^[0-9]{9}$")
    rationale: str = Field(min_length=1)


class DeathPlan(BaseModel):
    """The agent's draft: the steps to take, its concerns and a summary for the caseworker.

    The letters (to the surviving partner, to the undertaker) are the municipality's fixed
    texts, filled in by the workflow: a model does not write to the bereaved.
    """

    steps: list[PlannedStep] = Field(min_length=1)
    concerns: list[Concern] = Field(default_factory=list)
    caseworker_summary: str = Field(min_length=1)


class LookupFailure(BaseModel):
    """A look-up the registry refused (4xx), or a person BRP does not know, as a fact."""

    tool: str
    subject: str | None = None
    status: int
    detail: str


LOOKUP_DECEASED = "lookup_deceased"
LOOKUP_RELATIVES = "lookup_relatives"
LOOKUP_HOUSEHOLD = "lookup_household"
LOOKUP_TOESLAGEN = "lookup_toeslagen"
LOOKUP_STUDIEFINANCIERING = "lookup_studiefinanciering"
LOOKUP_VOERTUIGEN = "lookup_voertuigen"
LOOKUP_BELASTINGEN = "lookup_belastingen"
LOOKUP_PARKEERVERGUNNINGEN = "lookup_parkeervergunningen"
"""The look-ups a death needs, named as the agent's tools (the facts' `missing` speaks them)."""

REGISTER_LOOKUPS = (
    LOOKUP_TOESLAGEN,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_VOERTUIGEN,
    LOOKUP_BELASTINGEN,
    LOOKUP_PARKEERVERGUNNINGEN,
)
"""The look-ups of the deceased in the registries besides BRP."""


def _normalised(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def surname_matches(reported: str, person: PersoonPublic) -> bool:
    """Whether a reported surname is the BRP's, with or without its prefix (`van den`)."""
    naam = person.naam
    if naam is None:
        return False
    known = {_normalised(naam.geslachtsnaam)}
    if naam.voorvoegsel:
        known.add(_normalised(f"{naam.voorvoegsel} {naam.geslachtsnaam}"))
    return _normalised(reported) in known


def holders(gezag_ouders: Sequence[str | None]) -> list[str]:
    """The custody holders' BSNs of a custody relation, without blanks or repeats."""
    return list(dict.fromkeys(b for b in gezag_ouders if b))


def custody_of(person: PersoonPublic) -> list[tuple[str, list[str]]]:
    """The minors a person holds custody of, each with every holder of that custody."""
    found: list[tuple[str, list[str]]] = []
    bsn = person.burgerservicenummer
    for gezag in person.gezag:
        minor = gezag.minderjarige.burgerservicenummer
        named = [*(gezag.ouders or []), *([gezag.ouder] if gezag.ouder else [])]
        all_holders = holders([h.burgerservicenummer for h in named])
        if minor and minor != bsn and bsn in all_holders:
            found.append((minor, all_holders))
    return found


class DeathFacts(BaseModel):
    """Everything the look-up tools fetched for one death.

    `persons` holds the deceased and their relatives by BSN (a missing key: not looked up);
    the per-registry answers are the deceased's (None: not looked up).

    Attributes:
        request: The death the facts are about.
        persons: BRP records of the deceased, their partners and the other custody holders
            of their minor children (deceased persons included).
        household: The living persons BRP has registered at the deceased's address, the
            deceased left out (None: not looked up).
        toeslagen: The deceased's benefits (Toeslagen).
        studiefinanciering: Their student finance (DUO).
        voertuigen: The vehicles registered to them (RDW).
        belastingen: Their municipal taxes (gemeente).
        parkeervergunningen: Their parking permits (gemeente).
        failures: Look-ups the registries refused, and persons BRP does not know.
    """

    request: DeathRequest
    persons: dict[str, PersoonPublic] = Field(default_factory=dict)
    household: list[PersoonPublic] | None = None
    toeslagen: ToeslagenPublic | None = None
    studiefinanciering: StudiefinancieringPublic | None = None
    voertuigen: VoertuigenPublic | None = None
    belastingen: BelastingenPublic | None = None
    parkeervergunningen: ParkeervergunningenPublic | None = None
    failures: list[LookupFailure] = Field(default_factory=list)

    @property
    def deceased(self) -> PersoonPublic | None:
        """The deceased's BRP record, once looked up (None when BRP does not know them)."""
        return self.persons.get(self.request.bsn)

    def relatives(self) -> list[str]:
        """Who the deceased's record names that the facts need: partners, co-holders."""
        deceased = self.deceased
        if deceased is None:
            return []
        wanted = [p.burgerservicenummer for p in deceased.partners if p.burgerservicenummer]
        for _minor, all_holders in custody_of(deceased):
            wanted.extend(h for h in all_holders if h != deceased.burgerservicenummer)
        return [b for b in dict.fromkeys(wanted) if b != self.request.bsn]

    def address(self) -> str | None:
        """The BAG object the deceased was registered at, when known."""
        deceased = self.deceased
        return deceased.adresseerbaar_object_identificatie if deceased else None

    def missing(self) -> list[str]:
        """The look-ups still to do, as `tool` or `tool:BSN`; empty when the facts are complete.

        A look-up the registry refused counts as done: it is recorded in `failures`.
        """
        failed = {(f.tool, f.subject) for f in self.failures}
        bsn = self.request.bsn
        todo: list[str] = []
        if bsn not in self.persons and (LOOKUP_DECEASED, bsn) not in failed:
            todo.append(LOOKUP_DECEASED)
        todo.extend(
            f"{LOOKUP_RELATIVES}:{b}"
            for b in self.relatives()
            if b not in self.persons and (LOOKUP_RELATIVES, b) not in failed
        )
        if self.address() and self.household is None and (LOOKUP_HOUSEHOLD, None) not in failed:
            todo.append(LOOKUP_HOUSEHOLD)
        answers = {
            LOOKUP_TOESLAGEN: self.toeslagen,
            LOOKUP_STUDIEFINANCIERING: self.studiefinanciering,
            LOOKUP_VOERTUIGEN: self.voertuigen,
            LOOKUP_BELASTINGEN: self.belastingen,
            LOOKUP_PARKEERVERGUNNINGEN: self.parkeervergunningen,
        }
        todo.extend(
            tool for tool in REGISTER_LOOKUPS if answers[tool] is None and (tool, bsn) not in failed
        )
        return todo


# The steps a death calls for ----------------------------------------------------------------

RUNNING_TAX = "lopend"
"""Status of a municipal tax liability that runs."""

ACTIVE_PERMIT = "actief"
"""Status of a parking permit in force."""


@dataclass(frozen=True, slots=True)
class TaxLiability:
    """A municipal tax liability, as the step rules read it."""

    municipality: str
    status: str


@dataclass(frozen=True, slots=True)
class ParkingPermit:
    """A parking permit, as the step rules read it."""

    number: str
    status: str


@dataclass(frozen=True, slots=True)
class DeathCircumstances:
    """What the step rules read about a death.

    In the identifiers of whoever reads the facts: the policy fills it from the registries'
    answers (BSNs), the agent's scripted planner from the tool results it read (tokens);
    both then derive the steps with `steps_called_for`.

    Attributes:
        subject: The deceased.
        place_of_death: The municipality of death (gemeentecode).
        disposal: `begraven` or `cremeren`.
        in_brp: Whether BRP knows the deceased.
        already_deceased: Whether BRP already records their death.
        benefits: The kinds of their running benefits (Toeslagen).
        student_finance: Whether they received student finance (DUO).
        vehicles: The kentekens registered to them (RDW).
        permits: Their parking permits.
        taxes: Their municipal tax liabilities.
        lived_alone: Whether nobody else alive is registered at their address.
        surviving_partners: Their partners BRP knows who are alive.
    """

    subject: str
    place_of_death: str
    disposal: str
    in_brp: bool
    already_deceased: bool = False
    benefits: Sequence[str] = ()
    student_finance: bool = False
    vehicles: Sequence[str] = ()
    permits: Sequence[ParkingPermit] = ()
    taxes: Sequence[TaxLiability] = ()
    lived_alone: bool = False
    surviving_partners: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class StepCall:
    """A step the circumstances call for, before whoever derived it words its rationale.

    Attributes:
        kind: What to do.
        subject: Whom it is about (the deceased; the partner for the letter).
        params: What tells it apart: the municipality (`gemeentecode`), the permit
            (`vergunningnummer`) or the kind of disposal (`soort`).
        benefits: The running benefits behind a `notify_toeslagen` step.
        vehicles: The kentekens behind a `notify_rdw` step.
    """

    kind: StepKind
    subject: str
    params: dict[str, ParamValue] = field(default_factory=dict)
    benefits: Sequence[str] = ()
    vehicles: Sequence[str] = ()


def steps_called_for(death: DeathCircumstances) -> list[StepCall]:
    """The administrative steps a death calls for, in execution order (the undertaker last).

    Always: the registrar draws up the deed and issues the permit for burial or cremation.
    When BRP knows the deceased and does not yet record their death: BRP records it; the
    Belastingdienst is told, and Toeslagen, DUO and the RDW when there are running benefits,
    student finance or vehicles; every active parking permit ends; municipal taxes stop at
    each municipality that levies them when the deceased lived alone; each surviving partner
    gets a letter. Last, the undertaker gets the deed's and the permit's numbers. A death BRP
    already records, or of a person BRP does not know, has been or cannot be passed on: only
    the deed, the permit and the message to the undertaker.

    Args:
        death: What the rules read about the death.

    Returns:
        The steps, in the identifiers of `death`.
    """
    who = death.subject
    steps = [
        StepCall(StepKind.DRAW_UP_DEED, who, {"gemeentecode": death.place_of_death}),
        StepCall(StepKind.ISSUE_DISPOSAL_PERMIT, who, {"soort": death.disposal}),
    ]
    if death.in_brp and not death.already_deceased:
        steps.append(
            StepCall(StepKind.BRP_RECORD_DEATH, who, {"gemeentecode": death.place_of_death})
        )
        steps.append(StepCall(StepKind.NOTIFY_BELASTINGDIENST, who))
        if death.benefits:
            steps.append(StepCall(StepKind.NOTIFY_TOESLAGEN, who, benefits=death.benefits))
        if death.student_finance:
            steps.append(StepCall(StepKind.NOTIFY_DUO, who))
        if death.vehicles:
            steps.append(StepCall(StepKind.NOTIFY_RDW, who, vehicles=death.vehicles))
        for permit in death.permits:
            if permit.status == ACTIVE_PERMIT:
                steps.append(
                    StepCall(StepKind.END_PARKING_PERMIT, who, {"vergunningnummer": permit.number})
                )
        if death.lived_alone:
            levying = dict.fromkeys(t.municipality for t in death.taxes if t.status == RUNNING_TAX)
            for code in levying:
                steps.append(StepCall(StepKind.GEMEENTE_STOP_TAXES, who, {"gemeentecode": code}))
        for partner in death.surviving_partners:
            steps.append(StepCall(StepKind.PARTNER_LETTER, partner))
    steps.append(StepCall(StepKind.UNDERTAKER_MESSAGE, who))
    return steps
