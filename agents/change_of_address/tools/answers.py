"""Each look-up's result as the model reads it: in tokens, never a BSN, a name or an address.

A view gives out tokens as it needs them (a mover's partner, a permit's address); the
address view also binds the reported address's token to its BAG object, so a mover who
already lives there is shown the same token. The view's JSON is the tool message.
"""

from pydantic import BaseModel

from agents.change_of_address.tools.lookups import (
    AddressResult,
    BelastingenResult,
    ParkeervergunningenResult,
    PersonsResult,
    StudiefinancieringResult,
    ToeslagenResult,
    VoertuigenResult,
)
from agents.change_of_address.views import (
    AddressView,
    BenefitsResultView,
    BenefitsView,
    PermitsResultView,
    PermitsView,
    PermitView,
    PersonsView,
    StudentFinanceResultView,
    StudentFinanceView,
    TaxesResultView,
    TaxesView,
    TaxView,
    VehiclesResultView,
    VehiclesView,
    bag_address_line,
    failure_views,
    municipality_name,
    municipality_of_object,
    object_view,
    person_view,
)
from agents.pseudonyms import PseudonymRole, Pseudonyms


def persons_view(result: PersonsResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The movers BRP knows, and the ones it does not."""
    return PersonsView(
        persons=[person_view(p, pseudonyms) for p in result.personen],
        failures=failure_views(result.failures, pseudonyms),
    )


def address_view(result: AddressResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The new address, its object and its residents; binds the address token to the object."""
    [token] = [e.token for e in pseudonyms.with_role(PseudonymRole.NEW_ADDRESS)]
    facts = result.address
    adres = facts.adres
    object_id = adres.adresseerbaar_object_identificatie if adres else None
    if adres is not None and object_id is not None:
        pseudonyms.bind_address(token, object_id, bag_address_line(adres))
    code = facts.object.gemeentecode if facts.object else municipality_of_object(object_id)
    return AddressView(
        address=token,
        found=facts.found,
        has_object=object_id is not None,
        municipality=code,
        municipality_name=municipality_name(code) or (adres.woonplaats_naam if adres else None),
        object=object_view(facts.object) if facts.object else None,
        residents=[person_view(p, pseudonyms).person for p in facts.residents],
        failures=failure_views(result.failures, pseudonyms),
    )


def benefits_view(result: ToeslagenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The movers' running benefits."""
    return BenefitsResultView(
        results=[
            BenefitsView(person=pseudonyms.person(r.burgerservicenummer), running=r.lopende_soorten)
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def student_finance_view(result: StudiefinancieringResult, pseudonyms: Pseudonyms) -> BaseModel:
    """Whether the movers receive student finance."""
    return StudentFinanceResultView(
        results=[
            StudentFinanceView(
                person=pseudonyms.person(r.burgerservicenummer),
                student_finance=r.studiefinanciering,
            )
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def vehicles_view(result: VoertuigenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The kentekens registered to the movers."""
    return VehiclesResultView(
        results=[
            VehiclesView(
                person=pseudonyms.person(r.burgerservicenummer),
                kentekens=[v.kenteken for v in r.voertuigen],
            )
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def taxes_view(result: BelastingenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The movers' municipal taxes."""
    return TaxesResultView(
        results=[
            TaxesView(
                person=pseudonyms.person(r.burgerservicenummer),
                taxes=[
                    # The plan needs where and whether a tax runs, not what it is called.
                    TaxView(municipality=t.gemeentecode, status=t.status)
                    for t in r.belastingplichten
                ],
            )
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def permits_view(result: ParkeervergunningenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The movers' parking permits, with the tokens of their addresses."""
    return PermitsResultView(
        results=[
            PermitsView(
                person=pseudonyms.person(r.burgerservicenummer),
                permits=[
                    PermitView(
                        vergunningnummer=v.vergunningnummer,
                        municipality=v.gemeentecode,
                        address=pseudonyms.address(v.adresseerbaar_object_identificatie),
                        status=v.status,
                    )
                    for v in r.parkeervergunningen
                ],
            )
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )
