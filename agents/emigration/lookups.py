"""The registry look-ups: how each runs on the worker and merges its answer into the facts.

Every look-up takes the movers' BSNs, asks the registries and gives back a result model; its
merge puts the full answer into `EmigrationFacts`, what the policy reads. A registry's 4xx
answer is a fact too: a `LookupFailure` in the result. A 5xx answer, a timeout or a
connection error (`RegistryUnavailable`) is not caught here: it raises out of the tool node,
so Temporal retries the activity.
"""

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar

from pydantic import BaseModel, Field

from agents.emigration.names import (
    LOOKUP_BELASTINGEN,
    LOOKUP_HOUSEHOLD,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    NOT_IN_BRP,
)
from burgerflow.registry.client import (
    BelastingenPublic,
    ParkeervergunningenPublic,
    PersoonPublic,
    RegistryClientError,
    StudiefinancieringPublic,
    ToeslagenPublic,
    VoertuigenPublic,
)
from workflows.emigration.domain import EmigrationFacts, LookupFailure, Resident, is_away

PERSON_FIELDS = (
    "burgerservicenummer",
    "naam",
    "geboorte",
    "leeftijd",
    "verblijfplaats",
    "gemeenteVanInschrijving",
    "partners",
    "kinderen",
    "ouders",
    "gezag",
)
"""What the person look-ups ask of a mover: what the policy and the letter read, no more (the
BRP delivers `inOnderzoek`, `geheimhoudingPersoonsgegevens` and `opschortingBijhouding`
unasked)."""

RESIDENT_FIELDS = ("burgerservicenummer", "leeftijd")
"""What the household look-up asks of each resident: who they are and how old, no more."""


class RegistryLookups(Protocol):
    """The registry look-ups the tools use; `burgerflow.registry.client.RegistryClient` has them."""

    async def brp_personen(
        self, bsns: Sequence[str], *, fields: Sequence[str] | None = None
    ) -> list[PersoonPublic]:
        """Persons by BSN; unknown BSNs are absent."""
        ...

    async def brp_bewoners(
        self, object_id: str, *, fields: Sequence[str] | None = None
    ) -> list[PersoonPublic]:
        """Persons registered at a BAG object."""
        ...

    async def toeslagen(self, bsn: str) -> ToeslagenPublic:
        """A person's benefits."""
        ...

    async def duo_studiefinanciering(self, bsn: str) -> StudiefinancieringPublic:
        """A person's student finance."""
        ...

    async def rdw_voertuigen(self, bsn: str) -> VoertuigenPublic:
        """A person's vehicles."""
        ...

    async def gemeente_belastingen(self, bsn: str) -> BelastingenPublic:
        """A person's municipal taxes."""
        ...

    async def gemeente_parkeervergunningen(self, bsn: str) -> ParkeervergunningenPublic:
        """A person's parking permits."""
        ...


# Results -----------------------------------------------------------------------------------


