"""The letter after an emigration: what it may name, its frame and its template.

The generic check (`workflows.case.letters`) compares a drafted letter with these facts: the
departure, the day of deregistration and the day of the report, the address abroad and the
movers' addresses here, the organisations the steps inform and the municipalities the movers
are registered in. The frame greets the reporter by the name BRP has, tells what an emigrant
must still arrange themselves, and where to ask.
"""

from collections.abc import Iterable

from burgerflow.core.constants import MUNICIPALITIES
from burgerflow.registry.schemas.brp import PersoonPublic
from workflows.case.letters import LetterFacts, LetterFrame
from workflows.emigration.domain import EmigrationFacts, StepKind, deregistration_date
from workflows.emigration.models import ReportEmigrationInput
from workflows.emigration.policy import RNI, StepSpec

STEP_ORGANISATIONS: dict[StepKind, str] = {
    StepKind.NOTIFY_BELASTINGDIENST: "Belastingdienst",
    StepKind.NOTIFY_TOESLAGEN: "Dienst Toeslagen",
    StepKind.NOTIFY_DUO: "DUO",
    StepKind.NOTIFY_RDW: "RDW",
}
"""The organisation each kind of step informs (the others are the municipality's own)."""

STILL_TO_DO = (
    "Geef uw vertrek zelf door aan wie het niet van de overheid hoort, zoals uw "
    "zorgverzekeraar, uw bank, uw pensioenfonds en uw werkgever. Schrijf u in uw nieuwe land "
    "in zoals dat daar moet."
)


def _municipality_names(*found: str | None) -> list[str]:
    return list(dict.fromkeys(n for n in found if n))


def _person_municipalities(person: PersoonPublic) -> list[str]:
    gemeente = person.gemeente_van_inschrijving
    # The RNI (for a mover abroad already) is no municipality a letter names.
    if gemeente is None or gemeente.code == RNI:
        return []
    return _municipality_names(MUNICIPALITIES.get(gemeente.code or ""), gemeente.omschrijving)


def _person_addresses(person: PersoonPublic) -> Iterable[str]:
    """The mover's address here as people write it (street and number, postcode and place)."""
    if person.adressering is not None:
        yield from (
            line
            for line in (person.adressering.adresregel1, person.adressering.adresregel2)
            if line
        )
    place = person.verblijfplaats
    adres = place.verblijfadres if place is not None else None
    if adres is None:
        return
    if adres.huisnummer is not None:
        number = f"{adres.huisnummer}{adres.huisletter or ''}"
        if adres.huisnummertoevoeging:
            number += f"-{adres.huisnummertoevoeging}"
        for street in dict.fromkeys(
            s for s in (adres.officiele_straatnaam, adres.korte_straatnaam) if s
        ):
            yield f"{street} {number}"
    if adres.postcode:
        yield " ".join(p for p in (adres.postcode, adres.woonplaats) if p)
    # An address abroad (a mover who left already) is written in its own lines.
    yield from (line for line in (adres.regel1, adres.regel2, adres.regel3) if line)


def municipality_name(code: str | None) -> str | None:
    """The name of the municipality `code` (None for the RNI or one not known)."""
    return MUNICIPALITIES.get(code or "") if code != RNI else None


def letter_facts(
    case: ReportEmigrationInput,
    facts: EmigrationFacts,
    steps: Iterable[StepSpec],
    municipality: str | None,
) -> LetterFacts:
    """What the letter after this emigration may name.

    Args:
        case: The reported emigration.
        facts: The registries' answers (the movers' addresses and municipalities here).
        steps: The steps the policy called for (the organisations they inform).
        municipality: The municipality handling the case.
    """
    abroad = case.foreign_address
    addresses = [abroad.line(), *(a for a in (abroad.regel1, abroad.regel2, abroad.regel3) if a)]
    municipalities = _municipality_names(municipality_name(municipality))
    for person in facts.persons.values():
        addresses += _person_addresses(person)
        municipalities += _person_municipalities(person)
    organisations = list(
        dict.fromkeys(STEP_ORGANISATIONS[s.kind] for s in steps if s.kind in STEP_ORGANISATIONS)
    )
    organisations += [f"gemeente {name}" for name in dict.fromkeys(municipalities)]
    deregistration = deregistration_date(case.departure_date, case.reported_on)
    return LetterFacts(
        dates=list(dict.fromkeys([case.departure_date, deregistration, case.reported_on])),
        addresses=list(dict.fromkeys(addresses)),
        organisations=organisations,
    )


def letter_frame(facts: EmigrationFacts, municipality: str | None) -> LetterFrame:
    """The fixed parts of the letter: greeting, what to do, where to ask, the sender.

    Args:
        facts: The registries' answers (the reporter's name).
        municipality: The municipality handling the case (the one the movers leave).
    """
    reporter = facts.reporter
    name = reporter.naam.volledige_naam if reporter and reporter.naam else None
    place = municipality_name(municipality)
    return LetterFrame(
        greeting=f"Beste {name}," if name else "Beste inwoner,",
        still_to_do=STILL_TO_DO,
        where_to_ask=(
            f"Neem dan contact op met de gemeente {place}. Zeg erbij dat het over uw vertrek "
            "naar het buitenland gaat."
            if place
            else "Neem dan contact op met uw gemeente. Zeg erbij dat het over uw vertrek naar "
            "het buitenland gaat."
        ),
        sender=f"Gemeente {place}" if place else "Uw gemeente",
    )
