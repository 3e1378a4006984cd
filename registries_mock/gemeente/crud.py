"""Gemeente queries and writers. Writers flush; the caller commits."""

import uuid
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, delete, select

from burgerflow.registry.schemas.gemeente import (
    BelastingenPublic,
    BelastingplichtPublic,
    ParkeervergunningenPublic,
    ParkeervergunningPublic,
)
from registries_mock.bag import crud as bag_crud
from registries_mock.brp import crud as brp_crud
from registries_mock.gemeente.models import Belastingplicht, Parkeervergunning
from registries_mock.problems import not_found, unprocessable


def belastingplicht_public(row: Belastingplicht) -> BelastingplichtPublic:
    """The wire form of a tax liability."""
    public = BelastingplichtPublic.model_validate(row, from_attributes=True)
    public.gemeentenaam = brp_crud.gemeentenaam(row.gemeentecode)
    return public


def belastingen(*, session: Session, burgerservicenummer: str) -> BelastingenPublic:
    """A person's municipal tax liabilities."""
    rows = session.exec(
        select(Belastingplicht)
        .where(Belastingplicht.burgerservicenummer == burgerservicenummer)
        .order_by(col(Belastingplicht.ingangsdatum), col(Belastingplicht.aanslagnummer))
    ).all()
    return BelastingenPublic(
        burgerservicenummer=burgerservicenummer,
        belastingplichten=[belastingplicht_public(r) for r in rows],
    )


def parkeervergunningen(*, session: Session, burgerservicenummer: str) -> ParkeervergunningenPublic:
    """A person's parking permits."""
    rows = session.exec(
        select(Parkeervergunning)
        .where(Parkeervergunning.burgerservicenummer == burgerservicenummer)
        .order_by(col(Parkeervergunning.vergunningnummer))
    ).all()
    return ParkeervergunningenPublic(
        burgerservicenummer=burgerservicenummer,
        parkeervergunningen=[
            ParkeervergunningPublic.model_validate(r, from_attributes=True) for r in rows
        ],
    )


def beeindig_belasting(
    *, session: Session, burgerservicenummer: str, gemeentecode: str, einddatum: date
) -> Sequence[Belastingplicht]:
    """End the person's running tax liabilities at a municipality.

    Raises:
        ProblemError: 422 when none is running there.
    """
    rows = session.exec(
        select(Belastingplicht).where(
            Belastingplicht.burgerservicenummer == burgerservicenummer,
            Belastingplicht.gemeentecode == gemeentecode,
            Belastingplicht.status == "lopend",
        )
    ).all()
    if not rows:
        raise unprocessable(
            "Er loopt geen belastingplicht bij deze gemeente.", code="geenLopendeBelastingplicht"
        )
    for row in rows:
        row.status = "beeindigd"
        row.einddatum = einddatum
        session.add(row)
    session.flush()
    return rows


def start_belasting(
    *,
    session: Session,
    burgerservicenummer: str,
    gemeentecode: str,
    adresseerbaar_object_identificatie: str,
    ingangsdatum: date,
    aanslagnummer: str | None = None,
) -> Belastingplicht:
    """Start municipal taxes for a person at a municipality and object.

    Raises:
        ProblemError: 404 when the person is not in BRP; 422 when the object is unknown or
            lies in another municipality, or a liability is already running there.
    """
    if brp_crud.get_persoon(session=session, burgerservicenummer=burgerservicenummer) is None:
        raise not_found("De persoon is niet ingeschreven in de BRP.")
    verblijfsobject = bag_crud.get_verblijfsobject(
        session=session, identificatie=adresseerbaar_object_identificatie
    )
    if verblijfsobject is None:
        raise unprocessable(
            "Het adresseerbaar object bestaat niet in de BAG.", code="adresNietGevonden"
        )
    if verblijfsobject.gemeentecode != gemeentecode:
        raise unprocessable(
            "Het adresseerbaar object ligt niet in deze gemeente.", code="andereGemeente"
        )
    running = session.exec(
        select(Belastingplicht).where(
            Belastingplicht.burgerservicenummer == burgerservicenummer,
            Belastingplicht.gemeentecode == gemeentecode,
            Belastingplicht.status == "lopend",
        )
    ).first()
    if running is not None:
        raise unprocessable(
            "Er loopt al een belastingplicht bij deze gemeente.", code="belastingplichtBestaat"
        )
    row = Belastingplicht(
        aanslagnummer=aanslagnummer or f"AS-{gemeentecode}-{uuid.uuid4().hex[:10].upper()}",
        burgerservicenummer=burgerservicenummer,
        gemeentecode=gemeentecode,
        adresseerbaar_object_identificatie=adresseerbaar_object_identificatie,
        ingangsdatum=ingangsdatum,
    )
    session.add(row)
    session.flush()
    return row


def beeindig_parkeervergunning(
    *, session: Session, burgerservicenummer: str, vergunningnummer: str, einddatum: date
) -> Parkeervergunning:
    """End a parking permit.

    Raises:
        ProblemError: 404 when the person holds no such permit; 422 when it already ended.
    """
    row = session.get(Parkeervergunning, vergunningnummer)
    if row is None or row.burgerservicenummer != burgerservicenummer:
        raise not_found("De parkeervergunning is niet gevonden.")
    if row.status != "actief":
        raise unprocessable("De parkeervergunning is al beeindigd.", code="alBeeindigd")
    row.status = "beeindigd"
    row.einddatum = einddatum
    session.add(row)
    session.flush()
    return row


def verwijder_voor_persoon(*, session: Session, burgerservicenummer: str) -> None:
    """Remove a person's tax liabilities and permits (admin upsert)."""
    session.exec(
        delete(Belastingplicht).where(
            col(Belastingplicht.burgerservicenummer) == burgerservicenummer
        )
    )
    session.exec(
        delete(Parkeervergunning).where(
            col(Parkeervergunning.burgerservicenummer) == burgerservicenummer
        )
    )
    session.flush()


def geef_parkeervergunning(
    *,
    session: Session,
    burgerservicenummer: str,
    gemeentecode: str,
    adresseerbaar_object_identificatie: str,
    kenteken: str | None,
    ingangsdatum: date,
) -> Parkeervergunning:
    """Issue a parking permit tied to an address (admin)."""
    row = Parkeervergunning(
        vergunningnummer=f"PV-{gemeentecode}-{uuid.uuid4().hex[:10].upper()}",
        burgerservicenummer=burgerservicenummer,
        gemeentecode=gemeentecode,
        adresseerbaar_object_identificatie=adresseerbaar_object_identificatie,
        kenteken=kenteken,
        ingangsdatum=ingangsdatum,
    )
    session.add(row)
    session.flush()
    return row
