"""The registry look-ups: how each runs on the worker and merges its answer into the facts.

Each look-up takes resolved arguments (`MoversArgs` with BSNs, or the reported `NewAddress`),
asks the registries and gives back a result model; its merge puts the full answer into
`MoveFacts`, what the policy reads. A registry's 4xx answer is a fact too: a `LookupFailure`
in the result. A 5xx answer, a timeout or a connection error (`RegistryUnavailable`) is not
caught here: it raises out of the tool node, so Temporal retries the activity.
"""

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar

from pydantic import BaseModel, Field

from agents.change_of_address.tools.args import MoversArgs, normalise_address
from agents.change_of_address.tools.names import (
    LOOKUP_ADDRESS,
    LOOKUP_BELASTINGEN,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_RESIDENTS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    NOT_IN_BRP,
)
from burgerflow.registry.client import (
    AdresPublic,
    BelastingenPublic,
    ParkeervergunningenPublic,
    PersoonPublic,
    RegistryClientError,
    StudiefinancieringPublic,
    ToeslagenPublic,
    VerblijfsobjectPublic,
    VoertuigenPublic,
)
from workflows.change_of_address.domain import AddressFacts, LookupFailure, MoveFacts, NewAddress


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

    async def bag_adressen(
        self,
        postcode: str,
        huisnummer: int,
        huisletter: str | None = None,
        huisnummertoevoeging: str | None = None,
        *,
        exacte_match: bool = False,
    ) -> list[AdresPublic]:
        """Addresses with this postcode and number."""
        ...

    async def bag_adresseerbaar_object(self, object_id: str) -> VerblijfsobjectPublic | None:
        """A BAG addressable object, or None."""
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


class AddressResult(BaseModel):
    """The new address: found or not, its object and residents, and refused look-ups."""

    address: AddressFacts
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


def _record_failures(facts: MoveFacts, failures: Sequence[LookupFailure]) -> None:
    known = {(f.tool, f.subject) for f in facts.failures}
    for failure in failures:
        if (failure.tool, failure.subject) not in known:
            facts.failures.append(failure)
            known.add((failure.tool, failure.subject))


# BRP and BAG -------------------------------------------------------------------------------


async def fetch_persons(registry: RegistryLookups, args: MoversArgs) -> PersonsResult:
    """The movers' BRP records; a mover BRP does not know is a failure (`NOT_IN_BRP`)."""
    try:
        personen = await registry.brp_personen(args.bsns)
    except RegistryClientError as error:
        return PersonsResult(failures=[_failure(LOOKUP_PERSONS, b, error) for b in args.bsns])
    found = {p.burgerservicenummer for p in personen}
    return PersonsResult(
        personen=[p for p in personen if p.burgerservicenummer in args.bsns],
        failures=[
            LookupFailure(
                tool=LOOKUP_PERSONS, subject=b, status=NOT_IN_BRP, detail="Not registered in BRP."
            )
            for b in args.bsns
            if b not in found
        ],
    )


def merge_persons(facts: MoveFacts, result: PersonsResult) -> None:
    """Merge the movers' BRP records into the facts."""
    for persoon in result.personen:
        facts.persons[persoon.burgerservicenummer] = persoon
    _record_failures(facts, result.failures)


def _same(left: str | None, right: str | None) -> bool:
    return (left or "").upper() == (right or "").upper()


