"""RDW queries and writers. Writers flush; the caller commits."""

import hashlib
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, delete, select

from burgerflow.registry.schemas.rdw import VoertuigenPublic, VoertuigPublic
from registries_mock.adreskopie import get_kopie, kopie_public
from registries_mock.rdw.models import RdwAdres, Voertuig

KENTEKEN_LETTERS = "BDFGHJKLNPRSTVXZ"
"""Letters RDW uses in registration numbers (no vowels)."""


def voertuigen(*, session: Session, burgerservicenummer: str) -> VoertuigenPublic:
    """The vehicles registered to a person."""
    rows: Sequence[Voertuig] = session.exec(
        select(Voertuig)
        .where(Voertuig.burgerservicenummer == burgerservicenummer)
        .order_by(col(Voertuig.kenteken))
    ).all()
    kopie = get_kopie(session=session, table=RdwAdres, burgerservicenummer=burgerservicenummer)
    return VoertuigenPublic(
        burgerservicenummer=burgerservicenummer,
        voertuigen=[VoertuigPublic.model_validate(v, from_attributes=True) for v in rows],
        adres=kopie_public(kopie),
    )


def _kenteken(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).digest()
    letters = [KENTEKEN_LETTERS[b % len(KENTEKEN_LETTERS)] for b in digest[:3]]
    digits = int.from_bytes(digest[3:6], "big") % 900 + 100
    return f"{letters[0]}{letters[1]}{digits}{letters[2]}"


def vervang_voertuigen(
    *, session: Session, burgerservicenummer: str, aantal: int, datum_tenaamstelling: date
) -> list[str]:
    """Replace a person's vehicles by `aantal` generated ones; returns their kentekens.

    Kentekens derive from the BSN, so the same person gets the same ones each time.
    """
    session.exec(delete(Voertuig).where(col(Voertuig.burgerservicenummer) == burgerservicenummer))
    session.flush()
    kentekens: list[str] = []
    attempt = 0
    while len(kentekens) < aantal:
        kenteken = _kenteken(f"{burgerservicenummer}:{attempt}")
        attempt += 1
        if kenteken in kentekens or session.get(Voertuig, kenteken) is not None:
            continue
        kentekens.append(kenteken)
        session.add(
            Voertuig(
                kenteken=kenteken,
                burgerservicenummer=burgerservicenummer,
                merk="Volkswagen",
                handelsbenaming="Golf",
                datum_tenaamstelling=datum_tenaamstelling,
            )
        )
    session.flush()
    return kentekens
