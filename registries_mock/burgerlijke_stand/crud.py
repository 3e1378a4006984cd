"""Burgerlijke stand queries and writers. Writers flush; the caller commits.

A person has one deed of death and a deed one permit: drawing up a deed again, or issuing a
permit again, answers the one already made, whatever the idempotency key. Numbers are the
municipality's, the year's and the register's: `0363-2026-O-0001` for the first deed of death
Amsterdam drew up in 2026, `0363-2026-V-0001` for the permit issued on it.
"""

import uuid
from datetime import UTC, datetime

from sqlmodel import Session, col, func, select

from burgerflow.registry.schemas.burgerlijke_stand import (
    AktenVanOverlijdenPublic,
    AkteVanOverlijdenCreate,
    AkteVanOverlijdenPublic,
    DisposalKind,
    UitvaartberichtCreate,
    UitvaartberichtenPublic,
    UitvaartberichtPublic,
    VerlofCreate,
    VerlofPublic,
)
from burgerflow.registry.schemas.common import Waardetabel
from registries_mock.brp import crud as brp_crud
from registries_mock.burgerlijke_stand.models import AkteVanOverlijden, Uitvaartbericht, Verlof
from registries_mock.problems import not_found, unprocessable

DEATHS_REGISTER = "O"
"""The register of deaths, in a deed's number."""
PERMITS = "V"
"""The permits for burial or cremation, in a permit's number."""


def akte_public(akte: AkteVanOverlijden) -> AkteVanOverlijdenPublic:
    """The wire form of a deed."""
    return AkteVanOverlijdenPublic(
        aktenummer=akte.aktenummer,
        burgerservicenummer=akte.burgerservicenummer,
        geslachtsnaam=akte.geslachtsnaam,
        geboortedatum=akte.geboortedatum,
        datum_overlijden=akte.datum_overlijden,
        tijdstip_overlijden=akte.tijdstip_overlijden,
        gemeente=Waardetabel(
            code=akte.gemeentecode, omschrijving=brp_crud.gemeentenaam(akte.gemeentecode)
        ),
        opgemaakt_op=akte.opgemaakt_op,
    )


def verlof_public(verlof: Verlof) -> VerlofPublic:
    """The wire form of a permit."""
    return VerlofPublic(
        verlofnummer=verlof.verlofnummer,
        aktenummer=verlof.aktenummer,
        burgerservicenummer=verlof.burgerservicenummer,
        soort=DisposalKind(verlof.soort),
        datum=verlof.datum,
        afgegeven_op=verlof.afgegeven_op,
    )


def akte_van(*, session: Session, burgerservicenummer: str) -> AkteVanOverlijden | None:
    """The deed of death of a person, if one was drawn up."""
    return session.exec(
        select(AkteVanOverlijden).where(
            AkteVanOverlijden.burgerservicenummer == burgerservicenummer
        )
    ).first()


def akten(*, session: Session, burgerservicenummer: str) -> AktenVanOverlijdenPublic:
    """A person's deeds of death (none or one)."""
    akte = akte_van(session=session, burgerservicenummer=burgerservicenummer)
    return AktenVanOverlijdenPublic(
        burgerservicenummer=burgerservicenummer, akten=[akte_public(akte)] if akte else []
    )


def maak_akte(*, session: Session, body: AkteVanOverlijdenCreate) -> AkteVanOverlijden:
    """Draw up the deed of death, or answer the one the person already has.

    Raises:
        ProblemError: 422 when the day of death comes before the date of birth.
    """
    existing = akte_van(session=session, burgerservicenummer=body.burgerservicenummer)
    if existing is not None:
        return existing
    if body.datum_overlijden < body.geboortedatum:
        raise unprocessable(
            "De datum van overlijden ligt voor de geboortedatum.", code="datumOverlijden"
        )
    now = datetime.now(UTC)
    gemeente = body.gemeente_overlijden
    last = session.exec(
        select(func.max(AkteVanOverlijden.volgnummer)).where(
            AkteVanOverlijden.gemeentecode == gemeente, AkteVanOverlijden.jaar == now.year
        )
    ).one()
    volgnummer = (last or 0) + 1
    akte = AkteVanOverlijden(
        aktenummer=f"{gemeente}-{now.year}-{DEATHS_REGISTER}-{volgnummer:04d}",
        burgerservicenummer=body.burgerservicenummer,
        geslachtsnaam=body.geslachtsnaam,
        geboortedatum=body.geboortedatum,
        datum_overlijden=body.datum_overlijden,
        tijdstip_overlijden=body.tijdstip_overlijden,
        gemeentecode=gemeente,
        jaar=now.year,
        volgnummer=volgnummer,
        opgemaakt_op=now,
    )
    session.add(akte)
    session.flush()
    return akte


def geef_verlof(*, session: Session, body: VerlofCreate) -> Verlof:
    """Issue the permit for burial or cremation on a deed, or answer the one it has.

    Raises:
        ProblemError: 404 when there is no such deed; 422 when the day lies before the death.
    """
    akte = session.get(AkteVanOverlijden, body.aktenummer)
    if akte is None:
        raise not_found("Er is geen akte van overlijden met dit nummer.")
    existing = session.exec(select(Verlof).where(Verlof.aktenummer == akte.aktenummer)).first()
    if existing is not None:
        return existing
    if body.datum < akte.datum_overlijden:
        raise unprocessable(
            "De begrafenis of crematie ligt voor de datum van overlijden.", code="datumVerlof"
        )
    verlof = Verlof(
        verlofnummer=akte.aktenummer.replace(f"-{DEATHS_REGISTER}-", f"-{PERMITS}-"),
        aktenummer=akte.aktenummer,
        burgerservicenummer=akte.burgerservicenummer,
        soort=body.soort.value,
        datum=body.datum,
        afgegeven_op=datetime.now(UTC),
    )
    session.add(verlof)
    session.flush()
    return verlof


def bezorg_uitvaartbericht(*, session: Session, body: UitvaartberichtCreate) -> Uitvaartbericht:
    """Deliver a message to an undertaker."""
    bericht = Uitvaartbericht(
        id=str(uuid.uuid4()),
        ontvanger=body.ontvanger,
        burgerservicenummer=body.burgerservicenummer,
        onderwerp=body.onderwerp,
        inhoud=body.inhoud,
        aktenummer=body.aktenummer,
        verlofnummer=body.verlofnummer,
        bezorgd_op=datetime.now(UTC),
    )
    session.add(bericht)
    session.flush()
    return bericht


def uitvaartberichten(*, session: Session, ontvanger: str) -> UitvaartberichtenPublic:
    """An undertaker's messages, newest first."""
    rows = session.exec(
        select(Uitvaartbericht)
        .where(Uitvaartbericht.ontvanger == ontvanger)
        .order_by(col(Uitvaartbericht.bezorgd_op).desc(), col(Uitvaartbericht.id))
    ).all()
    return UitvaartberichtenPublic(
        ontvanger=ontvanger,
        berichten=[UitvaartberichtPublic.model_validate(r, from_attributes=True) for r in rows],
    )
