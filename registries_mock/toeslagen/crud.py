"""Toeslagen queries and writers. Writers flush; the caller commits."""

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, delete, select

from burgerflow.registry.schemas.toeslagen import ToeslagenPublic, ToeslagPublic
from registries_mock.adreskopie import get_kopie, kopie_public
from registries_mock.toeslagen.models import Toeslag, ToeslagenAdres

STANDAARDBEDRAGEN = {
    "huurtoeslag": 285,
    "zorgtoeslag": 131,
    "kinderopvangtoeslag": 940,
    "kindgebondenbudget": 210,
}
"""Monthly amounts (euros) given to benefits created through the admin API."""


def toeslagen(*, session: Session, burgerservicenummer: str) -> ToeslagenPublic:
    """A person's benefits and Toeslagen's copy of their address."""
    rows: Sequence[Toeslag] = session.exec(
        select(Toeslag)
        .where(Toeslag.burgerservicenummer == burgerservicenummer)
        .order_by(col(Toeslag.id))
    ).all()
    kopie = get_kopie(
        session=session, table=ToeslagenAdres, burgerservicenummer=burgerservicenummer
    )
    return ToeslagenPublic(
        burgerservicenummer=burgerservicenummer,
        toeslagen=[
            ToeslagPublic(
                soort=t.soort,
                status=t.status,
                ingangsdatum=t.ingangsdatum,
                bedrag_per_maand=t.bedrag_per_maand,
            )
            for t in rows
        ],
        adres=kopie_public(kopie),
    )


def vervang_toeslagen(
    *, session: Session, burgerservicenummer: str, soorten: Sequence[str], ingangsdatum: date
) -> None:
    """Replace a person's benefits by running ones of the given kinds."""
    session.exec(delete(Toeslag).where(col(Toeslag.burgerservicenummer) == burgerservicenummer))
    for soort in dict.fromkeys(soorten):
        session.add(
            Toeslag(
                burgerservicenummer=burgerservicenummer,
                soort=soort,
                status="lopend",
                ingangsdatum=ingangsdatum,
                bedrag_per_maand=STANDAARDBEDRAGEN.get(soort, 100),
            )
        )
    session.flush()
