"""Every table of the registry mocks; importing this module registers them on the metadata."""

from sqlalchemy import Table

from registries_mock.adreskopie import AdresKopieBase
from registries_mock.bag.models import Adres, Verblijfsobject
from registries_mock.belastingdienst.models import BelastingdienstAdres
from registries_mock.berichtenbox.models import Bericht
from registries_mock.brp.buitenland import VerblijfBuitenland
from registries_mock.brp.models import Gezagsrelatie, Persoon, Relatie
from registries_mock.burgerlijke_stand.models import AkteVanOverlijden, Uitvaartbericht, Verlof
from registries_mock.db import MockModel
from registries_mock.duo.models import DuoAdres, Studiefinanciering
from registries_mock.effects.models import Effect
from registries_mock.gemeente.models import Belastingplicht, Parkeervergunning
from registries_mock.rdw.models import RdwAdres, Voertuig
from registries_mock.toeslagen.models import Toeslag, ToeslagenAdres
from registries_mock.zgw.models import (
    ZgwCatalogus,
    ZgwResultaat,
    ZgwResultaatType,
    ZgwStatus,
    ZgwStatusType,
    ZgwZaak,
    ZgwZaakType,
)

ALL_TABLES: tuple[type[MockModel], ...] = (
    Verblijfsobject,
    Adres,
    Persoon,
    Relatie,
    Gezagsrelatie,
    VerblijfBuitenland,
    BelastingdienstAdres,
    Toeslag,
    ToeslagenAdres,
    Studiefinanciering,
    DuoAdres,
    Voertuig,
    RdwAdres,
    Belastingplicht,
    Parkeervergunning,
    Bericht,
    AkteVanOverlijden,
    Verlof,
    Uitvaartbericht,
    ZgwCatalogus,
    ZgwZaakType,
    ZgwStatusType,
    ZgwResultaatType,
    ZgwZaak,
    ZgwStatus,
    ZgwResultaat,
    Effect,
)
"""The table models, so that callers can refer to them without importing every folder."""

ADRES_KOPIE_TABLES: tuple[type[AdresKopieBase], ...] = (
    BelastingdienstAdres,
    ToeslagenAdres,
    DuoAdres,
    RdwAdres,
)
"""The tables in which a registry keeps its copy of a person's address."""


def sorted_tables() -> list[Table]:
    """Every mock table, parents before children (the order to create and fill them)."""
    return list(MockModel.metadata.sorted_tables)
