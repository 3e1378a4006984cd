"""Inputs, outputs and state of the zaak of a case (`ZaakRegistration`, `zaak.sync`)."""

from enum import StrEnum

from pydantic import BaseModel


class ZaakStatus(StrEnum):
    """Where a case's zaak stands in the zaaksysteem."""

    PENDING = "pending"
    """Not (yet) in the zaaksysteem, or not yet known to be there."""
    REGISTERED = "registered"
    """The zaak exists and has the statuses of the last sync."""
    FAILED = "failed"
    """The zaaksysteem refused it (a 4xx): nothing is tried again (`last_error` says why)."""
    OFF = "off"
    """This deployment has no zaaksysteem (only in the API's answer, never a workflow's)."""


class ZaakInput(BaseModel):
    """Start input of `ZaakRegistration`: the case whose zaak it keeps."""

    case_id: str


class CaseChanged(BaseModel):
    """Signal input of `case_changed`: the case moved on (several coalesce into one sync)."""

    status: str | None = None


class SyncInput(BaseModel):
    """Activity input of `zaak.sync`."""

    case_id: str


class SyncResult(BaseModel):
    """Activity output of `zaak.sync`: the zaak as it now stands.

    Attributes:
        url: The zaak's URL in the Zaken API.
        identificatie: Its identificatie (the case id).
        statuses_synced: How many statuses the zaak has.
        closed: The case has ended and the zaak has its resultaat and eindstatus.
    """

    url: str
    identificatie: str
    statuses_synced: int
    closed: bool


class ZaakState(BaseModel):
    """The `zaak` query: where the case's zaak stands (`GET /v1/cases/{id}` shows it)."""

    status: ZaakStatus = ZaakStatus.PENDING
    url: str | None = None
    identificatie: str
    statuses_synced: int = 0
    last_error: str | None = None
