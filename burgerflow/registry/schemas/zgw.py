"""Wire types of the ZGW Zaken API 1.5.1 and Catalogi API 1.3.1, the subset burgerflow uses.

The response models read what Open Zaak sends: the fields burgerflow needs, everything else
ignored. The request models are what burgerflow sends (and what the mock accepts). Resources
refer to each other by URL (`zaak`, `zaaktype`, `statustype`, ...); `uuid` is the last part of
a resource's own `url`.
"""

from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

ZAKEN_API_VERSION = "1.5.1"
"""The Zaken API version burgerflow speaks (and the mock answers in `API-version`)."""
CATALOGI_API_VERSION = "1.3.1"
"""The Catalogi API version burgerflow speaks."""
CRS = "EPSG:4326"
"""The one coordinate reference system of the Zaken API (`Accept-Crs`, `Content-Crs`)."""
DUPLICATE_IDENTIFICATIE = "identificatie-niet-uniek"
"""Open Zaak's `invalidParams` code for a zaak whose `identificatie` exists already."""
RESULTAAT_MISSING = "resultaat-does-not-exist"
"""Open Zaak's code for an eindstatus set on a zaak without a resultaat."""


class ZgwModel(BaseModel):
    """Base of the ZGW wire models: camelCase on the wire, unknown fields ignored."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")


class ZgwRequest(BaseModel):
    """Base of the ZGW request bodies: camelCase on the wire, unknown fields rejected."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


ItemT = TypeVar("ItemT", bound=BaseModel)


class Page(ZgwModel, Generic[ItemT]):
    """A page of a ZGW list (`count`, `next`, `previous`, `results`)."""

    count: int
    next: str | None = None
    previous: str | None = None
    results: list[ItemT]


class InvalidParam(ZgwModel):
    """One entry of a 400's `invalidParams`."""

    name: str
    code: str
    reason: str


class Fout(ZgwModel):
    """A ZGW problem body (`Fout`, and `ValidatieFout` with `invalidParams`)."""

    type: str | None = None
    code: str
    title: str
    status: int
    detail: str
    instance: str
    invalid_params: list[InvalidParam] = Field(default_factory=list)


# Catalogi


class Catalogus(ZgwModel):
    """A catalogue of zaaktypen."""

    url: str
    domein: str
    rsin: str
    naam: str = ""


class ZaakType(ZgwModel):
    """A zaaktype: what kind of zaak, with its statustypen and resultaattypen."""

    url: str
    identificatie: str = ""
    omschrijving: str
    catalogus: str
    concept: bool = False
    begin_geldigheid: date
    einde_geldigheid: date | None = None
    statustypen: list[str] = Field(default_factory=list)
    resultaattypen: list[str] = Field(default_factory=list)


class StatusType(ZgwModel):
    """One status a zaak of a zaaktype can have; the highest `volgnummer` is the eindstatus."""

    url: str
    omschrijving: str
    omschrijving_generiek: str = ""
    zaaktype: str
    volgnummer: int
    is_eindstatus: bool = False


class ResultaatType(ZgwModel):
    """One result a zaak of a zaaktype can end with."""

    url: str
    omschrijving: str
    zaaktype: str


# Zaken


class ZaakCreate(ZgwRequest):
    """`POST /zaken`: the fields burgerflow sets on a new zaak."""

    identificatie: str = Field(max_length=40)
    bronorganisatie: str = Field(pattern=r"^[0-9]{9}$")
    verantwoordelijke_organisatie: str = Field(pattern=r"^[0-9]{9}$")
    zaaktype: str = Field(max_length=1000)
    omschrijving: str = Field(default="", max_length=80)
    toelichting: str = Field(default="", max_length=1000)
    registratiedatum: date | None = None
    startdatum: date
    vertrouwelijkheidaanduiding: str | None = None


class Zaak(ZgwModel):
    """A zaak as the Zaken API answers it."""

    url: str
    uuid: str
    identificatie: str
    bronorganisatie: str
    zaaktype: str
    startdatum: date
    einddatum: date | None = None
    status: str | None = None
    resultaat: str | None = None


class StatusCreate(ZgwRequest):
    """`POST /statussen`: a status set on a zaak."""

    zaak: str
    statustype: str
    datum_status_gezet: datetime
    statustoelichting: str = Field(default="", max_length=1000)


class Status(ZgwModel):
    """A status of a zaak."""

    url: str
    uuid: str
    zaak: str
    statustype: str
    datum_status_gezet: datetime
    statustoelichting: str = ""
    indicatie_laatst_gezette_status: bool = False


class ResultaatCreate(ZgwRequest):
    """`POST /resultaten`: the result of a zaak."""

    zaak: str
    resultaattype: str
    toelichting: str = Field(default="", max_length=1000)


class Resultaat(ZgwModel):
    """The result of a zaak."""

    url: str
    uuid: str
    zaak: str
    resultaattype: str
    toelichting: str = ""
