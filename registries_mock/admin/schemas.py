"""Admin API wire models.

`AdresCreate` and `PersoonCreate` use camelCase like the registries; the operational shapes
(`EffectPublic`, `FaultCreate`, `FaultPublic`, `ResetPublic`) use snake_case.
"""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from burgerflow.registry.schemas.common import POSTCODE_PATTERN, Bsn, Gemeentecode, RequestModel
from burgerflow.registry.schemas.landen import LANDEN, NEDERLAND
from burgerflow.registry.schemas.toeslagen import ToeslagSoort


class AdresCreate(RequestModel):
    """An addressable object with its address, created or replaced in BAG.

    Attributes:
        adresseerbaar_object_identificatie: `GGGG01NNNNNNNNNN`.
        nummeraanduiding_identificatie: `GGGG20NNNNNNNNNN`.
        openbare_ruimte_naam: Street name.
        huisnummer: House number.
        huisletter: House letter, if any.
        huisnummertoevoeging: House number addition, if any.
        postcode: `1011AA` form.
        woonplaats_naam: Place name.
        gemeentecode: Must equal the object identifier's first four digits; derived when
            omitted.
        gebruiksdoelen: Use purposes, e.g. `["woonfunctie"]`.
        oppervlakte: Floor area in m².
        status: BAG status.
        in_onderzoek: Whether under investigation.
    """

    adresseerbaar_object_identificatie: Annotated[str, Field(pattern=r"^[0-9]{4}01[0-9]{10}$")]
    nummeraanduiding_identificatie: Annotated[str, Field(pattern=r"^[0-9]{4}20[0-9]{10}$")]
    openbare_ruimte_naam: Annotated[str, Field(min_length=1, max_length=80)]
    huisnummer: Annotated[int, Field(ge=1, le=99999)]
    huisletter: Annotated[str | None, Field(pattern=r"^[a-zA-Z]$")] = None
    huisnummertoevoeging: Annotated[str | None, Field(pattern=r"^[0-9a-zA-Z]{1,4}$")] = None
    postcode: Annotated[str, Field(pattern=POSTCODE_PATTERN)]
    woonplaats_naam: Annotated[str, Field(min_length=1, max_length=80)]
    gemeentecode: Gemeentecode | None = None
    gebruiksdoelen: Annotated[list[str], Field(min_length=1)] = ["woonfunctie"]
    oppervlakte: Annotated[int, Field(ge=1, le=999999)]
    status: str = "Verblijfsobject in gebruik"
    in_onderzoek: bool = False

    @field_validator("gemeentecode")
    @classmethod
    def _gemeentecode_matches(cls, value: str | None, info: ValidationInfo) -> str | None:
        object_id = info.data.get("adresseerbaar_object_identificatie")
        if value is not None and object_id is not None and object_id[:4] != value:
            raise PydanticCustomError(
                "gemeentecode",
                "Gemeentecode is niet gelijk aan de eerste vier cijfers van de identificatie.",
            )
        return value

    @model_validator(mode="after")
    def _derive_gemeentecode(self) -> "AdresCreate":
        if self.gemeentecode is None:
            self.gemeentecode = self.adresseerbaar_object_identificatie[:4]
        return self


class NaamCreate(RequestModel):
    """A person's name."""

    voornamen: str | None = None
    voorvoegsel: str | None = None
    geslachtsnaam: Annotated[str, Field(min_length=1, max_length=200)]


class GeboorteCreate(RequestModel):
    """A person's birth."""

    datum: date


def _bsn_to_partner(value: Any) -> Any:
    return {"burgerservicenummer": value} if isinstance(value, str) else value


class PartnerCreate(RequestModel):
    """A partner: `H` (huwelijk, the default) or `P` (geregistreerd partnerschap)."""

    burgerservicenummer: Bsn
    soort_verbintenis: Literal["H", "P"] = "H"


class GezagCreate(RequestModel):
    """Custody over a minor: joint (`ouders`, two BSNs) or sole (`ouder`, or one in `ouders`)."""

    type: Literal["GezamenlijkOuderlijkGezag", "EenhoofdigOuderlijkGezag"]
    minderjarige: Bsn
    ouders: Annotated[list[Bsn], Field(max_length=2)] = []
    ouder: Bsn | None = None

    @model_validator(mode="after")
    def _holders(self) -> "GezagCreate":
        holders = self.holders
        if self.type == "GezamenlijkOuderlijkGezag" and len(holders) != 2:
            raise ValueError("GezamenlijkOuderlijkGezag heeft precies twee ouders.")
        if self.type == "EenhoofdigOuderlijkGezag" and len(holders) != 1:
            raise ValueError("EenhoofdigOuderlijkGezag heeft precies een ouder.")
        return self

    @property
    def holders(self) -> list[str]:
        """The custodial parents' BSNs."""
        return list(dict.fromkeys([*([self.ouder] if self.ouder else []), *self.ouders]))


