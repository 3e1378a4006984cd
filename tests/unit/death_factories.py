"""Small builders of death facts and plans for the death policy's unit tests.

The defaults describe the plain case: a man of 80 who died in Amsterdam (0363), where he
lived with his wife, reported the next day; cremation on the fourth day, natural death with
the doctor's statement; no benefits, vehicles, permits; municipal taxes at 0363.
"""

from collections.abc import Sequence
from datetime import date, time
from typing import Any

from burgerflow.registry.schemas.brp import (
    GeboortePublic,
    GezagPersoon,
    GezagPublic,
    InOnderzoekPublic,
    NaamPublic,
    OpschortingBijhouding,
    OverlijdenPublic,
    PartnerPublic,
    PersoonPublic,
    VerblijfplaatsPublic,
)
from burgerflow.registry.schemas.burgerlijke_stand import DisposalKind
from burgerflow.registry.schemas.common import Datum, Waardetabel
from burgerflow.registry.schemas.duo import StudiefinancieringPublic
from burgerflow.registry.schemas.gemeente import (
    BelastingenPublic,
    BelastingplichtPublic,
    ParkeervergunningenPublic,
    ParkeervergunningPublic,
)
from burgerflow.registry.schemas.rdw import VoertuigenPublic, VoertuigPublic
from burgerflow.registry.schemas.toeslagen import ToeslagenPublic, ToeslagPublic
from workflows.death.domain import (
    LOOKUP_DECEASED,
    DeathFacts,
    DeathPlan,
    DeathRequest,
    Deceased,
    Disposal,
    Documents,
    LookupFailure,
    Manner,
    PlannedStep,
    StepKind,
)

DECEASED = "999900006"
PARTNER = "999900018"
CHILD = "999900031"
OTHER_PARENT = "999900055"
HOUSEMATE = "999900067"

GEMEENTE = "0363"
OBJECT = "0363010000000001"
BORN = date(1946, 3, 2)
DIED = date(2026, 3, 3)  # a Tuesday
JOINT = "GezamenlijkOuderlijkGezag"
SOLE = "EenhoofdigOuderlijkGezag"


def person(
    bsn: str,
    *,
    geslachtsnaam: str = "Jansen",
    voorvoegsel: str | None = None,
    born: date = BORN,
    partners: Sequence[str] = (),
    gezag: Sequence[GezagPublic] = (),
    died: date | None = None,
    in_onderzoek: bool = False,
    object_id: str = OBJECT,
) -> PersoonPublic:
    """A BRP person at `object_id`, alive unless `died`."""
    return PersoonPublic(
        burgerservicenummer=bsn,
        naam=NaamPublic(
            voornamen="Jan",
            voorvoegsel=voorvoegsel,
            geslachtsnaam=geslachtsnaam,
            volledige_naam=" ".join(p for p in ("Jan", voorvoegsel, geslachtsnaam) if p),
        ),
        geboorte=GeboortePublic(datum=Datum.of(born)),
        verblijfplaats=VerblijfplaatsPublic(adresseerbaar_object_identificatie=object_id),
        gemeente_van_inschrijving=Waardetabel(code=GEMEENTE),
        partners=[PartnerPublic(burgerservicenummer=p) for p in partners],
        gezag=list(gezag),
        overlijden=OverlijdenPublic(datum=Datum.of(died)) if died else None,
        opschorting_bijhouding=(
            OpschortingBijhouding(reden=Waardetabel(code="O"), datum=Datum.of(died))
            if died
            else None
        ),
        in_onderzoek=InOnderzoekPublic() if in_onderzoek else None,
    )


def joint_custody(minor: str, *parents: str) -> GezagPublic:
    """Joint custody of `minor` by two parents."""
    return GezagPublic(
        type=JOINT,
        minderjarige=GezagPersoon(burgerservicenummer=minor),
        ouders=[GezagPersoon(burgerservicenummer=p) for p in parents],
    )


