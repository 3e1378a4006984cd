"""The registry facts behind a death case's rules, in the compact form a caseworker reads.

Pure and deterministic (it reads only the facts the look-ups returned), so the workflow can
build it in workflow code and a replay gives the same summary.
"""

from typing import Any

from burgerflow.registry.schemas.brp import PersoonPublic
from workflows.death.domain import DeathFacts, custody_of
from workflows.death.policy import brp_birth_date


def full_name(person: PersoonPublic | None) -> str | None:
    """A person's name as BRP spells it out, e.g. `Anna de Vries`."""
    if person is None or person.naam is None:
        return None
    naam = person.naam
    if naam.volledige_naam:
        return naam.volledige_naam
    parts = [naam.voornamen, naam.voorvoegsel, naam.geslachtsnaam]
    return " ".join(p for p in parts if p) or None


def _died(person: PersoonPublic | None) -> str | None:
    if person is None or person.overlijden is None or person.overlijden.datum is None:
        return None
    datum = person.overlijden.datum.datum
    return datum.isoformat() if datum else None


def summarise_facts(facts: DeathFacts) -> dict[str, Any]:
    """The facts a caseworker needs to judge the gates: the deceased, relatives, registers.

    Returns:
        A JSON-ready mapping with `overledene` (the deceased as BRP knows them), `partners`,
        `gezag` (the minors in their custody and the other holders), `huishouden` (who else
        lives at the address), `overige_registers` and `mislukte_bevragingen`.
    """
    deceased = facts.deceased
    summary: dict[str, Any] = {}
    if deceased is None:
        summary["overledene"] = {"burgerservicenummer": facts.request.bsn, "in_brp": False}
    else:
        born = brp_birth_date(deceased)
        gemeente = deceased.gemeente_van_inschrijving
        summary["overledene"] = {
            "burgerservicenummer": deceased.burgerservicenummer,
            "naam": full_name(deceased),
            "geboortedatum": born.isoformat() if born else None,
            "gemeente_van_inschrijving": gemeente.code if gemeente else None,
            "overleden_volgens_brp": _died(deceased),
            "in_onderzoek": deceased.in_onderzoek is not None,
        }
        summary["partners"] = [
            {
                "burgerservicenummer": p.burgerservicenummer,
                "naam": full_name(facts.persons.get(p.burgerservicenummer or "")),
                "overleden": _died(facts.persons.get(p.burgerservicenummer or "")),
                "in_brp": (p.burgerservicenummer or "") in facts.persons,
            }
            for p in deceased.partners
        ]
        summary["gezag"] = [
            {
                "minderjarige": minor,
                "gezagsdragers": [
                    {"burgerservicenummer": h, "overleden": _died(facts.persons.get(h))}
                    for h in holders
                ],
            }
            for minor, holders in custody_of(deceased)
        ]
    if facts.household is not None:
        summary["huishouden"] = {"andere_bewoners": len(facts.household)}
    summary["overige_registers"] = {
        "toeslagen": facts.toeslagen.lopende_soorten if facts.toeslagen else None,
        "studiefinanciering": (
            facts.studiefinanciering.studiefinanciering if facts.studiefinanciering else None
        ),
        "voertuigen": [v.kenteken for v in facts.voertuigen.voertuigen]
        if facts.voertuigen
        else None,
        "belastingplichten": [
            f"{t.gemeentecode}: {t.status}" for t in facts.belastingen.belastingplichten
        ]
        if facts.belastingen
        else None,
        "parkeervergunningen": [
            f"{v.vergunningnummer}: {v.status}"
            for v in facts.parkeervergunningen.parkeervergunningen
        ]
        if facts.parkeervergunningen
        else None,
    }
    if facts.failures:
        summary["mislukte_bevragingen"] = [f.model_dump() for f in facts.failures]
    return summary
