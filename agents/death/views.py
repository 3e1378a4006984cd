"""What the model reads and writes: the request, each tool's result and the plan, in tokens.

The registries answer in full (`DeathFacts` keeps every answer for the policy); the model gets
a view of each answer with only what planning the steps after a death needs, and with every
BSN, name, date of birth and address replaced by its case-local token (`agents.pseudonyms`).
The reported surname never reaches it: the worker compares it with the BRP's and the view
says whether they match. The date of death and the disposal's day do reach it: the steps
and their deadlines hang on them.

The plan comes back the same way (`PlanDraft`, the `submit_death_plan` arguments) and is
decoded on the worker into a `DeathPlan` with BSNs and, in its texts, names.
"""

from typing import Annotated

from pydantic import BaseModel, Field, ValidationError

from agents.pseudonyms import PseudonymKind, Pseudonyms, UnknownPseudonym
from burgerflow.core.constants import MUNICIPALITIES
from burgerflow.registry.schemas.brp import (
    NaamGerelateerde,
    NaamPublic,
    PersoonPublic,
    VerblijfplaatsPublic,
)
from workflows.death.domain import (
    Concern,
    DeathPlan,
    DeathRequest,
    LookupFailure,
    ParamValue,
    PlannedStep,
    StepKind,
    custody_of,
)

PersonToken = Annotated[
    str, Field(pattern=r"^PERSON_[1-9][0-9]*$", description="A person token, e.g. PERSON_1.")
]
AddressToken = Annotated[
    str, Field(pattern=r"^ADDRESS_[1-9][0-9]*$", description="An address token, e.g. ADDRESS_1.")
]


# Names and address lines, as the tokens read in texts ----------------------------------------


def full_name(naam: NaamPublic | NaamGerelateerde | None) -> str | None:
    """A person's name as a letter names them, e.g. `Anna de Vries`."""
    if naam is None:
        return None
    if isinstance(naam, NaamPublic) and naam.volledige_naam:
        return naam.volledige_naam
    parts = [naam.voornamen, naam.voorvoegsel, naam.geslachtsnaam]
    return " ".join(p for p in parts if p) or None


def _residence_line(verblijfplaats: VerblijfplaatsPublic) -> str | None:
    adres = verblijfplaats.verblijfadres
    if adres is None:
        return None
    street = adres.officiele_straatnaam or adres.korte_straatnaam or ""
    number = f"{adres.huisnummer or ''}{adres.huisletter or ''}"
    if adres.huisnummertoevoeging:
        number += f"-{adres.huisnummertoevoeging}"
    postcode = f"{adres.postcode[:4]} {adres.postcode[4:]}" if adres.postcode else ""
    return f"{street} {number}, {postcode} {adres.woonplaats or ''}".strip()


def municipality_name(code: str | None) -> str | None:
    """The name of a municipality of the synthetic population, if it is one."""
    return MUNICIPALITIES.get(code) if code else None


# The request -------------------------------------------------------------------------------


class DisposalView(BaseModel):
    """The burial (`begraven`) or cremation (`cremeren`) as reported."""

    kind: str
    date: str = Field(description="ISO date.")
    time: str | None = Field(default=None, description="HH:MM, when reported.")


class RequestView(BaseModel):
    """The reported death, as the model reads it.

    Attributes:
        deceased: The deceased's token.
        reported_birth_date: The token of the date of birth the undertaker reported (the
            same token as the BRP's when they are the same day).
        date_of_death: ISO date of the death.
        time_of_death: HH:MM, when reported.
        place_of_death: Gemeentecode of the municipality of death (the case is its).
        place_of_death_name: Its name.
        manner: `natural` or `non_natural`.
        verklaring_van_overlijden: The doctor's statement is reported.
        verklaring_van_geen_bezwaar: The public prosecutor's statement is reported.
        disposal: The burial or cremation.
    """

    deceased: PersonToken
    reported_birth_date: str
    date_of_death: str
    time_of_death: str | None = None
    place_of_death: str
    place_of_death_name: str | None = None
    manner: str
    verklaring_van_overlijden: bool
    verklaring_van_geen_bezwaar: bool
    disposal: DisposalView


def request_view(request: DeathRequest, pseudonyms: Pseudonyms) -> RequestView:
    """Give the deceased and the reported date of birth their tokens (the first of the case)."""
    deceased = pseudonyms.person(request.bsn)
    return RequestView(
        deceased=deceased,
        reported_birth_date=pseudonyms.birthdate(request.deceased.geboortedatum),
        date_of_death=request.date_of_death.isoformat(),
        time_of_death=request.time_of_death.strftime("%H:%M") if request.time_of_death else None,
        place_of_death=request.place_of_death,
        place_of_death_name=municipality_name(request.place_of_death),
        manner=request.manner.value,
        verklaring_van_overlijden=request.documents.verklaring_van_overlijden,
        verklaring_van_geen_bezwaar=request.documents.verklaring_van_geen_bezwaar,
        disposal=DisposalView(
            kind=request.disposal.kind.value,
            date=request.disposal.date.isoformat(),
            time=request.disposal.time.strftime("%H:%M") if request.disposal.time else None,
        ),
    )


