"""The registry look-ups: how each runs on the worker and merges its answer into the facts.

Each look-up takes resolved arguments (BSNs, or the deceased's address) and gives back a
result model; its merge puts the full answer into `DeathFacts`, what the policy reads. A
registry's 4xx answer is a fact too: a `LookupFailure` in the result. A 5xx answer, a timeout
or a connection error (`RegistryUnavailable`) is not caught here: it raises out of the tool
node, so Temporal retries the activity. BRP is asked for deceased persons too: the deceased
themselves (a look-up by BSN answers them) and, for the household, with
`inclusiefOverledenPersonen` left off, only the living.
"""

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar

from pydantic import BaseModel, Field

from agents.death.tools.args import BsnsArgs, DeceasedArgs, HouseholdArgs
from agents.death.tools.names import (
    LOOKUP_BELASTINGEN,
    LOOKUP_DECEASED,
    LOOKUP_HOUSEHOLD,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_RELATIVES,
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
from workflows.death.domain import DeathFacts, LookupFailure, surname_matches


class RegistryLookups(Protocol):
    """The registry look-ups the tools use; `burgerflow.registry.client.RegistryClient` has them."""

    async def brp_personen(
        self, bsns: Sequence[str], *, fields: Sequence[str] | None = None
    ) -> list[PersoonPublic]:
        """Persons by BSN (deceased persons included); unknown BSNs are absent."""
        ...

    async def brp_bewoners(
        self,
        object_id: str,
        *,
        fields: Sequence[str] | None = None,
        inclusief_overleden_personen: bool = False,
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


class DeceasedResult(BaseModel):
    """The deceased's BRP record (None: BRP does not know them), and refused look-ups."""

    bsn: str
    persoon: PersoonPublic | None = None
    surname_matches: bool | None = None
    failures: list[LookupFailure] = Field(default_factory=list)


class RelativesResult(BaseModel):
    """The relatives BRP knows, and the ones it does not."""

    personen: list[PersoonPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class HouseholdResult(BaseModel):
    """The living persons registered at the deceased's address, the deceased left out."""

    object_id: str
    residents: list[PersoonPublic] | None = None
    failures: list[LookupFailure] = Field(default_factory=list)


class ToeslagenResult(BaseModel):
    """The deceased's benefits (Toeslagen)."""

    bsn: str
    result: ToeslagenPublic | None = None
    failures: list[LookupFailure] = Field(default_factory=list)


class StudiefinancieringResult(BaseModel):
    """The deceased's student finance (DUO)."""

    bsn: str
    result: StudiefinancieringPublic | None = None
    failures: list[LookupFailure] = Field(default_factory=list)


class VoertuigenResult(BaseModel):
    """The vehicles registered to the deceased (RDW)."""

    bsn: str
    result: VoertuigenPublic | None = None
    failures: list[LookupFailure] = Field(default_factory=list)


class BelastingenResult(BaseModel):
    """The deceased's municipal taxes (gemeente)."""

    bsn: str
    result: BelastingenPublic | None = None
    failures: list[LookupFailure] = Field(default_factory=list)


class ParkeervergunningenResult(BaseModel):
    """The deceased's parking permits (gemeente)."""

    bsn: str
    result: ParkeervergunningenPublic | None = None
    failures: list[LookupFailure] = Field(default_factory=list)


# Failures ----------------------------------------------------------------------------------


def _failure(tool: str, subject: str | None, error: RegistryClientError) -> LookupFailure:
    return LookupFailure(tool=tool, subject=subject, status=error.status or 0, detail=str(error))


def record_failures(facts: DeathFacts, failures: Sequence[LookupFailure]) -> None:
    """Add failures to the facts, once per look-up and subject."""
    known = {(f.tool, f.subject) for f in facts.failures}
    for failure in failures:
        if (failure.tool, failure.subject) not in known:
            facts.failures.append(failure)
            known.add((failure.tool, failure.subject))


# BRP ---------------------------------------------------------------------------------------


async def fetch_deceased(registry: RegistryLookups, args: DeceasedArgs) -> DeceasedResult:
    """The deceased's BRP record; a person BRP does not know is a failure (`NOT_IN_BRP`)."""
    try:
        found = await registry.brp_personen([args.bsn])
    except RegistryClientError as error:
        return DeceasedResult(bsn=args.bsn, failures=[_failure(LOOKUP_DECEASED, args.bsn, error)])
    persoon = next((p for p in found if p.burgerservicenummer == args.bsn), None)
    if persoon is None:
        missing = LookupFailure(
            tool=LOOKUP_DECEASED, subject=args.bsn, status=NOT_IN_BRP, detail="Not in BRP."
        )
        return DeceasedResult(bsn=args.bsn, failures=[missing])
    return DeceasedResult(
        bsn=args.bsn,
        persoon=persoon,
        surname_matches=surname_matches(args.reported_surname, persoon),
    )


def merge_deceased(facts: DeathFacts, result: DeceasedResult) -> None:
    """Merge the deceased's record into the facts."""
    if result.persoon is not None:
        facts.persons[result.bsn] = result.persoon
    record_failures(facts, result.failures)


async def fetch_relatives(registry: RegistryLookups, args: BsnsArgs) -> RelativesResult:
    """The relatives' BRP records; one BRP does not know is a failure (`NOT_IN_BRP`)."""
    try:
        personen = await registry.brp_personen(args.bsns)
    except RegistryClientError as error:
        return RelativesResult(failures=[_failure(LOOKUP_RELATIVES, b, error) for b in args.bsns])
    found = {p.burgerservicenummer for p in personen}
    return RelativesResult(
        personen=[p for p in personen if p.burgerservicenummer in args.bsns],
        failures=[
            LookupFailure(tool=LOOKUP_RELATIVES, subject=b, status=NOT_IN_BRP, detail="Not in BRP.")
            for b in args.bsns
            if b not in found
        ],
    )


def merge_relatives(facts: DeathFacts, result: RelativesResult) -> None:
    """Merge the relatives' records into the facts."""
    for persoon in result.personen:
        facts.persons[persoon.burgerservicenummer] = persoon
    record_failures(facts, result.failures)


async def fetch_household(registry: RegistryLookups, args: HouseholdArgs) -> HouseholdResult:
    """Who else alive BRP has registered at the deceased's address."""
    try:
        residents = await registry.brp_bewoners(args.object_id)
    except RegistryClientError as error:
        return HouseholdResult(
            object_id=args.object_id, failures=[_failure(LOOKUP_HOUSEHOLD, None, error)]
        )
    others = [r for r in residents if r.burgerservicenummer != args.deceased]
    return HouseholdResult(object_id=args.object_id, residents=others)


def merge_household(facts: DeathFacts, result: HouseholdResult) -> None:
    """Merge the household into the facts."""
    if result.residents is not None:
        facts.household = result.residents
    record_failures(facts, result.failures)


# The other registries ----------------------------------------------------------------------

T = TypeVar("T")


async def _ask(
    tool: str, bsn: str, call: Callable[[str], Awaitable[T]]
) -> tuple[T | None, list[LookupFailure]]:
    try:
        return await call(bsn), []
    except RegistryClientError as error:
        return None, [_failure(tool, bsn, error)]


async def fetch_toeslagen(registry: RegistryLookups, args: DeceasedArgs) -> ToeslagenResult:
    """The deceased's benefits (Toeslagen)."""
    result, failures = await _ask(LOOKUP_TOESLAGEN, args.bsn, registry.toeslagen)
    return ToeslagenResult(bsn=args.bsn, result=result, failures=failures)


def merge_toeslagen(facts: DeathFacts, result: ToeslagenResult) -> None:
    """Merge the deceased's benefits into the facts."""
    facts.toeslagen = result.result or facts.toeslagen
    record_failures(facts, result.failures)


async def fetch_studiefinanciering(
    registry: RegistryLookups, args: DeceasedArgs
) -> StudiefinancieringResult:
    """The deceased's student finance (DUO)."""
    result, failures = await _ask(
        LOOKUP_STUDIEFINANCIERING, args.bsn, registry.duo_studiefinanciering
    )
    return StudiefinancieringResult(bsn=args.bsn, result=result, failures=failures)


def merge_studiefinanciering(facts: DeathFacts, result: StudiefinancieringResult) -> None:
    """Merge the deceased's student finance into the facts."""
    facts.studiefinanciering = result.result or facts.studiefinanciering
    record_failures(facts, result.failures)


async def fetch_voertuigen(registry: RegistryLookups, args: DeceasedArgs) -> VoertuigenResult:
    """The vehicles registered to the deceased (RDW)."""
    result, failures = await _ask(LOOKUP_VOERTUIGEN, args.bsn, registry.rdw_voertuigen)
    return VoertuigenResult(bsn=args.bsn, result=result, failures=failures)


def merge_voertuigen(facts: DeathFacts, result: VoertuigenResult) -> None:
    """Merge the deceased's vehicles into the facts."""
    facts.voertuigen = result.result or facts.voertuigen
    record_failures(facts, result.failures)


async def fetch_belastingen(registry: RegistryLookups, args: DeceasedArgs) -> BelastingenResult:
    """The deceased's municipal taxes (gemeente)."""
    result, failures = await _ask(LOOKUP_BELASTINGEN, args.bsn, registry.gemeente_belastingen)
    return BelastingenResult(bsn=args.bsn, result=result, failures=failures)


def merge_belastingen(facts: DeathFacts, result: BelastingenResult) -> None:
    """Merge the deceased's municipal taxes into the facts."""
    facts.belastingen = result.result or facts.belastingen
    record_failures(facts, result.failures)


async def fetch_parkeervergunningen(
    registry: RegistryLookups, args: DeceasedArgs
) -> ParkeervergunningenResult:
    """The deceased's parking permits (gemeente)."""
    result, failures = await _ask(
        LOOKUP_PARKEERVERGUNNINGEN, args.bsn, registry.gemeente_parkeervergunningen
    )
    return ParkeervergunningenResult(bsn=args.bsn, result=result, failures=failures)


def merge_parkeervergunningen(facts: DeathFacts, result: ParkeervergunningenResult) -> None:
    """Merge the deceased's parking permits into the facts."""
    facts.parkeervergunningen = result.result or facts.parkeervergunningen
    record_failures(facts, result.failures)