class PersonsResult(BaseModel):
    """BRP persons found, and the look-ups BRP could not answer."""

    personen: list[PersoonPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class Household(BaseModel):
    """Who BRP has registered at one mover's current address.

    Attributes:
        burgerservicenummer: The mover.
        adresseerbaar_object_identificatie: Their address's BAG object (None: no address here,
            e.g. abroad already or not in BRP).
        bewoners: Everyone registered there, the mover included (BSN and age only).
    """

    burgerservicenummer: str
    adresseerbaar_object_identificatie: str | None = None
    bewoners: list[Resident] = Field(default_factory=list)


class HouseholdResult(BaseModel):
    """The households of the movers, and the look-ups BRP could not answer."""

    households: list[Household] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class ToeslagenResult(BaseModel):
    """Benefits per mover (Toeslagen)."""

    results: list[ToeslagenPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class StudiefinancieringResult(BaseModel):
    """Student finance per mover (DUO)."""

    results: list[StudiefinancieringPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class VoertuigenResult(BaseModel):
    """Vehicles per mover (RDW)."""

    results: list[VoertuigenPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class BelastingenResult(BaseModel):
    """Municipal taxes per mover (gemeente)."""

    results: list[BelastingenPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class ParkeervergunningenResult(BaseModel):
    """Parking permits per mover (gemeente)."""

    results: list[ParkeervergunningenPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


# Failures ----------------------------------------------------------------------------------


def _failure(tool: str, subject: str | None, error: RegistryClientError) -> LookupFailure:
    return LookupFailure(tool=tool, subject=subject, status=error.status or 0, detail=str(error))


def record_failures(facts: EmigrationFacts, failures: Sequence[LookupFailure]) -> None:
    """Add `failures` to the facts, once each (by look-up and subject)."""
    known = {(f.tool, f.subject) for f in facts.failures}
    for failure in failures:
        if (failure.tool, failure.subject) not in known:
            facts.failures.append(failure)
            known.add((failure.tool, failure.subject))


# BRP ---------------------------------------------------------------------------------------


async def fetch_persons(
    registry: RegistryLookups, bsns: list[str], facts: EmigrationFacts
) -> PersonsResult:
    """The movers' BRP records; a mover BRP does not know is a failure (`NOT_IN_BRP`)."""
    try:
        personen = await registry.brp_personen(bsns, fields=PERSON_FIELDS)
    except RegistryClientError as error:
        return PersonsResult(failures=[_failure(LOOKUP_PERSONS, b, error) for b in bsns])
    found = {p.burgerservicenummer for p in personen}
    return PersonsResult(
        personen=[p for p in personen if p.burgerservicenummer in bsns],
        failures=[
            LookupFailure(
                tool=LOOKUP_PERSONS, subject=b, status=NOT_IN_BRP, detail="Not registered in BRP."
            )
            for b in bsns
            if b not in found
        ],
    )


def merge_persons(facts: EmigrationFacts, result: PersonsResult) -> None:
    """Merge the movers' BRP records into the facts."""
    for persoon in result.personen:
        facts.persons[persoon.burgerservicenummer] = persoon
    record_failures(facts, result.failures)


async def fetch_household(
    registry: RegistryLookups, bsns: list[str], facts: EmigrationFacts
) -> HouseholdResult:
    """Everyone registered at each mover's current address (the mover's record first, from
    the facts when it was looked up already)."""
    known = {b: facts.persons[b] for b in bsns if b in facts.persons}
    unknown = [b for b in bsns if b not in known]
    try:
        if unknown:
            found = await registry.brp_personen(unknown, fields=PERSON_FIELDS)
            known.update({p.burgerservicenummer: p for p in found})
    except RegistryClientError as error:
        return HouseholdResult(failures=[_failure(LOOKUP_HOUSEHOLD, b, error) for b in unknown])
    households: list[Household] = []
    failures: list[LookupFailure] = []
    for bsn in bsns:
        person = known.get(bsn)
        object_id = person.adresseerbaar_object_identificatie if person else None
        if person is None or object_id is None or is_away(person):
            households.append(Household(burgerservicenummer=bsn))
            continue
        try:
            residents = await registry.brp_bewoners(object_id, fields=RESIDENT_FIELDS)
        except RegistryClientError as error:
            failures.append(_failure(LOOKUP_HOUSEHOLD, bsn, error))
            continue
        households.append(
            Household(
                burgerservicenummer=bsn,
                adresseerbaar_object_identificatie=object_id,
                bewoners=[
                    Resident(burgerservicenummer=r.burgerservicenummer, leeftijd=r.leeftijd)
                    for r in residents
                ],
            )
        )
    return HouseholdResult(households=households, failures=failures)


def merge_household(facts: EmigrationFacts, result: HouseholdResult) -> None:
    """Merge the movers' households into the facts."""
    for household in result.households:
        facts.households[household.burgerservicenummer] = household.bewoners
    record_failures(facts, result.failures)


# The other registries, one request per mover -----------------------------------------------

T = TypeVar("T")


async def _each_mover(
    tool: str, bsns: Sequence[str], call: Callable[[str], Awaitable[T]]
) -> tuple[list[T], list[LookupFailure]]:
    results: list[T] = []
    failures: list[LookupFailure] = []
    for bsn in bsns:
        try:
            results.append(await call(bsn))
        except RegistryClientError as error:
            failures.append(_failure(tool, bsn, error))
    return results, failures


async def fetch_toeslagen(
    registry: RegistryLookups, bsns: list[str], facts: EmigrationFacts
) -> ToeslagenResult:
    """The movers' benefits (Toeslagen)."""
    results, failures = await _each_mover(LOOKUP_TOESLAGEN, bsns, registry.toeslagen)
    return ToeslagenResult(results=results, failures=failures)


def merge_toeslagen(facts: EmigrationFacts, result: ToeslagenResult) -> None:
    """Merge the movers' benefits into the facts."""
    facts.toeslagen.update({r.burgerservicenummer: r for r in result.results})
    record_failures(facts, result.failures)


async def fetch_studiefinanciering(
    registry: RegistryLookups, bsns: list[str], facts: EmigrationFacts
) -> StudiefinancieringResult:
    """The movers' student finance (DUO)."""
    results, failures = await _each_mover(
        LOOKUP_STUDIEFINANCIERING, bsns, registry.duo_studiefinanciering
    )
    return StudiefinancieringResult(results=results, failures=failures)


def merge_studiefinanciering(facts: EmigrationFacts, result: StudiefinancieringResult) -> None:
    """Merge the movers' student finance into the facts."""
    facts.studiefinanciering.update({r.burgerservicenummer: r for r in result.results})
    record_failures(facts, result.failures)


async def fetch_voertuigen(
    registry: RegistryLookups, bsns: list[str], facts: EmigrationFacts
) -> VoertuigenResult:
    """The vehicles registered to the movers (RDW)."""
    results, failures = await _each_mover(LOOKUP_VOERTUIGEN, bsns, registry.rdw_voertuigen)
    return VoertuigenResult(results=results, failures=failures)


def merge_voertuigen(facts: EmigrationFacts, result: VoertuigenResult) -> None:
    """Merge the movers' vehicles into the facts."""
    facts.voertuigen.update({r.burgerservicenummer: r for r in result.results})
    record_failures(facts, result.failures)


async def fetch_belastingen(
    registry: RegistryLookups, bsns: list[str], facts: EmigrationFacts
) -> BelastingenResult:
    """The movers' municipal taxes (gemeente)."""
    results, failures = await _each_mover(LOOKUP_BELASTINGEN, bsns, registry.gemeente_belastingen)
    return BelastingenResult(results=results, failures=failures)


def merge_belastingen(facts: EmigrationFacts, result: BelastingenResult) -> None:
    """Merge the movers' municipal taxes into the facts."""
    facts.belastingen.update({r.burgerservicenummer: r for r in result.results})
    record_failures(facts, result.failures)


async def fetch_parkeervergunningen(
    registry: RegistryLookups, bsns: list[str], facts: EmigrationFacts
) -> ParkeervergunningenResult:
    """The movers' parking permits (gemeente)."""
    results, failures = await _each_mover(
        LOOKUP_PARKEERVERGUNNINGEN, bsns, registry.gemeente_parkeervergunningen
    )
    return ParkeervergunningenResult(results=results, failures=failures)


def merge_parkeervergunningen(facts: EmigrationFacts, result: ParkeervergunningenResult) -> None:
    """Merge the movers' parking permits into the facts."""
    facts.parkeervergunningen.update({r.burgerservicenummer: r for r in result.results})
    record_failures(facts, result.failures)
