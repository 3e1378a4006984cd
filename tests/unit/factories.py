"""Small builders of change-of-address facts and plans for policy unit tests.

Everything is built in Python from the registry wire models; nothing talks HTTP or Temporal.
The defaults describe the plain case: an adult registered in Heerenveen (0599) moving to a
roomy, in-use home in Amsterdam (0363) that nobody lives in yet.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from burgerflow.registry.schemas.bag import AdresPublic, VerblijfsobjectPublic
from burgerflow.registry.schemas.brp import (
    GezagPersoon,
    GezagPublic,
    InOnderzoekPublic,
    PartnerPublic,
    PersoonPublic,
    VerblijfplaatsPublic,
)
from burgerflow.registry.schemas.common import Waardetabel
from burgerflow.registry.schemas.duo import StudiefinancieringPublic
from burgerflow.registry.schemas.gemeente import (
    BelastingenPublic,
    BelastingplichtPublic,
    ParkeervergunningenPublic,
    ParkeervergunningPublic,
)
from burgerflow.registry.schemas.rdw import VoertuigenPublic, VoertuigPublic
from burgerflow.registry.schemas.toeslagen import ToeslagenPublic, ToeslagPublic
from workflows.change_of_address.domain import (
    AddressFacts,
    Concern,
    LookupFailure,
    MoveFacts,
    MovePlan,
    MoveRequest,
    NewAddress,
    ParamValue,
    PlannedStep,
    StepKind,
)

REPORTER = "999900006"
PARTNER = "999900018"
CHILD = "999900031"
CHILD_2 = "999900043"
OTHER_PARENT = "999900055"
HOUSEMATE = "999900067"
RESIDENT = "999900079"
UNKNOWN = "999900080"

OLD_GEMEENTE = "0599"
NEW_GEMEENTE = "0363"
OLD_OBJECT = "0599010000000001"
NEW_OBJECT = "0363010000000001"
OTHER_OBJECT = "0599010000000002"

MOVE_DATE = date(2026, 3, 2)
IN_USE = "Verblijfsobject in gebruik"
JOINT = "GezamenlijkOuderlijkGezag"
SOLE = "EenhoofdigOuderlijkGezag"


def person(
    bsn: str,
    *,
    age: int | None = 35,
    object_id: str = OLD_OBJECT,
    gemeente: str = OLD_GEMEENTE,
    partners: Iterable[PartnerPublic] = (),
    gezag: Iterable[GezagPublic] = (),
    in_onderzoek: bool = False,
) -> PersoonPublic:
    """A BRP person living at `object_id` in `gemeente`."""
    return PersoonPublic(
        burgerservicenummer=bsn,
        leeftijd=age,
        verblijfplaats=VerblijfplaatsPublic(adresseerbaar_object_identificatie=object_id),
        gemeente_van_inschrijving=Waardetabel(code=gemeente),
        partners=list(partners),
        gezag=list(gezag),
        in_onderzoek=InOnderzoekPublic() if in_onderzoek else None,
    )


def partner(bsn: str, soort: str = "H") -> PartnerPublic:
    """A spouse (`H`) or registered partner (`P`) on a person's record."""
    return PartnerPublic(burgerservicenummer=bsn, soort_verbintenis=Waardetabel(code=soort))


def joint_custody(minor: str, parent_1: str, parent_2: str) -> GezagPublic:
    """Joint parental custody of `minor`."""
    return GezagPublic(
        type=JOINT,
        minderjarige=GezagPersoon(burgerservicenummer=minor),
        ouders=[
            GezagPersoon(burgerservicenummer=parent_1),
            GezagPersoon(burgerservicenummer=parent_2),
        ],
    )


def sole_custody(minor: str, parent: str) -> GezagPublic:
    """Sole parental custody of `minor`."""
    return GezagPublic(
        type=SOLE,
        minderjarige=GezagPersoon(burgerservicenummer=minor),
        ouder=GezagPersoon(burgerservicenummer=parent),
    )


def address(
    *,
    object_id: str = NEW_OBJECT,
    oppervlakte: int | None = 100,
    gebruiksdoelen: Sequence[str] = ("woonfunctie",),
    status: str | None = IN_USE,
    in_onderzoek: bool = False,
    residents: Iterable[PersoonPublic] = (),
) -> AddressFacts:
    """A new address BAG knows, with its object and current residents."""
    return AddressFacts(
        found=True,
        adres=AdresPublic(
            openbare_ruimte_naam="Teststraat",
            huisnummer=1,
            postcode="1011AA",
            woonplaats_naam="Amsterdam",
            nummeraanduiding_identificatie=f"{object_id[:4]}200000000001",
            adresseerbaar_object_identificatie=object_id,
        ),
        object=VerblijfsobjectPublic(
            identificatie=object_id,
            gebruiksdoelen=list(gebruiksdoelen),
            oppervlakte=oppervlakte,
            status=status,
            in_onderzoek=in_onderzoek,
        ),
        residents=list(residents),
    )


