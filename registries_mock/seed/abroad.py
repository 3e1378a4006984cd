"""The seeded people who already emigrated, added to the generated population when it loads.

They are a separate, additional step (`abroad_rows`), so the generated population and its
pinned digests do not change: each keeps the BAG object of their last Dutch address (the
first dwelling of that municipality in the population), lives abroad since their departure
and is registered in the RNI (`1999`); no other registry keeps an address of theirs.
"""

import hashlib
import json
from typing import Any

from registries_mock.brp.buitenland import RNI
from registries_mock.seed_data.abroad import ABROAD

_PERSON_FIELDS = ("burgerservicenummer", "voornamen", "voorvoegsel", "geslachtsnaam", "geslacht")


def _first_dwelling(rows: dict[str, list[dict[str, Any]]], gemeentecode: str) -> str:
    return next(
        str(o["identificatie"])
        for o in rows["bag_verblijfsobject"]
        if o["gemeentecode"] == gemeentecode and "woonfunctie" in o["gebruiksdoelen"]
    )


def abroad_rows(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The BRP rows of the seeded emigrants, given the generated population's rows.

    Args:
        rows: The generated population's rows by table name.

    Returns:
        Rows for `brp_persoon` and `brp_verblijf_buitenland`.
    """
    personen: list[dict[str, Any]] = []
    buitenland: list[dict[str, Any]] = []
    for person in ABROAD:
        gemeente = str(person["laatste_gemeente"])
        personen.append(
            {
                **{k: person[k] for k in _PERSON_FIELDS},
                "geboortedatum": person["geboortedatum"],
                "adresseerbaar_object_identificatie": _first_dwelling(rows, gemeente),
                "datum_aanvang_adreshouding": person["geboortedatum"],
                "gemeente_van_inschrijving": RNI,
                "in_onderzoek": False,
                "datum_ingang_onderzoek": None,
                "geheimhouding_persoonsgegevens": False,
            }
        )
        buitenland.append(
            {
                "burgerservicenummer": person["burgerservicenummer"],
                "land": person["land"],
                "regel1": person["regel1"],
                "regel2": person["regel2"],
                "regel3": person["regel3"],
                "datum_vertrek": person["datum_vertrek"],
                "vorige_gemeente": gemeente,
            }
        )
    return {"brp_persoon": personen, "brp_verblijf_buitenland": buitenland}


def abroad_digest(rows: dict[str, list[dict[str, Any]]]) -> str:
    """SHA-256 of the emigrants' rows in canonical JSON: a fingerprint of the addition."""
    canonical = json.dumps(abroad_rows(rows), sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
