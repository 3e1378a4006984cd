"""ZGW tables: the catalogue (catalogus, zaaktypen, statustypen, resultaattypen) and the zaken
with their statussen and resultaten.

Every resource is keyed by its `uuid`; its URL is built from the request's base URL when it is
answered, as Open Zaak does. The catalogue is seeded (`registries_mock.zgw.catalogue`); zaken,
statussen and resultaten are made by cases only.
"""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from registries_mock.db import NOT_SEEDED, MockModel


class ZgwCatalogus(MockModel, table=True):
    """A catalogue of zaaktypen of one organisation (RSIN)."""

    __tablename__ = "zgw_catalogus"
    __table_args__ = {"info": {NOT_SEEDED: True}}

    uuid: str = Field(primary_key=True, max_length=36)
    domein: str = Field(max_length=5)
    rsin: str = Field(max_length=9)
    naam: str
    contactpersoon_beheer_naam: str


class ZgwZaakType(MockModel, table=True):
    """A published zaaktype."""

    __tablename__ = "zgw_zaaktype"
    __table_args__ = {"info": {NOT_SEEDED: True}}

    uuid: str = Field(primary_key=True, max_length=36)
    catalogus_uuid: str = Field(foreign_key="zgw_catalogus.uuid", max_length=36)
    identificatie: str = Field(index=True, max_length=50)
    omschrijving: str = Field(max_length=80)
    doel: str
    aanleiding: str
    onderwerp: str = Field(max_length=80)
    handeling_initiator: str = Field(max_length=20)
    handeling_behandelaar: str = Field(max_length=20)
    doorlooptijd: str
    begin_geldigheid: date


class ZgwStatusType(MockModel, table=True):
    """A status of a zaaktype; the one with the highest `volgnummer` is the eindstatus."""

    __tablename__ = "zgw_statustype"
    __table_args__ = {"info": {NOT_SEEDED: True}}

    uuid: str = Field(primary_key=True, max_length=36)
    zaaktype_uuid: str = Field(foreign_key="zgw_zaaktype.uuid", index=True, max_length=36)
    omschrijving: str = Field(max_length=80)
    omschrijving_generiek: str = Field(max_length=80)
    volgnummer: int


class ZgwResultaatType(MockModel, table=True):
    """A result a zaak of a zaaktype can end with."""

    __tablename__ = "zgw_resultaattype"
    __table_args__ = {"info": {NOT_SEEDED: True}}

    uuid: str = Field(primary_key=True, max_length=36)
    zaaktype_uuid: str = Field(foreign_key="zgw_zaaktype.uuid", index=True, max_length=36)
    omschrijving: str = Field(max_length=30)
    toelichting: str


class ZgwZaak(MockModel, table=True):
    """A zaak; `identificatie` is unique within its `bronorganisatie`."""

    __tablename__ = "zgw_zaak"
    __table_args__ = (
        UniqueConstraint("bronorganisatie", "identificatie"),
        {"info": {NOT_SEEDED: True}},
    )

    uuid: str = Field(primary_key=True, max_length=36)
    identificatie: str = Field(index=True, max_length=40)
    bronorganisatie: str = Field(max_length=9)
    verantwoordelijke_organisatie: str = Field(max_length=9)
    zaaktype_uuid: str = Field(foreign_key="zgw_zaaktype.uuid", max_length=36)
    omschrijving: str = ""
    toelichting: str = ""
    registratiedatum: date
    startdatum: date
    einddatum: date | None = None
    vertrouwelijkheidaanduiding: str
    laatst_gemuteerd: datetime
    status_uuid: str | None = Field(default=None, max_length=36)
    resultaat_uuid: str | None = Field(default=None, max_length=36)


class ZgwStatus(MockModel, table=True):
    """A status set on a zaak."""

    __tablename__ = "zgw_status"
    __table_args__ = {"info": {NOT_SEEDED: True}}

    uuid: str = Field(primary_key=True, max_length=36)
    zaak_uuid: str = Field(foreign_key="zgw_zaak.uuid", index=True, max_length=36)
    statustype_uuid: str = Field(foreign_key="zgw_statustype.uuid", max_length=36)
    datum_status_gezet: datetime
    statustoelichting: str = ""
    rang: int
    """Order of creation within the zaak (ties of `datum_status_gezet`)."""


class ZgwResultaat(MockModel, table=True):
    """The result of a zaak (one per zaak)."""

    __tablename__ = "zgw_resultaat"
    __table_args__ = {"info": {NOT_SEEDED: True}}

    uuid: str = Field(primary_key=True, max_length=36)
    zaak_uuid: str = Field(foreign_key="zgw_zaak.uuid", unique=True, max_length=36)
    resultaattype_uuid: str = Field(foreign_key="zgw_resultaattype.uuid", max_length=36)
    toelichting: str = ""
