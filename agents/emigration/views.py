"""What the model reads and writes: the request, each tool's result and the plan, in tokens.

The registries answer in full (`EmigrationFacts` keeps every answer for the policy); the model
gets a view of each answer with only what planning an emigration needs, and with every BSN,
name, date of birth and address replaced by its case-local token (`agents.pseudonyms`): no
street, postcode, address abroad, benefit amount or tax assessment number leaves the worker.
The country of destination is no identifier and travels as its code and name.

The plan comes back the same way (`PlanDraft`, the plan tool's arguments) and is decoded on
the worker into an `EmigrationPlan` with BSNs and, in its texts, names and address lines.
"""

from typing import Annotated

from pydantic import BaseModel, Field, ValidationError

from agents.pseudonyms import PseudonymKind, PseudonymRole, Pseudonyms, UnknownPseudonym
from burgerflow.core.constants import MUNICIPALITIES
from burgerflow.registry.schemas.brp import (
    NaamGerelateerde,
    NaamPublic,
    PersoonPublic,
    VerblijfplaatsPublic,
)
from burgerflow.registry.schemas.landen import landnaam
from workflows.emigration.domain import (
    Concern,
    EmigrationPlan,
    EmigrationRequest,
    LookupFailure,
    ParamValue,
    PlannedStep,
    StepKind,
)

PersonToken = Annotated[
    str, Field(pattern=r"^PERSON_[1-9][0-9]*$", description="A person token, e.g. PERSON_1.")
]
AddressToken = Annotated[
    str, Field(pattern=r"^ADDRESS_[1-9][0-9]*$", description="An address token, e.g. ADDRESS_1.")
]

# Names and address lines, as the tokens read in texts ----------------------------------------


def full_name(naam: NaamPublic | NaamGerelateerde | None) -> str | None:
    """A person's name as a letter addresses them, e.g. `Anna de Vries`."""
    if naam is None:
        return None
    if isinstance(naam, NaamPublic) and naam.volledige_naam:
        return naam.volledige_naam
    parts = [naam.voornamen, naam.voorvoegsel, naam.geslachtsnaam]
    return " ".join(p for p in parts if p) or None


def residence_line(verblijfplaats: VerblijfplaatsPublic) -> str | None:
    """A Dutch residence as one line, e.g. `Teststraat 1, 1011 AA Amsterdam`."""
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


class RequestView(BaseModel):
    """The reported emigration, as the model reads it."""

    reporter: PersonToken
    co_movers: list[PersonToken] = Field(default_factory=list)
    country: str = Field(description="ISO 3166-1 alpha-2 code of the country of destination.")
    country_name: str = Field(description="Its Dutch name.")
    destination: AddressToken = Field(description="Token of the address abroad.")
    departure_date: str = Field(description="ISO date of departure.")
    deregistration_date: str = Field(
        description="ISO date from which the movers are deregistered (the departure, or the "
        "day of the report when it came later)."
    )


def request_view(
    request: EmigrationRequest, deregistration: str, pseudonyms: Pseudonyms
) -> RequestView:
    """Give the movers and the address abroad their tokens (the first ones of the case)."""
    reporter = pseudonyms.person(request.bsn, role=PseudonymRole.REPORTER)
    co_movers = [pseudonyms.person(bsn, role=PseudonymRole.CO_MOVER) for bsn in request.co_movers]
    destination = pseudonyms.reported_address(
        f"{request.foreign_address.line()}, {landnaam(request.country)}"
    )
    return RequestView(
        reporter=reporter,
        co_movers=co_movers,
        country=request.country,
        country_name=landnaam(request.country),
        destination=destination,
        departure_date=request.departure_date.isoformat(),
        deregistration_date=deregistration,
    )


# Tool results ------------------------------------------------------------------------------


class FailureView(BaseModel):
    """A look-up the registry refused, or a mover BRP does not know (status 404)."""

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
    """A custody relation over a minor."""

    type: str
    minor: str | None
    holders: list[str] = Field(default_factory=list)