# Tool results ------------------------------------------------------------------------------


class FailureView(BaseModel):
    """A look-up the registry refused, or a person BRP does not know (404)."""

    lookup: str
    person: str | None = None
    status: int
    detail: str


def failure_views(failures: list[LookupFailure], pseudonyms: Pseudonyms) -> list[FailureView]:
    """The failures in tokens (a registry's explanation is scrubbed as well)."""
    return [
        FailureView(
            lookup=f.tool,
            person=pseudonyms.person(f.subject) if f.subject else None,
            status=f.status,
            detail=pseudonyms.scrub(f.detail),
        )
        for f in failures
    ]


class PartnerView(BaseModel):
    """A spouse (`H`) or registered partner (`P`)."""

    person: str
    kind: str | None = None


class CustodyView(BaseModel):
    """A minor in the deceased's custody, with every holder of that custody."""

    minor: str
    holders: list[str] = Field(default_factory=list)


class DeceasedView(BaseModel):
    """The deceased as BRP knows them, in tokens (`lookup_deceased`).

    Attributes:
        person: Their token.
        found: Whether BRP knows them.
        birth_date: Token of their date of birth in the BRP.
        surname_matches_report: Whether the reported surname is the BRP's.
        municipality: Gemeentecode of the municipality they were registered in.
        municipality_name: Its name.
        address: Token of the address they lived at.
        already_deceased: Whether BRP already records their death.
        brp_date_of_death: That death's ISO date.
        partners: Spouses and registered partners.
        children: Tokens of their children.
        custody: The minors in their custody.
        under_investigation: BRP's data about them are under investigation.
        failures: The look-up refused, or the person not in BRP.
    """

    person: str
    found: bool
    birth_date: str | None = None
    surname_matches_report: bool | None = None
    municipality: str | None = None
    municipality_name: str | None = None
    address: str | None = None
    already_deceased: bool = False
    brp_date_of_death: str | None = None
    partners: list[PartnerView] = Field(default_factory=list)
    children: list[str] = Field(default_factory=list)
    custody: list[CustodyView] = Field(default_factory=list)
    under_investigation: bool = False
    failures: list[FailureView] = Field(default_factory=list)


def _related(bsn: str | None, naam: NaamGerelateerde | None, pseudonyms: Pseudonyms) -> str | None:
    return pseudonyms.person(bsn, full_name(naam)) if bsn else None


def deceased_view(
    persoon: PersoonPublic, pseudonyms: Pseudonyms, *, surname_matches: bool
) -> DeceasedView:
    """The deceased's BRP record in tokens."""
    token = pseudonyms.person(persoon.burgerservicenummer, full_name(persoon.naam))
    born = persoon.geboorte.datum.datum if persoon.geboorte and persoon.geboorte.datum else None
    gemeente = persoon.gemeente_van_inschrijving
    address: str | None = None
    if persoon.verblijfplaats and persoon.verblijfplaats.adresseerbaar_object_identificatie:
        address = pseudonyms.address(
            persoon.verblijfplaats.adresseerbaar_object_identificatie,
            _residence_line(persoon.verblijfplaats),
        )
    died = (
        persoon.overlijden.datum.datum if persoon.overlijden and persoon.overlijden.datum else None
    )
    # Comprehension variables are named apart from `token`: a walrus binds in this scope.
    partners = [
        PartnerView(person=partner, kind=p.soort_verbintenis.code if p.soort_verbintenis else None)
        for p in persoon.partners
        if (partner := _related(p.burgerservicenummer, p.naam, pseudonyms))
    ]
    return DeceasedView(
        person=token,
        found=True,
        birth_date=pseudonyms.birthdate(born) if born else None,
        surname_matches_report=surname_matches,
        municipality=gemeente.code if gemeente else None,
        municipality_name=gemeente.omschrijving if gemeente else None,
        address=address,
        already_deceased=persoon.overlijden is not None,
        brp_date_of_death=died.isoformat() if died else None,
        partners=partners,
        children=[
            t
            for k in persoon.kinderen
            if (t := _related(k.burgerservicenummer, k.naam, pseudonyms))
        ],
        custody=[
            CustodyView(
                minor=pseudonyms.person(minor),
                holders=[pseudonyms.person(h) for h in holders],
            )
            for minor, holders in custody_of(persoon)
        ],
        under_investigation=persoon.in_onderzoek is not None,
    )


