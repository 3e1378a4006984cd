"""Helpers for the report-of-a-death integration tests: people, reports, the undertaker."""

import uuid
from datetime import date, timedelta
from typing import Any

import httpx

from burgerflow.core.constants import Role
from tests.integration.conftest import Stack
from tests.integration.scenarios import birth_date, make_address, make_person, new_bsn

UNDERTAKER = "Uitvaartzorg De Linde"
"""The undertaker's organisation (eHerkenning) in the funeral director's token."""


def funeral_director(stack: Stack, sub: str = "fd-1") -> dict[str, str]:
    """Headers of a funeral director of `UNDERTAKER`."""
    return stack.headers(Role.FUNERAL_DIRECTOR, sub=sub, organisation=UNDERTAKER)


def death_body(
    bsn: str,
    *,
    age: int = 80,
    surname: str = "Proef",
    born: date | None = None,
    died: date | None = None,
    place: str = "0363",
    manner: str = "natural",
    documents: dict[str, bool] | None = None,
    disposal: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The `POST /v1/life-events` body of a death, yesterday, cremation in three days."""
    day = died or date.today() - timedelta(days=1)
    return {
        "type": "death",
        "bsn": bsn,
        "deceased": {
            "geslachtsnaam": surname,
            "geboortedatum": (born or birth_date(age)).isoformat(),
        },
        "date_of_death": day.isoformat(),
        "place_of_death": place,
        "manner": manner,
        "documents": documents
        if documents is not None
        else {"verklaring_van_overlijden": manner == "natural",
              "verklaring_van_geen_bezwaar": manner != "natural"},
        "disposal": disposal or {"kind": "cremeren", "date": (day + timedelta(days=3)).isoformat()},
    }  # fmt: skip


async def report_death(
    stack: Stack,
    body: dict[str, Any],
    *,
    headers: dict[str, str] | None = None,
    key: str | None = None,
) -> httpx.Response:
    """POST a report of a death (as the funeral director unless `headers` say otherwise)."""
    return await stack.api.post(
        "/v1/life-events",
        json=body,
        headers={
            **(headers or funeral_director(stack)),
            "Idempotency-Key": key or str(uuid.uuid4()),
        },
    )


async def couple(stack: Stack, gemeentecode: str = "0599", **fields: Any) -> tuple[str, str, str]:
    """A married couple at one home: (the one who dies, their spouse, the home's object id)."""
    home = await make_address(stack.admin, gemeentecode=gemeentecode)
    who, spouse = new_bsn(), new_bsn()
    await make_person(stack.admin, home, bsn=who, age=80, partners=[spouse], **fields)
    await make_person(stack.admin, home, bsn=spouse, age=78, voornaam="Riet", partners=[who])
    return who, spouse, home["adresseerbaarObjectIdentificatie"]


async def alone(stack: Stack, gemeentecode: str = "0363", **fields: Any) -> str:
    """Someone living alone."""
    home = await make_address(stack.admin, gemeentecode=gemeentecode)
    return await make_person(stack.admin, home, age=80, **fields)
