"""What BAG registers about an object beside its use: source document, version, geometry, building.

The BAG specification requires these of every `Verblijfsobject` (`documentdatum`,
`documentnummer`, `voorkomen`, `geometrie`, `maaktDeelUitVan`) and of every `Adres`
(`openbareRuimteIdentificatie`, `woonplaatsIdentificatie`). The product reads none of them,
so the mock derives them from the identifiers and names it stores: the same object always
gets the same values, and addresses in one street share the street's identifier.
"""

import zlib
from datetime import UTC, date, datetime

from burgerflow.registry.schemas.bag import Geometrie, Punt, Voorkomen

DOCUMENTDATUM = date(2010, 6, 1)
"""The date of the (fictitious) decision every mocked object rests on."""
TIJDSTIP_REGISTRATIE = datetime(2010, 6, 1, 9, 0, tzinfo=UTC)
TIJDSTIP_REGISTRATIE_LV = datetime(2010, 6, 1, 9, 30, tzinfo=UTC)

WOONPLAATSCODES = {"Amsterdam": "3594", "Rotterdam": "3086", "Utrecht": "3295"}
"""Woonplaatscodes (woonplaatstabel) of the seed's main places; others are derived."""

# Rijksdriehoek (epsg:28992) centres of the seed's municipalities; others lie mid-country.
_CENTRES = {"0363": (121_500.0, 487_000.0), "0599": (92_500.0, 437_500.0)}
_CENTRES |= {"0344": (136_500.0, 455_800.0)}
_MIDDEN = (155_000.0, 463_000.0)


def _number(text: str, digits: int) -> int:
    checksum: int = zlib.crc32(text.encode("utf-8"))
    return int(checksum % 10**digits)


def pand_identificatie(object_id: str) -> str:
    """The building (pand, `GGGG10NNNNNNNNNN`) the object `object_id` is part of."""
    return f"{object_id[:4]}10{object_id[6:]}"


def openbare_ruimte_identificatie(gemeentecode: str, straat: str) -> str:
    """The public space (`GGGG30NNNNNNNNNN`) of a street name in a municipality."""
    return f"{gemeentecode}30{_number(f'{gemeentecode}/{straat.lower()}', 10):010d}"


def woonplaats_identificatie(woonplaats: str) -> str:
    """The four-digit woonplaatscode (1000-9999) of a place name."""
    known = WOONPLAATSCODES.get(woonplaats)
    return known if known is not None else f"{1000 + _number(woonplaats.lower(), 4) % 9000}"


def documentnummer(object_id: str) -> str:
    """The number of the decision the object rests on."""
    return f"BAG-{object_id[:4]}-{object_id[-6:]}"


def voorkomen() -> Voorkomen:
    """The object's (only) version in the registry."""
    return Voorkomen(
        versie=1,
        begin_geldigheid=DOCUMENTDATUM,
        tijdstip_registratie=TIJDSTIP_REGISTRATIE,
        tijdstip_registratie_lv=TIJDSTIP_REGISTRATIE_LV,
    )


def geometrie(object_id: str, gemeentecode: str) -> Geometrie:
    """A point for the object, within a few kilometres of its municipality's centre."""
    x, y = _CENTRES.get(gemeentecode, _MIDDEN)
    offset = _number(object_id, 6)
    return Geometrie(
        punt=Punt(
            coordinates=[x + offset % 1000 * 3.0 - 1500.0, y + offset // 1000 * 3.0 - 1500.0, 0.0]
        )
    )
