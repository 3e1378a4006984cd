"""The per-person look-ups every peer case makes, condensed to what its steps read.

The same look-ups the burgerflow case's agent makes for each person (Toeslagen, DUO, RDW,
the municipal taxes and parking permits), through the same registry client; the activity
keeps the few fields the rules and steps need, not the registries' whole answers.
"""

import asyncio

from pydantic import BaseModel

from burgerflow.registry.client import RegistryClient

RUNNING_TAX = "lopend"
"""The status of a municipal tax that is levied."""
ACTIVE_PERMIT = "actief"
"""The status of a parking permit in force."""


class Permit(BaseModel):
    """A parking permit: its number, the object it is tied to, whether it is in force."""

    number: str
    object_id: str
    active: bool


class PersonFacts(BaseModel):
    """What the other registries know of one person.

    Attributes:
        bsn: The person.
        benefits: Running benefits (Toeslagen).
        student_finance: Whether DUO pays student finance.
        vehicles: Number plates registered to them (RDW).
        taxed_by: Municipalities that levy a running tax on them.
        permits: Their parking permits.
    """

    bsn: str
    benefits: list[str] = []
    student_finance: bool = False
    vehicles: list[str] = []
    taxed_by: list[str] = []
    permits: list[Permit] = []


async def person_facts(registry: RegistryClient, bsn: str) -> PersonFacts:
    """Ask the five registries about `bsn` at once."""
    toeslagen, duo, rdw, taxes, permits = await asyncio.gather(
        registry.toeslagen(bsn),
        registry.duo_studiefinanciering(bsn),
        registry.rdw_voertuigen(bsn),
        registry.gemeente_belastingen(bsn),
        registry.gemeente_parkeervergunningen(bsn),
    )
    return PersonFacts(
        bsn=bsn,
        benefits=toeslagen.lopende_soorten,
        student_finance=bool(duo.studiefinanciering),
        vehicles=[v.kenteken for v in rdw.voertuigen],
        taxed_by=list(
            dict.fromkeys(
                t.gemeentecode for t in taxes.belastingplichten if t.status == RUNNING_TAX
            )
        ),
        permits=[
            Permit(
                number=p.vergunningnummer,
                object_id=p.adresseerbaar_object_identificatie,
                active=p.status == ACTIVE_PERMIT,
            )
            for p in permits.parkeervergunningen
        ],
    )
