"""What the model reads and writes: the request, each tool's result and the plan, in tokens.

The registries answer in full (`MoveFacts` keeps every answer for the policy); the model gets
a view of each answer with only what planning a move needs, and with every BSN, name, date of
birth and address replaced by its case-local token (`agents.pseudonyms`). This is data
minimisation as much as pseudonymisation: no street, postcode, benefit amount or tax
assessment number leaves the worker, and the prompts stay short.

The plan comes back the same way (`PlanDraft`, the `submit_plan` arguments) and is decoded on
the worker into a `MovePlan` with BSNs, BAG ids and, in its texts, names and address lines.
"""

from typing import Annotated

from pydantic import BaseModel, Field, ValidationError

from agents.pseudonyms import PseudonymKind, PseudonymRole, Pseudonyms, UnknownPseudonym
from burgerflow.core.constants import MUNICIPALITIES
from burgerflow.registry.schemas.bag import AdresPublic, VerblijfsobjectPublic
from burgerflow.registry.schemas.brp import (
    NaamGerelateerde,
    NaamPublic,
    PersoonPublic,
    VerblijfplaatsPublic,
)
from workflows.change_of_address.domain import (
    Concern,
    LookupFailure,
    MovePlan,
    MoveRequest,
    NewAddress,
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


def _number(huisnummer: int | None, letter: str | None, toevoeging: str | None) -> str:
    number = f"{huisnummer or ''}{letter or ''}"
    return f"{number}-{toevoeging}" if toevoeging else number


def _postcode(postcode: str | None) -> str:
    return f"{postcode[:4]} {postcode[4:]}" if postcode else ""


def reported_address_line(address: NewAddress) -> str:
    """How a reported address reads before BAG has confirmed it."""
    number = _number(address.huisnummer, address.huisletter, address.huisnummertoevoeging)
    return f"huisnummer {number}, {_postcode(address.postcode)}"


def bag_address_line(adres: AdresPublic) -> str:
    """A BAG address as one line, e.g. `Teststraat 1, 1011 AA Amsterdam`."""
    street = adres.adresregel5 or (
        f"{adres.openbare_ruimte_naam} "
        f"{_number(adres.huisnummer, adres.huisletter, adres.huisnummertoevoeging)}"
    )
    return f"{street}, {_postcode(adres.postcode)} {adres.woonplaats_naam}".strip()


def _residence_line(verblijfplaats: VerblijfplaatsPublic) -> str | None:
    adres = verblijfplaats.verblijfadres
    if adres is None:
        return None
    street = adres.officiele_straatnaam or adres.korte_straatnaam or ""
    number = _number(adres.huisnummer, adres.huisletter, adres.huisnummertoevoeging)
    return f"{street} {number}, {_postcode(adres.postcode)} {adres.woonplaats or ''}".strip()


def municipality_name(code: str | None) -> str | None:
    """The name of a municipality of the synthetic population, if it is one."""
    return MUNICIPALITIES.get(code) if code else None


# The request -------------------------------------------------------------------------------


class RequestView(BaseModel):
    """The reported move, as the model reads it."""

    reporter: PersonToken
    co_movers: list[PersonToken] = Field(default_factory=list)
    new_address: AddressToken
    move_date: str = Field(description="ISO date of the move.")


def request_view(request: MoveRequest, pseudonyms: Pseudonyms) -> RequestView:
    """Give the movers and the new address their tokens (the first ones of the case)."""
    reporter = pseudonyms.person(request.bsn, role=PseudonymRole.REPORTER)
    co_movers = [pseudonyms.person(bsn, role=PseudonymRole.CO_MOVER) for bsn in request.co_movers]
    new_address = pseudonyms.reported_address(reported_address_line(request.new_address))
    return RequestView(
        reporter=reporter,
        co_movers=co_movers,
        new_address=new_address,
        move_date=request.move_date.isoformat(),
    )


# Tool results ------------------------------------------------------------------------------


class FailureView(BaseModel):
    """A look-up the registry refused."""

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
        municipality: Gemeentecode of the municipality they are registered in.
        municipality_name: Its name.
        address: Token of the address they live at now.
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
    address: str | None = None
    if persoon.verblijfplaats and persoon.verblijfplaats.adresseerbaar_object_identificatie:
        address = pseudonyms.address(
            persoon.verblijfplaats.adresseerbaar_object_identificatie,
            _residence_line(persoon.verblijfplaats),
        )
    # Comprehension variables are named apart from `token`: a walrus binds in this scope.
    partners = [
        PartnerView(
            person=partner,
            kind=p.soort_verbintenis.code if p.soort_verbintenis else None,
        )
        for p in persoon.partners
        if (partner := _related(p.burgerservicenummer, p.naam, pseudonyms))
    ]
    return PersonView(
        person=token,
        birth_date=pseudonyms.birthdate(born) if born else None,
        age=persoon.leeftijd,
        municipality=gemeente.code if gemeente else None,
        municipality_name=(gemeente.omschrijving if gemeente else None),
        address=address,
        partners=partners,
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


class ObjectView(BaseModel):
    """The addressable object at an address (BAG)."""

    use: list[str] = Field(default_factory=list, description="BAG gebruiksdoelen.")
    surface_m2: int | None = None
    status: str | None = None
    under_investigation: bool = False


def object_view(obj: VerblijfsobjectPublic) -> ObjectView:
    """A BAG object without its identifiers."""
    return ObjectView(
        use=list(obj.gebruiksdoelen),
        surface_m2=obj.oppervlakte,
        status=obj.status,
        under_investigation=obj.in_onderzoek,
    )


class AddressView(BaseModel):
    """The result of `lookup_address`: the reported address, its object and its residents.

    Attributes:
        address: The address token.
        found: Whether BAG has the address.
        has_object: Whether BAG ties the address to an addressable object (a home can only be
            registered at one).
        municipality: Gemeentecode of the address.
        municipality_name: Its name.
        object: Use, surface and status of the object.
        residents: Tokens of the persons BRP has registered there now.
        failures: Parts of the look-up the registries refused.
    """

    address: str
    found: bool
    has_object: bool = False
    municipality: str | None = None
    municipality_name: str | None = None
    object: ObjectView | None = None
    residents: list[str] = Field(default_factory=list)
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
            "Step details, e.g. {'gemeentecode': '0363'}, {'vergunningnummer': '...'} or "
            "{'adresseerbaar_object_identificatie': 'ADDRESS_1'}."
        ),
    )
    rationale: str = Field(min_length=1, description="Why, citing the tool results.")


class ConcernDraft(BaseModel):
    """A point for a caseworker, in tokens."""

    topic: str = Field(min_length=1, max_length=64, description="E.g. lookup_failed, household.")
    subject: PersonToken | None = None
    rationale: str = Field(min_length=1)


class PlanDraft(BaseModel):
    """The plan as the model submits it (`submit_plan`): tokens, never BSNs, names or
    addresses. In texts, write a person's or address's token where the name or address goes;
    it is filled in before anyone reads it."""

    steps: list[StepDraft] = Field(min_length=1)
    concerns: list[ConcernDraft] = Field(default_factory=list)
    caseworker_summary: str = Field(min_length=1, description="Short and factual.")
    citizen_message: str = Field(
        min_length=1, description='Plain Dutch (B1) to the reporter as "u", e.g. "Beste PERSON_1,".'
    )


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


def decode_plan(raw: object, pseudonyms: Pseudonyms) -> MovePlan:
    """Read the `submit_plan` arguments into a plan with BSNs, BAG ids, names and addresses.

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
        raise PlanDecodingError(_describe(error)) from error
    try:
        steps = [
            PlannedStep(
                kind=step.kind,
                subject=_person_bsn(step.subject, pseudonyms),
                params={k: pseudonyms.decode_value(v) for k, v in step.params.items()},
                rationale=pseudonyms.decode_text(step.rationale),
            )
            for step in draft.steps
        ]
        concerns = [
            Concern(
                topic=c.topic,
                subject=_person_bsn(c.subject, pseudonyms),
                rationale=pseudonyms.decode_text(c.rationale),
            )
            for c in draft.concerns
        ]
        return MovePlan(
            steps=steps,
            concerns=concerns,
            caseworker_summary=pseudonyms.decode_text(draft.caseworker_summary),
            citizen_message=pseudonyms.decode_text(draft.citizen_message),
        )
    except UnknownPseudonym as error:
        raise PlanDecodingError(str(error)) from error
    except ValidationError as error:
        raise PlanDecodingError(_describe(error)) from error


def municipality_of_object(object_id: str | None) -> str | None:
    """The gemeentecode in a BAG object id (its first four digits)."""
    return object_id[:4] if object_id else None