def sole_custody(minor: str, parent: str) -> GezagPublic:
    """Sole custody of `minor` by one parent."""
    return GezagPublic(
        type=SOLE,
        minderjarige=GezagPersoon(burgerservicenummer=minor),
        ouder=GezagPersoon(burgerservicenummer=parent),
    )


def request(**changes: Any) -> DeathRequest:
    """The reported death, with `changes` (`time_of_death`, `disposal`, `manner`, ...)."""
    fields: dict[str, Any] = {
        "bsn": DECEASED,
        "deceased": Deceased(geslachtsnaam="Jansen", geboortedatum=BORN),
        "date_of_death": DIED,
        "place_of_death": GEMEENTE,
        "manner": Manner.NATURAL,
        "documents": Documents(verklaring_van_overlijden=True),
        "disposal": Disposal(kind=DisposalKind.CREMEREN, date=date(2026, 3, 6)),
    }
    fields.update(changes)
    return DeathRequest(**fields)


def disposal(day: date, at: time | None = None, kind: str = "cremeren") -> Disposal:
    """A burial or cremation on `day` (at `at`)."""
    return Disposal(kind=DisposalKind(kind), date=day, time=at)


def facts(
    *,
    req: DeathRequest | None = None,
    deceased: PersoonPublic | None = None,
    relatives: Sequence[PersoonPublic] | None = None,
    household: Sequence[PersoonPublic] | None = None,
    toeslagen: Sequence[str] = (),
    studiefinanciering: bool = False,
    kentekens: Sequence[str] = (),
    permits: Sequence[tuple[str, str]] = (),
    taxes: Sequence[tuple[str, str]] = ((GEMEENTE, "lopend"),),
    found: bool = True,
) -> DeathFacts:
    """Complete facts: by default a married man whose wife lives on at their home."""
    req = req or request()
    persons: dict[str, PersoonPublic] = {}
    if found:
        persons[req.bsn] = deceased or person(req.bsn, partners=[PARTNER])
    for relative in relatives if relatives is not None else [person(PARTNER, partners=[req.bsn])]:
        persons[relative.burgerservicenummer] = relative
    bsn = req.bsn
    return DeathFacts(
        request=req,
        persons=persons,
        household=(list(household) if household is not None else [person(PARTNER)])
        if found
        else None,
        toeslagen=ToeslagenPublic(
            burgerservicenummer=bsn,
            toeslagen=[ToeslagPublic(soort=s, status="lopend") for s in toeslagen],
        ),
        studiefinanciering=StudiefinancieringPublic(
            burgerservicenummer=bsn, studiefinanciering=studiefinanciering
        ),
        voertuigen=VoertuigenPublic(
            burgerservicenummer=bsn, voertuigen=[VoertuigPublic(kenteken=k) for k in kentekens]
        ),
        belastingen=BelastingenPublic(
            burgerservicenummer=bsn,
            belastingplichten=[
                BelastingplichtPublic(aanslagnummer=f"A{i}", gemeentecode=code, status=status)
                for i, (code, status) in enumerate(taxes)
            ],
        ),
        parkeervergunningen=ParkeervergunningenPublic(
            burgerservicenummer=bsn,
            parkeervergunningen=[
                ParkeervergunningPublic(
                    vergunningnummer=number,
                    gemeentecode=GEMEENTE,
                    adresseerbaar_object_identificatie=OBJECT,
                    status=status,
                )
                for number, status in permits
            ],
        ),
        failures=[]
        if found
        else [LookupFailure(tool=LOOKUP_DECEASED, subject=bsn, status=404, detail="not in BRP")],
    )


def plan_of(steps: Sequence[tuple[StepKind, str | None, dict[str, Any]]]) -> DeathPlan:
    """A plan with these steps and no concerns."""
    return DeathPlan(
        steps=[
            PlannedStep(kind=kind, subject=subject, params=params, rationale="r")
            for kind, subject, params in steps
        ],
        caseworker_summary="s",
    )
