"""Scenario builders over the mocks' `_admin` API: fresh persons and addresses per test."""

import itertools
import random
from datetime import date, timedelta
from typing import Any

from burgerflow.core.bsn import bsn_check_digit
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import AdresCreate, PersoonCreate

_rng = random.Random()
_serial = itertools.count(_rng.randrange(1, 5_000_000))
_POSTCODE_LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"


def new_bsn() -> str:
    """A BSN that passes the 11-proef, in the range kept free for tests (99995-99998)."""
    while True:
        n = next(_serial)
        prefix = f"9999{5 + n % 4}{(n // 4) % 1000:03d}"
        digit = bsn_check_digit(prefix)
        if digit is not None:
            return f"{prefix}{digit}"


def birth_date(age: int) -> date:
    """A date of birth that makes someone `age` today."""
    today = date.today()
    return today.replace(year=today.year - age) - timedelta(days=30)


async def make_address(
    admin: AdminClient,
    *,
    gemeentecode: str = "0363",
    oppervlakte: int = 90,
    gebruiksdoelen: list[str] | None = None,
    status: str = "Verblijfsobject in gebruik",
    in_onderzoek: bool = False,
) -> dict[str, Any]:
    """Create an address and its object; returns the admin body (with `postcode`, `huisnummer`)."""
    n = next(_serial)
    city = {"0363": ("10", "Amsterdam"), "0599": ("30", "Rotterdam"), "0344": ("35", "Utrecht")}
    digits, woonplaats = city[gemeentecode]
    letters = _POSTCODE_LETTERS[n % 21] + _POSTCODE_LETTERS[(n // 21) % 21]
    body = {
        "adresseerbaarObjectIdentificatie": f"{gemeentecode}01{9_000_000_000 + n:010d}",
        "nummeraanduidingIdentificatie": f"{gemeentecode}20{9_000_000_000 + n:010d}",
        "openbareRuimteNaam": "Proefstraat",
        "huisnummer": 1000 + n % 90_000,
        "huisletter": None,
        "huisnummertoevoeging": None,
        "postcode": f"{digits}{n % 90 + 10:02d}{letters}",
        "woonplaatsNaam": woonplaats,
        "gemeentecode": gemeentecode,
        "gebruiksdoelen": gebruiksdoelen or ["woonfunctie"],
        "oppervlakte": oppervlakte,
        "status": status,
        "inOnderzoek": in_onderzoek,
    }
    await admin.create_adres(AdresCreate.model_validate(body))
    return body


async def make_person(
    admin: AdminClient,
    address: dict[str, Any],
    *,
    bsn: str | None = None,
    age: int = 35,
    voornaam: str = "Sam",
    **extra: Any,
) -> str:
    """Create a person living at `address`; `extra` sets any `_admin/personen` field."""
    bsn = bsn or new_bsn()
    body: dict[str, Any] = {
        "burgerservicenummer": bsn,
        "naam": {"voornamen": voornaam, "geslachtsnaam": "Proef"},
        "geboorte": {"datum": birth_date(age).isoformat()},
        "adresseerbaarObjectIdentificatie": address["adresseerbaarObjectIdentificatie"],
        "partners": [],
        "kinderen": [],
        "ouders": [],
        "gezag": [],
        "toeslagen": [],
        "studiefinanciering": False,
        "voertuigen": 0,
        "parkeervergunning": False,
        "inOnderzoek": False,
    }
    body.update(extra)
    await admin.create_persoon(PersoonCreate.model_validate(body))
    return bsn


def new_address_of(address: dict[str, Any]) -> dict[str, Any]:
    """The `new_address` of a report for an admin-created address."""
    return {"postcode": address["postcode"], "huisnummer": address["huisnummer"]}
