"""Each look-up's result as the model reads it: in tokens, never a BSN, a name or an address.

A view gives out tokens as it needs them (the deceased's partners and children, their
address). The view's JSON is the tool message.
"""

from pydantic import BaseModel

from agents.death.tools.lookups import (
    BelastingenResult,
    DeceasedResult,
    HouseholdResult,
    ParkeervergunningenResult,
    RelativesResult,
    StudiefinancieringResult,
    ToeslagenResult,
    VoertuigenResult,
)
from agents.death.views import (
    BenefitsView,
    DeceasedView,
    HouseholdView,
    PermitsView,
    PermitView,
    RelativesView,
    StudentFinanceView,
    TaxesView,
    TaxView,
    VehiclesView,
    deceased_view,
    failure_views,
    relative_view,
)
from agents.pseudonyms import Pseudonyms


def deceased_answer(result: DeceasedResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The deceased as BRP knows them, or that it does not."""
    failures = failure_views(result.failures, pseudonyms)
    if result.persoon is None:
        return DeceasedView(person=pseudonyms.person(result.bsn), found=False, failures=failures)
    view = deceased_view(result.persoon, pseudonyms, surname_matches=bool(result.surname_matches))
    view.failures = failures
    return view


def relatives_answer(result: RelativesResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The relatives BRP knows (alive or not), and the ones it does not."""
    return RelativesView(
        relatives=[relative_view(p, pseudonyms) for p in result.personen],
        failures=failure_views(result.failures, pseudonyms),
    )


def household_answer(result: HouseholdResult, pseudonyms: Pseudonyms) -> BaseModel:
    """Who else alive lives at the deceased's address."""
    return HouseholdView(
        address=pseudonyms.address(result.object_id),
        others=[pseudonyms.person(p.burgerservicenummer) for p in result.residents or []],
        failures=failure_views(result.failures, pseudonyms),
    )


def benefits_answer(result: ToeslagenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The deceased's running benefits."""
    return BenefitsView(
        person=pseudonyms.person(result.bsn),
        running=result.result.lopende_soorten if result.result else [],
        failures=failure_views(result.failures, pseudonyms),
    )


def student_finance_answer(result: StudiefinancieringResult, pseudonyms: Pseudonyms) -> BaseModel:
    """Whether the deceased received student finance."""
    return StudentFinanceView(
        person=pseudonyms.person(result.bsn),
        student_finance=bool(result.result and result.result.studiefinanciering),
        failures=failure_views(result.failures, pseudonyms),
    )


def vehicles_answer(result: VoertuigenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The kentekens registered to the deceased."""
    return VehiclesView(
        person=pseudonyms.person(result.bsn),
        kentekens=[v.kenteken for v in result.result.voertuigen] if result.result else [],
        failures=failure_views(result.failures, pseudonyms),
    )


def taxes_answer(result: BelastingenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The deceased's municipal taxes."""
    return TaxesView(
        person=pseudonyms.person(result.bsn),
        taxes=[
            TaxView(municipality=t.gemeentecode, status=t.status)
            for t in (result.result.belastingplichten if result.result else [])
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def permits_answer(result: ParkeervergunningenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The deceased's parking permits."""
    return PermitsView(
        person=pseudonyms.person(result.bsn),
        permits=[
            PermitView(
                vergunningnummer=v.vergunningnummer, municipality=v.gemeentecode, status=v.status
            )
            for v in (result.result.parkeervergunningen if result.result else [])
        ],
        failures=failure_views(result.failures, pseudonyms),
    )