def request(
    reporter: str = REPORTER, co_movers: Sequence[str] = (), *, move_date: date = MOVE_DATE
) -> MoveRequest:
    """A reported move to Teststraat 1, 1011AA."""
    return MoveRequest(
        bsn=reporter,
        co_movers=list(co_movers),
        new_address=NewAddress(postcode="1011AA", huisnummer=1),
        move_date=move_date,
    )


def toeslag(soort: str = "huurtoeslag", status: str = "lopend") -> ToeslagPublic:
    """One benefit."""
    return ToeslagPublic(soort=soort, status=status)


def belasting(
    gemeentecode: str = OLD_GEMEENTE, status: str = "lopend", object_id: str = OLD_OBJECT
) -> BelastingplichtPublic:
    """One municipal tax liability."""
    return BelastingplichtPublic(
        aanslagnummer=f"A-{gemeentecode}-{status}",
        gemeentecode=gemeentecode,
        adresseerbaar_object_identificatie=object_id,
        status=status,
    )


def vergunning(
    nummer: str = "PV-1", *, object_id: str = OLD_OBJECT, status: str = "actief"
) -> ParkeervergunningPublic:
    """One parking permit."""
    return ParkeervergunningPublic(
        vergunningnummer=nummer,
        gemeentecode=object_id[:4],
        adresseerbaar_object_identificatie=object_id,
        status=status,
    )


_UNSET: Any = object()


def facts(
    move: MoveRequest,
    persons: Iterable[PersoonPublic],
    *,
    new_address: AddressFacts | None = _UNSET,
    toeslagen: Mapping[str, Sequence[ToeslagPublic]] | None = None,
    studiefinanciering: Iterable[str] = (),
    voertuigen: Mapping[str, Sequence[str]] | None = None,
    belastingen: Mapping[str, Sequence[BelastingplichtPublic]] | None = None,
    parkeervergunningen: Mapping[str, Sequence[ParkeervergunningPublic]] | None = None,
) -> MoveFacts:
    """Complete facts: every look-up done for every mover, nothing found unless given.

    Movers without a record in `persons` are recorded as a BRP 404, as the tool node does.
    `new_address` defaults to a roomy, in-use home (`address()`); pass None for "not looked up".
    """
    known = {p.burgerservicenummer: p for p in persons}
    bsns = move.mover_bsns
    toeslagen = toeslagen or {}
    voertuigen = voertuigen or {}
    belastingen = belastingen or {}
    parkeervergunningen = parkeervergunningen or {}
    students = set(studiefinanciering)
    return MoveFacts(
        request=move,
        persons={b: known[b] for b in bsns if b in known},
        address=address() if new_address is _UNSET else new_address,
        toeslagen={
            b: ToeslagenPublic(burgerservicenummer=b, toeslagen=list(toeslagen.get(b, ())))
            for b in bsns
        },
        studiefinanciering={
            b: StudiefinancieringPublic(burgerservicenummer=b, studiefinanciering=b in students)
            for b in bsns
        },
        voertuigen={
            b: VoertuigenPublic(
                burgerservicenummer=b,
                voertuigen=[VoertuigPublic(kenteken=k) for k in voertuigen.get(b, ())],
            )
            for b in bsns
        },
        belastingen={
            b: BelastingenPublic(
                burgerservicenummer=b, belastingplichten=list(belastingen.get(b, ()))
            )
            for b in bsns
        },
        parkeervergunningen={
            b: ParkeervergunningenPublic(
                burgerservicenummer=b, parkeervergunningen=list(parkeervergunningen.get(b, ()))
            )
            for b in bsns
        },
        failures=[
            LookupFailure(tool="lookup_persons", subject=b, status=404, detail="Not in BRP.")
            for b in bsns
            if b not in known
        ],
    )


def step(kind: StepKind, subject: str | None = REPORTER, **params: ParamValue) -> PlannedStep:
    """One step of an agent plan."""
    return PlannedStep(kind=kind, subject=subject, params=params, rationale="Test step.")


def concern(topic: str = "household", subject: str | None = REPORTER) -> Concern:
    """A concern the agent raises."""
    return Concern(topic=topic, subject=subject, rationale="Something a caseworker should see.")


def plan(*steps: PlannedStep, concerns: Iterable[Concern] = ()) -> MovePlan:
    """An agent plan with these steps and concerns."""
    return MovePlan(
        steps=list(steps),
        concerns=list(concerns),
        caseworker_summary="Samenvatting voor de behandelaar.",
        citizen_message="Wij hebben uw verhuizing ontvangen.",
    )
