"""Belastingdienst queries."""

from sqlmodel import Session

from burgerflow.registry.schemas.belastingdienst import BelastingplichtigePublic
from registries_mock.adreskopie import get_kopie, kopie_public
from registries_mock.belastingdienst.models import BelastingdienstAdres


def belastingplichtige(*, session: Session, burgerservicenummer: str) -> BelastingplichtigePublic:
    """The Belastingdienst's view of a person (no address when unknown)."""
    kopie = get_kopie(
        session=session, table=BelastingdienstAdres, burgerservicenummer=burgerservicenummer
    )
    return BelastingplichtigePublic(
        burgerservicenummer=burgerservicenummer, adres=kopie_public(kopie)
    )
