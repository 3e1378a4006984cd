"""Burgerlijke stand wire models: the deed of death, the disposal permit, messages to undertakers.

The municipality's civil registry (a mock of its own system, `/burgerlijke-stand/api`): the
registrar (ambtenaar van de burgerlijke stand) draws up the deed of death (akte van
overlijden) and issues the permit for burial or cremation (verlof tot begraven of cremeren),
each with a number; the municipality sends the undertaker the numbers through its outbox for
organisations. A person has one deed of death and a deed one permit: asking again, with any
key, answers the one already made.
"""

from datetime import date, datetime, time
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from burgerflow.registry.schemas.common import (
    Bsn,
    Gemeentecode,
    RequestModel,
    Waardetabel,
    WireModel,
)


class DisposalKind(StrEnum):
    """How the body is laid to rest."""

    BEGRAVEN = "begraven"
    CREMEREN = "cremeren"


class AkteVanOverlijdenCreate(RequestModel):
    """A deed of death to draw up.

    Attributes:
        burgerservicenummer: The deceased.
        geslachtsnaam: Their surname, as reported.
        geboortedatum: Their date of birth, as reported.
        datum_overlijden: The day of death.
        tijdstip_overlijden: The time of death, when reported.
        gemeente_overlijden: Where they died (gemeentecode): the municipality that draws up
            the deed.
    """

    burgerservicenummer: Bsn
    geslachtsnaam: Annotated[str, Field(min_length=1, max_length=200)]
    geboortedatum: date
    datum_overlijden: date
    tijdstip_overlijden: time | None = None
    gemeente_overlijden: Gemeentecode


class AkteVanOverlijdenPublic(WireModel):
    """A deed of death drawn up.

    Attributes:
        aktenummer: Its number, e.g. `0363-2026-O-0001` (municipality, year, register, rank).
        burgerservicenummer: The deceased.
        geslachtsnaam: Their surname.
        geboortedatum: Their date of birth.
        datum_overlijden: The day of death.
        tijdstip_overlijden: The time of death, when known.
        gemeente: The municipality whose register holds it.
        opgemaakt_op: When it was drawn up.
    """

    aktenummer: str
    burgerservicenummer: str
    geslachtsnaam: str
    geboortedatum: date
    datum_overlijden: date
    tijdstip_overlijden: time | None = None
    gemeente: Waardetabel
    opgemaakt_op: datetime


class AktenVanOverlijdenPublic(WireModel):
    """The deeds of death of a person (one at most)."""

    burgerservicenummer: str
    akten: list[AkteVanOverlijdenPublic] = []


class VerlofCreate(RequestModel):
    """A permit for burial or cremation to issue on a deed.

    Attributes:
        aktenummer: The deed of death.
        soort: `begraven` or `cremeren`.
        datum: The day of the burial or cremation.
    """

    aktenummer: Annotated[str, Field(min_length=1, max_length=40)]
    soort: DisposalKind
    datum: date


class VerlofPublic(WireModel):
    """A permit for burial or cremation (verlof tot begraven of cremeren).

    Attributes:
        verlofnummer: Its number, e.g. `0363-2026-V-0001`.
        aktenummer: The deed it was issued on.
        burgerservicenummer: The deceased.
        soort: `begraven` or `cremeren`.
        datum: The day of the burial or cremation.
        afgegeven_op: When it was issued.
    """

    verlofnummer: str
    aktenummer: str
    burgerservicenummer: str
    soort: DisposalKind
    datum: date
    afgegeven_op: datetime


class UitvaartberichtCreate(RequestModel):
    """A message to an undertaker, in the municipality's outbox for organisations.

    Attributes:
        ontvanger: The undertaker (their eHerkenning organisation, or the reporting
            service's id).
        burgerservicenummer: The deceased the message is about.
        onderwerp: Subject line.
        inhoud: Body text.
        aktenummer: The deed of death, when drawn up.
        verlofnummer: The disposal permit, when issued.
    """

    ontvanger: Annotated[str, Field(min_length=1, max_length=200)]
    burgerservicenummer: Bsn
    onderwerp: Annotated[str, Field(min_length=1, max_length=200)]
    inhoud: Annotated[str, Field(min_length=1, max_length=20000)]
    aktenummer: str | None = None
    verlofnummer: str | None = None


class UitvaartberichtPublic(WireModel):
    """A message delivered to an undertaker."""

    id: str
    ontvanger: str
    burgerservicenummer: str
    onderwerp: str
    inhoud: str
    aktenummer: str | None = None
    verlofnummer: str | None = None
    bezorgd_op: datetime


class UitvaartberichtOntvangst(WireModel):
    """Receipt of a message to an undertaker; `id` is the message's id."""

    id: str
    ontvanger: str
    aktenummer: str | None = None
    verlofnummer: str | None = None
    bezorgd_op: datetime


class OntvangerQuery(RequestModel):
    """Body of `POST .../uitvaartberichten/zoeken`: whose messages."""

    ontvanger: Annotated[str, Field(min_length=1, max_length=200)]


class UitvaartberichtenPublic(WireModel):
    """An undertaker's messages, newest first."""

    ontvanger: str
    berichten: list[UitvaartberichtPublic] = []
