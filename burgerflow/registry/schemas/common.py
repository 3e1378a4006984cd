"""Wire types shared by several registries, by the mocks and by `burgerflow.registry.client`.

Wire models use snake_case attributes with camelCase aliases (the names on the wire) and
accept either on input (`populate_by_name`). This module depends on pydantic only, so that
workflow code can import the client's models without pulling in the mocks' database layer.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, AliasChoices, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from burgerflow.core.bsn import is_valid_bsn

_MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _check_bsn(value: str) -> str:
    if not is_valid_bsn(value):
        # The reason keeps to the BRP specification's pattern (letters, digits, `.` and `,`).
        raise PydanticCustomError("bsn", "Waarde is geen geldig burgerservicenummer.")
    return value


Bsn = Annotated[str, Field(pattern=r"^[0-9]{9}$"), AfterValidator(_check_bsn)]
"""A burgerservicenummer: nine digits (400 `pattern` otherwise) passing the 11-proef
(400 `bsn` otherwise)."""

ObjectId = Annotated[str, Field(pattern=r"^[0-9]{16}$")]
"""A BAG identifier: 16 digits `GGGGTTNNNNNNNNNN` (gemeentecode, object type, number)."""

Gemeentecode = Annotated[str, Field(pattern=r"^[0-9]{4}$")]
"""A four-digit CBS municipality code, e.g. `0363` for Amsterdam."""

POSTCODE_PATTERN = r"^[1-9][0-9]{3}[A-Z]{2}$"


class WireModel(BaseModel):
    """Base of the wire models: camelCase on the wire, snake_case in Python."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class RequestModel(WireModel):
    """Base of request bodies: unknown properties are rejected (400 `unknownParam`)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class Operation(StrEnum):
    """Names of the mutations, as recorded in the effects ledger (`operation`)."""

    ADRESWIJZIGING = "adreswijziging"
    BELASTING_BEEINDIGEN = "belasting_beeindigen"
    BELASTING_STARTEN = "belasting_starten"
    PARKEERVERGUNNING_BEEINDIGEN = "parkeervergunning_beeindigen"
    BERICHT_BEZORGEN = "bericht_bezorgen"
    EMIGRATIE = "emigratie"
    OVERLIJDEN = "overlijden"
    OVERLIJDENSMELDING = "overlijdensmelding"
    AKTE_VAN_OVERLIJDEN = "akte_van_overlijden"
    VERLOF = "verlof"
    UITVAARTBERICHT = "uitvaartbericht"


class InvalidParam(BaseModel):
    """One parameter at fault in a 400 response.

    The specifications require none of the properties, so a real registry's body may lack
    any of them; the mocks always send `name`, `code` and `reason`.
    """

    type: str | None = None
    name: str | None = None
    code: str | None = None
    reason: str | None = None


class Problem(WireModel):
    """An `application/problem+json` error body (RFC 7807).

    Reads both spellings of the parameters at fault: `invalidParams` (Haal Centraal, BRP)
    and `invalid-params` (BAG Individuele Bevragingen v2); writes `invalidParams`.
    Properties it does not know are ignored.
    """

    type: str | None = None
    title: str | None = None
    status: int | None = None
    detail: str | None = None
    instance: str | None = None
    code: str | None = None
    invalid_params: list[InvalidParam] | None = Field(
        default=None,
        validation_alias=AliasChoices("invalidParams", "invalid-params", "invalid_params"),
        serialization_alias="invalidParams",
    )


class Waardetabel(WireModel):
    """A coded value with its description, e.g. `{"code": "V", "omschrijving": "vrouw"}`."""

    code: str
    omschrijving: str | None = None


class Datum(WireModel):
    """A Haal Centraal date: `{"type": "Datum", "datum": "1990-04-01", "langFormaat": ...}`."""

    type: str = "Datum"
    datum: date | None = None
    lang_formaat: str | None = None

    @classmethod
    def of(cls, value: date) -> "Datum":
        """The complete date `value`, with its long Dutch form (`1 april 1990`)."""
        return cls(
            datum=value, lang_formaat=f"{value.day} {_MAANDEN[value.month - 1]} {value.year}"
        )


class BsnQuery(RequestModel):
    """Body of the `.../zoeken` look-ups: the BSN travels in the body, never in a URL."""

    burgerservicenummer: Bsn


class AdreswijzigingCreate(RequestModel):
    """An address change: BRP registers it; Belastingdienst, Toeslagen, DUO and RDW are notified.

    Attributes:
        burgerservicenummer: The person who moves.
        adresseerbaar_object_identificatie: The BAG object of the new address.
        datum_aanvang_adreshouding: The move date.
    """

    burgerservicenummer: Bsn
    adresseerbaar_object_identificatie: ObjectId
    datum_aanvang_adreshouding: date


class AdresKopie(WireModel):
    """The address of a person as a registry other than BRP knows it.

    Attributes:
        adresseerbaar_object_identificatie: BAG object identifier.
        straatnaam: Street name.
        huisnummer: House number.
        huisletter: House letter, if any.
        huisnummertoevoeging: House number addition, if any.
        postcode: Postcode, e.g. `1011AA`.
        woonplaats: Place name.
        gemeentecode: Municipality of the address.
        datum_aanvang_adreshouding: Since when the person lives there.
        gewijzigd_op: When an address change last reached this registry (None: never).
    """

    adresseerbaar_object_identificatie: str
    straatnaam: str
    huisnummer: int
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    postcode: str
    woonplaats: str
    gemeentecode: str
    datum_aanvang_adreshouding: date | None = None
    gewijzigd_op: datetime | None = None


class AdreswijzigingOntvangst(WireModel):
    """Receipt of an address-change notification (Belastingdienst, Toeslagen, DUO, RDW).

    Attributes:
        id: Receipt identifier.
        registratie: The registry that processed it (`belastingdienst`, `toeslagen`, ...).
        burgerservicenummer: The person.
        adresseerbaar_object_identificatie: The new address's BAG object.
        datum_aanvang_adreshouding: The move date.
        ontvangen_op: When the registry applied it.
    """

    id: str
    registratie: str
    burgerservicenummer: str
    adresseerbaar_object_identificatie: str
    datum_aanvang_adreshouding: date
    ontvangen_op: datetime