class VerblijfplaatsBuitenlandCreate(RequestModel):
    """Where a person who emigrated lives abroad: the country and the address lines.

    Attributes:
        land: ISO 3166-1 alpha-2 code of the country (not `NL`).
        regel1: First address line.
        regel2: Second line, if any.
        regel3: Third line, if any.
        datum_van: Since when (the day of deregistration); the day of the request when
            omitted.
    """

    land: str
    regel1: Annotated[str, Field(min_length=1, max_length=40)]
    regel2: Annotated[str | None, Field(max_length=50)] = None
    regel3: Annotated[str | None, Field(max_length=35)] = None
    datum_van: date | None = None

    @field_validator("land")
    @classmethod
    def _land(cls, value: str) -> str:
        code = value.upper()
        if code not in LANDEN or code == NEDERLAND:
            raise PydanticCustomError(
                "land", "Land is geen ISO 3166-1 alpha-2 landcode buiten Nederland."
            )
        return code


class OverlijdenAdminCreate(RequestModel):
    """A death BRP already records: the day and, optionally, the municipality of death."""

    datum: date
    plaats: Gemeentecode | None = None


class PersoonCreate(RequestModel):
    """One person, created (or replaced) across every registry at once.

    Creates the BRP record with its relations and custody, the Belastingdienst's address,
    benefits (Toeslagen), student finance (DUO), `voertuigen` vehicles with generated
    kentekens (RDW), municipal taxes at the address's municipality (adults unless
    `belastingplichtig` says otherwise) and, with `parkeervergunning`, a permit tied to the
    address. Related persons need not exist (yet). With `verblijfplaatsBuitenland` the person
    has emigrated: BRP shows them abroad (`VerblijfplaatsBuitenland`, `opschortingBijhouding`
    `E`), no longer living at the address, and they owe no municipal taxes unless
    `belastingplichtig` says so. With `overlijden` BRP records the person as deceased
    (`opschortingBijhouding` `O`); a search then leaves them out.
    """

    burgerservicenummer: Bsn
    naam: NaamCreate
    geboorte: GeboorteCreate
    geslacht: Literal["M", "V", "O"] = "O"
    adresseerbaar_object_identificatie: Annotated[str, Field(pattern=r"^[0-9]{16}$")]
    datum_aanvang_adreshouding: date | None = None
    partners: list[Annotated[PartnerCreate, BeforeValidator(_bsn_to_partner)]] = []
    kinderen: list[Bsn] = []
    ouders: Annotated[list[Bsn], Field(max_length=2)] = []
    gezag: list[GezagCreate] = []
    toeslagen: list[ToeslagSoort] = []
    studiefinanciering: bool = False
    voertuigen: Annotated[int, Field(ge=0, le=10)] = 0
    parkeervergunning: bool = False
    in_onderzoek: bool = False
    geheimhouding_persoonsgegevens: bool = False
    belastingplichtig: bool | None = None
    verblijfplaats_buitenland: VerblijfplaatsBuitenlandCreate | None = None
    overlijden: OverlijdenAdminCreate | None = None


class EffectPublic(BaseModel):
    """One row of the effects ledger (one per idempotency key and registry)."""

    model_config = ConfigDict(from_attributes=True)

    registry: str
    operation: str
    subject: str
    idempotency_key: str
    received: int
    applied_at: datetime


class FaultCreate(BaseModel):
    """Fault settings for one registry or `*` (all); zero rate and latency clear them.

    `seed` (optional) reseeds the random source so that a test can replay a sequence.
    """

    model_config = ConfigDict(extra="forbid")

    registry: Literal[
        "brp",
        "bag",
        "belastingdienst",
        "toeslagen",
        "duo",
        "rdw",
        "gemeente",
        "berichtenbox",
        "burgerlijke_stand",
        "zgw",
        "*",
    ]
    error_rate: Annotated[float, Field(ge=0, le=1)] = 0.0
    latency_ms: Annotated[int, Field(ge=0, le=60_000)] = 0
    seed: int | None = None


class FaultPublic(BaseModel):
    """An active fault setting."""

    registry: str
    error_rate: float
    latency_ms: int


class ResetPublic(BaseModel):
    """Result of a reset: the seeded population's size and how long it took."""

    personen: int
    adressen: int
    duration_ms: int
