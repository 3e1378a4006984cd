"""The registry facts behind an emigration's rules, in the compact form a caseworker reads.

Pure and deterministic (it reads only the facts the look-ups returned), so the workflow can
build it in workflow code and a replay gives the same summary.
"""

from typing import Any

from burgerflow.registry.schemas.brp import PersoonPublic
from workflows.emigration.domain import EmigrationFacts, is_away


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
        "al_vertrokken": is_away(person),
        "in_onderzoek": person.in_onderzoek is not None,
        "partners": [p.burgerservicenummer for p in person.partners if p.burgerservicenummer],
        "gezag": [g.type for g in person.gezag],
    }


def summarise_facts(facts: EmigrationFacts) -> dict[str, Any]:
    """The facts a caseworker needs to judge the gates: destination, movers, households.

    Args:
        facts: What the look-up tools fetched from the registries.

    Returns:
        A JSON-ready mapping with `bestemming` (country and address abroad), `vertrekkers`
        (the movers as BRP knows them), `huishouden` (who is registered at each mover's
        address, and who of them stays), `overige_registers` (benefits, student finance,
        vehicles, taxes, permits per mover) and `mislukte_bevragingen` (refused look-ups).
    """
    request = facts.request
    movers = set(request.mover_bsns)
    summary: dict[str, Any] = {
        "bestemming": {
            "land": request.country,
            "adres": request.foreign_address.line(),
            "vertrekdatum": request.departure_date.isoformat(),
        },
        "vertrekkers": [
            _person(facts.persons[bsn], reporter=bsn == request.bsn)
            for bsn in request.mover_bsns
            if bsn in facts.persons
        ],
    }
    residents = {
        r.burgerservicenummer for bsn in request.mover_bsns for r in facts.households.get(bsn, [])
    }
    summary["huishouden"] = {
        "ingeschreven": len(residents),
        "blijven_achter": sorted(residents - movers),
    }
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
        for bsn in request.mover_bsns
    }
    if facts.failures:
        summary["mislukte_bevragingen"] = [f.model_dump() for f in facts.failures]
    return summary