class PersonView(BaseModel):
    """A person as BRP knows them, in tokens (`lookup_persons`).

    Attributes:
        person: Their token.
        birth_date: Token of their date of birth.
        age: Age in years.
        municipality: Gemeentecode of the municipality they are registered in (`1999`: the
            register of non-residents, RNI).
        municipality_name: Its name.
        address: Token of the Dutch address they live at now.
        abroad: BRP has them living abroad already.
        suspended: Why BRP stopped keeping their data (`E` emigrated, `O` deceased), if it did.
        partners: Spouses and registered partners.
        children: Tokens of their children.
        parents: Tokens of their parents.
        custody: Custody relations they are part of.
        under_investigation: BRP's data about them are under investigation.
        confidential: They asked for their data to be kept confidential.
    """

    person: str
    birth_date: str | None = None
    age: int | None = None
    municipality: str | None = None
    municipality_name: str | None = None
    address: str | None = None
    abroad: bool = False
    suspended: str | None = None
    partners: list[PartnerView] = Field(default_factory=list)
    children: list[str] = Field(default_factory=list)
    parents: list[str] = Field(default_factory=list)
    custody: list[CustodyView] = Field(default_factory=list)
    under_investigation: bool = False
    confidential: bool = False


def _related(bsn: str | None, naam: NaamGerelateerde | None, pseudonyms: Pseudonyms) -> str | None:
    return pseudonyms.person(bsn, full_name(naam)) if bsn else None


def person_view(persoon: PersoonPublic, pseudonyms: Pseudonyms) -> PersonView:
    """One BRP person in tokens."""
    token = pseudonyms.person(persoon.burgerservicenummer, full_name(persoon.naam))
    born = persoon.geboorte.datum.datum if persoon.geboorte and persoon.geboorte.datum else None
    gemeente = persoon.gemeente_van_inschrijving
    verblijf = persoon.verblijfplaats
    address: str | None = None
    if verblijf is not None and verblijf.adresseerbaar_object_identificatie:
        address = pseudonyms.address(
            verblijf.adresseerbaar_object_identificatie, residence_line(verblijf)
        )
    opschorting = persoon.opschorting_bijhouding
    # Comprehension variables are named apart from `token`: a walrus binds in this scope.
    return PersonView(
        person=token,
        birth_date=pseudonyms.birthdate(born) if born else None,
        age=persoon.leeftijd,
        municipality=gemeente.code if gemeente else None,
        municipality_name=gemeente.omschrijving if gemeente else None,
        address=address,
        abroad=bool(verblijf and verblijf.buitenland),
        suspended=opschorting.reden.code if opschorting else None,
        partners=[
            PartnerView(
                person=partner, kind=p.soort_verbintenis.code if p.soort_verbintenis else None
            )
            for p in persoon.partners
            if (partner := _related(p.burgerservicenummer, p.naam, pseudonyms))
        ],
        children=[
            t
            for k in persoon.kinderen
            if (t := _related(k.burgerservicenummer, k.naam, pseudonyms))
        ],
        parents=[
            t for o in persoon.ouders if (t := _related(o.burgerservicenummer, o.naam, pseudonyms))
        ],
        custody=[
            CustodyView(
                type=g.type,
                minor=_related(g.minderjarige.burgerservicenummer, None, pseudonyms),
                holders=[
                    t
                    for h in [*(g.ouders or []), *([g.ouder] if g.ouder else [])]
                    if (t := _related(h.burgerservicenummer, None, pseudonyms))
                ],
            )
            for g in persoon.gezag
        ],
        under_investigation=persoon.in_onderzoek is not None,
        confidential=bool(persoon.geheimhouding_persoonsgegevens),
    )


class PersonsView(BaseModel):
    """The result of `lookup_persons`: the movers BRP knows, and the ones it does not (404)."""

    persons: list[PersonView] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


class HouseholdView(BaseModel):
    """Who BRP has registered at a mover's current address (`address` None: none here)."""

    person: str
    address: str | None = None
    residents: list[str] = Field(default_factory=list)


class HouseholdsView(BaseModel):
    """The result of `lookup_household`."""

    results: list[HouseholdView] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


class BenefitsView(BaseModel):
    """A mover's benefits (Toeslagen): `running` are the kinds paid now."""

    person: str
    running: list[str] = Field(default_factory=list)


class StudentFinanceView(BaseModel):
    """Whether a mover receives student finance (DUO)."""

    person: str
    student_finance: bool


class VehiclesView(BaseModel):
    """The number plates registered to a mover (RDW)."""

    person: str
    kentekens: list[str] = Field(default_factory=list)


