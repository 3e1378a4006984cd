"""Gemeente wire models."""

from datetime import date, datetime

from burgerflow.registry.schemas.common import Bsn, Gemeentecode, ObjectId, RequestModel, WireModel


class BelastingplichtPublic(WireModel):
    """A municipal tax liability; `status` is `lopend` or `beeindigd`."""

    aanslagnummer: str
    gemeentecode: str
    gemeentenaam: str | None = None
    adresseerbaar_object_identificatie: str | None = None
    omschrijving: str | None = None
    status: str
    ingangsdatum: date | None = None
    einddatum: date | None = None


class BelastingenPublic(WireModel):
    """A person's municipal tax liabilities, across municipalities."""

    burgerservicenummer: str
    belastingplichten: list[BelastingplichtPublic] = []


class ParkeervergunningPublic(WireModel):
    """A parking permit; `status` is `actief` or `beeindigd`."""

    vergunningnummer: str
    gemeentecode: str
    adresseerbaar_object_identificatie: str
    kenteken: str | None = None
    status: str
    ingangsdatum: date | None = None
    einddatum: date | None = None


class ParkeervergunningenPublic(WireModel):
    """A person's parking permits."""

    burgerservicenummer: str
    parkeervergunningen: list[ParkeervergunningPublic] = []


class BelastingBeeindigingCreate(RequestModel):
    """Stop the municipal taxes of a person at a municipality (after moving away)."""

    burgerservicenummer: Bsn
    gemeentecode: Gemeentecode
    einddatum: date


class BelastingAanmeldingCreate(RequestModel):
    """Start municipal taxes for a person at a municipality and object (after moving in)."""

    burgerservicenummer: Bsn
    gemeentecode: Gemeentecode
    adresseerbaar_object_identificatie: ObjectId
    ingangsdatum: date


class ParkeervergunningBeeindigingCreate(RequestModel):
    """End a parking permit."""

    burgerservicenummer: Bsn
    vergunningnummer: str
    einddatum: date


class BelastingOntvangst(WireModel):
    """Receipt of a tax stop or start, with the liabilities it ended or created."""

    id: str
    burgerservicenummer: str
    ontvangen_op: datetime
    belastingplichten: list[BelastingplichtPublic] = []


class ParkeervergunningOntvangst(WireModel):
    """Receipt of a permit ending, with the permit as it now is."""

    id: str
    burgerservicenummer: str
    ontvangen_op: datetime
    parkeervergunning: ParkeervergunningPublic
