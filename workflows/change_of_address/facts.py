"""The registry facts behind a case's rules, in the compact form a caseworker reads.

Pure and deterministic (it reads only the facts the look-ups returned), so the workflow can
build it in workflow code and a replay gives the same summary.
"""

from typing import Any

from burgerflow.registry.schemas.brp import PersoonPublic
from workflows.change_of_address.domain import MoveFacts


def _person(person: PersoonPublic, *, reporter: bool) -> dict[str, Any]:
    naam = person.naam.volledige_naam if person.naam else None
    return {
        "burgerservicenummer": person.burgerservicenummer,
        "naam": naam,
        "leeftijd": person.leeftijd,
        "melder": reporter,
        "gemeente_van_inschrijving": (
            person.gemeente_van_inschrijving.code if person.gemeente_van_inschrijving else None
        ),
        "in_onderzoek": person.in_onderzoek is not None,
        "partners": [p.burgerservicenummer for p in person.partners if p.burgerservicenummer],
        "gezag": [g.type for g in person.gezag],
    }


def summarise_facts(facts: MoveFacts) -> dict[str, Any]:
    """The facts a caseworker needs to judge the gates: address, object, residents, movers.

    Args:
        facts: What the look-up tools fetched from the registries.

    Returns:
        A JSON-ready mapping with `bag` (the new address and its object), `bewoners_nu`
        (residents registered there now), `verhuizers` (the movers as BRP knows them),
        `overige_registers` (benefits, student finance, vehicles, taxes, permits per mover)
        and `mislukte_bevragingen` (look-ups the registries refused).
    """
    summary: dict[str, Any] = {}
    address = facts.address
    if address is not None:
        bag: dict[str, Any] = {"gevonden": address.found}
        if address.adres is not None:
            adres = address.adres
            bag.update(
                adres=" ".join(
                    str(p)
                    for p in (
                        adres.openbare_ruimte_naam,
                        adres.huisnummer,
                        adres.huisletter,
                        adres.huisnummertoevoeging,
                    )
                    if p
                ),
                postcode=adres.postcode,
                woonplaats=adres.woonplaats_naam,
                adresseerbaar_object_identificatie=adres.adresseerbaar_object_identificatie,
            )
        if address.object is not None:
            obj = address.object
            bag.update(
                gebruiksdoelen=list(obj.gebruiksdoelen),
                oppervlakte=obj.oppervlakte,
                status=obj.status,
                in_onderzoek=obj.in_onderzoek,
            )
        summary["bag"] = bag
        summary["bewoners_nu"] = len(address.residents)
    reporter = facts.request.bsn
    summary["verhuizers"] = [
        _person(facts.persons[bsn], reporter=bsn == reporter)
        for bsn in facts.request.mover_bsns
        if bsn in facts.persons
    ]
    summary["overige_registers"] = {
        bsn: {
            "toeslagen": [t.soort for t in facts.toeslagen[bsn].toeslagen]
            if bsn in facts.toeslagen
            else None,
            "studiefinanciering": facts.studiefinanciering[bsn].studiefinanciering
            if bsn in facts.studiefinanciering
            else None,
            "voertuigen": len(facts.voertuigen[bsn].voertuigen)
            if bsn in facts.voertuigen
            else None,
            "belastingplichten": len(facts.belastingen[bsn].belastingplichten)
            if bsn in facts.belastingen
            else None,
            "parkeervergunningen": len(facts.parkeervergunningen[bsn].parkeervergunningen)
            if bsn in facts.parkeervergunningen
            else None,
        }
        for bsn in facts.request.mover_bsns
    }
    if facts.failures:
        summary["mislukte_bevragingen"] = [f.model_dump() for f in facts.failures]
    return summary