class TaxView(BaseModel):
    """One municipal tax liability: its municipality and status."""

    municipality: str
    status: str


class TaxesView(BaseModel):
    """A mover's municipal taxes (gemeente)."""

    person: str
    taxes: list[TaxView] = Field(default_factory=list)


class PermitView(BaseModel):
    """One parking permit, with the token of the address it is tied to."""

    vergunningnummer: str
    municipality: str
    address: str
    status: str


class PermitsView(BaseModel):
    """A mover's parking permits (gemeente)."""

    person: str
    permits: list[PermitView] = Field(default_factory=list)


class BenefitsResultView(BaseModel):
    """The result of `lookup_toeslagen`."""

    results: list[BenefitsView] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


class StudentFinanceResultView(BaseModel):
    """The result of `lookup_studiefinanciering`."""

    results: list[StudentFinanceView] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


class VehiclesResultView(BaseModel):
    """The result of `lookup_voertuigen`."""

    results: list[VehiclesView] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


class TaxesResultView(BaseModel):
    """The result of `lookup_belastingen`."""

    results: list[TaxesView] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


class PermitsResultView(BaseModel):
    """The result of `lookup_parkeervergunningen`."""

    results: list[PermitsView] = Field(default_factory=list)
    failures: list[FailureView] = Field(default_factory=list)


# The plan ----------------------------------------------------------------------------------


class StepDraft(BaseModel):
    """One step of the plan, in tokens."""

    kind: StepKind
    subject: PersonToken | None = Field(
        default=None, description="The person the step is about; the reporter for the message."
    )
    params: dict[str, ParamValue] = Field(
        default_factory=dict,
        description=(
            "Step details, e.g. {'land': 'BE'}, {'gemeentecode': '0363'}, "
            "{'vergunningnummer': '...'} or, for the message, {'kosteloos': true}."
        ),
    )
    rationale: str = Field(min_length=1, description="Why, citing the tool results.")


class ConcernDraft(BaseModel):
    """A point for a caseworker, in tokens."""

    topic: str = Field(min_length=1, max_length=64, description="E.g. lookup_failed, household.")
    subject: PersonToken | None = None
    rationale: str = Field(min_length=1)


class PlanDraft(BaseModel):
    """The plan as the model submits it: tokens, never BSNs, names or addresses. In texts,
    write a person's or address's token where the name or address goes; it is filled in
    before anyone reads it."""

    steps: list[StepDraft] = Field(min_length=1)
    concerns: list[ConcernDraft] = Field(default_factory=list)
    caseworker_summary: str = Field(min_length=1, description="Short and factual.")
    citizen_message: str = Field(
        min_length=1, description='Plain Dutch (B1) to the reporter as "u", e.g. "Beste PERSON_1,".'
    )


class PlanDecodingError(ValueError):
    """A submitted plan that cannot be read: invalid fields or tokens the case does not know."""


def describe(error: ValidationError) -> str:
    """A validation error in one line, for the model: `field: message; ...`."""
    return "; ".join(
        f"{'.'.join(str(part) for part in e['loc']) or '(root)'}: {e['msg']}"
        for e in error.errors(include_url=False)
    )


def _person_bsn(token: str | None, pseudonyms: Pseudonyms) -> str | None:
    if token is None:
        return None
    return pseudonyms.resolve(token, PseudonymKind.PERSON).value


def decode_plan(raw: object, pseudonyms: Pseudonyms) -> EmigrationPlan:
    """Read the plan tool's arguments into a plan with BSNs, names and addresses.

    Args:
        raw: The tool call's arguments.
        pseudonyms: The case's tokens.

    Returns:
        The plan in the clear.

    Raises:
        PlanDecodingError: The arguments do not fit `PlanDraft`, or use a token the case does
            not know (or a person without a name in a text).
    """
    try:
        draft = PlanDraft.model_validate(raw)
    except ValidationError as error:
        raise PlanDecodingError(describe(error)) from error
    try:
        return EmigrationPlan(
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
            citizen_message=pseudonyms.decode_text(draft.citizen_message),
        )
    except UnknownPseudonym as error:
        raise PlanDecodingError(str(error)) from error
    except ValidationError as error:
        raise PlanDecodingError(describe(error)) from error
