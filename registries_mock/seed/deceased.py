"""Persons the seed adds as already deceased, each at the home they lived in last.

A separate step after the population (`load_population` runs it): the population and its
pinned digests stay as they are, and these rows have a digest of their own. BRP records each
death (`overlijden`, `opschortingBijhouding` `O`), so a search of their address leaves them
out and a report of their death raises `already_deceased`. Their homes have object numbers
`GGGG01800000NNNN` and house numbers from 99001, apart from every other address.
"""

import functools
import hashlib
import json
from datetime import date
from typing import Any

from burgerflow.core.constants import MUNICIPALITIES
from registries_mock.seed.addresses import korte_naam
from registries_mock.seed_data.deceased import DECEASED, FIRST_HOUSE_NUMBER
from registries_mock.seed_data.registers import IN_GEBRUIK

_OBJECT_BASE = 8_000_000_000


@functools.cache
def deceased_rows() -> dict[str, list[dict[str, Any]]]:
    """The rows of the deceased and their homes, by table name."""
    rows: dict[str, list[dict[str, Any]]] = {
        "bag_verblijfsobject": [],
        "bag_adres": [],
        "brp_persoon": [],
    }
    for n, person in enumerate(DECEASED, start=1):
        code = person.gemeentecode
        number = f"{_OBJECT_BASE + n:010d}"
        object_id = f"{code}01{number}"
        rows["bag_verblijfsobject"].append(
            {
                "identificatie": object_id,
                "gemeentecode": code,
                "gebruiksdoelen": ["woonfunctie"],
                "oppervlakte": 70,
                "status": IN_GEBRUIK,
                "in_onderzoek": False,
            }
        )
        rows["bag_adres"].append(
            {
                "nummeraanduiding_identificatie": f"{code}20{number}",
                "adresseerbaar_object_identificatie": object_id,
                "openbare_ruimte_naam": person.straat,
                "korte_naam": korte_naam(person.straat),
                "huisnummer": FIRST_HOUSE_NUMBER + n - 1,
                "huisletter": None,
                "huisnummertoevoeging": None,
                "postcode": person.postcode,
                "woonplaats_naam": MUNICIPALITIES[code],
            }
        )
        rows["brp_persoon"].append(
            {
                "burgerservicenummer": person.bsn,
                "voornamen": person.voornamen,
                "voorvoegsel": person.voorvoegsel,
                "geslachtsnaam": person.geslachtsnaam,
                "geslacht": person.geslacht,
                "geboortedatum": person.geboortedatum,
                "adresseerbaar_object_identificatie": object_id,
                # They moved into their last home in the year they turned sixty.
                "datum_aanvang_adreshouding": date(person.geboortedatum.year + 60, 5, 1),
                "gemeente_van_inschrijving": code,
                "in_onderzoek": False,
                "datum_ingang_onderzoek": None,
                "geheimhouding_persoonsgegevens": False,
                "datum_overlijden": person.datum_overlijden,
                "gemeente_overlijden": code,
                "aktenummer_overlijden": None,
            }
        )
    return rows


def deceased_digest() -> str:
    """SHA-256 of the rows in canonical JSON: a fingerprint of what this step adds."""
    canonical = json.dumps(deceased_rows(), sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