class RelativeView(BaseModel):
    """A relative of the deceased as BRP knows them: alive or not, and their age."""

    person: str
    alive: bool
    age: int | None = None


class RelativesView(BaseModel):
    """The result of `lookup_relatives`: the relatives BRP knows, and the ones it does not."""

    relatives: list[RelativeView] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


def relative_view(persoon: PersoonPublic, pseudonyms: Pseudonyms) -> RelativeView:
    """A relative's record in tokens."""
    return RelativeView(
        person=pseudonyms.person(persoon.burgerservicenummer, full_name(persoon.naam)),
        alive=persoon.overlijden is None,
        age=persoon.leeftijd,
    )


class HouseholdView(BaseModel):
    """The result of `lookup_household`: who else alive is registered at the address."""

    address: str
    others: list[str] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


class BenefitsView(BaseModel):
    """The deceased's benefits (Toeslagen): `running` are the kinds paid now."""

    person: str
    running: list[str] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


class StudentFinanceView(BaseModel):
    """Whether the deceased received student finance (DUO)."""

    person: str
    student_finance: bool = False
    failures: list[FailureView] = Field(default_factory=list)


class VehiclesView(BaseModel):
    """The number plates registered to the deceased (RDW)."""

    person: str
    kentekens: list[str] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


class TaxView(BaseModel):
    """One municipal tax liability."""

    municipality: str
    status: str


class TaxesView(BaseModel):
    """The deceased's municipal taxes (gemeente)."""

    person: str
    taxes: list[TaxView] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


class PermitView(BaseModel):
    """One parking permit."""

    vergunningnummer: str
    municipality: str
    status: str


class PermitsView(BaseModel):
    """The deceased's parking permits (gemeente)."""

    person: str
    permits: list[PermitView] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


# The plan ----------------------------------------------------------------------------------


class StepDraft(BaseModel):
    """One step of the plan, in tokens."""

    kind: StepKind
    subject: PersonToken | None = Field(
        default=None,
        description="The person the step is about: the deceased; the partner for the letter.",
    )
    params: dict[str, ParamValue] = Field(
        default_factory=dict,
        description="Step details, e.g. {'gemeentecode': '0363'} or {'vergunningnummer': '...'}.",
    )
    rationale: str = Field(min_length=1, description="Why, citing the tool results.")


class ConcernDraft(BaseModel):
    """A point for a caseworker, in tokens."""

    topic: str = Field(min_length=1, max_length=64, description="E.g. lookup_failed, identity.")
    subject: PersonToken | None = None
    rationale: str = Field(min_length=1)


class PlanDraft(BaseModel):
    """The plan as the model submits it (`submit_death_plan`): tokens, never BSNs or names.

    In the summary, write a person's token where the name goes; it is filled in before a
    caseworker reads it. The letters to the partner and the undertaker are the
    municipality's own: the plan only says who gets one."""

    steps: list[StepDraft] = Field(min_length=1)
    concerns: list[ConcernDraft] = Field(default_factory=list)
    caseworker_summary: str = Field(min_length=1, description="Short and factual.")


class PlanDecodingError(ValueError):
    """A submitted plan that cannot be read: invalid fields or tokens the case does not know."""


def _describe(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in e['loc']) or '(root)'}: {e['msg']}"
        for e in error.errors(include_url=False)
    )


def _person_bsn(token: str | None, pseudonyms: Pseudonyms) -> str | None:
    if token is None:
        return None
    return pseudonyms.resolve(token, PseudonymKind.PERSON).value


def decode_plan(raw: object, pseudonyms: Pseudonyms) -> DeathPlan:
    """Read the `submit_death_plan` arguments into a plan with BSNs and names.

    Raises:
        PlanDecodingError: The arguments do not fit `PlanDraft`, or use a token the case does
            not know (or a person without a name in a text).
    """
    try:
        draft = PlanDraft.model_validate(raw)
    except ValidationError as error:
        raise PlanDecodingError(_describe(error)) from error
    try:
        return DeathPlan(
            steps=[
                PlannedStep(
                    kind=step.kind,
                    subject=_person_bsn(step.subject, pseudonyms),
                    params={k: pseudonyms.decode_value(v) for k, v in step.params.items()},
                    rationale=pseudonyms.decode_text(step.rationale),
                )
                for step in draft.steps
            ],
            concerns=[
                Concern(
                    topic=c.topic,
                    subject=_person_bsn(c.subject, pseudonyms),
                    rationale=pseudonyms.decode_text(c.rationale),
                )
                for c in draft.concerns
            ],
            caseworker_summary=pseudonyms.decode_text(draft.caseworker_summary),
        )
    except UnknownPseudonym as error:
        raise PlanDecodingError(str(error)) from error
    except ValidationError as error:
        raise PlanDecodingError(_describe(error)) from error
