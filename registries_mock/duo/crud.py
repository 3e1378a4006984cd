"""DUO queries and writers. Writers flush; the caller commits."""

from datetime import date

from sqlmodel import Session, col, delete

from burgerflow.registry.schemas.duo import StudiefinancieringDetails, StudiefinancieringPublic
from registries_mock.adreskopie import get_kopie, kopie_public
from registries_mock.duo.models import DuoAdres, Studiefinanciering


def studiefinanciering(*, session: Session, burgerservicenummer: str) -> StudiefinancieringPublic:
    """A person's student finance (`studiefinanciering: false` when none)."""
    row = session.get(Studiefinanciering, burgerservicenummer)
    kopie = get_kopie(session=session, table=DuoAdres, burgerservicenummer=burgerservicenummer)
    return StudiefinancieringPublic(
        burgerservicenummer=burgerservicenummer,
        studiefinanciering=row is not None,
        details=(
            StudiefinancieringDetails.model_validate(row, from_attributes=True) if row else None
        ),
        adres=kopie_public(kopie),
    )


def zet_studiefinanciering(
    *, session: Session, burgerservicenummer: str, actief: bool, ingangsdatum: date
) -> None:
    """Give a person standard student finance (wo, uitwonend), or take it away."""
    session.exec(
        delete(Studiefinanciering).where(
            col(Studiefinanciering.burgerservicenummer) == burgerservicenummer
        )
    )
    if actief:
        session.add(
            Studiefinanciering(
                burgerservicenummer=burgerservicenummer,
                onderwijssoort="wo",
                onderwijsinstelling="Universiteit van Amsterdam",
                woonsituatie="uitwonend",
                ingangsdatum=ingangsdatum,
                bedrag_per_maand=325,
            )
        )
    session.flush()
