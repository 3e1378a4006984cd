"""The letter after a move: what it may name, its frame and its template.

The generic check (`workflows.case.letters`) compares a drafted letter with these facts: the
move's dates, the reported and the registered addresses, the organisations the steps inform
and the municipalities involved. The frame greets the reporter by the name BRP has, tells
what a mover must still arrange themselves, and where to ask.
"""

from collections.abc import Iterable

from burgerflow.core.constants import MUNICIPALITIES
from burgerflow.registry.schemas.brp import PersoonPublic
from workflows.case.letters import LetterFacts, LetterFrame
from workflows.change_of_address.domain import MoveFacts, StepKind
from workflows.change_of_address.messages import address_label
from workflows.change_of_address.models import ReportMoveInput
from workflows.change_of_address.policy import StepSpec, new_municipality

STEP_ORGANISATIONS: dict[StepKind, str] = {
    StepKind.NOTIFY_BELASTINGDIENST: "Belastingdienst",
    StepKind.NOTIFY_TOESLAGEN: "Dienst Toeslagen",
    StepKind.NOTIFY_DUO: "DUO",
    StepKind.NOTIFY_RDW: "RDW",
}
"""The organisation each kind of step informs (the others are the municipality's own)."""

STILL_TO_DO = (
    "Geef uw nieuwe adres zelf door aan wie het niet van de overheid krijgt, zoals uw "
    "zorgverzekeraar, uw bank, uw werkgever en uw energieleverancier."
)


def _municipality_names(code: str | None, *names: str | None) -> list[str]:
    found = [MUNICIPALITIES.get(code or ""), *names]
    return list(dict.fromkeys(n for n in found if n))


def _person_municipalities(person: PersoonPublic) -> list[str]:
    gemeente = person.gemeente_van_inschrijving
    if gemeente is None:
        return []
    return _municipality_names(gemeente.code, gemeente.omschrijving)


def _person_addresses(person: PersoonPublic) -> Iterable[str]:
    if person.adressering is not None:
        yield from (
            line
            for line in (person.adressering.adresregel1, person.adressering.adresregel2)
            if line
        )


def municipality_name(facts: MoveFacts, code: str | None) -> str | None:
    """The name of the municipality `code`, as the constants or BAG know it."""
    address = facts.address
    place = address.adres.woonplaats_naam if address and address.adres else None
    names = _municipality_names(code, place if code == new_municipality(facts) else None)
    return names[0] if names else None


def letter_facts(case: ReportMoveInput, facts: MoveFacts, steps: Iterable[StepSpec]) -> LetterFacts:
    """What the letter after this move may name."""
    new = case.new_address
    addresses = [address_label(new), f"{new.postcode} {new.huisnummer}"]
    address = facts.address
    if address is not None and address.adres is not None:
        adres = address.adres
        number = f"{adres.huisnummer}{adres.huisletter or ''}"
        if adres.huisnummertoevoeging:
            number += f"-{adres.huisnummertoevoeging}"
        addresses.append(
            f"{adres.openbare_ruimte_naam} {number}, {adres.postcode} {adres.woonplaats_naam}"
        )
        if adres.korte_naam:
            addresses.append(f"{adres.korte_naam} {number}")
        addresses += [a for a in (adres.adresregel5, adres.adresregel6) if a]
    organisations = list(
        dict.fromkeys(STEP_ORGANISATIONS[s.kind] for s in steps if s.kind in STEP_ORGANISATIONS)
    )
    place = address.adres.woonplaats_naam if address and address.adres else None
    municipalities = _municipality_names(new_municipality(facts), place)
    for person in facts.persons.values():
        municipalities += _person_municipalities(person)
        addresses += _person_addresses(person)
    organisations += [f"gemeente {name}" for name in dict.fromkeys(municipalities)]
    return LetterFacts(
        dates=list(dict.fromkeys([case.move_date, case.reported_on])),
        addresses=list(dict.fromkeys(addresses)),
        organisations=organisations,
    )


def letter_frame(facts: MoveFacts, municipality: str | None) -> LetterFrame:
    """The fixed parts of the letter: greeting, what to do, where to ask, the sender."""
    reporter = facts.reporter
    name = reporter.naam.volledige_naam if reporter and reporter.naam else None
    place = municipality_name(facts, municipality)
    return LetterFrame(
        greeting=f"Beste {name}," if name else "Beste inwoner,",
        still_to_do=STILL_TO_DO,
        where_to_ask=(
            f"Neem dan contact op met de gemeente {place}. Zeg erbij dat het over uw "
            "verhuizing gaat."
            if place
            else "Neem dan contact op met uw gemeente. Zeg erbij dat het over uw verhuizing gaat."
        ),
        sender=f"Gemeente {place}" if place else "Uw gemeente",
    )