async def fetch_address(registry: RegistryLookups, address: NewAddress) -> AddressResult:
    """The reported address in BAG, its addressable object and who BRP has registered there."""
    wanted = normalise_address(address)
    try:
        adressen = await registry.bag_adressen(
            wanted.postcode, wanted.huisnummer, wanted.huisletter, wanted.huisnummertoevoeging
        )
    except RegistryClientError as error:
        return AddressResult(
            address=AddressFacts(found=False), failures=[_failure(LOOKUP_ADDRESS, None, error)]
        )
    adres = next(
        (
            a
            for a in adressen
            if a.huisnummer == wanted.huisnummer
            and _same(a.huisletter, wanted.huisletter)
            and _same(a.huisnummertoevoeging, wanted.huisnummertoevoeging)
        ),
        None,
    )
    if adres is None:
        return AddressResult(address=AddressFacts(found=False))
    object_id = adres.adresseerbaar_object_identificatie
    if object_id is None:
        return AddressResult(address=AddressFacts(found=True, adres=adres))
    failures: list[LookupFailure] = []
    verblijfsobject: VerblijfsobjectPublic | None = None
    residents: list[PersoonPublic] = []
    try:
        verblijfsobject = await registry.bag_adresseerbaar_object(object_id)
    except RegistryClientError as error:
        failures.append(_failure(LOOKUP_ADDRESS, None, error))
    try:
        residents = await registry.brp_bewoners(object_id)
    except RegistryClientError as error:
        failures.append(_failure(LOOKUP_RESIDENTS, None, error))
    return AddressResult(
        address=AddressFacts(found=True, adres=adres, object=verblijfsobject, residents=residents),
        failures=failures,
    )


def merge_address(facts: MoveFacts, result: AddressResult) -> None:
    """Merge the new address into the facts."""
    facts.address = result.address
    _record_failures(facts, result.failures)


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


async def fetch_toeslagen(registry: RegistryLookups, args: MoversArgs) -> ToeslagenResult:
    """The movers' benefits (Toeslagen)."""
    results, failures = await _each_mover(LOOKUP_TOESLAGEN, args.bsns, registry.toeslagen)
    return ToeslagenResult(results=results, failures=failures)


def merge_toeslagen(facts: MoveFacts, result: ToeslagenResult) -> None:
    """Merge the movers' benefits into the facts."""
    facts.toeslagen.update({r.burgerservicenummer: r for r in result.results})
    _record_failures(facts, result.failures)


async def fetch_studiefinanciering(
    registry: RegistryLookups, args: MoversArgs
) -> StudiefinancieringResult:
    """The movers' student finance (DUO)."""
    results, failures = await _each_mover(
        LOOKUP_STUDIEFINANCIERING, args.bsns, registry.duo_studiefinanciering
    )
    return StudiefinancieringResult(results=results, failures=failures)


def merge_studiefinanciering(facts: MoveFacts, result: StudiefinancieringResult) -> None:
    """Merge the movers' student finance into the facts."""
    facts.studiefinanciering.update({r.burgerservicenummer: r for r in result.results})
    _record_failures(facts, result.failures)


async def fetch_voertuigen(registry: RegistryLookups, args: MoversArgs) -> VoertuigenResult:
    """The vehicles registered to the movers (RDW)."""
    results, failures = await _each_mover(LOOKUP_VOERTUIGEN, args.bsns, registry.rdw_voertuigen)
    return VoertuigenResult(results=results, failures=failures)


def merge_voertuigen(facts: MoveFacts, result: VoertuigenResult) -> None:
    """Merge the movers' vehicles into the facts."""
    facts.voertuigen.update({r.burgerservicenummer: r for r in result.results})
    _record_failures(facts, result.failures)


async def fetch_belastingen(registry: RegistryLookups, args: MoversArgs) -> BelastingenResult:
    """The movers' municipal taxes (gemeente)."""
    results, failures = await _each_mover(
        LOOKUP_BELASTINGEN, args.bsns, registry.gemeente_belastingen
    )
    return BelastingenResult(results=results, failures=failures)


def merge_belastingen(facts: MoveFacts, result: BelastingenResult) -> None:
    """Merge the movers' municipal taxes into the facts."""
    facts.belastingen.update({r.burgerservicenummer: r for r in result.results})
    _record_failures(facts, result.failures)


async def fetch_parkeervergunningen(
    registry: RegistryLookups, args: MoversArgs
) -> ParkeervergunningenResult:
    """The movers' parking permits (gemeente)."""
    results, failures = await _each_mover(
        LOOKUP_PARKEERVERGUNNINGEN, args.bsns, registry.gemeente_parkeervergunningen
    )
    return ParkeervergunningenResult(results=results, failures=failures)


def merge_parkeervergunningen(facts: MoveFacts, result: ParkeervergunningenResult) -> None:
    """Merge the movers' parking permits into the facts."""
    facts.parkeervergunningen.update({r.burgerservicenummer: r for r in result.results})
    _record_failures(facts, result.failures)
